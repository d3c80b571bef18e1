/**
 * "Deferreds En Masse", deferred-list/deferred-list-4.py: the order of the results.
 *
 * d2 fires before d1, yet the results come in the order of the list given to the
 * DeferredList, not in the order the Deferreds fired in.
 *
 *   npm run examples    (or: node --import=tsx/esm examples/en-masse-4.ts)
 */
import { Deferred, DeferredList } from '../src/index.js';

function got_results(res: unknown): void {
  console.log('We got:', res);
}

console.log('Two Deferreds.');
const d1 = new Deferred<string>();
const d2 = new Deferred<string>();
const d = new DeferredList([d1, d2]);
console.log('Adding Callback.');
d.addCallback(got_results);
console.log('Firing d2.');
d2.callback('d2 result');
console.log('Firing d1.');
d1.callback('d1 result');
