/**
 * "Deferreds En Masse", deferred-list/deferred-list-2.py: a DeferredList of one Deferred.
 *
 * The list fires only once the Deferred in it has fired. Its result is a list with one
 * entry, `[true, result]`: Python prints that entry as the tuple `(True, 'd1 result')`.
 *
 *   npm run examples    (or: node --import=tsx/esm examples/en-masse-2.ts)
 */
import { Deferred, DeferredList } from '../src/index.js';

function got_results(res: unknown): void {
  console.log('We got:', res);
}

console.log('One Deferred.');
const d1 = new Deferred<string>();
const d = new DeferredList([d1]);
console.log('Adding Callback.');
d.addCallback(got_results);
console.log('Firing d1.');
d1.callback('d1 result');
