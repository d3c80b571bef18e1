/**
 * txdefer/testing's logged-error check: trial's flushLoggedErrors, and a test during which
 * a failure was reported and not flushed fails (reference: spec/oracle/testing_trial.out,
 * the flushLoggedErrors lines, on real trial).
 *
 * The check is registered here as a user registers it, with this file's mocha hooks; the
 * outer specs drive startLoggedErrorCheck/finishLoggedErrorCheck by hand to see a test fail.
 */
import { expect } from 'chai';
import { Deferred, fail, Failure, logError, logFailure } from '../../src/index.js';
import {
  checkLoggedErrors,
  collectGarbage,
  finishLoggedErrorCheck,
  flushLoggedErrors,
  LoggedErrors,
  startLoggedErrorCheck,
  withLoggedErrorCheck,
} from '../../src/testing/index.js';

class ValueError extends Error {}
class KeyError extends Error {}

/** Drop a failed Deferred without handling it, in a frame of its own so nothing keeps it. */
function dropFailed(error: Error): void {
  fail(error);
}

describe('txdefer/testing: flushLoggedErrors and the logged-error check (trial)', function () {
  // The check runs the garbage collector after each test: slower under c8 and on a busy machine.
  this.timeout(20_000);

  describe('registered with mocha hooks', () => {
    checkLoggedErrors({ beforeEach, afterEach });

    it('flushLoggedErrors(ValueError) returns the matching failures', () => {
      logError(new ValueError('expected'));
      logFailure(new KeyError('also'), 'a heading');
      const flushed = flushLoggedErrors(ValueError);
      expect(flushed.map((failure) => failure.getErrorMessage())).to.deep.equal(['expected']);
      expect(flushed[0]).to.be.instanceOf(Failure);
      expect(flushLoggedErrors().map((failure) => failure.typeName)).to.deep.equal(['KeyError']);
    });

    it('a Deferred dropped with an unhandled failure is caught by the test that dropped it (gc exposed)', async () => {
      dropFailed(new ValueError('dropped'));
      await collectGarbage();
      expect(flushLoggedErrors(ValueError).map((failure) => failure.getErrorMessage())).to.deep.equal(['dropped']);
    });

    it('a test that logs nothing passes', () => {
      const d = new Deferred<number>();
      d.callback(1);
    });
  });

  describe('what the check does after a test', () => {
    it('test_flushed: successes, errors', async () => {
      startLoggedErrorCheck();
      logError(new ValueError('expected'));
      flushLoggedErrors(ValueError);
      await finishLoggedErrorCheck.call(undefined);
    });

    it('test_not_flushed: successes, errors', async () => {
      startLoggedErrorCheck();
      logError(new ValueError('forgotten'));
      let caught: unknown;
      try {
        await finishLoggedErrorCheck.call(undefined);
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(LoggedErrors);
      const error = caught as LoggedErrors;
      expect(error.failures.map((failure) => failure.typeName)).to.deep.equal(['ValueError']);
      expect(error.message).to.match(/^1 failure was reported during the test and not flushed/);
      expect(error.message).to.include('Unhandled Error');
      expect(error.message).to.include('ValueError: forgotten');
    });

    it('in a mocha hook, fails the current test through this.test.error instead of throwing', async () => {
      startLoggedErrorCheck();
      logError(new ValueError('one'));
      logError(new KeyError('two'));
      const given: unknown[] = [];
      await finishLoggedErrorCheck.call({ test: { error: (error: unknown) => given.push(error) } });
      expect(given).to.have.length(1);
      expect((given[0] as LoggedErrors).failures.map((failure) => failure.typeName)).to.deep.equal(['ValueError', 'KeyError']);
      expect((given[0] as Error).message).to.match(/^2 failures were reported/);
    });

    it('reports after the check go back to the handler in place before it', async () => {
      startLoggedErrorCheck();
      await finishLoggedErrorCheck.call(undefined);
      expect(() => flushLoggedErrors()).to.throw(Error, 'no logged-error check is running');
    });

    it('finishing when no check runs does nothing', async () => {
      await finishLoggedErrorCheck.call(undefined);
    });

    it('starting again stops a check left running', async () => {
      startLoggedErrorCheck();
      logError(new ValueError('left over'));
      startLoggedErrorCheck();
      expect(flushLoggedErrors()).to.deep.equal([]);
      await finishLoggedErrorCheck.call(undefined);
    });
  });

  describe('bad input', () => {
    it('checkLoggedErrors without hook functions is a TypeError', () => {
      expect(() => checkLoggedErrors({} as never)).to.throw(
        TypeError,
        'checkLoggedErrors: `hooks` must have beforeEach and afterEach functions',
      );
      expect(() => checkLoggedErrors(null as never)).to.throw(TypeError, 'got null');
    });

    it('withLoggedErrorCheck without a function is a TypeError', () => {
      expect(() => withLoggedErrorCheck('test' as never)).to.throw(TypeError, 'withLoggedErrorCheck: `test` must be a function');
    });

    it('flushLoggedErrors with an error type that is neither a class nor a name is a TypeError', () => {
      expect(() => flushLoggedErrors(7 as never)).to.throw(
        TypeError,
        'flushLoggedErrors: error type 1 must be a class or a class name, got number 7',
      );
    });
  });
});
