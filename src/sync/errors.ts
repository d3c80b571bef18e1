/**
 * The errors of the synchronisation primitives.
 *
 * `QueueOverflow` and `QueueUnderflow` are Twisted's classes (twisted.internet.defer),
 * with a message saying what happened (Twisted's are empty). `OverReleaseError` is
 * what Twisted raises as a bare `AssertionError`: `release()` on a lock that is not
 * held, or on a semaphore with all its tokens free; it keeps Twisted's messages.
 *
 * Each class carries the core's `ERROR_NAME` tag, so `Failure.check` matches it
 * against the same class from another copy of txdefer (ESM beside CJS).
 */
import { brandError } from '../core/errors.js';

/** `DeferredQueue.put` found the queue full (`size` objects pending) and no getter waiting. */
export class QueueOverflow extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'QueueOverflow');
  constructor(message = 'DeferredQueue.put: the queue is full and no getter is waiting') {
    super(message);
  }
}

/** `DeferredQueue.get` found the queue empty and `backlog` getters already waiting. */
export class QueueUnderflow extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'QueueUnderflow');
  constructor(message = 'DeferredQueue.get: the queue is empty and the most getters allowed are already waiting') {
    super(message);
  }
}

/**
 * `release()` was called more often than acquisitions succeeded: on a `DeferredLock`
 * that is not locked ("Tried to release an unlocked lock") or on a `DeferredSemaphore`
 * whose tokens are all free ("Someone released me too many times: too many tokens!").
 * A programming error; Twisted raises `AssertionError` with the same message.
 */
export class OverReleaseError extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'OverReleaseError');
}
