/**
 * The error of DeferredFilesystemLock (twisted.internet.defer.AlreadyTryingToLockError).
 * The class carries the core's `ERROR_NAME` tag, so `Failure.check` matches it against the
 * same class from another copy of txdefer (ESM beside CJS).
 */
import { brandError } from '../core/errors.js';

/**
 * `deferUntilLocked()` was called while an earlier call is still waiting for the lock;
 * Twisted's message: "deferUntilLocked isn't safe for concurrent use.".
 */
export class AlreadyTryingToLockError extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'AlreadyTryingToLockError');
}
