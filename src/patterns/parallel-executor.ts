/**
 * DeferredParallelCommandExecutor, from "txdpce: a Twisted class for deferred parallel
 * command execution" (Terry Jones, 2011): several ways of computing one result (a
 * cache, the network, a local computation) tried at once; the fastest success wins.
 *
 * Keeps the post's rules:
 *   - `execute(...args)` calls every registered function with the same arguments, in
 *     registration order, as `maybeDeferred` would (a throw is a failure; a returned
 *     Deferred or Promise is waited for);
 *   - the first success wins: the Deferred fires with its value, and every other call
 *     still under way is cancelled;
 *   - if every call fails, it fails with `ParallelCommandException`, whose `failures`
 *     hold every failure in registration order (not the order they failed in).
 * Closes the original's gaps:
 *   - with nothing registered, `execute` returns a Deferred failed with
 *     `NoFunctionsRegisteredError` (the post raised at once, so a caller expecting a
 *     Deferred got an exception instead);
 *   - cancelling `execute`'s Deferred cancels every call under way and fails it with
 *     `CancelledError` (in the post, the DeferredList underneath turned the
 *     cancellations into a ParallelCommandException of CancelledErrors). If a call's
 *     canceller makes it succeed instead, that value wins, as with any canceller that
 *     fires its Deferred.
 * It is Twisted's `race` underneath, so no failure of a call is left unhandled: the
 * losers' failures are consumed, and when all fail they travel in the exception.
 */
import { race } from '../combine/race.js';
import { Deferred } from '../core/deferred.js';
import { type Failure, isFailure } from '../core/failure.js';
import { fail, maybeDeferred } from '../core/interop.js';
import { describeValue } from '../core/repr.js';
import type { FailureGroup } from '../combine/errors.js';
import { NoFunctionsRegisteredError, ParallelCommandException } from './errors.js';

/**
 * `A` is the functions' parameters and `R` the value they compute; each may return it
 * as it is, or a Deferred or Promise of it.
 */
export class DeferredParallelCommandExecutor<A extends unknown[] = unknown[], R = unknown> {
  readonly #functions: Array<(...args: A) => R | PromiseLike<R>> = [];

  /** How many functions are registered. */
  get functionCount(): number {
    return this.#functions.length;
  }

  /**
   * Add `fn` to the functions `execute` runs. Registering the same function twice runs
   * it twice. Throws a TypeError for anything that is not a function.
   */
  registerFunction(fn: (...args: A) => R | PromiseLike<R>): void {
    if (typeof fn !== 'function') {
      throw new TypeError(`DeferredParallelCommandExecutor.registerFunction: \`fn\` must be a function, got ${describeValue(fn)}`);
    }
    this.#functions.push(fn);
  }

  /**
   * Run every registered function on `args`, all at once (each is called inside this
   * call, in registration order), and return a Deferred for the first success (see the
   * class comment). Functions registered later take part only in later executions.
   */
  execute(...args: A): Deferred<R> {
    if (this.#functions.length === 0) return fail(new NoFunctionsRegisteredError());
    const calls = this.#functions.map((fn) => maybeDeferred(fn, ...args) as Deferred<R>);
    const contest = race(calls);
    let cancelled = false;
    const result = new Deferred<R>(() => {
      cancelled = true;
      contest.cancel();
    });
    contest.addBoth((outcome: [number, R] | Failure): undefined => {
      // Already failed with CancelledError: an input paused through the cancel has decided late.
      if (result.called) return undefined;
      if (!isFailure(outcome)) {
        result.callback(outcome[1]);
      } else if (!cancelled) {
        // race fails only with FailureGroup (every call failed), whose failures are in call order.
        result.errback(new ParallelCommandException((outcome.value as FailureGroup).failures));
      }
      // When cancelled, the FailureGroup of CancelledErrors is dropped: cancel() fails `result`.
      return undefined;
    });
    return result;
  }
}
