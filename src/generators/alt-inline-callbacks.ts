/**
 * altInlineCallbacks, from "A kinder and more consistent defer.inlineCallbacks" (Terry
 * Jones, 2008): `inlineCallbacks` that always gives a Deferred back.
 *
 * Keeps the post's rules: the decorated function is called inside a try; then
 *   - a generator is driven exactly as `inlineCallbacks` drives it (same driver, same
 *     cancellation, same answers to what it yields);
 *   - anything else is the result: the Deferred fires with the function's return value;
 *   - a synchronous throw gives a Deferred failed with what was thrown.
 * So calling the decorated function never throws, and an object that only looks like a
 * generator (the post's `yes()` with a `send` method) is a plain result, never driven.
 *
 * What counts as "the return value" follows `maybeDeferred`, as the rest of the library
 * does: a returned Deferred is given back as it is, a returned Promise (an `async
 * function`) is followed, and a returned Failure fails the Deferred (the post's
 * `deferred.callback(failure)` did the same in Twisted).
 */
import type { Deferred } from '../core/deferred.js';
import { fail, maybeDeferred, type MaybeDeferredResult } from '../core/interop.js';
import { describeValue } from '../core/repr.js';
import { drive, type Drivable } from './driver.js';
import { isGenerator } from './kinds.js';

/**
 * Decorate `fn`: the result, called with the same arguments (and the same `this`),
 * always returns a Deferred (see the file comment).
 */
export function altInlineCallbacks<This, A extends unknown[], R>(
  fn: (this: This, ...args: A) => Drivable<R>,
): (this: This, ...args: A) => Deferred<R>;
export function altInlineCallbacks<This, A extends unknown[], R>(
  fn: (this: This, ...args: A) => R,
): (this: This, ...args: A) => Deferred<MaybeDeferredResult<R>>;
export function altInlineCallbacks<This, A extends unknown[]>(
  fn: (this: This, ...args: A) => unknown,
): (this: This, ...args: A) => Deferred<unknown> {
  if (typeof fn !== 'function') {
    throw new TypeError(`altInlineCallbacks: \`fn\` must be a function, got ${describeValue(fn)}`);
  }
  const decorated = function (this: This, ...args: A): Deferred<unknown> {
    let result: unknown;
    try {
      result = fn.apply(this, args);
    } catch (thrown) {
      return fail(thrown);
    }
    if (isGenerator(result)) return drive(result as Drivable<unknown>);
    return maybeDeferred(returned, result); // a Deferred as it is, a Promise followed, a Failure failed
  };
  // Like functools.wraps (the post's mergeFunctionMetadata): the decorated function keeps fn's name.
  Object.defineProperty(decorated, 'name', { value: fn.name, configurable: true });
  return decorated;
}

function returned<T>(result: T): T {
  return result;
}
