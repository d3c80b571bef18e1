/**
 * "Twisted's Deferred class chainDeferred method is too simplistic?" (2010), example 5,
 * unexpected2: one d1 chained to two Deferreds, d2 and d3. With Twisted's chainDeferred
 * d3 gets undefined (d1's result after feeding d2); with strictChainDeferred both get
 * the value.
 *
 *   npm run examples    (or: node --import=tsx/esm examples/chain-deferred-5-unexpected2.ts)
 */
import { Deferred } from '../src/index.js';
import { bothWays } from './chain-both-ways.js';

function report2(result: unknown): void {
  console.log('  called 2:', result);
}

function report3(result: unknown): void {
  console.log('  called 3:', result);
}

bothWays((chain) => {
  const d1 = new Deferred<string>();
  const d2 = new Deferred<string>();
  d2.addCallback(report2);
  const d3 = new Deferred<string>();
  d3.addCallback(report3);
  chain(d1, d2);
  chain(d1, d3);
  d1.callback('hey');
});
