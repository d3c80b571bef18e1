/**
 * "Deferreds En Masse", deferred-list/deferred-list-7.py: handling d2's failure ourselves.
 *
 * Instead of `consumeErrors`, an errback added to d2 after the DeferredList handles the
 * failure the DeferredList passes on, so again nothing is reported as unhandled
 * (compare en-masse-6.ts). The post shows no output for this program; it prints what
 * en-masse-5.ts prints, as it does with Twisted.
 *
 *   npm run examples    (or: node --expose-gc --import=tsx/esm examples/en-masse-7.ts)
 */
import { Deferred, DeferredList, setUnhandledErrorHandler } from '../src/index.js';

function got_results(res: unknown): void {
  console.log('We got:', res);
}

// In a function, so that nothing refers to the Deferreds afterwards: see en-masse-6.ts.
function main(): void {
  const d1 = new Deferred<string>();
  const d2 = new Deferred<string>();
  const d = new DeferredList([d1, d2]);
  d2.addErrback(() => undefined); // handle d2 error
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
