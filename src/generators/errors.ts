/**
 * NotACoroutineError (twisted.internet.defer.NotACoroutineError): `fromCoroutine` or
 * `ensureDeferred` was given something it cannot drive. A `TypeError`, as in Twisted,
 * with Twisted's messages ("%r is not a coroutine", "%r is not a coroutine or a Deferred").
 *
 * The class carries the core's `ERROR_NAME` tag, so `Failure.check` matches it against
 * the same class from another copy of txdefer (ESM beside CJS).
 */
import { brandError } from '../core/errors.js';

export class NotACoroutineError extends TypeError {
  static #branded = /*#__PURE__*/ brandError(this, 'NotACoroutineError');
}
