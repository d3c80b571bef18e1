/**
 * Type-level tests: the error is a required argument of `d.errback()`, `fail()` and
 * `new Failure()`, as the runtime requires it (called with no argument at all, each
 * throws NoCurrentExceptionError: JavaScript has no "current exception" to pick up).
 * Checked by `tsc -p tsconfig.json` (part of `npm test`); never run.
 */
import { Deferred, fail, Failure } from '../../src/index.js';

export function requiredArgumentTypeTests(caught: unknown): void {
  const d = new Deferred<number>();
  // @ts-expect-error errback() needs the error: there is no "current exception"
  d.errback();
  // @ts-expect-error fail() needs the error
  fail();
  // @ts-expect-error new Failure() needs the value to wrap
  new Failure();

  // Any value is accepted, `undefined` included (`throw undefined` is legal).
  d.errback(caught);
  d.errback(undefined);
  d.errback(new Failure(caught));
  const failed: Deferred<never> = fail(caught);
  const typed: Deferred<string> = fail<string>(new RangeError('x'));
  const wrapped: Failure = new Failure(undefined);
  void failed;
  void typed;
  void wrapped;
}
