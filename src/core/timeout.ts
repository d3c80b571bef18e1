/**
 * `Deferred.addTimeout` (Twisted 16.5+): cancel a Deferred that has not fired after
 * some seconds, and turn the resulting `CancelledError` into a `TimeoutError`.
 *
 * As in Twisted, it only covers the callbacks added before it: it adds two steps to
 * the chain, one that translates a timeout and one that stops the timer.
 */
import { FAILURE_KIND, kindOf } from './brand.js';
import { requireDelay } from './delay.js';
import { CancelledError, TimeoutError } from './errors.js';
import type { Failure } from './failure.js';
import type { Scheduler } from './scheduler.js';

/** Called instead of the default translation when the timer cancelled the Deferred. */
export type OnTimeoutCancel = (result: unknown, timeout: number) => unknown;

/** What addTimeout needs from a Deferred: its public methods. */
interface Cancellable {
  cancel(): void;
  addBoth(fn: (result: unknown) => unknown): unknown;
}

export function addTimeoutTo(deferred: Cancellable, timeout: number, clock: Scheduler, onTimeoutCancel?: OnTimeoutCancel): void {
  requireDelay(timeout, 'Deferred.addTimeout', 'timeout'); // the library's one rule for delays: a negative one is already due
  if (typeof (clock as Partial<Scheduler> | null | undefined)?.callLater !== 'function') {
    throw new TypeError('Deferred.addTimeout: `clock` must have a callLater(delay, fn) method (a Clock or a scheduler)');
  }
  if (onTimeoutCancel !== undefined && typeof onTimeoutCancel !== 'function') {
    throw new TypeError(`Deferred.addTimeout: \`onTimeoutCancel\` must be a function, got ${typeof onTimeoutCancel}`);
  }
  const translate = onTimeoutCancel ?? cancelledToTimeout;
  let timedOut = false;
  const timer = clock.callLater(timeout, () => {
    timedOut = true;
    deferred.cancel();
  });
  deferred.addBoth((result) => (timedOut ? translate(result, timeout) : result));
  deferred.addBoth((result) => {
    if (timer.active()) timer.cancel();
    return result;
  });
}

/**
 * The default translation: a CancelledError becomes TimeoutError(timeout); any other
 * failure, or a value (a canceller may have called back), passes on unchanged.
 */
function cancelledToTimeout(result: unknown, timeout: number): unknown {
  if (kindOf(result) === FAILURE_KIND) {
    (result as Failure).trap(CancelledError);
    throw new TimeoutError(timeout);
  }
  return result;
}
