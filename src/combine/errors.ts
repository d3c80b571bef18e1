/**
 * The errors of the combinators: `FirstError` (twisted.internet.defer.FirstError),
 * the failure of a `DeferredList` with `fireOnOneErrback` and so of `gatherResults`,
 * and `FailureGroup` (twisted.internet.defer.FailureGroup, Twisted 23.8+), the
 * failure of a `race` in which every Deferred failed.
 *
 * Each class carries the core's `ERROR_NAME` tag, so `Failure.check` matches it
 * against the same class from another copy of txdefer (ESM beside CJS).
 */
import { brandError } from '../core/errors.js';
import { type Failure, isFailure } from '../core/failure.js';
import { describeValue, repr } from '../core/repr.js';
import { defineSymbolMethod, INSPECT } from '../core/symbol-method.js';

/**
 * The first failure among a `DeferredList`'s Deferreds (with `fireOnOneErrback`, as
 * `gatherResults` uses): `subFailure` is that Deferred's Failure, `index` its place in
 * the list. "First" means first in time, not lowest index.
 *
 * As in Twisted, the message (and `String(error)`) is `FirstError[#index, str(subFailure)]`,
 * where the sub-failure's str is its `[Failure instance: ...]` form, and the
 * inspected form (Twisted's repr) is `FirstError[#index, repr(subFailure.value)]`,
 * e.g. `FirstError[#1, ValueError('bad')]`.
 */
export class FirstError extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'FirstError');
  /** The Failure of the Deferred that failed first. */
  readonly subFailure: Failure;
  /** That Deferred's index in the list. */
  readonly index: number;

  constructor(subFailure: Failure, index: number) {
    if (!isFailure(subFailure)) {
      throw new TypeError(`FirstError: \`subFailure\` must be a Failure, got ${describeValue(subFailure)}`);
    }
    if (typeof index !== 'number') {
      throw new TypeError(`FirstError: \`index\` must be a number, got ${describeValue(index)}`);
    }
    super(`FirstError[#${index}, ${String(subFailure)}]`);
    this.subFailure = subFailure;
    this.index = index;
  }

  /** Twisted's `str(firstError)`: the message itself, without a "FirstError: " prefix. */
  override toString(): string {
    return this.message;
  }

  /**
   * Twisted's equality: the same sub-failure object (Failures compare by identity) at
   * the same index. Never equal to anything that is not a FirstError.
   */
  equals(other: unknown): boolean {
    return other instanceof FirstError && other.index === this.index && other.subFailure === this.subFailure;
  }

  /** Twisted's `repr(firstError)`: `FirstError[#3, ValueError('bad')]`, what `console.log` shows. */
  static #inspect = /*#__PURE__*/ defineSymbolMethod(this, INSPECT, function (this: FirstError) {
    return `FirstError[#${this.index}, ${repr(this.subFailure.value)}]`;
  });
}

/**
 * Every Deferred given to `race` failed: `failures` holds their Failures in the order
 * the Deferreds were given (not the order they failed in). Twisted's has an empty
 * message; this one lists the failures.
 */
export class FailureGroup extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'FailureGroup');
  /** The Failures, in input order. */
  readonly failures: readonly Failure[];

  constructor(failures: readonly Failure[]) {
    if (!Array.isArray(failures)) {
      throw new TypeError(`FailureGroup: \`failures\` must be an array of Failures, got ${describeValue(failures)}`);
    }
    failures.forEach((failure: unknown, index) => {
      if (!isFailure(failure)) {
        throw new TypeError(`FailureGroup: element ${index} of \`failures\` is not a Failure, got ${describeValue(failure)}`);
      }
    });
    super(describeFailures(failures));
    this.failures = failures;
  }
}

function describeFailures(failures: readonly Failure[]): string {
  if (failures.length === 0) return 'no failures';
  const each = failures.map((failure, index) => `#${index} ${failure.typeName}: ${failure.getErrorMessage()}`);
  return `${failures.length} ${failures.length === 1 ? 'failure' : 'failures'}: ${each.join('; ')}`;
}

/**
 * `DeferredListObserver.observe(fn, { replayHistory: true })` on an observer made
 * without `maintainHistory`: there is no history to replay (txdlo raised RuntimeError).
 */
export class NoHistoryError extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'NoHistoryError');
}
