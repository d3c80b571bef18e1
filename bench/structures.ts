/**
 * The cases of issue 10's targets (`npm run bench`):
 *   - DeferredQueue with `peek` against the same queue before `peek` was added (its
 *     source file from a git ref, `TXDEFER_BENCH_BEFORE_PEEK`, on this tree's engine), on
 *     issue 3's two queue workloads, and with peeks;
 *   - DeferredQueue with one million items put, then taken: the cost per item against
 *     one hundred thousand (both ends must stay constant-time);
 *   - DeferredDict `get`/`set` against a Map of Promises (bench/promise-dict.ts);
 *   - ResizableDispatchQueue running 100,000 jobs at width 10 against p-queue at
 *     concurrency 10.
 * The rules of bench/cases.ts hold: the same work on every side, each variant returns a
 * checksum, Promise variants are awaited to completion.
 */
import type { Case, Variant } from './harness.js';
import type { TxdeferModule } from './libs.js';
import { PromiseDict } from './promise-dict.js';

/** Items (or keys, or jobs) per batch; the Promise variants await once per batch. */
const BATCH = 1000;
/** Jobs per run of the dispatch-queue case, and how many run at once. */
export const JOBS = 100_000;
export const WIDTH = 10;

const MASK = 0x3fffffff;
let consumed = 0;
function consume(value: number): void {
  consumed = (consumed + value) & MASK;
}

function maskedSumBelow(n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i += 1) sum = (sum + i) & MASK;
  return sum;
}

/** What p-queue's default export offers that the bench uses. */
export interface PQueueLike {
  add<T>(task: () => T | PromiseLike<T>): Promise<T>;
  start(): unknown;
  onIdle(): Promise<void>;
}
export type PQueueClass = new (options: { concurrency: number; autoStart: boolean }) => PQueueLike;

/** A DeferredQueue class: this tree's, or the one from before peek. */
export type QueueClass = TxdeferModule['DeferredQueue'];

/** Objects kept alive for the whole run (see `keepAlive` in bench/cases.ts). */
export const keepAliveStructures: unknown[] = [];

function ignore(_value: number): void {}

/**
 * Issue 3's two queue workloads, on any build's DeferredQueue, in batches of BATCH
 * items: getters waiting first (`putFirst` false: gets, then puts hand over), or items
 * put first (then gets take them). `peek`: one waiting peek per batch when getters wait
 * first, a peek before each get when items are put first.
 */
function queueVariant(name: string, DeferredQueue: QueueClass, peek: boolean, putFirst: boolean): Variant {
  const keep = new DeferredQueue<number>();
  keep.get().addCallback(consume);
  keepAliveStructures.push(keep);
  return {
    name,
    run(n) {
      consumed = 0;
      const queue = new DeferredQueue<number>();
      for (let done = 0; done < n; done += BATCH) {
        if (putFirst) {
          for (let i = done; i < done + BATCH; i += 1) queue.put(i);
          for (let i = 0; i < BATCH; i += 1) {
            if (peek) queue.peek();
            queue.get().addCallback(consume);
          }
        } else {
          for (let i = 0; i < BATCH; i += 1) queue.get().addCallback(consume);
          if (peek) queue.peek().addCallback(ignore);
          for (let i = done; i < done + BATCH; i += 1) queue.put(i);
        }
      }
      return consumed;
    },
  };
}

/**
 * DeferredDict in batches of BATCH keys. `known`: set each key, then get it (already
 * there). Otherwise: get each key (it waits), set it (the get fires), delete it.
 */
function dictVariant(tx: TxdeferModule, known: boolean): Variant {
  const { DeferredDict } = tx;
  return {
    name: 'txdefer',
    run(n) {
      consumed = 0;
      const d = new DeferredDict<number, number>();
      for (let done = 0; done < n; done += BATCH) {
        if (!known) for (let k = 0; k < BATCH; k += 1) d.get(k).addCallback(consume);
        for (let k = 0; k < BATCH; k += 1) d.set(k, done + k);
        if (known) for (let k = 0; k < BATCH; k += 1) d.get(k).addCallback(consume);
        else for (let k = 0; k < BATCH; k += 1) d.delete(k);
      }
      return consumed;
    },
  };
}

/** The same rounds on the Map of Promises, awaiting the last consumer of each batch. */
function promiseDictVariant(known: boolean): Variant {
  return {
    name: 'Promise',
    async run(n) {
      consumed = 0;
      const d = new PromiseDict<number, number>();
      for (let done = 0; done < n; done += BATCH) {
        let last: Promise<void> | undefined;
        if (!known) for (let k = 0; k < BATCH; k += 1) last = d.get(k).then(consume);
        for (let k = 0; k < BATCH; k += 1) d.set(k, done + k);
        if (known) for (let k = 0; k < BATCH; k += 1) last = d.get(k).then(consume);
        else for (let k = 0; k < BATCH; k += 1) d.delete(k);
        await last;
      }
      return consumed;
    },
  };
}

/**
 * The issue-10 cases. `Before` is DeferredQueue from before `peek` (or undefined when it
 * could not be loaded: the peek cases then measure only this tree's).
 */
export function makeIssue10Cases(tx: TxdeferModule, Before: QueueClass | undefined, PQueue: PQueueClass): Case[] {
  const { DeferredDict, ResizableDispatchQueue, DeferredQueue } = tx;
  const sumBelow = (_variant: string, n: number, checksum: number): boolean => checksum === maskedSumBelow(n);

  // ---- DeferredQueue: this build (with and without peeks) against the build before peek ----
  const handoff: Variant[] = [
    queueVariant('txdefer', DeferredQueue, false, false),
    ...(Before === undefined ? [] : [queueVariant('before', Before, false, false)]),
    queueVariant('with peek', DeferredQueue, true, false),
  ];
  const buffered: Variant[] = [
    queueVariant('txdefer', DeferredQueue, false, true),
    ...(Before === undefined ? [] : [queueVariant('before', Before, false, true)]),
    queueVariant('with peek', DeferredQueue, true, true),
  ];

  // ---- DeferredQueue: all puts, then all gets (linear?) ----
  const longQueue = (items: number): Case => ({
    key: `queue-long${items}`,
    title: `DeferredQueue: ${items.toLocaleString('en')} puts, then ${items.toLocaleString('en')} peeks and gets`,
    unit: 'per item (put; later peek, get, consume)',
    fixedN: items,
    check: sumBelow,
    variants: [
      {
        name: 'txdefer',
        run(n) {
          consumed = 0;
          const queue = new DeferredQueue<number>();
          for (let i = 0; i < n; i += 1) queue.put(i);
          for (let i = 0; i < n; i += 1) {
            queue.peek();
            queue.get().addCallback(consume);
          }
          return consumed;
        },
      },
    ],
  });

  // ---- DeferredDict / a Map of Promises ----
  {
    const keepDict = new DeferredDict<number, number>();
    keepDict.get(-1).addCallback(consume);
    keepAliveStructures.push(keepDict);
  }
  const dict = [dictVariant(tx, false), promiseDictVariant(false)];
  const dictKnown = [dictVariant(tx, true), promiseDictVariant(true)];

  // ---- ResizableDispatchQueue / p-queue: JOBS jobs, WIDTH at a time ----
  const job = (x: number): number => x;
  {
    const keepRdq = new ResizableDispatchQueue<number, number>(job);
    keepRdq.put(1);
    keepAliveStructures.push(keepRdq);
  }
  const dispatch: Variant[] = [
    {
      name: 'txdefer',
      run(n) {
        consumed = 0;
        // Queue every job first (width 0), then open the queue: the jobs run WIDTH at a time.
        const rdq = new ResizableDispatchQueue<number, number>(job);
        const done = (finished: { result: number | undefined }): void => consume(finished.result as number);
        for (let i = 0; i < n; i += 1) rdq.put(i).addCallback(done);
        rdq.width = WIDTH;
        return consumed;
      },
    },
    {
      name: 'p-queue',
      async run(n) {
        consumed = 0;
        const queue = new PQueue({ concurrency: WIDTH, autoStart: false });
        let last: Promise<void> | undefined;
        for (let i = 0; i < n; i += 1) last = queue.add(() => job(i)).then(consume);
        queue.start();
        await queue.onIdle();
        await last; // the jobs end in the order they started: the last one's consumer runs last
        return consumed;
      },
    },
  ];

  return [
    {
      key: 'peek-handoff',
      title: `DeferredQueue before and after peek, getters waiting first${Before === undefined ? ' (the queue before peek could not be loaded)' : ''}`,
      unit: 'per item (get, put, consume; "with peek": one waiting peek per batch of 1,000 too)',
      variants: handoff,
      check: sumBelow,
    },
    {
      key: 'peek-buffered',
      title: 'DeferredQueue before and after peek, items put first',
      unit: 'per item (put, get, consume; "with peek": a peek before each get)',
      variants: buffered,
      check: sumBelow,
    },
    longQueue(100_000),
    longQueue(1_000_000),
    {
      key: 'dict-waiting',
      title: 'DeferredDict / a Map of Promises: get waits, set fires it, delete',
      unit: 'per key (get, set, delete, consume)',
      variants: dict,
      check: sumBelow,
    },
    {
      key: 'dict-known',
      title: 'DeferredDict / a Map of Promises: set, then get the known value',
      unit: 'per key (set, get, consume)',
      variants: dictKnown,
      check: sumBelow,
    },
    {
      key: 'rdq',
      title: `ResizableDispatchQueue / p-queue: ${JOBS.toLocaleString('en')} jobs queued, then run ${WIDTH} at a time`,
      unit: 'per job (put or add, run, consume the result)',
      fixedN: JOBS,
      variants: dispatch,
      check: sumBelow,
    },
  ];
}
