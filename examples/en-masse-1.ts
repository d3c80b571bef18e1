/**
 * "Deferreds En Masse" (part 18 of "An Introduction to Asynchronous Programming and
 * Twisted"), deferred-list/deferred-list-1.py: a DeferredList of no Deferreds.
 *
 * A DeferredList is itself a Deferred. With nothing to wait for, it fires at once, so
 * the callback runs as soon as it is added, with an empty list.
 *
 *   npm run examples    (or: node --import=tsx/esm examples/en-masse-1.ts)
 */
import { DeferredList } from '../src/index.js';

function got_results(res: unknown): void {
  console.log('We got:', res);
}

console.log('Empty List.');
const d = new DeferredList([]);
console.log('Adding Callback.');
d.addCallback(got_results);
