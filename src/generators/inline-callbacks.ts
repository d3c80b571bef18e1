/**
 * inlineCallbacks (twisted.internet.defer.inlineCallbacks): write Deferred-using code
 * as a generator function. Inside it, `yield d` waits for the Deferred `d` and gives
 * its result (or throws its failure's value where the `yield` is); `return v` fires the
 * returned Deferred with `v`; a throw fails it. How yielded values are answered, and
 * cancellation: see driver.ts.
 *
 * TypeScript types every `yield` expression as `any` (a generator's sent-in type is one
 * type for all its yields), so annotate what you take: `const n: number = yield d;`.
 */
import type { Deferred } from '../core/deferred.js';
import { repr } from '../core/repr.js';
import { drive, type Drivable } from '../core/driver.js';
import { isGenerator } from '../core/kinds.js';

/**
 * Decorate a generator function: the result, called with the same arguments (and the
 * same `this`), runs the generator and returns a Deferred of what it returns.
 *
 * As in Twisted, the check that `fn` makes a generator happens when the decorated
 * function is called: if `fn` returns anything else, the call throws
 * `TypeError("inlineCallbacks requires <function fn> to produce a generator; instead got ...")`.
 * What the generator throws, even before its first `yield`, fails the returned Deferred
 * instead of being thrown.
 */
export function inlineCallbacks<This, A extends unknown[], R>(
  fn: (this: This, ...args: A) => Drivable<R>,
): (this: This, ...args: A) => Deferred<R> {
  if (typeof fn !== 'function') {
    throw new TypeError(`inlineCallbacks: \`fn\` must be a generator function, got ${fn === null ? 'null' : `${typeof fn} ${repr(fn)}`}`);
  }
  const decorated = function (this: This, ...args: A): Deferred<R> {
    const gen: unknown = fn.apply(this, args);
    if (!isGenerator(gen)) {
      throw new TypeError(`inlineCallbacks requires ${repr(fn)} to produce a generator; instead got ${repr(gen)}`);
    }
    return drive(gen as Drivable<R>);
  };
  // Like functools.wraps: the decorated function keeps the generator function's name.
  Object.defineProperty(decorated, 'name', { value: fn.name, configurable: true });
  return decorated;
}
