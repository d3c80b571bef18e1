/**
 * The specs' synchronous test helpers: the public ones from txdefer/testing (trial's
 * successResultOf, failureResultOf and assertNoResult, and collectGarbage, which makes
 * the garbage collector run so unhandled-failure reports arrive during a test; node's
 * --expose-gc is set in .mocharc.json).
 *
 * Like trial's, successResultOf and failureResultOf *consume* the result: they add a
 * step that records it and returns undefined, so a failure counts as handled.
 */
export { assertNoResult, collectGarbage, failureResultOf, successResultOf } from '../../src/testing/index.js';
