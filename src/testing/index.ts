/**
 * txdefer/testing: trial's helpers for testing code that uses Deferreds
 * (twisted.trial.unittest.SynchronousTestCase), for any JavaScript test runner.
 *
 *   - `successResultOf`, `failureResultOf`, `assertNoResult`: assert on a Deferred's
 *     result now, with trial's messages, failing with `FailTest`;
 *   - `flushLoggedErrors` and the logged-error check (`checkLoggedErrors`): a test fails
 *     when a failure is reported during it and not flushed, as in trial.
 *
 * A subpath of its own (`import { successResultOf } from 'txdefer/testing'`), so that an
 * application's bundle never carries test helpers. docs/testing.md shows them at work.
 */

/* twisted.trial.unittest.SynchronousTestCase: assertions on a Deferred's result now */
export { assertNoResult, failureResultOf, FailTest, successResultOf } from './results.js';

/* trial's logged errors: flushLoggedErrors, and a test that logged and did not flush fails */
export {
  checkLoggedErrors,
  collectGarbage,
  finishLoggedErrorCheck,
  flushLoggedErrors,
  LoggedErrors,
  startLoggedErrorCheck,
  withLoggedErrorCheck,
} from './logged-errors.js';
export type { TestHooks } from './logged-errors.js';
