/**
 * "Twisted's Deferred class chainDeferred method is too simplistic?" (2010), example 1,
 * boom1: d1 is chained to d2, d2 is cancelled, then d1 fires. Twisted's chainDeferred
 * then fires d2 a second time (AlreadyCalledError, in d1's chain); strictChainDeferred
 * skips the cancelled target.
 *
 *   npm run examples    (or: node --import=tsx/esm examples/chain-deferred-1-boom1.ts)
 */
import { Deferred } from '../src/index.js';
import { bothWays, endsWith } from './chain-both-ways.js';

bothWays((chain) => {
  const d1 = new Deferred<string>();
  const d2 = new Deferred<string>(() => console.log('  cancelling'));
  d2.addErrback(() => console.log('  cancelled'));
  chain(d1, d2);
  d2.cancel();
  d1.callback('hey');
  console.log('  d1 ends with', endsWith(d1));
});
