/**
 * Clock and DelayedCall: the deterministic scheduler for tests. Ports Twisted's
 * ClockTests (test_task.py) and the Clock semantics of reference E.10.1 and H.21.
 * Twisted's output for the same cases: spec/oracle/time_clock.py.
 */
import { expect } from 'chai';
import sinon from 'sinon';
import type { Scheduler } from '../../src/index.js';
import { Clock } from '../../src/time/clock.js';
import { DelayedCall } from '../../src/time/delayed-call.js';
import { AlreadyCalled, AlreadyCancelled } from '../../src/time/errors.js';

/** Runs `fn` and returns what it threw (fails the test if it threw nothing). */
function thrownBy(fn: () => void): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, but nothing was thrown');
}

describe('ClockTests', () => {
  it('a new clock reads 0 seconds', () => {
    expect(new Clock().seconds()).to.equal(0);
  });

  it('is a Scheduler (callLater and seconds)', () => {
    const scheduler: Scheduler = new Clock();
    expect(scheduler.callLater(1, () => undefined).active()).to.equal(true);
  });

  describe('callLater', () => {
    it('returns an active DelayedCall due at now + delay', () => {
      const clock = new Clock();
      const call = clock.callLater(1, (_a: number, _b: number) => undefined, 1, 2);
      expect(call).to.be.instanceOf(DelayedCall);
      expect(call.getTime()).to.equal(1);
      expect(call.active()).to.equal(true);
      expect(call.called).to.equal(false);
      expect(call.cancelled).to.equal(false);
    });

    it('returns a new object each time', () => {
      const clock = new Clock();
      expect(clock.callLater(10, () => undefined)).to.not.equal(clock.callLater(1, () => undefined));
    });

    it('does not run the function before the clock is advanced, even with delay 0', () => {
      const clock = new Clock();
      const fn = sinon.spy();
      clock.callLater(0, fn);
      expect(fn.called).to.equal(false);
      clock.advance(0);
      expect(fn.calledOnce).to.equal(true);
    });

    it('passes the extra arguments to the function', () => {
      const clock = new Clock();
      const fn = sinon.spy();
      clock.callLater(1, fn, 'x', 2);
      clock.advance(1);
      expect(fn.firstCall.args).to.deep.equal(['x', 2]);
    });

    it('counts the delay from the current time', () => {
      const clock = new Clock();
      clock.advance(5);
      expect(clock.callLater(2, () => undefined).getTime()).to.equal(7);
    });
  });

  describe('cancel', () => {
    it('makes the call inactive and cancelled, and removes it from getDelayedCalls', () => {
      const clock = new Clock();
      const fn = sinon.spy();
      const call = clock.callLater(1, fn);
      call.cancel();
      expect(call.active()).to.equal(false);
      expect(call.cancelled).to.equal(true);
      expect(clock.getDelayedCalls()).to.deep.equal([]);
      clock.advance(10);
      expect(fn.called).to.equal(false);
    });

    it('from inside the call itself throws AlreadyCalled (testAdvanceCancel)', () => {
      const clock = new Clock();
      let thrown: Error | undefined;
      const call = clock.callLater(1, () => {
        thrown = thrownBy(() => call.cancel());
      });
      clock.advance(1);
      expect(thrown).to.be.instanceOf(AlreadyCalled);
    });

    it('inside the call, the call is already marked called and inactive', () => {
      const clock = new Clock();
      let seen: [boolean, boolean] | undefined;
      const call = clock.callLater(1, () => {
        seen = [call.called, call.active()];
      });
      clock.advance(1);
      expect(seen).to.deep.equal([true, false]);
    });

    it('of a call due in the same advance, by an earlier call, stops it running', () => {
      const clock = new Clock();
      const seen: string[] = [];
      clock.callLater(1, () => {
        seen.push('first');
        second.cancel();
      });
      const second = clock.callLater(1, () => seen.push('second'));
      clock.advance(1);
      expect(seen).to.deep.equal(['first']);
    });
  });

  describe('AlreadyCancelled and AlreadyCalled', () => {
    for (const method of ['cancel', 'reset', 'delay'] as const) {
      const invoke = (call: DelayedCall): void => {
        if (method === 'cancel') call.cancel();
        else call[method](1);
      };

      it(`${method}() on a cancelled call throws AlreadyCancelled with Twisted's message`, () => {
        const clock = new Clock();
        const call = clock.callLater(1, () => undefined);
        call.cancel();
        const error = thrownBy(() => invoke(call));
        expect(error).to.be.instanceOf(AlreadyCancelled);
        expect(error.message).to.equal('Tried to cancel an already-cancelled event.');
        expect(error.name).to.equal('AlreadyCancelled');
      });

      it(`${method}() on a call that has run throws AlreadyCalled with Twisted's message`, () => {
        const clock = new Clock();
        const call = clock.callLater(1, () => undefined);
        clock.advance(1);
        const error = thrownBy(() => invoke(call));
        expect(error).to.be.instanceOf(AlreadyCalled);
        expect(error.message).to.equal('Tried to cancel an already-called event.');
        expect(error.name).to.equal('AlreadyCalled');
      });
    }
  });

  describe('advance', () => {
    it('runs a call only once its time has come, and it is then inactive (testAdvance)', () => {
      const clock = new Clock();
      const fn = sinon.spy();
      const call = clock.callLater(2, fn);
      clock.advance(1);
      expect(fn.called).to.equal(false);
      clock.advance(1);
      expect(fn.calledOnce).to.equal(true);
      expect(call.active()).to.equal(false);
      expect(call.called).to.equal(true);
      expect(clock.getDelayedCalls()).to.deep.equal([]);
    });

    it('runs calls due at the same time in the order they were scheduled', () => {
      const clock = new Clock();
      const order: string[] = [];
      clock.callLater(2, () => order.push('first'));
      clock.callLater(1, () => order.push('early'));
      clock.callLater(2, () => order.push('second'));
      clock.advance(1);
      clock.callLater(1, () => order.push('third'));
      clock.advance(5);
      expect(order).to.deep.equal(['early', 'first', 'second', 'third']);
    });

    it('gives the advanced time to seconds() inside a call, not the call\'s due time', () => {
      const clock = new Clock();
      const seen: number[] = [];
      clock.callLater(1, () => seen.push(clock.seconds()));
      clock.advance(5);
      expect(seen).to.deep.equal([5]);
    });

    it('runs zero-delay calls scheduled during the advance in the same advance', () => {
      const clock = new Clock();
      const seen: Array<[number, number]> = [];
      const again = (n: number): void => {
        seen.push([n, clock.seconds()]);
        if (n < 4) clock.callLater(0, again, n + 1);
      };
      clock.callLater(1, again, 1);
      clock.advance(1);
      expect(seen).to.deep.equal([[1, 1], [2, 1], [3, 1], [4, 1]]);
    });

    it('leaves a call scheduled during the advance for after the new time', () => {
      const clock = new Clock();
      const later = sinon.spy();
      clock.callLater(1, () => clock.callLater(0.5, later));
      clock.advance(1);
      expect(later.called).to.equal(false);
      expect(clock.getDelayedCalls()).to.have.length(1);
    });

    it('lets an exception from a call propagate; the other due calls run on the next advance', () => {
      const clock = new Clock();
      const seen: string[] = [];
      const boom = new RangeError('boom');
      clock.callLater(1, () => seen.push('before'));
      clock.callLater(1, () => {
        throw boom;
      });
      clock.callLater(1, () => seen.push('after'));

      expect(thrownBy(() => clock.advance(1))).to.equal(boom);
      expect(seen).to.deep.equal(['before']);
      expect(clock.getDelayedCalls()).to.have.length(1);
      expect(clock.seconds()).to.equal(1);

      clock.advance(0);
      expect(seen).to.deep.equal(['before', 'after']);
    });

    it('called from inside a call, runs the calls it makes due before returning', () => {
      const clock = new Clock();
      const seen: Array<[string, number]> = [];
      clock.callLater(1, () => {
        seen.push(['outer', clock.seconds()]);
        clock.advance(2);
        seen.push(['outer done', clock.seconds()]);
      });
      clock.callLater(2, () => seen.push(['inner', clock.seconds()]));
      clock.advance(1);
      expect(seen).to.deep.equal([['outer', 1], ['inner', 3], ['outer done', 3]]);
    });
  });

  describe('pump', () => {
    it('advances by each amount in turn', () => {
      const clock = new Clock();
      const seen: Array<[number, number]> = [];
      for (const t of [1, 2, 3]) clock.callLater(t, () => seen.push([t, clock.seconds()]));
      clock.pump([0.5, 0.5, 1, 1.5]);
      expect(seen).to.deep.equal([[1, 1], [2, 2], [3, 3.5]]);
      expect(clock.seconds()).to.equal(3.5);
    });

    it('accepts any iterable', () => {
      const clock = new Clock();
      clock.pump(new Set([1, 2]));
      expect(clock.seconds()).to.equal(3);
    });
  });

  describe('delay and reset', () => {
    it('delay(1) of a 1 s call makes it due at 2 (testCallLaterDelayed)', () => {
      const clock = new Clock();
      const fn = sinon.spy();
      const call = clock.callLater(1, fn, 1, 2);
      call.delay(1);
      expect(call.getTime()).to.equal(2);
      clock.advance(1.5);
      expect(fn.called).to.equal(false);
      clock.advance(1);
      expect(fn.firstCall.args).to.deep.equal([1, 2]);
    });

    it('delay() with a negative amount brings the call forward', () => {
      const clock = new Clock();
      const call = clock.callLater(5, () => undefined);
      call.delay(-3);
      expect(call.getTime()).to.equal(2);
    });

    it('reset() to later counts from now (testCallLaterResetLater)', () => {
      const clock = new Clock();
      const fn = sinon.spy();
      const call = clock.callLater(2, fn);
      clock.advance(1);
      call.reset(3);
      expect(call.getTime()).to.equal(4);
      clock.advance(2);
      expect(fn.called).to.equal(false);
      clock.advance(1);
      expect(fn.calledOnce).to.equal(true);
    });

    it('reset() to sooner runs the call earlier (testCallLaterResetSooner)', () => {
      const clock = new Clock();
      const seen: number[] = [];
      const call = clock.callLater(4, () => seen.push(clock.seconds()));
      call.reset(3);
      expect(call.getTime()).to.equal(3);
      clock.advance(3);
      expect(seen).to.deep.equal([3]);
    });

    it('a call reset later, then another scheduled, run in due order (test_callLaterKeepsCallsOrdered)', () => {
      const clock = new Clock();
      const result: Array<[string, number]> = [];
      const log = (name: string): void => {
        result.push([name, clock.seconds()]);
      };
      const a = clock.callLater(1, log, 'a');
      a.reset(3);
      clock.callLater(2, log, 'b');
      clock.pump([1, 1, 1]);
      expect(result).to.deep.equal([['b', 2], ['a', 3]]);
    });

    it('a call reset past a later one runs after it (test_callLaterResetKeepsCallsOrdered)', () => {
      const clock = new Clock();
      const result: Array<[string, number]> = [];
      const log = (name: string): void => {
        result.push([name, clock.seconds()]);
      };
      const a = clock.callLater(1, log, 'a');
      clock.callLater(2, log, 'b');
      a.reset(3);
      clock.pump([1, 1, 1]);
      expect(result).to.deep.equal([['b', 2], ['a', 3]]);
    });

    it('a reset made from inside another call keeps the order (test_callLaterResetInsideCallKeepsCallsOrdered)', () => {
      const clock = new Clock();
      const result: Array<[string, number]> = [];
      const log = (name: string): void => {
        result.push([name, clock.seconds()]);
      };
      const b = clock.callLater(2, log, 'b');
      clock.callLater(1, () => b.reset(3));
      clock.callLater(3, log, 'c');
      clock.pump(Array<number>(10).fill(0.5));
      expect(result).to.deep.equal([['c', 3], ['b', 4]]);
    });

    it('a call reset to tie with another keeps the place it had at the last sort, as in Twisted', () => {
      const clock = new Clock();
      const order: string[] = [];
      clock.callLater(3, () => order.push('x'));
      const y = clock.callLater(1, () => order.push('y'));
      y.reset(3);
      clock.callLater(10, () => order.push('z'));
      clock.advance(3);
      expect(order).to.deep.equal(['y', 'x']);
    });
  });

  describe('getDelayedCalls', () => {
    it('is empty for a new clock', () => {
      expect(new Clock().getDelayedCalls()).to.deep.equal([]);
    });

    it('holds every pending call', () => {
      const clock = new Clock();
      const a = clock.callLater(1, () => undefined);
      const b = clock.callLater(2, () => undefined);
      expect(new Set(clock.getDelayedCalls())).to.deep.equal(new Set([a, b]));
    });

    it('returns a copy: changing it does not change the clock', () => {
      const clock = new Clock();
      clock.callLater(1, () => undefined);
      clock.getDelayedCalls().length = 0;
      expect(clock.getDelayedCalls()).to.have.length(1);
    });
  });

  describe('toString', () => {
    it("reads like Twisted's repr, with a number for the address", () => {
      const clock = new Clock();
      const tick = (_a: number, _b: string): void => undefined;
      const call = clock.callLater(1.5, tick, 1, 'a');
      expect(String(call)).to.match(/^<DelayedCall #\d+ \[1\.5s\] called=0 cancelled=0 tick\(1, 'a'\)>$/);
      call.cancel();
      expect(String(call)).to.match(/^<DelayedCall #\d+ \[1\.5s\] called=0 cancelled=1>$/);
    });
  });

  describe('bad input (txdefer refuses it with a clear error)', () => {
    it('callLater refuses NaN with a RangeError and a non-number with a TypeError, naming it', () => {
      expect(() => new Clock().callLater(NaN, () => undefined)).to.throw(RangeError, 'Clock.callLater: `delay` must be a number of seconds, got NaN');
      expect(() => new Clock().callLater('1' as unknown as number, () => undefined)).to.throw(
        TypeError,
        "Clock.callLater: `delay` must be a number of seconds, got string '1'",
      );
    });

    it('callLater refuses a NaN delay', () => {
      expect(() => new Clock().callLater(NaN, () => undefined)).to.throw(RangeError, 'got NaN');
    });

    it('callLater refuses a delay that is not a number', () => {
      expect(() => new Clock().callLater('1' as unknown as number, () => undefined)).to.throw(
        TypeError,
        "Clock.callLater: `delay` must be a number of seconds, got string '1'",
      );
    });

    it('callLater refuses a function that is not a function', () => {
      expect(() => new Clock().callLater(1, 42 as unknown as () => void)).to.throw(
        TypeError,
        'Clock.callLater: `fn` must be a function, got number 42',
      );
    });

    it('callLater accepts Infinity: a call that never comes due', () => {
      const clock = new Clock();
      const fn = sinon.spy();
      const call = clock.callLater(Infinity, fn);
      clock.advance(1e300);
      expect(fn.called).to.equal(false);
      expect(call.active()).to.equal(true);
    });

    it('advance refuses a negative, NaN or infinite amount', () => {
      const clock = new Clock();
      expect(() => clock.advance(-1)).to.throw(RangeError, 'Clock.advance: `amount` must be a finite number of seconds >= 0, got -1');
      expect(() => clock.advance(NaN)).to.throw(RangeError, 'got NaN');
      expect(() => clock.advance(Infinity)).to.throw(RangeError, 'got Infinity');
      expect(clock.seconds()).to.equal(0);
    });

    it('pump refuses something that is not iterable', () => {
      expect(() => new Clock().pump(3 as unknown as number[])).to.throw(TypeError, 'Clock.pump: `timings` must be an iterable');
    });

    it('reset refuses a NaN number of seconds', () => {
      const call = new Clock().callLater(1, () => undefined);
      expect(() => call.reset(NaN)).to.throw(RangeError, 'DelayedCall.reset: `secondsFromNow` must be a number of seconds, got NaN');
      expect(call.getTime()).to.equal(1);
    });

    it('delay refuses NaN and infinite amounts', () => {
      const call = new Clock().callLater(1, () => undefined);
      expect(() => call.delay(NaN)).to.throw(RangeError, 'DelayedCall.delay: `secondsLater` must be a finite number of seconds, got NaN');
      expect(() => call.delay(-Infinity)).to.throw(RangeError, 'got -Infinity');
      expect(call.getTime()).to.equal(1);
    });
  });
});
