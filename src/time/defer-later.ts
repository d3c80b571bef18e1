/**
 * deferLater (twisted.internet.task.deferLater): a Deferred that fires, after a
 * delay on a clock, with the result of calling a function then.
 */
import { Deferred } from '../core/deferred.js';
import { maybeDeferred, type MaybeDeferredResult } from '../core/interop.js';
import type { IDelayedCall, Scheduler } from '../core/scheduler.js';
import { requireDelay, requireFunction } from './checks.js';

/**
 * After `delay` seconds on `clock`, call `fn(...args)` and fire the returned Deferred
 * with its result. As with `maybeDeferred`, a thrown error fails the Deferred, and a
 * returned Deferred (or Promise) is waited for. With no `fn`, it fires with
 * `undefined`.
 *
 * Cancelling the Deferred before the delay is over cancels the delayed call (it
 * leaves `clock.getDelayedCalls()` and `fn` never runs) and fails the Deferred with
 * `CancelledError`. Cancelling it later, while it waits for a Deferred that `fn`
 * returned, cancels that one.
 */
export function deferLater(clock: Scheduler, delay: number, fn?: undefined): Deferred<undefined>;
export function deferLater<A extends unknown[], R>(
  clock: Scheduler,
  delay: number,
  fn: (...args: A) => R,
  ...args: A
): Deferred<MaybeDeferredResult<R>>;
export function deferLater(
  clock: Scheduler,
  delay: number,
  fn?: (...args: unknown[]) => unknown,
  ...args: unknown[]
): Deferred<unknown> {
  if (typeof (clock as Partial<Scheduler> | null | undefined)?.callLater !== 'function') {
    throw new TypeError('deferLater: `clock` must have a callLater(delay, fn) method (a Clock or a scheduler)');
  }
  requireDelay(delay, 'deferLater', 'delay');
  if (fn !== undefined) requireFunction(fn, 'deferLater', 'fn');
  // The canceller only stops the timer; cancel() then fails the Deferred with CancelledError.
  const deferred = new Deferred<unknown>(() => {
    call.cancel();
  });
  deferred.addCallback(() => (fn === undefined ? undefined : maybeDeferred(fn, ...args)));
  const call: IDelayedCall = clock.callLater(delay, () => {
    deferred.callback(undefined);
  });
  return deferred;
}
