/**
 * "Twisted's Deferred class chainDeferred method is too simplistic?" (2010), example 4,
 * unexpected1: a callback added to d1 after chaining it to d2. With Twisted's
 * chainDeferred it sees undefined (Python's None: what d2.callback returns); with
 * strictChainDeferred it sees the value.
 *
 *   npm run examples    (or: node --import=tsx/esm examples/chain-deferred-4-unexpected1.ts)
 */
import { Deferred } from '../src/index.js';
import { bothWays } from './chain-both-ways.js';

function called(result: unknown): void {
  console.log('  called:', result);
}

bothWays((chain) => {
  const d1 = new Deferred<string>();
  const d2 = new Deferred<string>();
  chain(d1, d2);
  d1.addCallback(called);
  d1.callback('hey');
});
