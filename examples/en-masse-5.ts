/**
 * "Deferreds En Masse", deferred-list/deferred-list-5.py: a failure in the list, with
 * consumeErrors.
 *
 * d2 fails. The DeferredList still succeeds: d2's entry is `[false, failure]` (Python's
 * `(False, <Failure ...>)`). With `consumeErrors: true` the DeferredList leaves d2
 * holding `undefined` instead of the failure, so nothing is reported as unhandled (the
 * garbage collection at the end shows that nothing is; compare en-masse-6.ts).
 *
 *   npm run examples    (or: node --expose-gc --import=tsx/esm examples/en-masse-5.ts)
 */
import { Deferred, DeferredList, setUnhandledErrorHandler } from '../src/index.js';

function got_results(res: unknown): void {
  console.log('We got:', res);
}

// The Python program runs at module level. Here it runs in a function, so that once the
// function has returned nothing refers to its Deferreds any more (a module's top-level
// variables live as long as the program): see the end of en-masse-6.ts.
function main(): void {
  const d1 = new Deferred<string>();
  const d2 = new Deferred<string>();
  const d = new DeferredList([d1, d2], { consumeErrors: true });
  d.addCallback(got_results);
  console.log('Firing d1.');
  d1.callback('d1 result');
  console.log('Firing d2 with errback.');
  d2.errback(new Error('d2 failure'));
}

main();

// As at the end of en-masse-6.ts: print unhandled-error reports without the machine's
// stack lines, and collect the garbage now, as Python does at exit. Nothing is printed.
setUnhandledErrorHandler((report) => {
  console.log(report.message.split('\n').filter((line) => !line.startsWith('  at ')).join('\n').trimEnd());
});
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run this program with node --expose-gc (npm run examples does)');
// txdefer notes a failure left unhandled when the current job ends: let it end first.
await new Promise((resolve) => setTimeout(resolve, 0));
gc();
await new Promise((resolve) => setTimeout(resolve, 0));
