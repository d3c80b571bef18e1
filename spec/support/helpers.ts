/**
 * Synchronous test helpers in the manner of trial's SynchronousTestCase:
 * successResultOf, failureResultOf and assertNoResult, plus a way to make the
 * garbage collector run so unhandled-failure reports arrive during a test.
 *
 * Like trial's, successResultOf and failureResultOf *consume* the result: they add a
 * step that records it and returns undefined, so a failure counts as handled.
 */
import { captureUnhandledErrors, Deferred, Failure, type ErrorType } from '../../src/index.js';

/** The Deferred's success result, now; throws if it has no result yet or has failed. */
export function successResultOf<T>(deferred: Deferred<T>): T {
  const seen: Array<T | Failure> = [];
  deferred.addBoth((result) => {
    seen.push(result);
    return undefined;
  });
  if (seen.length === 0) throw new Error(`successResultOf: ${String(deferred)} has no result yet`);
  const result = seen[0] as T | Failure;
  if (result instanceof Failure) {
    throw new Error(`successResultOf: ${String(deferred)} failed: ${result.getTraceback()}`);
  }
  return result;
}

/**
 * The Deferred's Failure, now; throws if it has no result yet, succeeded, or failed
 * with a value matching none of `errorTypes` (when some are given).
 */
export function failureResultOf(deferred: Deferred<unknown>, ...errorTypes: ErrorType[]): Failure {
  const seen: unknown[] = [];
  deferred.addBoth((result) => {
    seen.push(result);
    return undefined;
  });
  if (seen.length === 0) throw new Error(`failureResultOf: ${String(deferred)} has no result yet`);
  const result = seen[0];
  if (!(result instanceof Failure)) {
    throw new Error(`failureResultOf: ${String(deferred)} succeeded with ${String(result)}`);
  }
  if (errorTypes.length > 0 && result.check(...errorTypes) === undefined) {
    throw new Error(`failureResultOf: ${String(deferred)} failed with an unexpected error: ${result.getTraceback()}`);
  }
  return result;
}

/**
 * Throws if the Deferred already has a result. The check passes results through, so
 * the Deferred's later outcome is untouched; a failure found already there is
 * swallowed before throwing, so it is not also reported as unhandled (as trial does).
 */
export function assertNoResult(deferred: Deferred<unknown>): void {
  const seen: unknown[] = [];
  deferred.addBoth((result) => {
    seen.push(result);
    return result;
  });
  if (seen.length > 0) {
    deferred.addErrback(() => undefined);
    throw new Error(`assertNoResult: ${String(deferred)} has a result: ${String(seen[0])}`);
  }
}

declare const gc: (() => void) | undefined;

/**
 * Run the garbage collector and let finalisation callbacks (which deliver
 * unhandled-failure reports) run. Needs node's --expose-gc (set in .mocharc.json).
 */
export async function collectGarbage(): Promise<void> {
  if (typeof gc !== 'function') throw new Error('collectGarbage needs node --expose-gc');
  for (let round = 0; round < 3; round += 1) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Run `setup` (which should leave its Deferreds unreachable when it returns), collect
 * the garbage, and return the unhandled-failure reports that arrived meanwhile whose
 * value matches one of `errorTypes` (all of them when none is given). The reports are
 * captured only for this call; the previous handler is back when it returns. Name the
 * error classes the test is about: garbage left by earlier tests may be collected (and
 * reported) during the same call.
 */
export async function unhandledAfter(setup: () => void, ...errorTypes: ErrorType[]): Promise<Failure[]> {
  const log = captureUnhandledErrors();
  try {
    setup();
    await collectGarbage();
    return log.flush(...errorTypes);
  } finally {
    log.stop();
  }
}
