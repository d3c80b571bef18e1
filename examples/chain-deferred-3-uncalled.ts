/**
 * "Twisted's Deferred class chainDeferred method is too simplistic?" (2010), example 3,
 * uncalled: d1 is chained to d2, and d1 is cancelled. With Twisted's chainDeferred, d2's
 * canceller never runs: d2 just gets whatever d1's chain made of the cancellation (here
 * undefined, since d1's errback handled it), and the later d2.cancel() does nothing.
 * strictChainDeferred cancels d2 too, so both cancellers run.
 *
 *   npm run examples    (or: node --import=tsx/esm examples/chain-deferred-3-uncalled.ts)
 */
import { Deferred, type Failure } from '../src/index.js';
import { bothWays, endsWith } from './chain-both-ways.js';

function reportCancel(failure: Failure, which: string): void {
  console.log('  cancelled', which);
}

bothWays((chain) => {
  const d1 = new Deferred<string>(() => console.log('  cancel one'));
  d1.addErrback(reportCancel, 'one');
  const d2 = new Deferred<string>(() => console.log('  cancel two'));
  d2.addErrback(reportCancel, 'two');
  chain(d1, d2);
  d1.cancel();
  d2.cancel();
  console.log('  d2 ends with', endsWith(d2));
});
