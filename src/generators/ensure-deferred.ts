/**
 * ensureDeferred and fromCoroutine (Twisted's `ensureDeferred` and
 * `Deferred.fromCoroutine`): a Deferred for a running computation.
 *
 * JavaScript's coroutines are of two kinds, and both are accepted:
 *   - a generator object (what calling a `function*` returns): driven by the same
 *     driver as inlineCallbacks (driver.ts), starting at once;
 *   - a Promise or other thenable (what calling an `async function` returns): followed
 *     through `Deferred.fromPromise`. Promises cannot be cancelled: cancelling that
 *     Deferred fails it with CancelledError at once (docs/differences.md).
 */
import { Deferred, isDeferred } from '../core/deferred.js';
import { adoptCoroutine, type Drivable } from '../core/driver.js';
import { NotACoroutineError } from '../core/errors.js';
import { repr } from '../core/repr.js';

/**
 * A Deferred for a generator (driven from now on, as inlineCallbacks drives one) or a
 * Promise (followed). Anything else, a Deferred included, throws
 * `NotACoroutineError("<repr> is not a coroutine")`. The same as the static
 * `Deferred.fromCoroutine`, as a function.
 */
export function fromCoroutine<T>(coro: Drivable<T> | PromiseLike<T>): Deferred<T> {
  return Deferred.fromCoroutine(coro);
}

/**
 * `fromCoroutine`, except that a Deferred is returned as it is. Anything else throws
 * `NotACoroutineError("<repr> is not a coroutine or a Deferred")`.
 */
export function ensureDeferred<T>(coro: Deferred<T> | Drivable<T> | PromiseLike<T>): Deferred<T> {
  if (isDeferred(coro)) return coro as Deferred<T>;
  const deferred = adoptCoroutine<T>(coro);
  if (deferred === undefined) throw new NotACoroutineError(`${repr(coro)} is not a coroutine or a Deferred`);
  return deferred;
}
