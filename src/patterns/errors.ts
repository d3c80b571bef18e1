/**
 * The errors of the patterns from the source posts.
 *
 * `ParallelCommandException` keeps the name txdpce gave it; the others name gaps the
 * posts' originals left open (an empty list of delays, an executor with nothing
 * registered, firing a Deferred that a strict chain feeds).
 *
 * Each class carries the core's `ERROR_NAME` tag, so `Failure.check` matches it
 * against the same class from another copy of txdefer (ESM beside CJS); it is given in
 * a static field, so the module has no top-level effect (see `brandError`).
 */
import { brandError } from '../core/errors.js';
import { FailureGroup } from '../combine/errors.js';
import type { Failure } from '../core/failure.js';

/**
 * `RetryingCall.start` was given a back-off iterable with no delay in it, so no
 * attempt was made: there is no result and no failure of the function to report.
 * (The post's original silently used its default delays for an empty list.)
 */
export class NoAttemptsError extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'NoAttemptsError');
  constructor(message = 'RetryingCall.start: `backoffIterator` gave no delay, so the function was never called') {
    super(message);
  }
}

/**
 * Every function registered with a `DeferredParallelCommandExecutor` failed:
 * `failures` holds their Failures in registration order (not the order they failed in).
 * A `FailureGroup`, as Twisted's `race` reports the same situation, so
 * `failure.check(FailureGroup)` matches it too.
 */
export class ParallelCommandException extends FailureGroup {
  static #branded = /*#__PURE__*/ brandError(this, 'ParallelCommandException');
  constructor(failures: readonly Failure[]) {
    super(failures);
    this.message = `every registered function failed: ${this.message}`;
  }
}

/** `DeferredParallelCommandExecutor.execute` was called before any function was registered. */
export class NoFunctionsRegisteredError extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'NoFunctionsRegisteredError');
  constructor(
    message = 'DeferredParallelCommandExecutor.execute: no function has been registered (call registerFunction first)',
  ) {
    super(message);
  }
}

/**
 * `callback()` or `errback()` was called directly on a Deferred that
 * `strictChainDeferred` has made the target of another: it fires when its source
 * does, so firing it by hand would make the source's firing fail later.
 */
export class AlreadyChainedError extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'AlreadyChainedError');
  constructor(
    message = 'this Deferred is the target of strictChainDeferred: it fires with its source\'s result, so it cannot be fired directly',
  ) {
    super(message);
  }
}
