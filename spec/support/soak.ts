/**
 * Soak checks: run many operations on a structure and measure what stays on the heap.
 *
 * `npm test` runs each soak with SOAK_OPERATIONS operations: 200,000, which keeps the
 * whole suite's soaks to a few seconds. `npm run test:soak` runs only the soaks (titles
 * containing "(soak)") with 1,000,000 operations each, the figure;
 * `TXDEFER_SOAK=N` sets any other count.
 */
import { collectGarbage } from './helpers.js';

/** How many operations each soak runs. */
export const SOAK_OPERATIONS = Number((typeof process === 'object' ? process.env['TXDEFER_SOAK'] : undefined) ?? 200_000);

/**
 * Soaks cancel a waiting Deferred once every CANCEL_EVERY operations, not at each: a
 * cancellation makes a `CancelledError`, and an Error costs 7–10 µs to make on this
 * machine (its stack is captured), so a million of them would take most of a minute.
 */
export const CANCEL_EVERY = 100;

/** Cancel a waiting Deferred, its CancelledError handled first (so nothing is left to report). */
export function cancelWaiting(d: { addErrback(fn: () => undefined): unknown; cancel(): void }): void {
  d.addErrback(() => undefined);
  d.cancel();
}

/** Steps between two turns of the event loop. */
const CHUNK = 10_000;

/** What may stay on the heap after all the operations: far less than one byte per operation. */
export const FLAT_HEAP_BYTES = 4 * 1024 * 1024;

/**
 * The heap in use after full collections, once the finalisation callbacks have run: a
 * Deferred left holding an unhandled failure at the end of a job (a cancelled one nobody
 * handled, say) is registered with the unhandled-failure registry, whose record goes only
 * when its callback runs, in a later task.
 */
async function heapAfterCollection(): Promise<number> {
  await collectGarbage();
  return process.memoryUsage().heapUsed;
}

/**
 * Run `step(i)` for i from 0 to `operations - 1`, and return by how many bytes the heap
 * (collected, finalisers run) grew between the first tenth and the end: a structure
 * that keeps anything per operation grows by far more than FLAT_HEAP_BYTES.
 */
export async function heapGrowth(operations: number, step: (i: number) => void): Promise<number> {
  const warm = Math.floor(operations / 10);
  await run(0, warm, step);
  const before = await heapAfterCollection();
  await run(warm, operations, step);
  return (await heapAfterCollection()) - before;
}

/** `step(i)` for i in [from, to), letting a task turn every CHUNK steps so that finalisers keep up. */
async function run(from: number, to: number, step: (i: number) => void): Promise<void> {
  for (let i = from; i < to; i += 1) {
    step(i);
    if (i % CHUNK === CHUNK - 1) await new Promise((resolve) => setImmediate(resolve));
  }
}
