/**
 * RetryingCall, from "Twisted code for retrying function calls". Each `it` under "the
 * post's behaviour" is backed by the line with the same label in
 * spec/oracle/patterns_retrying_call.out (the post's class, run on Twisted 22.4 with a
 * Clock); the others are the gaps of the original that txdefer closes.
 */
import { expect } from 'chai';
import {
  CancelledError,
  Clock,
  Deferred,
  Failure,
  NoAttemptsError,
  RetryingCall,
  succeed,
} from '../../src/index.js';
import { assertNoResult, failureResultOf, successResultOf, unhandledAfter } from '../support/helpers.js';

/** A function that fails with the given errors in turn, then succeeds with 'done'; it records when it was called. */
function flaky(clock: Clock, errors: unknown[]): { fn: (...args: unknown[]) => string; calls: Array<[number, unknown[]]> } {
  const pending = [...errors];
  const calls: Array<[number, unknown[]]> = [];
  const fn = (...args: unknown[]): string => {
    calls.push([Math.round(clock.seconds() * 1e6) / 1e6, args]);
    if (pending.length > 0) throw pending.shift();
    return 'done';
  };
  return { fn, calls };
}

describe('RetryingCall', () => {
  describe("the post's behaviour", () => {
    it('the first attempt waits for the clock, even with delay 0', () => {
      const clock = new Clock();
      const { fn, calls } = flaky(clock, []);
      const d = new RetryingCall(fn, 1, 2).start({ clock });
      expect(calls).to.have.length(0);
      assertNoResult(d);
      clock.advance(0);
      expect(calls).to.have.length(1);
    });

    it('a first success fires with the value', () => {
      const clock = new Clock();
      const { fn, calls } = flaky(clock, []);
      const d = new RetryingCall(fn, 1, 2).start({ clock });
      clock.advance(0);
      expect(calls).to.deep.equal([[0, [1, 2]]]);
      expect(successResultOf(d)).to.equal('done');
    });

    it('failures are retried after the next delay until one succeeds', () => {
      const clock = new Clock();
      const { fn, calls } = flaky(clock, [new RangeError('one'), new RangeError('two')]);
      const d = new RetryingCall(fn).start({ clock });
      clock.pump([0, 0.01, 0.02]);
      expect(calls).to.deep.equal([[0, []], [0.01, []], [0.03, []]]);
      expect(successResultOf(d)).to.equal('done');
    });

    it('when the delays run out it fails with the first failure', () => {
      const clock = new Clock();
      const errors = ['first', 'second', 'third', 'fourth'].map((m) => new RangeError(m));
      const { fn, calls } = flaky(clock, errors);
      const d = new RetryingCall(fn).start({ clock, backoffIterator: [0, 1, 2] });
      clock.pump([0, 1, 2]);
      expect(calls).to.have.length(3);
      expect(failureResultOf(d, RangeError).value).to.equal(errors[0]);
    });

    it('a tester returning the failure gives up with it', () => {
      const clock = new Clock();
      const giveUp = new TypeError('give up');
      const { fn, calls } = flaky(clock, [new RangeError('retry me'), giveUp]);
      const d = new RetryingCall(fn).start({
        clock,
        failureTester: (failure) => (failure.check(RangeError) ? undefined : failure),
      });
      clock.pump([0, 0.01, 0.02, 0.04]);
      expect(calls).to.have.length(2);
      expect(failureResultOf(d, TypeError).value).to.equal(giveUp);
    });

    it('a tester that throws gives up with what it threw', () => {
      const clock = new Clock();
      const trappedOut = new TypeError('trapped out');
      const { fn, calls } = flaky(clock, [new RangeError('retry me'), trappedOut]);
      const d = new RetryingCall(fn).start({
        clock,
        failureTester: (failure) => {
          failure.trap(RangeError);
        },
      });
      clock.pump([0, 0.01, 0.02, 0.04]);
      expect(calls).to.have.length(2);
      expect(failureResultOf(d, TypeError).value).to.equal(trappedOut);
    });

    it('a function returning a Deferred is waited for', () => {
      const clock = new Clock();
      const d = new RetryingCall(() => succeed('from a Deferred')).start({ clock });
      clock.advance(0);
      expect(successResultOf(d)).to.equal('from a Deferred');
    });
  });

  describe('failures', () => {
    it('keeps every failure of the run, in order, the retried ones and the last', () => {
      const clock = new Clock();
      const errors = [new RangeError('a'), new RangeError('b'), new TypeError('c')];
      const { fn } = flaky(clock, errors);
      const call = new RetryingCall(fn);
      const d = call.start({ clock, failureTester: (f) => (f.check(RangeError) ? undefined : f) });
      clock.pump([0, 0.01, 0.02]);
      failureResultOf(d, TypeError);
      expect(call.failures.map((f) => f.value)).to.deep.equal(errors);
    });

    it('keeps the failures that came before a success', () => {
      const clock = new Clock();
      const errors = [new RangeError('a'), new RangeError('b')];
      const { fn } = flaky(clock, errors);
      const call = new RetryingCall(fn);
      const d = call.start({ clock });
      clock.pump([0, 0.01, 0.02]);
      successResultOf(d);
      expect(call.failures.map((f) => f.value)).to.deep.equal(errors);
    });

    it('are Failures, and reading them gives a copy', () => {
      const clock = new Clock();
      const { fn } = flaky(clock, [new RangeError('a')]);
      const call = new RetryingCall(fn);
      call.start({ clock });
      clock.advance(0);
      const copy = call.failures;
      expect(copy[0]).to.be.instanceOf(Failure);
      copy.length = 0;
      expect(call.failures).to.have.length(1);
    });

    it('a new start forgets the failures of the run before', () => {
      const clock = new Clock();
      const { fn } = flaky(clock, [new RangeError('a')]);
      const call = new RetryingCall(fn);
      call.start({ clock });
      clock.pump([0, 0.01]);
      expect(call.failures).to.have.length(1);
      const again = call.start({ clock });
      clock.advance(0);
      successResultOf(again);
      expect(call.failures).to.have.length(0);
    });
  });

  describe('starting', () => {
    it('any iterable of delays will do: a generator', () => {
      const clock = new Clock();
      const { fn, calls } = flaky(clock, [new RangeError('a')]);
      function* delays(): Generator<number> {
        yield 5;
        yield 7;
      }
      const d = new RetryingCall(fn).start({ clock, backoffIterator: delays() });
      clock.pump([5, 7]);
      expect(calls.map(([t]) => t)).to.deep.equal([5, 12]);
      expect(successResultOf(d)).to.equal('done');
    });

    it('any iterable of delays will do: a Set', () => {
      const clock = new Clock();
      const { fn, calls } = flaky(clock, [new RangeError('a')]);
      new RetryingCall(fn).start({ clock, backoffIterator: new Set([1, 2]) });
      clock.pump([1, 2]);
      expect(calls.map(([t]) => t)).to.deep.equal([1, 3]);
    });

    it('the function is called with the arguments given to the constructor, on every attempt', () => {
      const clock = new Clock();
      const { fn, calls } = flaky(clock, [new RangeError('a')]);
      new RetryingCall(fn, 'x', { y: 1 }).start({ clock });
      clock.pump([0, 0.01]);
      expect(calls.map(([, args]) => args)).to.deep.equal([['x', { y: 1 }], ['x', { y: 1 }]]);
    });

    it('a function returning a Promise is waited for', async () => {
      const clock = new Clock();
      const d = new RetryingCall(() => Promise.resolve('promised')).start({ clock });
      clock.advance(0);
      expect(await d).to.equal('promised');
    });

    it('a Deferred the function returns that fails counts as a failure, and is retried', () => {
      const clock = new Clock();
      let n = 0;
      const d = new RetryingCall(() => {
        n += 1;
        const inner = new Deferred<number>();
        if (n === 1) inner.errback(new RangeError('first'));
        else inner.callback(n);
        return inner;
      }).start({ clock });
      clock.pump([0, 0.01]);
      expect(successResultOf(d)).to.equal(2);
    });

    it('start() while a run is going throws, and leaves that run alone', () => {
      const clock = new Clock();
      const { fn, calls } = flaky(clock, []);
      const call = new RetryingCall(fn);
      const d = call.start({ clock });
      expect(call.running).to.equal(true);
      expect(() => call.start({ clock })).to.throw(Error, 'already running');
      clock.advance(0);
      expect(calls).to.have.length(1);
      expect(successResultOf(d)).to.equal('done');
      expect(call.running).to.equal(false);
    });

    it('without a clock, runs on the real-time scheduler', async () => {
      const d = new RetryingCall((x: number) => x * 2, 21).start({ backoffIterator: [0] });
      expect(await d).to.equal(42);
    });
  });

  describe('the gaps of the original, closed', () => {
    it('an empty delay list makes no attempt: start() returns a Deferred failed with NoAttemptsError', () => {
      const clock = new Clock();
      const { fn, calls } = flaky(clock, []);
      const d = new RetryingCall(fn).start({ clock, backoffIterator: [] });
      clock.advance(100);
      expect(calls).to.have.length(0);
      expect(failureResultOf(d, NoAttemptsError).getErrorMessage()).to.equal(
        'RetryingCall.start: `backoffIterator` gave no delay, so the function was never called',
      );
      expect(clock.getDelayedCalls()).to.deep.equal([]);
    });

    it('cancelling before the first attempt: the function is never called, CancelledError, nothing left on the clock', () => {
      const clock = new Clock();
      const { fn, calls } = flaky(clock, []);
      const d = new RetryingCall(fn).start({ clock, backoffIterator: [3] });
      expect(clock.getDelayedCalls()).to.have.length(1);
      d.cancel();
      failureResultOf(d, CancelledError);
      expect(clock.getDelayedCalls()).to.deep.equal([]);
      clock.advance(10);
      expect(calls).to.have.length(0);
    });

    it('cancelling between attempts stops the retries and leaves nothing on the clock', () => {
      const clock = new Clock();
      const { fn, calls } = flaky(clock, [new RangeError('a'), new RangeError('b')]);
      const call = new RetryingCall(fn);
      const d = call.start({ clock });
      clock.advance(0);
      expect(calls).to.have.length(1);
      d.cancel();
      failureResultOf(d, CancelledError);
      expect(clock.getDelayedCalls()).to.deep.equal([]);
      clock.advance(100);
      expect(calls).to.have.length(1);
      expect(call.running).to.equal(false);
    });

    it('cancelling while an attempt waits for its Deferred cancels that Deferred', () => {
      const clock = new Clock();
      let cancelled = 0;
      const d = new RetryingCall(() => new Deferred<string>(() => {
        cancelled += 1;
      })).start({ clock });
      clock.advance(0);
      d.cancel();
      expect(cancelled).to.equal(1);
      failureResultOf(d, CancelledError);
      expect(clock.getDelayedCalls()).to.deep.equal([]);
    });

    it('a cancelled attempt whose canceller makes it succeed is ignored: the run still fails with CancelledError', () => {
      const clock = new Clock();
      const d = new RetryingCall(() => new Deferred<string>((inner) => inner.callback('too late'))).start({ clock });
      clock.advance(0);
      d.cancel();
      failureResultOf(d, CancelledError);
    });

    it('cancelling after the result is there changes nothing', () => {
      const clock = new Clock();
      const d = new RetryingCall(() => 'ok').start({ clock });
      clock.advance(0);
      d.cancel();
      expect(successResultOf(d)).to.equal('ok');
    });

    it('after a success nothing is left on the clock', () => {
      const clock = new Clock();
      const { fn } = flaky(clock, [new RangeError('a')]);
      const d = new RetryingCall(fn).start({ clock });
      clock.pump([0, 0.01]);
      successResultOf(d);
      expect(clock.getDelayedCalls()).to.deep.equal([]);
    });

    it('after giving up nothing is left on the clock', () => {
      const clock = new Clock();
      const { fn } = flaky(clock, [new RangeError('a'), new RangeError('b')]);
      const d = new RetryingCall(fn).start({ clock, backoffIterator: [0, 1] });
      clock.pump([0, 1]);
      failureResultOf(d, RangeError);
      expect(clock.getDelayedCalls()).to.deep.equal([]);
    });
  });

  describe('bad input', () => {
    it('a fn that is not a function: TypeError from the constructor, naming it', () => {
      expect(() => new RetryingCall(42 as never)).to.throw(TypeError, '`fn` must be a function, got number 42');
    });

    it('options that are not an object: TypeError from start()', () => {
      expect(() => new RetryingCall(() => 1).start(7 as never)).to.throw(TypeError, '`options` must be an object');
    });

    it('a failureTester that is not a function: TypeError from start(), naming it and the value', () => {
      expect(() => new RetryingCall(() => 1).start({ failureTester: 'no' as never })).to.throw(
        TypeError,
        "`failureTester` must be a function, got string 'no'",
      );
    });

    it('a clock without callLater: TypeError from start()', () => {
      expect(() => new RetryingCall(() => 1).start({ clock: {} as never })).to.throw(TypeError, '`clock` must have a callLater');
    });

    it('a backoffIterator that is not iterable: TypeError from start(), naming it and the value', () => {
      expect(() => new RetryingCall(() => 1).start({ backoffIterator: 5 as never })).to.throw(
        TypeError,
        '`backoffIterator` must be an iterable of delays in seconds, got number 5',
      );
    });

    it('a backoffIterator whose iterator method throws: TypeError from start()', () => {
      const broken = {
        [Symbol.iterator](): Iterator<number> {
          throw new Error('no delays today');
        },
      };
      expect(() => new RetryingCall(() => 1).start({ backoffIterator: broken })).to.throw(TypeError, '`backoffIterator` threw when asked for its iterator');
    });

    it('a backoffIterator that throws for its first delay: TypeError from start(), with the cause', () => {
      const boom = new Error('boom');
      // eslint-disable-next-line require-yield -- a back-off iterable that throws before giving any delay
      function* broken(): Generator<number> {
        throw boom;
      }
      let thrown: unknown;
      try {
        new RetryingCall(() => 1).start({ backoffIterator: broken() });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).to.be.instanceOf(TypeError);
      expect((thrown as Error).message).to.contain('`backoffIterator` threw when asked for delay #1');
      expect((thrown as Error).cause).to.equal(boom);
    });

    it('a negative, NaN or infinite first delay: RangeError from start(), naming backoffIterator and the delay', () => {
      const clock = new Clock();
      for (const bad of [-1, Number.NaN, Infinity]) {
        expect(() => new RetryingCall(() => 1).start({ clock, backoffIterator: [bad] })).to.throw(
          RangeError,
          `\`backoffIterator\` must give finite numbers of seconds >= 0, got ${bad} as delay #1`,
        );
      }
      expect(clock.getDelayedCalls()).to.deep.equal([]);
    });

    it('a first delay that is not a number: TypeError from start()', () => {
      expect(() => new RetryingCall(() => 1).start({ backoffIterator: ['1'] as never })).to.throw(TypeError, "got string '1' as delay #1");
    });

    it('a bad later delay fails the Deferred with a RangeError naming backoffIterator; nothing is left on the clock', () => {
      const clock = new Clock();
      const { fn, calls } = flaky(clock, [new RangeError('a')]);
      const d = new RetryingCall(fn).start({ clock, backoffIterator: [0, -2] });
      clock.advance(0);
      expect(calls).to.have.length(1);
      expect(failureResultOf(d, RangeError).getErrorMessage()).to.contain('got -2 as delay #2');
      expect(clock.getDelayedCalls()).to.deep.equal([]);
    });

    it('a backoffIterator that throws later fails the Deferred with a TypeError naming it', () => {
      const clock = new Clock();
      const { fn } = flaky(clock, [new RangeError('a')]);
      function* delays(): Generator<number> {
        yield 0;
        throw new Error('out of ideas');
      }
      const d = new RetryingCall(fn).start({ clock, backoffIterator: delays() });
      clock.advance(0);
      expect(failureResultOf(d, TypeError).getErrorMessage()).to.contain('`backoffIterator` threw when asked for delay #2');
    });

    for (const odd of [true, 42, 'retry', new RangeError('not a Failure'), null]) {
      it(`a failureTester returning ${String(odd)} fails the Deferred with a TypeError naming failureTester and the value`, () => {
        const clock = new Clock();
        const { fn, calls } = flaky(clock, [new RangeError('a')]);
        const d = new RetryingCall(fn).start({ clock, failureTester: () => odd as never });
        clock.pump([0, 0.01]);
        expect(calls).to.have.length(1);
        const failure = failureResultOf(d, TypeError);
        expect(failure.getErrorMessage()).to.contain('`failureTester` must return undefined (to retry) or a Failure (to give up), got');
        expect(clock.getDelayedCalls()).to.deep.equal([]);
      });
    }
  });

  describe('unhandled failures', () => {
    class Transient extends Error {}
    class Final extends Error {}

    it('the failures the tester let pass are not reported; the one it gave up with is reported once', async () => {
      const clock = new Clock();
      const reports = await unhandledAfter(() => {
        const { fn } = flaky(clock, [new Transient('a'), new Transient('b'), new Final('c')]);
        new RetryingCall(fn).start({ clock, failureTester: (f) => (f.check(Transient) ? undefined : f) });
        clock.pump([0, 0.01, 0.02]);
      }, Transient, Final);
      expect(reports.map((f) => f.typeName)).to.deep.equal(['Final']);
    });

    it('the first failure, when the delays run out, is reported once', async () => {
      const clock = new Clock();
      const reports = await unhandledAfter(() => {
        const { fn } = flaky(clock, [new Final('first'), new Transient('second')]);
        new RetryingCall(fn).start({ clock, backoffIterator: [0, 0] });
        clock.pump([0, 0]);
      }, Transient, Final);
      expect(reports.map((f) => f.getErrorMessage())).to.deep.equal(['first']);
    });

    it('a handled outcome leaves nothing reported, and the cancelled attempt is not reported either', async () => {
      const clock = new Clock();
      const reports = await unhandledAfter(() => {
        const d = new RetryingCall(() => new Deferred<string>((attempt) => attempt.errback(new Final('dropped attempt')))).start({ clock });
        clock.advance(0);
        d.cancel();
        d.addErrback(() => undefined);
      }, Final);
      expect(reports).to.have.length(0);
    });
  });
});
