/**
 * trial's logged-error check, for any test runner: a test during which a failure was
 * reported (an unhandled failure in a Deferred, or one given to `logError`/`logFailure`)
 * and not flushed fails, as in trial, where every error logged during a test becomes an
 * error of that test unless the test calls `flushLoggedErrors` for it.
 *
 * Built on the core's unhandled-failure capture (`captureUnhandledErrors`): the check
 * starts one capture before each test and stops it after. Two differences from trial
 * follow from JavaScript:
 *   - CPython reports an unreferenced Deferred's failure at once; a JavaScript engine
 *     reports it when the garbage collector gets to the Deferred. So, after each test,
 *     the check runs the collector when the host lets it (`gc()`: node's `--expose-gc`,
 *     Chromium's `--js-flags=--expose-gc`) and waits for the reports; without it, only
 *     the reports that have arrived by then are seen, and a later one goes to the handler
 *     in place after the test (by default, the console).
 *   - In mocha, the after-each hook fails the test it follows (through the hook's
 *     `this.test.error`), so the other tests go on, though mocha, having counted the test
 *     as passed, then counts it as failed too; elsewhere the after-each function throws,
 *     which every runner reports against the test. `withLoggedErrorCheck(fn)` wraps one
 *     test's function instead, and the test itself fails.
 */
import { type ErrorType, type Failure, captureUnhandledErrors, type UnhandledErrorLog, type UnhandledErrorReport } from '../index.js';
import { brandError } from '../core/errors.js';
import { describeValue } from '../core/repr.js';
import { FailTest } from './results.js';

declare const setTimeout: (handler: () => void, milliseconds: number) => unknown;

/**
 * A test ended with failures reported and not flushed (trial reports each as an error of
 * the test). `failures` holds them, oldest first; the message shows each report.
 */
export class LoggedErrors extends FailTest {
  static #branded = /*#__PURE__*/ brandError(this, 'LoggedErrors');
  /** The failures reported during the test and not flushed, oldest first. */
  readonly failures: readonly Failure[];

  constructor(reports: readonly UnhandledErrorReport[]) {
    const count = reports.length === 1 ? '1 failure was' : `${reports.length} failures were`;
    super(
      `${count} reported during the test and not flushed (call flushLoggedErrors(...) for those the test expects):\n\n` +
        reports.map((report) => report.message).join('\n'),
    );
    this.failures = Object.freeze(reports.map((report) => report.failure));
  }
}

/** The capture of the test now running, between startLoggedErrorCheck and finishLoggedErrorCheck. */
let current: UnhandledErrorLog | undefined;

/**
 * Start collecting the failures reported from now on (what the check runs before each
 * test). A capture left running by a test whose finish did not run is stopped first.
 */
export function startLoggedErrorCheck(): void {
  current?.stop();
  current = captureUnhandledErrors();
}

/**
 * Remove and return the failures reported during this test whose value matches one of
 * `errorTypes` (all of them when none is given), oldest first (trial's
 * `flushLoggedErrors`). Those are the failures the test expected: the check does not
 * fail the test for them. Throws an `Error` if no check is running (register it with
 * `checkLoggedErrors`, or call `startLoggedErrorCheck` first).
 *
 * @example
 * ```ts
 * checkLoggedErrors({ beforeEach, afterEach });
 *
 * it('logs the failure it cannot hand to anyone', () => {
 *   logError(new RangeError('lost'));
 *   expect(flushLoggedErrors(RangeError)).to.have.length(1);
 * });
 * ```
 */
export function flushLoggedErrors(...errorTypes: ErrorType[]): Failure[] {
  for (const [index, errorType] of errorTypes.entries()) {
    if (typeof errorType !== 'function' && typeof errorType !== 'string') {
      throw new TypeError(`flushLoggedErrors: error type ${index + 1} must be a class or a class name, got ${describeValue(errorType)}`);
    }
  }
  if (current === undefined) {
    throw new Error(
      'flushLoggedErrors: no logged-error check is running: register one with checkLoggedErrors({ beforeEach, afterEach }) ' +
        '(or call startLoggedErrorCheck() before the test)',
    );
  }
  return current.flush(...errorTypes);
}

/** What a mocha hook's `this` offers: `this.test` is the hook, whose `error(err)` fails the current test. */
interface MochaHookContext {
  test?: { error?: (error: unknown) => unknown };
}

/**
 * End the check started by `startLoggedErrorCheck` (what the check runs after each test):
 * run the garbage collector if the host exposes `gc()` and wait for the reports it
 * brings, stop collecting, and fail the test with `LoggedErrors` if any failure was
 * reported and not flushed. Called as a mocha hook (`this` is the hook's context), it
 * fails the current test without stopping the suite; otherwise the returned Promise
 * rejects with the error.
 */
export async function finishLoggedErrorCheck(this: unknown): Promise<void> {
  const log = current;
  if (log === undefined) return;
  try {
    if (hasGc()) await collectGarbage();
  } finally {
    log.stop();
    if (current === log) current = undefined;
  }
  if (log.reports.length === 0) return;
  const error = new LoggedErrors(log.reports.splice(0));
  const failTest = (this as MochaHookContext | undefined)?.test?.error;
  if (typeof failTest === 'function') {
    failTest.call((this as MochaHookContext).test, error);
    return;
  }
  throw error;
}

/** The per-test hooks of a test runner: mocha's, jest's and vitest's globals, node:test's exports. */
export interface TestHooks {
  /** Register a function to run before each test. */
  beforeEach(fn: () => void): unknown;
  /** Register a function to run after each test; it may return a Promise. */
  afterEach(fn: (this: unknown) => Promise<void>): unknown;
}

/**
 * Register trial's logged-error check with a runner's per-test hooks: called at the top of a
 * spec file (or inside a `describe`), every test there fails if a failure is reported
 * during it and not flushed with `flushLoggedErrors`. In mocha:
 * `checkLoggedErrors({ beforeEach, afterEach })`. Run the tests with `gc()` exposed (node
 * `--expose-gc`) so that a Deferred dropped with an unhandled failure is caught by the test
 * that dropped it.
 */
export function checkLoggedErrors(hooks: TestHooks): void {
  if (typeof hooks !== 'object' || hooks === null || typeof hooks.beforeEach !== 'function' || typeof hooks.afterEach !== 'function') {
    throw new TypeError(
      `checkLoggedErrors: \`hooks\` must have beforeEach and afterEach functions (e.g. { beforeEach, afterEach } in mocha), got ${describeValue(hooks)}`,
    );
  }
  hooks.beforeEach(startLoggedErrorCheck);
  hooks.afterEach(finishLoggedErrorCheck);
}

/**
 * Wrap one test's function in the logged-error check: the wrapper starts the check, runs
 * the test (awaiting it if it returns a Promise), and fails with `LoggedErrors` if a failure
 * was reported during it and not flushed. Unlike the hooks, the test itself fails, so a
 * runner counts it once, as failed (mocha counts a test that an after-each hook fails among
 * both its passes and its failures). A test that throws fails with its own error.
 *
 * @example
 * ```ts
 * it('logs nothing it does not flush', withLoggedErrorCheck(() => {
 *   logError(new RangeError('expected'));
 *   flushLoggedErrors(RangeError);
 * }));
 * ```
 */
export function withLoggedErrorCheck<This, A extends unknown[]>(
  test: (this: This, ...args: A) => unknown,
): (this: This, ...args: A) => Promise<void> {
  if (typeof test !== 'function') {
    throw new TypeError(`withLoggedErrorCheck: \`test\` must be a function, got ${describeValue(test)}`);
  }
  return async function (this: This, ...args: A): Promise<void> {
    startLoggedErrorCheck();
    try {
      await test.apply(this, args);
    } catch (error) {
      const log = current;
      current = undefined;
      log?.stop();
      throw error;
    }
    await finishLoggedErrorCheck.call(undefined);
  };
}

function hasGc(): boolean {
  return typeof (globalThis as { gc?: unknown }).gc === 'function';
}

/**
 * Run the garbage collector and wait for the finalisation callbacks that deliver
 * unhandled-failure reports (a few rounds of collection and a timer turn each). Needs
 * the host's `gc()` (node `--expose-gc`); without it, throws an `Error` saying so.
 */
export async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: unknown }).gc;
  if (typeof gc !== 'function') {
    throw new Error('collectGarbage: the host does not expose gc(): run node with --expose-gc (Chromium with --js-flags=--expose-gc)');
  }
  for (let round = 0; round < 3; round += 1) {
    (gc as () => void)();
    await new Promise<void>((resolve) => {
      setTimeout(resolve, 0);
    });
  }
}
