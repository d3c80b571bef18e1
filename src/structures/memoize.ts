/**
 * memoize ("Promises are first-class objects for function calls"): the cache holds
 * the calls, not their results. A second call with the same key while the first is
 * still running does not call the function again: it waits for the same call. Time is
 * not an issue: a call in flight and a call finished are treated alike.
 *
 * Kept from the post: one underlying call per key, for ever (no eviction), the key
 * being the first argument unless `key(...args)` says otherwise; the function may
 * return a value, a Deferred or a Promise (it is called through `maybeDeferred`).
 * Different from the post, where every caller shared one promise: a Deferred's
 * callbacks change its result for the callbacks after them, so here every caller gets
 * a Deferred of its own, fired with the shared result; one caller's callbacks never
 * change what another sees. Failures are not kept by default (`cacheFailures: false`,
 * the question the post's book left open): every caller waiting on the call gets the
 * failure, and the next call with that key calls the function again.
 *
 * Cancelling a caller's Deferred while the call runs takes that caller out (it fails
 * with `CancelledError`). When the last caller waiting on a call cancels, the call
 * itself is cancelled and forgotten, so the next call with that key starts afresh.
 * The underlying call's own Deferred is the memo's alone: its result (a failure too)
 * is taken from it, and reaches the callers only, so a failure is reported, if no
 * caller handles it, by each caller's Deferred that was left failed.
 */
import { Deferred, succeed } from '../core/deferred.js';
import { type Failure, isFailure } from '../core/failure.js';
import { fail, maybeDeferred } from '../core/interop.js';
import { describeValue } from '../core/repr.js';

/** The options of `memoize(fn, options)`. */
export interface MemoizeOptions<A extends unknown[]> {
  /** The cache key of a call (compared as Map keys are). @default the first argument */
  readonly key?: ((...args: A) => unknown) | undefined;
  /** Keep a failed call's failure for later callers instead of calling again. @default false */
  readonly cacheFailures?: boolean | undefined;
}

/** What a memoized `fn` returns: a Deferred of what `fn`'s result comes to. */
export type Memoized<A extends unknown[], R> = (...args: A) => Deferred<R>;

/** One call, in flight or finished. */
class Call<R> {
  /** The callers waiting while the call runs; null once it has finished. */
  waiters: Set<Deferred<R>> | null = new Set();
  /** The outcome, once finished: a value, or a Failure (kept only with cacheFailures). */
  outcome: R | Failure | undefined = undefined;
  /** The underlying Deferred while in flight (to cancel it when every caller has gone). */
  underlying: Deferred<unknown> | null = null;
}

/**
 * A function that makes one underlying call of `fn` per key (by default, the first
 * argument), whether that call is in flight or finished; every caller gets a Deferred of
 * its own with the shared result. A failure is not kept unless `cacheFailures` is set,
 * so the next call retries (see docs/memoize.md).
 *
 * @example
 * const lookUp = memoize((name: string) => deferLater(clock, 1, () => name.length));
 * lookUp('alice'); // one call
 * lookUp('alice'); // the same call's result
 */
export function memoize<A extends unknown[], R>(
  fn: (...args: A) => R,
  options: MemoizeOptions<A> = {},
): Memoized<A, R extends Deferred<infer V> ? V : R extends PromiseLike<infer V> ? V : R> {
  type V = R extends Deferred<infer W> ? W : R extends PromiseLike<infer W> ? W : R;
  if (typeof fn !== 'function') {
    throw new TypeError(`memoize(fn): \`fn\` must be a function, got ${describeValue(fn)}`);
  }
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`memoize(fn, options): \`options\` must be an object such as { key, cacheFailures }, got ${describeValue(options)}`);
  }
  const keyOf = options.key ?? ((...args: A): unknown => args[0]);
  if (typeof keyOf !== 'function') {
    throw new TypeError(`memoize: \`key\` must be a function of the arguments, got ${describeValue(keyOf)}`);
  }
  const cacheFailures = options.cacheFailures ?? false;
  if (typeof cacheFailures !== 'boolean') {
    throw new TypeError(`memoize: \`cacheFailures\` must be a boolean, got ${describeValue(cacheFailures)}`);
  }
  const calls = new Map<unknown, Call<V>>();

  const finish = (key: unknown, call: Call<V>, outcome: unknown): undefined => {
    const waiters = call.waiters;
    if (waiters === null || calls.get(key) !== call) return undefined; // forgotten: every caller cancelled
    call.waiters = null;
    call.underlying = null;
    if (isFailure(outcome) && !cacheFailures) calls.delete(key);
    else call.outcome = outcome as V | Failure;
    for (const waiter of waiters) {
      waiters.delete(waiter);
      if (isFailure(outcome)) waiter.errback(outcome);
      else waiter.callback(outcome as V);
    }
    return undefined; // the underlying call's result is taken: the callers have it
  };

  const leave = (key: unknown, call: Call<V>, waiter: Deferred<V>): void => {
    const waiters = call.waiters;
    if (waiters === null || !waiters.delete(waiter) || waiters.size > 0) return;
    // The last caller went: forget the call and cancel it.
    calls.delete(key);
    call.waiters = null;
    const underlying = call.underlying;
    call.underlying = null;
    underlying?.cancel();
  };

  const join = (key: unknown, call: Call<V>, waiters: Set<Deferred<V>>): Deferred<V> => {
    const waiter = new Deferred<V>((cancelled) => leave(key, call, cancelled));
    waiters.add(waiter);
    return waiter;
  };

  return function memoized(this: unknown, ...args: A): Deferred<V> {
    const key = keyOf.apply(this, args);
    const known = calls.get(key);
    if (known !== undefined) {
      if (known.waiters !== null) return join(key, known, known.waiters);
      return isFailure(known.outcome) ? fail<V>(known.outcome) : succeed(known.outcome as V);
    }
    const call = new Call<V>();
    calls.set(key, call);
    const waiter = join(key, call, call.waiters as Set<Deferred<V>>);
    const underlying = maybeDeferred(fn.bind(this) as (...a: A) => unknown, ...args);
    if (call.waiters !== null) call.underlying = underlying;
    underlying.addBoth((outcome: unknown) => finish(key, call, outcome));
    return waiter;
  };
}
