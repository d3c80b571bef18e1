/**
 * RealTimeScheduler: callLater over the host's timers. Real timers with tiny delays
 * show what happens (never how long it takes); sinon's fake timers show the long-delay
 * and rescheduling paths deterministically. Twisted's reactor, for the same facts:
 * spec/oracle/time_real_scheduler.py.
 */
import { expect } from 'chai';
import sinon from 'sinon';
import type { Scheduler } from '../../src/index.js';
import { DelayedCall } from '../../src/time/delayed-call.js';
import { deferLater } from '../../src/time/defer-later.js';
import { AlreadyCalled, AlreadyCancelled } from '../../src/time/errors.js';
import { LoopingCall } from '../../src/time/looping-call.js';
import { RealTimeScheduler, realTimeScheduler } from '../../src/time/real-scheduler.js';

/** A promise settled when the scheduler runs the call: `callLater` through a promise. */
function ran<T>(scheduler: RealTimeScheduler, delay: number, fn: () => T): { call: DelayedCall; done: Promise<T> } {
  let call: DelayedCall | undefined;
  const done = new Promise<T>((resolve) => {
    call = scheduler.callLater(delay, () => resolve(fn()));
  });
  return { call: call as DelayedCall, done };
}

describe('RealTimeScheduler', () => {
  it('realTimeScheduler, the default instance, is a RealTimeScheduler and a Scheduler', () => {
    const scheduler: Scheduler = realTimeScheduler;
    expect(scheduler).to.be.instanceOf(RealTimeScheduler);
  });

  it('seconds() is the time since the Unix epoch', () => {
    expect(Math.abs(new RealTimeScheduler().seconds() - Date.now() / 1000)).to.be.below(5);
  });

  it('seconds() never goes backwards', () => {
    const scheduler = new RealTimeScheduler();
    let previous = scheduler.seconds();
    for (let i = 0; i < 1000; i += 1) {
      const now = scheduler.seconds();
      expect(now).to.be.at.least(previous);
      previous = now;
    }
  });

  it('callLater returns an active DelayedCall, listed by getDelayedCalls, and does not call at once', async () => {
    const scheduler = new RealTimeScheduler();
    const fn = sinon.spy();
    const { call, done } = ran(scheduler, 0.001, fn);
    expect(call).to.be.instanceOf(DelayedCall);
    expect(call.active()).to.equal(true);
    expect(fn.called).to.equal(false);
    expect(scheduler.getDelayedCalls()).to.deep.equal([call]);
    await done;
    expect(fn.calledOnce).to.equal(true);
  });

  it('runs the function with its arguments; the call is then called, inactive and no longer listed', async () => {
    const scheduler = new RealTimeScheduler();
    const got: unknown[][] = [];
    let call: DelayedCall | undefined;
    await new Promise<void>((resolve) => {
      call = scheduler.callLater(0.001, (...args: unknown[]) => {
        got.push(args);
        resolve();
      }, 'x', 2);
    });
    expect(got).to.deep.equal([['x', 2]]);
    expect(call?.called).to.equal(true);
    expect(call?.active()).to.equal(false);
    expect(scheduler.getDelayedCalls()).to.deep.equal([]);
  });

  it('a cancelled call is inactive, no longer listed, and never runs', async () => {
    const scheduler = new RealTimeScheduler();
    const fn = sinon.spy();
    const call = scheduler.callLater(0.001, fn);
    call.cancel();
    expect(call.active()).to.equal(false);
    expect(call.cancelled).to.equal(true);
    expect(scheduler.getDelayedCalls()).to.deep.equal([]);
    await ran(scheduler, 0.005, () => undefined).done;
    expect(fn.called).to.equal(false);
  });

  it('cancel twice throws AlreadyCancelled; cancel, reset or delay after running throws AlreadyCalled', async () => {
    const scheduler = new RealTimeScheduler();
    const other = scheduler.callLater(0.001, () => undefined);
    other.cancel();
    expect(() => other.cancel()).to.throw(AlreadyCancelled, 'Tried to cancel an already-cancelled event.');

    const { call, done } = ran(scheduler, 0.001, () => undefined);
    await done;
    expect(() => call.cancel()).to.throw(AlreadyCalled, 'Tried to cancel an already-called event.');
    expect(() => call.reset(1)).to.throw(AlreadyCalled, 'Tried to cancel an already-called event.');
    expect(() => call.delay(1)).to.throw(AlreadyCalled, 'Tried to cancel an already-called event.');
  });

  it('cancelling a call from inside itself throws AlreadyCalled', async () => {
    const scheduler = new RealTimeScheduler();
    let thrown: unknown;
    await new Promise<void>((resolve) => {
      const call = scheduler.callLater(0, () => {
        try {
          call.cancel();
        } catch (error) {
          thrown = error;
        }
        resolve();
      });
    });
    expect(thrown).to.be.instanceOf(AlreadyCalled);
  });

  it('a reset and delayed call stays active and still runs', async () => {
    const scheduler = new RealTimeScheduler();
    const { call, done } = ran(scheduler, 0.001, () => 'moved');
    call.reset(0.002);
    call.delay(0.001);
    expect(call.active()).to.equal(true);
    expect(await done).to.equal('moved');
  });

  it('a call due at Infinity sets no timer, is listed, and can be cancelled', () => {
    const scheduler = new RealTimeScheduler();
    const call = scheduler.callLater(Infinity, () => undefined);
    expect(call.getTime()).to.equal(Infinity);
    expect(scheduler.getDelayedCalls()).to.deep.equal([call]);
    call.cancel();
    expect(scheduler.getDelayedCalls()).to.deep.equal([]);
  });

  it('lists pending calls earliest first', () => {
    const scheduler = new RealTimeScheduler();
    const late = scheduler.callLater(100, () => undefined);
    const never = scheduler.callLater(Infinity, () => undefined);
    const soon = scheduler.callLater(50, () => undefined);
    expect(scheduler.getDelayedCalls()).to.deep.equal([soon, late, never]);
    for (const call of [late, never, soon]) call.cancel();
  });

  it('deferLater on it fires with the function\'s value', async () => {
    expect(await deferLater(new RealTimeScheduler(), 0.001, () => 'later')).to.equal('later');
  });

  it('runs a LoopingCall (its default clock) until stopped', async () => {
    let calls = 0;
    const loop: LoopingCall<[]> = new LoopingCall(() => {
      calls += 1;
      if (calls === 3) loop.stop();
    });
    expect(await loop.start(0.001)).to.equal(loop);
    expect(calls).to.equal(3);
  });

  it('refuses a NaN delay, and a function that is not one', () => {
    const scheduler = new RealTimeScheduler();
    expect(() => scheduler.callLater(NaN, () => undefined)).to.throw(RangeError, 'RealTimeScheduler.callLater: `delay` must be a number of seconds, got NaN');
    expect(() => scheduler.callLater(1, null as unknown as () => void)).to.throw(TypeError, '`fn` must be a function, got null');
  });

  describe('with fake host timers (sinon)', () => {
    let timers: sinon.SinonFakeTimers;
    beforeEach(() => {
      timers = sinon.useFakeTimers();
    });
    afterEach(() => {
      timers.restore();
    });

    it('waits out a delay longer than the host timer limit (2^31 - 1 ms) in steps: not early, and within a millisecond of due', () => {
      const scheduler = new RealTimeScheduler();
      const fn = sinon.spy();
      const thirtyDays = 30 * 24 * 3600;
      scheduler.callLater(thirtyDays, fn);
      timers.tick(2 ** 31 - 1);
      expect(fn.called).to.equal(false);
      timers.tick(thirtyDays * 1000 - (2 ** 31 - 1) - 1);
      expect(fn.called).to.equal(false);
      // Seconds since the epoch are floats: the due time may round to just past a whole millisecond.
      timers.tick(2);
      expect(fn.calledOnce).to.equal(true);
    });

    it('reset() to later moves the timer: not run at the old time, run at the new one', () => {
      const scheduler = new RealTimeScheduler();
      const fn = sinon.spy();
      const call = scheduler.callLater(1, fn);
      timers.tick(500);
      call.reset(2);
      timers.tick(1500);
      expect(fn.called).to.equal(false);
      timers.tick(500);
      expect(fn.calledOnce).to.equal(true);
    });

    it('reset() to sooner runs the call earlier', () => {
      const scheduler = new RealTimeScheduler();
      const fn = sinon.spy();
      const call = scheduler.callLater(10, fn);
      call.reset(1);
      timers.tick(1000);
      expect(fn.calledOnce).to.equal(true);
    });

    it('delay() pushes the call later', () => {
      const scheduler = new RealTimeScheduler();
      const fn = sinon.spy();
      const call = scheduler.callLater(1, fn);
      call.delay(1);
      timers.tick(1999);
      expect(fn.called).to.equal(false);
      timers.tick(1);
      expect(fn.calledOnce).to.equal(true);
    });

    it('gives seconds() at or after the due time inside the call', () => {
      const scheduler = new RealTimeScheduler();
      let seenAt = -1;
      const call = scheduler.callLater(0.0004, () => {
        seenAt = scheduler.seconds();
      });
      timers.tick(5);
      expect(seenAt).to.be.at.least(call.getTime());
    });

    it('lets an exception thrown by a call escape from the host timer', () => {
      const scheduler = new RealTimeScheduler();
      const boom = new RangeError('boom');
      scheduler.callLater(0.001, () => {
        throw boom;
      });
      expect(() => timers.tick(10)).to.throw(RangeError, 'boom');
    });
  });
});
