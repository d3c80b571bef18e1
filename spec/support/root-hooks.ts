/**
 * Mocha root hooks (loaded by .mocharc.json's `require`).
 *
 * txdefer reports every failure still unhandled when the process exits (as Twisted does,
 * since CPython collects everything at exit). Many specs leave unhandled failures on
 * purpose and collect their reports with `captureUnhandledErrors()`; those not yet
 * garbage-collected when the suite ends would be printed after the suite's closing line
 * "N passed, N failed", which CI reads as the last line. So, once every spec has run,
 * reports go to a handler that keeps them quiet.
 */
import { setUnhandledErrorHandler } from '../../src/index.js';

export const mochaHooks = {
  afterAll(): void {
    setUnhandledErrorHandler(() => undefined);
  },
};
