/**
 * "Deferreds En Masse", deferred-list/deferred-list-6.py: a failure in the list,
 * without consumeErrors.
 *
 * The same as en-masse-5.ts without `consumeErrors`. The DeferredList passes each
 * result on down its Deferred's chain after recording it, so d2 is left holding its
 * failure, which nothing handles: when d2 is garbage-collected, that failure is
 * reported as "Unhandled error in Deferred:", as in the post.
 *
 *   npm run examples    (or: node --expose-gc --import=tsx/esm examples/en-masse-6.ts)
 */
import { Deferred, DeferredList, setUnhandledErrorHandler } from '../src/index.js';

function got_results(res: unknown): void {
  console.log('We got:', res);
}

// The Python program runs at module level. Here it runs in a function, so that once the
// function has returned nothing refers to its Deferreds any more (a module's top-level
// variables live as long as the program, so d2 would never be collected).
function main(): void {
  const d1 = new Deferred<string>();
  const d2 = new Deferred<string>();
  const d = new DeferredList([d1, d2]);
  d.addCallback(got_results);
  console.log('Firing d1.');
  d1.callback('d1 result');
  console.log('Firing d2 with errback.');
  d2.errback(new Error('d2 failure'));
}

main();

// ---- Not in the Python program: making the report appear, the same everywhere ----
//
// Python reports an unhandled failure when the Deferred holding it is freed, which
// happens at the latest when the interpreter exits. JavaScript frees objects only when
// its garbage collector runs, and node does not run it before exiting, so we run it
// ourselves: `globalThis.gc()` exists when node is started with --expose-gc (node's
// documented V8 option; `npm run examples` passes it). txdefer notes a failure left
// unhandled when the current job ends, so we let it end before collecting; the report is
// delivered a moment after the collection (by a FinalizationRegistry), so we then wait
// one turn of the event loop.
//
// Reports go to the unhandled-error handler (setUnhandledErrorHandler). The default one
// writes the report to stderr, with the JavaScript stack of the error, whose lines name
// this machine's files. This one prints the report to stdout without those "  at ..."
// lines, so that the output is the same on every machine: the header, the traceback's
// first line, and the error's type and message.
setUnhandledErrorHandler((report) => {
  console.log(report.message.split('\n').filter((line) => !line.startsWith('  at ')).join('\n').trimEnd());
});
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run this program with node --expose-gc (npm run examples does)');
// txdefer notes a failure left unhandled when the current job ends: let it end first.
await new Promise((resolve) => setTimeout(resolve, 0));
gc();
await new Promise((resolve) => setTimeout(resolve, 0));
