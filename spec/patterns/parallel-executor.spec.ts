/**
 * DeferredParallelCommandExecutor, from the txdpce post. Each `it` under "the post's
 * behaviour" is backed by the line with the same label in
 * spec/oracle/patterns_parallel_executor.out (the post's class on Twisted 22.4 with a
 * Clock); the others are the gaps of the original that txdefer closes.
 */
import { expect } from 'chai';
import {
  CancelledError,
  Clock,
  Deferred,
  DeferredParallelCommandExecutor,
  deferLater,
  Failure,
  FailureGroup,
  NoFunctionsRegisteredError,
  ParallelCommandException,
} from '../../src/index.js';
import { assertNoResult, failureResultOf, successResultOf, unhandledAfter } from '../support/helpers.js';

/** A function answering after `delay` seconds on `clock`, noting in `log` when it is called and when cancelled. */
function later(clock: Clock, delay: number, answer: { value: unknown } | { error: unknown }, log: string[] = [], name = 'fn') {
  return (...args: unknown[]): Deferred<unknown> => {
    log.push(`${name} called with ${JSON.stringify(args)}`);
    const d = deferLater(clock, delay, () => {
      if ('error' in answer) throw answer.error;
      return answer.value;
    });
    d.addErrback((failure: Failure) => {
      if (failure.check(CancelledError)) log.push(`${name} cancelled`);
      return failure;
    });
    return d;
  };
}

describe('DeferredParallelCommandExecutor', () => {
  describe("the post's behaviour", () => {
    it('every function is called at once, in registration order, with the same arguments', () => {
      const clock = new Clock();
      const log: string[] = [];
      const executor = new DeferredParallelCommandExecutor();
      executor.registerFunction(later(clock, 5, { value: 'slow' }, log, 'slow'));
      executor.registerFunction(later(clock, 1, { value: 'fast' }, log, 'fast'));
      executor.execute('a', 2);
      expect(log).to.deep.equal(['slow called with ["a",2]', 'fast called with ["a",2]']);
    });

    it('the first success wins', () => {
      const clock = new Clock();
      const executor = new DeferredParallelCommandExecutor();
      executor.registerFunction(later(clock, 5, { value: 'slow' }));
      executor.registerFunction(later(clock, 1, { value: 'fast' }));
      const d = executor.execute();
      clock.advance(1);
      expect(successResultOf(d)).to.equal('fast');
    });

    it('the others are cancelled', () => {
      const clock = new Clock();
      const log: string[] = [];
      const executor = new DeferredParallelCommandExecutor();
      executor.registerFunction(later(clock, 5, { value: 'slow' }, log, 'slow'));
      executor.registerFunction(later(clock, 1, { value: 'fast' }, log, 'fast'));
      executor.execute();
      clock.advance(1);
      expect(log.slice(2)).to.deep.equal(['slow cancelled']);
    });

    it('nothing is left on the clock', () => {
      const clock = new Clock();
      const executor = new DeferredParallelCommandExecutor();
      executor.registerFunction(later(clock, 5, { value: 'slow' }));
      executor.registerFunction(later(clock, 1, { value: 'fast' }));
      executor.execute();
      clock.advance(1);
      expect(clock.getDelayedCalls()).to.deep.equal([]);
    });

    it('a fast failure does not decide', () => {
      const clock = new Clock();
      const executor = new DeferredParallelCommandExecutor();
      executor.registerFunction(later(clock, 1, { error: new RangeError('fast failure') }));
      executor.registerFunction(later(clock, 2, { value: 'slow success' }));
      const d = executor.execute();
      clock.advance(1);
      assertNoResult(d);
    });

    it('a slower success wins over an earlier failure', () => {
      const clock = new Clock();
      const executor = new DeferredParallelCommandExecutor();
      executor.registerFunction(later(clock, 1, { error: new RangeError('fast failure') }));
      executor.registerFunction(later(clock, 2, { value: 'slow success' }));
      const d = executor.execute();
      clock.advance(2);
      expect(successResultOf(d)).to.equal('slow success');
    });

    it('all failing gives ParallelCommandException with every failure in registration order', () => {
      const clock = new Clock();
      const first = new RangeError('registered first, fails last');
      const second = new TypeError('registered second, fails first');
      const executor = new DeferredParallelCommandExecutor();
      executor.registerFunction(later(clock, 2, { error: first }));
      executor.registerFunction(later(clock, 1, { error: second }));
      const d = executor.execute();
      clock.advance(2);
      const failure = failureResultOf(d, ParallelCommandException);
      expect((failure.value as ParallelCommandException).failures.map((f) => f.value)).to.deep.equal([first, second]);
    });

    it('a function that throws counts as a failure, and a plain value as a success', () => {
      const executor = new DeferredParallelCommandExecutor<[], string>();
      executor.registerFunction(() => {
        throw new RangeError('sync');
      });
      executor.registerFunction(() => 'plain value');
      expect(successResultOf(executor.execute())).to.equal('plain value');
    });
  });

  describe('txdefer only', () => {
    it('ParallelCommandException is a FailureGroup, with a message listing the failures', () => {
      const executor = new DeferredParallelCommandExecutor();
      executor.registerFunction(() => {
        throw new RangeError('one');
      });
      executor.registerFunction(() => {
        throw new TypeError('two');
      });
      const failure = failureResultOf(executor.execute(), FailureGroup);
      expect(failure.value).to.be.instanceOf(ParallelCommandException);
      expect(failure.getErrorMessage()).to.equal('every registered function failed: 2 failures: #0 RangeError: one; #1 TypeError: two');
      expect((failure.value as Error).name).to.equal('ParallelCommandException');
    });

    it('nothing registered gives a failed Deferred with NoFunctionsRegisteredError, not a throw', () => {
      const d = new DeferredParallelCommandExecutor().execute();
      expect(failureResultOf(d, NoFunctionsRegisteredError).getErrorMessage()).to.equal(
        'DeferredParallelCommandExecutor.execute: no function has been registered (call registerFunction first)',
      );
    });

    it('cancelling execute\'s Deferred cancels every call under way and fails it with CancelledError', () => {
      const clock = new Clock();
      const log: string[] = [];
      const executor = new DeferredParallelCommandExecutor();
      executor.registerFunction(later(clock, 5, { value: 'a' }, log, 'a'));
      executor.registerFunction(later(clock, 3, { value: 'b' }, log, 'b'));
      const d = executor.execute();
      d.cancel();
      failureResultOf(d, CancelledError);
      expect(log.slice(2)).to.deep.equal(['a cancelled', 'b cancelled']);
      expect(clock.getDelayedCalls()).to.deep.equal([]);
    });

    it('cancelling after one call failed still gives CancelledError, not ParallelCommandException', () => {
      const clock = new Clock();
      const executor = new DeferredParallelCommandExecutor();
      executor.registerFunction(later(clock, 1, { error: new RangeError('failed already') }));
      executor.registerFunction(later(clock, 3, { value: 'b' }));
      const d = executor.execute();
      clock.advance(1);
      d.cancel();
      failureResultOf(d, CancelledError);
      expect(clock.getDelayedCalls()).to.deep.equal([]);
    });

    it('a call whose canceller makes it succeed wins when execute\'s Deferred is cancelled', () => {
      const executor = new DeferredParallelCommandExecutor();
      executor.registerFunction(() => new Deferred<string>((d) => d.callback('fallback')));
      const d = executor.execute();
      d.cancel();
      expect(successResultOf(d)).to.equal('fallback');
    });

    it('cancelling after the result is there changes nothing', () => {
      const executor = new DeferredParallelCommandExecutor();
      executor.registerFunction(() => 'done');
      const d = executor.execute();
      d.cancel();
      expect(successResultOf(d)).to.equal('done');
    });

    it('functions registered after execute take part only in later executions', () => {
      const clock = new Clock();
      const executor = new DeferredParallelCommandExecutor();
      executor.registerFunction(later(clock, 2, { value: 'first' }));
      const d = executor.execute();
      executor.registerFunction(later(clock, 1, { value: 'second' }));
      expect(executor.functionCount).to.equal(2);
      clock.advance(2);
      expect(successResultOf(d)).to.equal('first');
    });

    it('a function returning a Promise is waited for', async () => {
      const executor = new DeferredParallelCommandExecutor();
      executor.registerFunction(() => Promise.resolve('promised'));
      expect(await executor.execute()).to.equal('promised');
    });

    it('registerFunction refuses a non-function with a TypeError naming it and the value', () => {
      expect(() => new DeferredParallelCommandExecutor().registerFunction(null as never)).to.throw(
        TypeError,
        'DeferredParallelCommandExecutor.registerFunction: `fn` must be a function, got null',
      );
    });

    describe('unhandled failures', () => {
      class Lost extends Error {}

      it('the losers\' failures are not reported when a call succeeds', async () => {
        const reports = await unhandledAfter(() => {
          const executor = new DeferredParallelCommandExecutor();
          executor.registerFunction(() => {
            throw new Lost('loser');
          });
          executor.registerFunction(() => 'winner');
          executor.execute();
        }, Lost);
        expect(reports).to.have.length(0);
      });

      it('when all fail and nobody handles it, the ParallelCommandException is reported once, and the failures inside it are not', async () => {
        const reports = await unhandledAfter(() => {
          const executor = new DeferredParallelCommandExecutor();
          executor.registerFunction(() => {
            throw new Lost('one');
          });
          executor.registerFunction(() => {
            throw new Lost('two');
          });
          executor.execute();
        }, Lost, ParallelCommandException);
        expect(reports.map((f) => f.typeName)).to.deep.equal(['ParallelCommandException']);
      });

      it('a cancelled execution whose CancelledError is handled leaves nothing reported', async () => {
        const clock = new Clock();
        const reports = await unhandledAfter(() => {
          const executor = new DeferredParallelCommandExecutor();
          executor.registerFunction(later(clock, 1, { value: 'a' }));
          executor.registerFunction(() => new Deferred((call) => call.errback(new Lost('cancelled call'))));
          const d = executor.execute();
          d.cancel();
          d.addErrback(() => undefined);
        }, Lost);
        expect(reports).to.have.length(0);
      });
    });
  });
});
