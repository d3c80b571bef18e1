/**
 * The specs' synchronous test helpers: the public ones from txdefer/testing (trial's
 * successResultOf, failureResultOf and assertNoResult, and collectGarbage, which makes
 * the garbage collector run so unhandled-failure reports arrive during a test; node's
 * --expose-gc is set in .mocharc.json).
 *
 * Like trial's, successResultOf and failureResultOf *consume* the result: they add a
 * step that records it and returns undefined, so a failure counts as handled.
 */
import { captureUnhandledErrors, type ErrorType, type Failure } from '../../src/index.js';
import { collectGarbage } from '../../src/testing/index.js';

export { assertNoResult, collectGarbage, failureResultOf, successResultOf } from '../../src/testing/index.js';

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

/**
 * Collect the garbage earlier tests left (so that their unhandled-failure reports arrive
 * now, to whatever handler is in place), then start capturing reports: a test that then
 * expects no report is not failed by another test's leftovers being collected during it.
 */
export async function captureAfterCollecting(): Promise<ReturnType<typeof captureUnhandledErrors>> {
  await collectGarbage();
  return captureUnhandledErrors();
}

/** The reports in `log` whose text mentions `marker` (a string only the test at hand uses). */
export function reportsMentioning(log: ReturnType<typeof captureUnhandledErrors>, marker: string): string[] {
  return log.reports.map((report) => report.message).filter((message) => message.includes(marker));
}
