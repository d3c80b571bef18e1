/**
 * The exceptions of twisted.internet.defer, as Error classes.
 *
 * Each class sets `name`, so stacks and messages say which error it is, and carries
 * an `ERROR_NAME` tag so that `Failure.check` can match an error thrown by another
 * copy of txdefer (ESM and CJS in one process) against this copy's class.
 */

/** Registry-wide key under which each txdefer error class records its name. */
export const ERROR_NAME: unique symbol = Symbol.for('txdefer.errorName') as never;

/**
 * Give an error class its `name` (so stacks and messages say which error it is) and
 * the `ERROR_NAME` tag that lets `Failure.check` match it against its twin from
 * another copy of txdefer. Every txdefer error class is branded once, as it is
 * defined, from a private static field whose initialiser is this call, annotated as
 * pure for bundlers: `static #branded = brandError(this, 'CancelledError')`. A field rather
 * than a call after the class, so that the module has no top-level effect: a bundler
 * drops the class, branding and all, from an application that does not use it (the
 * annotation tells it that the call matters only if the class does).
 */
export function brandError(cls: { prototype: Error }, name: string): void {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
  Object.defineProperty(cls, ERROR_NAME, { value: name });
}

/**
 * `callback()` or `errback()` was called on a Deferred that has already been fired.
 * With debugging on (`setDebugging(true)`), the message also shows where the Deferred
 * was created and where it was first fired.
 */
export class AlreadyCalledError extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'AlreadyCalledError');
  constructor(message = 'this Deferred has already been fired (callback() or errback() was called before)') {
    super(message);
  }
}

/** The failure a Deferred gets when it is cancelled and its canceller did not fire it. */
export class CancelledError extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'CancelledError');
  constructor(message = 'the Deferred was cancelled') {
    super(message);
  }
}

/**
 * A Deferred timed out (the failure `addTimeout` leaves when the timer cancelled it).
 * `timeout` is the number of seconds that was allowed, as in Twisted's
 * `TimeoutError(timeout, "Deferred")`.
 */
export class TimeoutError extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'TimeoutError');
  /** The seconds that were allowed (undefined when not given). */
  readonly timeout: number | undefined;
  constructor(timeout?: number, message?: string) {
    super(message ?? (timeout === undefined ? 'the Deferred timed out' : `the Deferred timed out after ${timeout} seconds`));
    this.timeout = timeout;
  }
}

/**
 * `Deferred.fromCoroutine` or `ensureDeferred` was given something it cannot drive
 * (twisted.internet.defer.NotACoroutineError). A `TypeError`, as in Twisted, with
 * Twisted's messages ("<repr> is not a coroutine", "<repr> is not a coroutine or a Deferred").
 */
export class NotACoroutineError extends TypeError {
  static #branded = /*#__PURE__*/ brandError(this, 'NotACoroutineError');
}

/**
 * A Failure (or an errback) was asked to wrap "the current exception", which
 * JavaScript does not have: Python's `Failure()` and `d.errback()` with no argument
 * read the exception being handled; here the error must be passed explicitly.
 */
export class NoCurrentExceptionError extends TypeError {
  static #branded = /*#__PURE__*/ brandError(this, 'NoCurrentExceptionError');
}
