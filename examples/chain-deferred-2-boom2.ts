/**
 * "Twisted's Deferred class chainDeferred method is too simplistic?" (2010), example 2,
 * boom2: d1 is chained to d2, d2 is fired directly, then d1 fires. Twisted accepts the
 * direct firing, and d1's firing then fails (AlreadyCalledError, in d1's chain);
 * strictChainDeferred refuses the direct firing at once, where the mistake is made.
 *
 *   npm run examples    (or: node --import=tsx/esm examples/chain-deferred-2-boom2.ts)
 */
import { Deferred } from '../src/index.js';
import { bothWays, endsWith } from './chain-both-ways.js';

bothWays((chain) => {
  const d1 = new Deferred<string>();
  const d2 = new Deferred<string>();
  chain(d1, d2);
  try {
    d2.callback('direct');
  } catch (error) {
    console.log(`  d2.callback refused: ${(error as Error).name}`);
  }
  d1.callback('hey');
  console.log('  d2 ends with', endsWith(d2));
  console.log('  d1 ends with', endsWith(d1));
});
