/**
 * Ready-made Deferreds and calling code that may or may not be asynchronous
 * (Twisted's `fail`, `execute` and `maybeDeferred`; `succeed` lives beside Deferred itself).
 */
import { Deferred, followThenable, isDeferred, succeed } from './deferred.js';
import { NoCurrentExceptionError } from './errors.js';
import { Failure, isFailure } from './failure.js';
import { describeValue } from './repr.js';
import { thenOf, type ThenMethod } from './thenable.js';

/**
 * A Deferred that has already failed with `error` (a Failure, used as is, or any
 * thrown value). Until an errback handles it, the failure counts as unhandled. The
 * error is required (in the type too): `fail()` with no argument throws
 * `NoCurrentExceptionError`, as there is no "current exception" to pick up.
 */
export function fail<T = never>(error: unknown): Deferred<T> {
  if (arguments.length === 0) {
    throw new NoCurrentExceptionError(
      'fail() needs the error to fail with: JavaScript has no "current exception" to pick up, so pass the caught error or a Failure',
    );
  }
  const deferred = new Deferred<T>();
  deferred.errback(error);
  return deferred;
}

/**
 * Call `fn(...args)` now and wrap the outcome in a Deferred that has already fired
 * (Twisted's `execute`): a thrown error gives a failed Deferred; whatever is returned
 * is the success result, as `succeed` takes it. Unlike `maybeDeferred`, nothing returned
 * is looked into: a Promise is the result itself, a Failure is a result that goes down
 * the errbacks (as `succeed(failure)` does), and a Deferred is refused with the TypeError
 * `succeed` throws (Twisted 22.4 raises AssertionError there). A `fn` that is not a
 * function gives a Deferred failed with a TypeError, as Twisted's call of it fails inside
 * its `try`.
 *
 * @example
 * ```ts
 * execute((a: number, b: number) => a / b, 6, 3).addCallback((q) => console.log(q)); // 2
 * execute(JSON.parse, '{').addErrback((f) => console.log(f.typeName)); // SyntaxError
 * ```
 */
export function execute<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Deferred<R> {
  if (typeof fn !== 'function') {
    return fail(new TypeError(`execute: \`fn\` must be a function, got ${describeValue(fn)}`));
  }
  let result: R;
  try {
    result = fn(...args);
  } catch (thrown) {
    return fail(thrown);
  }
  return succeed(result);
}

/** What `maybeDeferred(fn)` gives for a function returning `R`. */
export type MaybeDeferredResult<R> = R extends Deferred<infer V> ? V : R extends PromiseLike<infer V> ? V : R extends Failure ? never : R;

/**
 * Call `fn(...args)` now and always get a Deferred back (Twisted's `maybeDeferred`):
 * a thrown error becomes a failed Deferred; a returned Deferred is returned as it is;
 * a returned Failure becomes a failed Deferred with that very Failure; a returned
 * Promise or other thenable (from any realm or library) is followed, as Twisted follows
 * a returned coroutine; any other value becomes a succeeded Deferred. Nothing `fn`
 * throws or returns makes this throw: a result whose `then` cannot be read gives a
 * Deferred failed with what the read threw (as `await` would).
 */
export function maybeDeferred<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Deferred<MaybeDeferredResult<R>> {
  if (typeof fn !== 'function') {
    // Twisted calls `fn` inside its try block, so a non-callable gives a failed Deferred, not a throw.
    return fail(new TypeError(`maybeDeferred: \`fn\` must be a function, got ${fn === null ? 'null' : typeof fn}`));
  }
  let result: unknown;
  let then: ThenMethod | undefined;
  try {
    result = fn(...args);
    if (isDeferred(result)) return result as Deferred<MaybeDeferredResult<R>>;
    if (isFailure(result)) return fail(result);
    then = thenOf(result);
  } catch (thrown) {
    return fail(thrown);
  }
  if (then !== undefined) return followThenable(result, then) as Deferred<MaybeDeferredResult<R>>;
  const deferred = new Deferred<MaybeDeferredResult<R>>();
  deferred.callback(result as MaybeDeferredResult<R>);
  return deferred;
}
