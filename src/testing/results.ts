/**
 * trial's synchronous assertions on Deferreds (twisted.trial.unittest.SynchronousTestCase):
 * `successResultOf`, `failureResultOf` and `assertNoResult`. They look at a Deferred's
 * result *now*, without waiting, which is how Twisted's own tests check code that runs on
 * a `Clock`: fire, advance, then assert.
 *
 * What they do to the Deferred is trial's:
 *   - `successResultOf` and `failureResultOf` take the result: they add a pair that
 *     records it and returns `undefined`, so the Deferred is left holding `undefined` and
 *     a failure counts as handled (it is never reported as unhandled);
 *   - `assertNoResult` adds a pair that passes the result on, so the Deferred's later
 *     outcome is untouched; if a result is already there it fails, after swallowing a
 *     failure it found (the assertion error reports it instead).
 *
 * Their assertion errors are `FailTest`s (trial's `failureException`) with trial's
 * messages, the Deferred and the result shown as txdefer prints them
 * (`<Deferred #3 current result: undefined>`, `<Failure RangeError: bad>`).
 */
import { brandError } from '../core/errors.js';
import { describeValue, repr } from '../core/repr.js';
import { thenOf } from '../core/thenable.js';
import { type Deferred, type ErrorType, type Failure, isDeferred, isFailure } from '../index.js';

/**
 * A test assertion failed (trial's `FailTest`, its `failureException`). Test runners
 * (mocha, node:test, jest, vitest) report it as the test's failure.
 */
export class FailTest extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'FailTest');
}

/** No result was found: the marker `resultNow` answers with. */
const NO_RESULT: unique symbol = Symbol('no result');

/** Take the Deferred's result now, as trial's `addBoth(result.append)` does, or NO_RESULT. */
function resultNow(deferred: Deferred<unknown>, where: string): unknown {
  requireDeferred(deferred, where);
  let seen: unknown = NO_RESULT;
  deferred.addBoth((result: unknown) => {
    seen = result;
    return undefined;
  });
  return seen;
}

function requireDeferred(deferred: unknown, where: string): asserts deferred is Deferred<unknown> {
  if (isDeferred(deferred)) return;
  let hint = '';
  try {
    if (thenOf(deferred) !== undefined) hint = ' (a Promise has no result to look at synchronously: await it)';
  } catch {
    // a value whose `then` cannot be read is described as it is
  }
  throw new TypeError(`${where}: \`deferred\` must be a Deferred, got ${describeValue(deferred)}${hint}`);
}

/**
 * The Deferred's success result, now (trial's `successResultOf`). Throws `FailTest` if it
 * has no result yet ("Success result expected on <Deferred #1>, found no result instead")
 * or has failed ("... found failure result instead:" and the traceback). Takes the result:
 * the Deferred is left holding `undefined`.
 *
 * @example
 * ```ts
 * const clock = new Clock();
 * const d = deferLater(clock, 1, () => 'done');
 * assertNoResult(d);
 * clock.advance(1);
 * successResultOf(d); // 'done'
 * ```
 */
export function successResultOf<T>(deferred: Deferred<T>): T {
  const result = resultNow(deferred, 'successResultOf');
  if (result === NO_RESULT) {
    throw new FailTest(`Success result expected on ${String(deferred)}, found no result instead`);
  }
  if (isFailure(result)) {
    throw new FailTest(`Success result expected on ${String(deferred)}, found failure result instead:\n${result.getTraceback()}`);
  }
  return result as T;
}

/**
 * The Deferred's Failure, now (trial's `failureResultOf`). Throws `FailTest` if it has no
 * result yet, has succeeded ("... found success result (<value>) instead"), or, when
 * `errorTypes` are given, has failed with a value that matches none of them
 * ("Failure of type (RangeError or TypeError) expected on ..., found type ... instead").
 * Takes the result, so the failure counts as handled.
 *
 * @example
 * ```ts
 * const failure = failureResultOf(fail(new RangeError('bad')), RangeError);
 * failure.getErrorMessage(); // 'bad'
 * ```
 */
export function failureResultOf(deferred: Deferred<unknown>, ...errorTypes: ErrorType[]): Failure {
  for (const [index, errorType] of errorTypes.entries()) {
    if (typeof errorType !== 'function' && typeof errorType !== 'string') {
      throw new TypeError(`failureResultOf: error type ${index + 1} must be a class or a class name, got ${describeValue(errorType)}`);
    }
  }
  const result = resultNow(deferred, 'failureResultOf');
  if (result === NO_RESULT) {
    throw new FailTest(`Failure result expected on ${String(deferred)}, found no result instead`);
  }
  if (!isFailure(result)) {
    throw new FailTest(`Failure result expected on ${String(deferred)}, found success result (${repr(result)}) instead`);
  }
  if (errorTypes.length > 0 && result.check(...errorTypes) === undefined) {
    const expected = errorTypes.map(typeName).join(' or ');
    throw new FailTest(
      `Failure of type (${expected}) expected on ${String(deferred)}, found type <class '${result.typeName}'> instead: ${result.getTraceback()}`,
    );
  }
  return result;
}

/**
 * Throws `FailTest` if the Deferred already has a result (trial's `assertNoResult`):
 * "No result expected on <Deferred #1 ...>, found <result> instead". The check passes
 * results through, so the Deferred's later outcome is untouched; a failure found already
 * there is swallowed before throwing, so it is not also reported as unhandled.
 */
export function assertNoResult(deferred: Deferred<unknown>): void {
  requireDeferred(deferred, 'assertNoResult');
  let seen: unknown = NO_RESULT;
  deferred.addBoth((result: unknown) => {
    seen = result;
    return result;
  });
  if (seen !== NO_RESULT) {
    deferred.addErrback(() => undefined);
    throw new FailTest(`No result expected on ${String(deferred)}, found ${repr(seen)} instead`);
  }
}

function typeName(errorType: ErrorType): string {
  return typeof errorType === 'string' ? errorType : errorType.name || '(anonymous class)';
}
