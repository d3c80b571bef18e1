/**
 * What the combinators take: an iterable of Deferreds, copied once into an array (as
 * Twisted copies it with `list(...)`, so a one-shot iterator works and later changes
 * to the caller's list have no effect), with every element checked before anything
 * is attached to any of them.
 */
import { type Deferred, isDeferred } from '../core/deferred.js';
import { describeValue } from '../core/repr.js';

/** The value type of a Deferred type: `DeferredValue<Deferred<string>>` is `string`. */
export type DeferredValue<D> = D extends Deferred<infer V> ? V : never;

/**
 * `deferreds` as a new array, or a TypeError naming `where`, the argument and, for an
 * element that is not a Deferred, its index.
 */
export function copyDeferreds<T>(deferreds: Iterable<Deferred<T>>, where: string, argument: string): Array<Deferred<T>> {
  if (typeof (deferreds as { [Symbol.iterator]?: unknown } | null | undefined)?.[Symbol.iterator] !== 'function') {
    throw new TypeError(`${where}: \`${argument}\` must be an iterable of Deferreds (an array, say), got ${describeValue(deferreds)}`);
  }
  const copy = Array.isArray(deferreds) ? (deferreds.slice() as Array<Deferred<T>>) : Array.from(deferreds);
  for (let index = 0; index < copy.length; index += 1) {
    const element: unknown = copy[index];
    // isDeferred answers for this copy's Deferreds by a private-field check first, with
    // no property read (so a hostile element cannot throw from here), then other copies'.
    if (!isDeferred(element)) {
      throw new TypeError(`${where}: element ${index} of \`${argument}\` is not a Deferred, got ${describeValue(element)}`);
    }
  }
  return copy;
}
