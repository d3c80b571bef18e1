/**
 * The `callback` and `errback` decorators, from "Simpler Twisted deferred code via
 * decorated callbacks" (Terry Jones, 2012; the twisted-callback-decorators project):
 * think of a Deferred as the result itself, and pass it to functions as if it were.
 * With `errcheck` decorated by `errback` and `cleanup`, `reformat` by `callback`,
 *
 *     reformat(cleanup(errcheck(getPage(url), a1), a2), a3)
 *
 * hooks up the callback chain the post's verbose form spells out, and returns a Deferred.
 * They live in their own entry, `txdefer/decorators`: the post's names would clash with
 * nothing in the root, but read as the Deferred methods of the same names.
 *
 * Keeps the post's rules:
 *   - a `callback`-decorated function may be given Deferreds among its arguments (Promises
 *     too, followed as `Deferred.fromPromise` follows them): it is called with their
 *     values once they all have one, and always returns a Deferred of its result (a
 *     returned Deferred or Promise waited for, a throw or returned Failure a failure);
 *   - given exactly one Deferred (and nothing else pending), it adds itself to *that*
 *     Deferred's chain and returns it, as `d.addCallback(f)` would: the chain is the
 *     post's verbose one, and cancelling the returned Deferred cancels the argument;
 *   - several are waited for together; on the first failure (in the order they fail;
 *     a Failure given as a plain argument counts as failed already) every other one
 *     still pending is cancelled, the call fails with that very failure, and the
 *     function is not called;
 *   - an `errback`-decorated function takes the failure to handle first, then its own
 *     arguments. Its first argument is what to check: a Deferred, a Failure, or a plain
 *     value. The function runs only on failure, with the Failure and the other
 *     arguments' values, and what it returns (or throws) becomes the result; a success
 *     passes through untouched, the function not called. Given one Deferred to check
 *     (and no other argument pending), it adds itself to that Deferred's chain as
 *     `d.addErrback(f)` would.
 * Closes the original's gaps:
 *   - a Deferred given twice is waited for once (the original added two callbacks, and
 *     the second one saw the first one's `None`);
 *   - an `errback`-decorated function called with no argument throws a TypeError at
 *     once (the original returned a failed Deferred of its own error class);
 *   - the types follow the values: a `Deferred<T>` argument stands for a `T` parameter,
 *     and the result is a `Deferred` of what the function returns.
 * JavaScript has no keyword arguments: only the arguments themselves are looked at,
 * never the properties of an object given as one.
 *
 * When an `errback` function's own argument fails while the value to check had failed
 * too, the call fails with the argument's failure and the checked one is dropped
 * (taken, so not reported): the function, which would have handled it, is not called.
 */
// The public names come from the root entry, so that this subpath's declarations name the
// package's own types (`import { Deferred } from 'txdefer'`; see rollup.config.mjs).
import { Deferred, type Failure, isDeferred, isFailure, maybeDeferred, type MaybeDeferredResult, succeed } from '../index.js';
import { describeValue } from '../core/repr.js';
import { isThenable } from '../generators/kinds.js';

/** What a decorated function accepts in place of a `T`: the value, a Deferred of it, or a Promise of it. */
export type DeferredArgument<T> = T | PromiseLike<T>;

/** The parameters `A` of a function, each of which may be given as a Deferred (or Promise) instead. */
export type DeferredArguments<A extends unknown[]> = { [K in keyof A]: DeferredArgument<A[K]> };

/** No argument is the value to check (the `callback` decorator). */
const NO_SUBJECT = -1;

/**
 * Decorate `fn` so that it may be given Deferreds in place of its arguments, and always
 * returns a Deferred of its result (see the file comment). `this` is passed through.
 */
export function callback<This, A extends unknown[], R>(
  fn: (this: This, ...args: A) => R,
): (this: This, ...args: DeferredArguments<A>) => Deferred<MaybeDeferredResult<R>> {
  requireFunction(fn, 'callback');
  const decorated = function (this: This, ...args: DeferredArguments<A>): Deferred<MaybeDeferredResult<R>> {
    const call = (values: unknown[]): Deferred<MaybeDeferredResult<R>> => maybeDeferred(apply, fn, this, values as A);
    const given = args as unknown[];
    const pending = pendingArguments(given);
    if (pending.length === 0) return call(given);
    if (pending.length === 1 && !isFailure(given[pending[0] as number])) {
      const index = pending[0] as number;
      return asDeferred(given[index]).addCallback((value) => call(replaced(given, index, value)));
    }
    return gatherArguments(given, pending, NO_SUBJECT).addCallback(call);
  };
  return named(decorated, fn);
}

/**
 * Decorate `fn`, a handler of failures taking the Failure first, so that its first
 * argument is what to check (a Deferred, a Failure or a value) and its other arguments
 * may be given as Deferreds: it runs only on failure, and a success passes through (see
 * the file comment). The result is always a Deferred. `this` is passed through.
 */
export function errback<This, E extends unknown[], R>(
  fn: (this: This, failure: Failure, ...args: E) => R,
): <T>(this: This, checked: DeferredArgument<T> | Failure, ...args: DeferredArguments<E>) => Deferred<T | MaybeDeferredResult<R>> {
  requireFunction(fn, 'errback');
  const decorated = function <T>(
    this: This,
    ...given: [DeferredArgument<T> | Failure, ...DeferredArguments<E>]
  ): Deferred<T | MaybeDeferredResult<R>> {
    if (given.length === 0) {
      throw new TypeError(
        `errback(${fn.name || 'fn'}): the decorated function needs its first argument, the Deferred, Failure or value to check; it was called with none`,
      );
    }
    const handle = (values: unknown[]): unknown => {
      const checked = values[0];
      if (!isFailure(checked)) return [checked]; // a success passes through (boxed: see `unbox`)
      return maybeDeferred(apply, fn, this, [checked, ...values.slice(1)] as [Failure, ...E]);
    };
    const args = given as unknown[];
    const pending = pendingArguments(args);
    if (pending.length === 0) return settle(handle(args));
    if (pending.length === 1 && pending[0] === 0 && !isFailure(args[0])) {
      // Only a failure reaches the handler here, so it always gives the function's Deferred.
      const checked = asDeferred(args[0]) as Deferred<T>;
      return checked.addErrback((failure: Failure) => handle(replaced(args, 0, failure)) as Deferred<MaybeDeferredResult<R>>);
    }
    return gatherArguments(args, pending, 0).addCallback((values) => settle(handle(values)));
  };
  return named(decorated, fn) as <T>(
    this: This,
    checked: DeferredArgument<T> | Failure,
    ...args: DeferredArguments<E>
  ) => Deferred<T | MaybeDeferredResult<R>>;
}

/**
 * What `handle` gave, as a Deferred: the handler's Deferred as it is, or a passed-through
 * value. That value comes boxed in a one-element array, so that a value which happens
 * to be a Deferred or Promise is passed through as it is, not waited for.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function settle(handled: unknown): Deferred<any> {
  return Array.isArray(handled) ? succeed(handled[0]) : (handled as Deferred<unknown>);
}

/**
 * Wait for the pending arguments (at `pending` in `args`) together: a Deferred of the
 * arguments with each pending one replaced by its value; or, on the first failure of an
 * argument other than `subject`, failed with that failure after every other pending one
 * is cancelled. The `subject` argument's failure is kept among the values instead.
 * Each argument's result is taken (it is left with `undefined`), so none of their
 * failures is reported by them; a Deferred given twice is waited for once.
 */
function gatherArguments(args: readonly unknown[], pending: readonly number[], subject: number): Deferred<unknown[]> {
  const values = args.slice();
  const inputs = new Map<Deferred<unknown>, number[]>();
  let plainFailure: Failure | undefined;
  for (const index of pending) {
    const arg = args[index];
    if (isFailure(arg)) {
      if (index !== subject) plainFailure ??= arg;
      continue;
    }
    const input = asDeferred(arg);
    const positions = inputs.get(input);
    if (positions === undefined) inputs.set(input, [index]);
    else positions.push(index);
  }
  const done = new Set<Deferred<unknown>>();
  let remaining = inputs.size;
  let settled = false;
  const cancelPending = (): void => {
    for (const input of inputs.keys()) {
      if (!done.has(input)) input.cancel();
    }
  };
  const combined = new Deferred<unknown[]>(cancelPending);
  const failWith = (failure: Failure): void => {
    settled = true;
    cancelPending();
    combined.errback(failure);
  };
  if (plainFailure !== undefined) settled = true; // decided already: the inputs are only cancelled and drained
  for (const [input, positions] of inputs) {
    input.addBoth((result: unknown): undefined => {
      done.add(input);
      if (settled) return undefined; // drained: the call has failed already
      if (isFailure(result) && positions.some((index) => index !== subject)) {
        failWith(result);
        return undefined;
      }
      for (const index of positions) values[index] = result;
      remaining -= 1;
      if (remaining === 0) {
        settled = true;
        combined.callback(values);
      }
      return undefined;
    });
  }
  if (plainFailure !== undefined) failWith(plainFailure);
  else if (inputs.size === 0) combined.callback(values); // only the subject, given as a Failure
  return combined;
}

/** The positions of the arguments to wait for: Deferreds, Promises, and Failures (failed already). */
function pendingArguments(args: readonly unknown[]): number[] {
  const pending: number[] = [];
  args.forEach((arg, index) => {
    if (isDeferred(arg) || isFailure(arg) || isThenable(arg)) pending.push(index);
  });
  return pending;
}

/** A Deferred as it is; a Promise or thenable followed through `Deferred.fromPromise`. */
function asDeferred(arg: unknown): Deferred<unknown> {
  return isDeferred(arg) ? arg : Deferred.fromPromise(arg as PromiseLike<unknown>);
}

function replaced(args: readonly unknown[], index: number, value: unknown): unknown[] {
  const copy = args.slice();
  copy[index] = value;
  return copy;
}

function apply<This, A extends unknown[], R>(fn: (this: This, ...args: A) => R, self: This, args: A): R {
  return fn.apply(self, args);
}

function requireFunction(fn: unknown, decorator: string): void {
  if (typeof fn !== 'function') {
    throw new TypeError(`${decorator}(fn): \`fn\` must be a function, got ${describeValue(fn)}`);
  }
}

/** Like functools.wraps: the decorated function keeps `fn`'s name. */
function named<F extends object>(decorated: F, fn: { name: string }): F {
  Object.defineProperty(decorated, 'name', { value: fn.name, configurable: true });
  return decorated;
}
