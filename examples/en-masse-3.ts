/**
 * "Deferreds En Masse", deferred-list/deferred-list-3.py: a DeferredList of two Deferreds.
 *
 * The list fires when the last of them fires, with one `[true, result]` entry for each.
 *
 *   npm run examples    (or: node --import=tsx/esm examples/en-masse-3.ts)
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
console.log('Firing d1.');
d1.callback('d1 result');
console.log('Firing d2.');
d2.callback('d2 result');
