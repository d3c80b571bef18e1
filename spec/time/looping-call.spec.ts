/**
 * LoopingCall: calling a function every interval on a clock. Ports Twisted's LoopTests
 * and ReactorLoopTests (run on a Clock instead of the reactor) and reference E.10.3,
 * H.22. Twisted's output for the same cases: spec/oracle/time_looping_call.py.
 */
import { expect } from 'chai';
import sinon from 'sinon';
import { CancelledError, Deferred, type Failure } from '../../src/index.js';
import { Clock } from '../../src/time/clock.js';
import { LoopingCall, ORPHANED_ITERATION } from '../../src/time/looping-call.js';
import { realTimeScheduler } from '../../src/time/real-scheduler.js';
import { failureResultOf, successResultOf } from '../support/helpers.js';
import { assertNoResult } from '../support/helpers.js';

class TestException extends Error {}

/** A LoopingCall on `clock` (Twisted's TestableLoopingCall). */
function loopOn<A extends unknown[]>(clock: Clock, f: (...args: A) => unknown, ...args: A): LoopingCall<A> {
  const loop = new LoopingCall(f, ...args);
  loop.clock = clock;
  return loop;
}

/**
 * Stop the loop from inside its function while the Deferred it returns (`gate`) is
 * pending, start it again, fire `gate`, stop: two iterations were under way, and one is
 * left scheduled.
 */
function restartWhilePending() {
  const clock = new Clock();
  const gate = new Deferred<number>();
  const calls: number[] = [];
  const loop: LoopingCall<[]> = loopOn(clock, () => {
    calls.push(clock.seconds());
    if (calls.length === 1) loop.stop();
    return gate;
  });
  const first: unknown[] = [];
  const second: unknown[] = [];
  loop.start(1).addBoth((result) => {
    first.push(result);
  });
  loop.start(1).addBoth((result) => {
    second.push(result);
  });
  gate.callback(0);
  loop.stop();
  return { clock, gate, calls, first, second };
}

/** A withCount LoopingCall on `clock`. */
function countingOn(clock: Clock, countCallable: (count: number) => unknown): LoopingCall<[]> {
  const loop = LoopingCall.withCount(countCallable);
  loop.clock = clock;
  return loop;
}

describe('LoopTests', () => {
  it('uses realTimeScheduler as its clock by default (test_defaultClock)', () => {
    expect(new LoopingCall(() => undefined).clock).to.equal(realTimeScheduler);
  });

  it('before start: not running, no interval, no start time, nothing scheduled', () => {
    const loop = loopOn(new Clock(), () => undefined);
    expect([loop.running, loop.interval, loop.starttime, loop.call]).to.deep.equal([false, undefined, undefined, undefined]);
  });

  it('calls the function at once, then every interval, with its arguments; stop() fires the start() Deferred with the LoopingCall (testBasicFunction)', () => {
    const clock = new Clock();
    const calls: unknown[][] = [];
    const loop = loopOn(clock, (...args: unknown[]) => {
      calls.push(args);
    }, 'a', 'b', undefined, 'd');
    const d = loop.start(0.1);
    expect(calls).to.have.length(1);
    expect(loop.running).to.equal(true);

    clock.pump([0.05, 0.1, 0.1]);
    expect(calls).to.have.length(3);
    expect(calls[0]).to.deep.equal(['a', 'b', undefined, 'd']);

    loop.stop();
    expect(successResultOf(d)).to.equal(loop);
    expect(loop.running).to.equal(false);
    expect(clock.getDelayedCalls()).to.deep.equal([]);
  });

  it('with now=false, makes the first call one interval after start (testDelayedStart)', () => {
    const clock = new Clock();
    const fn = sinon.spy();
    const loop = loopOn(clock, fn);
    const d = loop.start(0.1, false);
    expect(fn.called).to.equal(false);
    clock.pump([0.05, 0.1, 0.1]);
    expect(fn.callCount).to.equal(2);
    loop.stop();
    expect(successResultOf(d)).to.equal(loop);
    expect(clock.getDelayedCalls()).to.deep.equal([]);
  });

  it('refuses a negative interval with a RangeError carrying Twisted\'s message, and does not start (testBadDelay)', () => {
    const loop = loopOn(new Clock(), () => undefined);
    expect(() => loop.start(-1)).to.throw(RangeError, /^interval must be >= 0$/);
    expect(loop.running).to.equal(false);
  });

  it("refuses to start while running, with Twisted's message", () => {
    const loop = loopOn(new Clock(), () => undefined);
    loop.start(1);
    expect(() => loop.start(1)).to.throw(Error, /^Tried to start an already running LoopingCall\.$/);
    loop.stop();
  });

  it("refuses to stop or reset when not running, with Twisted's messages", () => {
    const loop = loopOn(new Clock(), () => undefined);
    expect(() => loop.stop()).to.throw(Error, /^Tried to stop a LoopingCall that was not running\.$/);
    expect(() => loop.reset()).to.throw(Error, /^Tried to reset a LoopingCall that was not running\.$/);
  });

  for (const interval of [0, 10]) {
    it(`stopped right after a delayed start (interval ${interval}), never calls the function and leaves nothing scheduled (testStopAtOnce, testStoppingBeforeDelayedStart)`, () => {
      const clock = new Clock();
      const fn = sinon.spy();
      const loop = loopOn(clock, fn);
      const d = loop.start(interval, false);
      loop.stop();
      expect(fn.called).to.equal(false);
      expect(clock.getDelayedCalls()).to.deep.equal([]);
      expect(successResultOf(d)).to.equal(loop);
    });
  }

  it('reset() skips the next call and restarts the timing from now (test_reset)', () => {
    const clock = new Clock();
    const ran: number[] = [];
    const loop = loopOn(clock, () => ran.push(clock.seconds()));
    loop.start(2, false);
    clock.advance(1);
    loop.reset();
    expect(loop.starttime).to.equal(1);
    clock.advance(1);
    expect(ran).to.deep.equal([]);
    clock.advance(1);
    expect(ran).to.deep.equal([3]);
    clock.advance(2);
    expect(ran).to.deep.equal([3, 5]);
    loop.stop();
  });

  it('skips the intervals the clock jumped over (test_reactorTimeSkips)', () => {
    const clock = new Clock();
    const times: number[] = [];
    const loop = loopOn(clock, () => times.push(clock.seconds()));
    loop.start(0.5);
    expect(times).to.deep.equal([0]);
    clock.advance(2);
    expect(times).to.deep.equal([0, 2]);
    clock.advance(1);
    expect(times).to.deep.equal([0, 2, 3]);
    clock.advance(0);
    expect(times).to.deep.equal([0, 2, 3]);
    loop.stop();
  });

  it('skips the intervals that passed while the function itself ran (test_callbackTimeSkips)', () => {
    const clock = new Clock();
    const times: number[] = [];
    let duration = 2;
    const loop = loopOn(clock, () => {
      times.push(clock.seconds());
      clock.advance(duration);
    });
    loop.start(0.5);
    expect(times).to.deep.equal([0]);
    expect(clock.seconds()).to.equal(2);

    clock.advance(0);
    expect(times).to.deep.equal([0]);

    duration = 1;
    clock.advance(0.5);
    expect(times).to.deep.equal([0, 2.5]);
    expect(clock.seconds()).to.equal(3.5);

    clock.advance(0);
    expect(times).to.deep.equal([0, 2.5]);

    duration = 0;
    clock.advance(0.5);
    expect(times).to.deep.equal([0, 2.5, 4]);
    expect(clock.seconds()).to.equal(4);
    loop.stop();
  });

  it('uses a changed interval from the next scheduling on (the call already scheduled keeps its time)', () => {
    const clock = new Clock();
    const ran: number[] = [];
    const loop = loopOn(clock, () => ran.push(clock.seconds()));
    loop.start(1);
    clock.advance(1);
    loop.interval = 3;
    clock.advance(1);
    expect(ran).to.deep.equal([0, 1, 2]);
    clock.advance(1);
    expect(ran).to.deep.equal([0, 1, 2, 3]);
    clock.advance(2);
    expect(ran).to.deep.equal([0, 1, 2, 3]);
    clock.advance(1);
    expect(ran).to.deep.equal([0, 1, 2, 3, 6]);
    loop.stop();
  });

  it('can be started again after stop(), with a new Deferred and start time', () => {
    const clock = new Clock();
    const ran: number[] = [];
    const loop = loopOn(clock, () => ran.push(clock.seconds()));
    const first = loop.start(1);
    clock.advance(1);
    loop.stop();
    const second = loop.start(2);
    expect(second).to.not.equal(first);
    clock.advance(2);
    expect(ran).to.deep.equal([0, 1, 1, 3]);
    expect(loop.starttime).to.equal(1);
    loop.stop();
    expect(successResultOf(second)).to.equal(loop);
  });

  it('is no longer running when the start() Deferred fires', () => {
    const clock = new Clock();
    const loop = loopOn(clock, () => undefined);
    const seen: boolean[] = [];
    loop.start(1).addCallback((stopped) => {
      seen.push(stopped.running);
    });
    loop.stop();
    expect(seen).to.deep.equal([false]);
  });

  it('cancelling the start() Deferred fails it with CancelledError but does not stop the loop, as in Twisted', () => {
    const clock = new Clock();
    const fn = sinon.spy();
    const loop = loopOn(clock, fn);
    const d = loop.start(1);
    d.cancel();
    failureResultOf(d, CancelledError);
    clock.advance(1);
    expect(loop.running).to.equal(true);
    expect(fn.callCount).to.equal(2);
    expect(() => loop.stop()).to.not.throw();
  });

  describe('withCount', () => {
    it('passes how many intervals came due since the last call (test_reactorTimeCountSkips)', () => {
      const clock = new Clock();
      const times: Array<[number, number]> = [];
      const loop = countingOn(clock, (count) => times.push([clock.seconds(), count]));
      loop.start(0.5);
      expect(times).to.deep.equal([[0, 1]]);
      clock.advance(0.51);
      expect(times).to.deep.equal([[0, 1], [0.51, 1]]);
      clock.advance(1.51);
      expect(times).to.deep.equal([[0, 1], [0.51, 1], [0.51 + 1.51, 3]]);
      clock.advance(0);
      expect(times).to.have.length(3);
      loop.stop();
    });

    it('counts only whole intervals on the fixed grid: a gap of 1.75 intervals still counts 1 (test_countLengthyIntervalCounts)', () => {
      const clock = new Clock();
      const times: Array<[number, number]> = [];
      const loop = countingOn(clock, (count) => times.push([clock.seconds(), count]));
      loop.start(0.5);
      clock.advance(0.51);
      clock.advance(0.5 * 1.75);
      clock.advance(0.5 * 0.25);
      expect(times).to.deep.equal([[0, 1], [0.51, 1], [1.385, 1], [1.51, 1]]);
      loop.stop();
    });

    it('never passes 0, and the counts add up to the intervals elapsed, with an interval of 0.1 (test_withCountFloatingPointBoundary)', () => {
      const clock = new Clock();
      const counts: number[] = [];
      const loop = countingOn(clock, (count) => counts.push(count));
      loop.start(0.1, false);
      for (let i = 0; i < 10; i += 1) clock.advance(0.1);
      const epsilon = 1 - Array<number>(10).fill(0.1).reduce((sum, x) => sum + x, 0);
      clock.advance(epsilon);
      expect(epsilon).to.not.equal(0);
      expect(clock.seconds()).to.be.at.least(1);
      expect(counts).to.deep.equal([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
      loop.stop();
    });

    it('with interval 0, always passes 1 (test_withCountIntervalZero)', () => {
      const clock = new Clock();
      const counts: number[] = [];
      const loop = countingOn(clock, (count) => {
        counts.push(count);
        if (counts.length > 4) loop.stop();
      });
      const d = loop.start(0, false);
      clock.advance(0);
      expect(successResultOf(d)).to.equal(loop);
      expect(counts).to.deep.equal([1, 1, 1, 1, 1]);
    });

    it('with interval 0, waits for a returned Deferred and then still passes 1 (test_withCountIntervalZeroDelay)', () => {
      const clock = new Clock();
      const gate = new Deferred<undefined>();
      const counts: number[] = [];
      const loop = countingOn(clock, (count) => {
        counts.push(count);
        if (counts.length === 2) return gate;
        if (counts.length > 4) loop.stop();
        return undefined;
      });
      loop.start(0, false);
      clock.advance(0);
      expect(counts).to.deep.equal([1, 1]);
      clock.advance(2);
      expect(counts).to.deep.equal([1, 1]);
      gate.callback(undefined);
      clock.advance(0);
      expect(counts).to.deep.equal([1, 1, 1, 1, 1]);
    });

    it("after switching from interval 0 to 2, counts from the last call, with Twisted's off-by-one (test_withCountIntervalZeroDelayThenNonZeroInterval)", () => {
      const clock = new Clock();
      const gate = new Deferred<undefined>();
      const counts: number[] = [];
      const loop = countingOn(clock, (count) => {
        counts.push(count);
        return counts.length === 2 ? gate : undefined;
      });
      loop.start(0, false);
      clock.advance(10);
      expect(counts).to.deep.equal([1, 1]);
      loop.interval = 2;
      gate.callback(undefined);
      clock.advance(7);
      expect(counts).to.deep.equal([1, 1, 3]);
      clock.advance(2);
      expect(counts).to.deep.equal([1, 1, 3, 1]);
      clock.advance(4);
      expect(counts).to.deep.equal([1, 1, 3, 1, 2]);
      loop.stop();
    });

    it('after a reset, counts from the last call', () => {
      const clock = new Clock();
      const counts: number[] = [];
      const loop = countingOn(clock, (count) => counts.push(count));
      loop.start(1);
      loop.reset();
      clock.advance(1);
      expect(counts).to.deep.equal([1, 1]);
      loop.stop();
    });
  });
});

describe('ReactorLoopTests (on a Clock)', () => {
  it('a function that throws at once fails the start() Deferred, stops the loop, and leaves nothing scheduled (testFailure)', () => {
    const clock = new Clock();
    const loop = loopOn(clock, (x: string) => {
      throw new TestException(x);
    }, 'bar');
    const d = loop.start(0.1);
    expect((failureResultOf(d, TestException).value as Error).message).to.equal('bar');
    expect(loop.running).to.equal(false);
    expect(clock.getDelayedCalls()).to.deep.equal([]);
  });

  it('a function that throws on a later call fails the loop then', () => {
    const clock = new Clock();
    let calls = 0;
    const loop = loopOn(clock, () => {
      calls += 1;
      if (calls === 3) throw new TestException('third');
    });
    const d = loop.start(1);
    clock.pump([1, 1, 1, 1]);
    expect(calls).to.equal(3);
    failureResultOf(d, TestException);
    expect(loop.running).to.equal(false);
  });

  it('a function that stops the loop and then throws still fails the start() Deferred (testFailAndStop)', () => {
    const clock = new Clock();
    const loop: LoopingCall<[string]> = loopOn(clock, (x: string) => {
      loop.stop();
      throw new TestException(x);
    }, 'bar');
    const d = loop.start(0.1);
    failureResultOf(d, TestException);
  });

  it('with interval 0, runs again on each advance(0) until stopped (testEveryIteration)', () => {
    const clock = new Clock();
    let ran = 0;
    const loop: LoopingCall<[]> = loopOn(clock, () => {
      ran += 1;
      if (ran > 5) loop.stop();
    });
    const d = loop.start(0);
    expect(ran).to.equal(1);
    clock.advance(0);
    expect(ran).to.equal(6);
    expect(successResultOf(d)).to.equal(loop);
  });

  it('stopped by another scheduled call before its first iteration, never calls the function (testStopAtOnceLater)', () => {
    const clock = new Clock();
    const fn = sinon.spy();
    const loop = loopOn(clock, fn);
    loop.start(1, false);
    clock.callLater(0, () => loop.stop());
    clock.advance(0);
    clock.advance(5);
    expect(fn.called).to.equal(false);
  });

  it('does not call the function again while its Deferred is pending (testWaitDeferred)', () => {
    const clock = new Clock();
    const loop: LoopingCall<[]> = loopOn(clock, () => {
      const d = new Deferred<undefined>();
      d.addCallback(() => loop.stop());
      clock.callLater(1, () => d.callback(undefined));
      return d;
    });
    const result = loop.start(0.2);
    clock.pump([0.2, 0.8]);
    expect(clock.getDelayedCalls()).to.deep.equal([]);
    expect(successResultOf(result)).to.equal(loop);
  });

  it("schedules the next call from the moment the function's Deferred fires", () => {
    const clock = new Clock();
    const times: number[] = [];
    const pending: Array<Deferred<undefined>> = [];
    const loop = loopOn(clock, () => {
      times.push(clock.seconds());
      if (times.length !== 1) return undefined;
      const d = new Deferred<undefined>();
      pending.push(d);
      return d;
    });
    loop.start(1);
    clock.advance(2.5);
    expect(times).to.deep.equal([0]);
    expect(clock.getDelayedCalls()).to.deep.equal([]);
    pending[0]?.callback(undefined);
    expect(clock.getDelayedCalls()[0]?.getTime()).to.equal(3);
    clock.advance(0.5);
    expect(times).to.deep.equal([0, 3]);
    loop.stop();
  });

  it("a Deferred from the function that fails fails the loop, leaving nothing scheduled (testFailurePropagation)", () => {
    const clock = new Clock();
    const loop = loopOn(clock, () => {
      const d = new Deferred<undefined>();
      clock.callLater(0.3, () => d.errback(new TestException()));
      return d;
    });
    const d = loop.start(1);
    assertNoResult(d);
    clock.pump([0.3]);
    failureResultOf(d, TestException);
    expect(clock.getDelayedCalls()).to.deep.equal([]);
  });

  it('withCount: a call whose Deferred outlasts several intervals is followed by the count of those missed (test_deferredWithCount)', () => {
    const clock = new Clock();
    const gate = new Deferred<undefined>();
    const counts: number[] = [];
    const loop = countingOn(clock, (count) => {
      counts.push(count);
      return counts.length === 1 ? gate : undefined;
    });
    loop.start(0.2, false);
    expect(counts).to.deep.equal([]);
    clock.pump([0.2, 0.4]);
    expect(counts).to.deep.equal([1]);
    gate.callback(undefined);
    clock.pump([0.2]);
    expect(counts).to.deep.equal([1, 3]);
    loop.stop();
  });
});

describe('LoopingCall.stop() while the function is in progress (reference E.10.3)', () => {
  it('from inside the function: still running=false inside, and the start() Deferred fires when the function returns', () => {
    const clock = new Clock();
    const seen: Array<[boolean, boolean]> = [];
    const loop: LoopingCall<[]> = loopOn(clock, () => {
      loop.stop();
      seen.push([loop.running, d.called]);
    });
    const d = loop.start(1, false);
    clock.advance(1);
    expect(seen).to.deep.equal([[false, false]]);
    expect(successResultOf(d)).to.equal(loop);
  });

  it("while the function's Deferred is pending: the start() Deferred fires when it fires", () => {
    const clock = new Clock();
    const pending = new Deferred<undefined>();
    const loop = loopOn(clock, () => pending);
    const d = loop.start(1);
    loop.stop();
    assertNoResult(d);
    expect(loop.running).to.equal(false);
    pending.callback(undefined);
    expect(successResultOf(d)).to.equal(loop);
  });

  it("while the function's Deferred is pending, which then fails: the start() Deferred fails", () => {
    const clock = new Clock();
    const pending = new Deferred<undefined>();
    const loop = loopOn(clock, () => pending);
    const d = loop.start(1);
    loop.stop();
    pending.errback(new TestException('late'));
    failureResultOf(d, TestException);
  });

  it('restarted while pending: the second start() Deferred fires at stop(), the first never', () => {
    const { clock, gate, first, second } = restartWhilePending();
    expect([first.length, second.length, clock.getDelayedCalls().length]).to.deep.equal([0, 1, 1]);
    clock.advance(1);
    gate.addErrback(() => undefined);
  });

  it("...and the iteration left over runs, then fails the function's Deferred (AssertionError)", () => {
    const { clock, gate, calls, first } = restartWhilePending();
    clock.advance(1);
    expect(calls).to.deep.equal([0, 0, 1]);
    expect(first).to.have.length(0);
    const failure = failureResultOf(gate, Error);
    expect(failure.getErrorMessage()).to.equal(ORPHANED_ITERATION);
  });

  it("reset() while the function's Deferred is pending does nothing", () => {
    const clock = new Clock();
    const pending = new Deferred<undefined>();
    const loop = loopOn(clock, () => pending);
    loop.start(1);
    loop.reset();
    expect([loop.starttime, loop.call]).to.deep.equal([0, undefined]);
    pending.callback(undefined);
    loop.stop();
  });
});

describe('LoopingCall: txdefer additions', () => {
  it('waits for a Promise the function returns, as for a Deferred', async () => {
    const clock = new Clock();
    let calls = 0;
    let resolve: (() => void) | undefined;
    const loop = loopOn(clock, () => {
      calls += 1;
      return new Promise<void>((r) => {
        resolve = r;
      });
    });
    const d = loop.start(1);
    clock.advance(5);
    expect(calls).to.equal(1);
    resolve?.();
    await Promise.resolve();
    await Promise.resolve();
    expect(clock.getDelayedCalls()).to.have.length(1);
    loop.stop();
    expect(successResultOf(d)).to.equal(loop);
  });

  it('toString shows the interval, the function and its arguments', () => {
    function tick(_a: number, _b: string): void {}
    const loop = loopOn(new Clock(), tick, 1, 'a');
    expect(String(loop)).to.equal("LoopingCall<undefined>(tick, 1, 'a')");
    loop.start(0.5, false);
    expect(String(loop)).to.equal("LoopingCall<0.5>(tick, 1, 'a')");
    loop.stop();
  });

  it('refuses a function that is not a function', () => {
    expect(() => new LoopingCall(3 as unknown as () => void)).to.throw(TypeError, 'new LoopingCall: `f` must be a function, got number 3');
  });

  it('refuses a NaN or non-number interval', () => {
    const loop = loopOn(new Clock(), () => undefined);
    expect(() => loop.start(NaN)).to.throw(TypeError, 'LoopingCall.start: `interval` must be a number of seconds, got NaN');
    expect(() => loop.start('1' as unknown as number)).to.throw(TypeError, 'got string');
    expect(loop.running).to.equal(false);
  });

  it('refuses a negative interval assigned while running', () => {
    const loop = loopOn(new Clock(), () => undefined);
    loop.start(1);
    expect(() => {
      loop.interval = -1;
    }).to.throw(RangeError, 'interval must be >= 0');
    expect(loop.interval).to.equal(1);
    loop.stop();
  });

  it('refuses a clock without callLater and seconds', () => {
    const loop = new LoopingCall(() => undefined);
    expect(() => {
      loop.clock = {} as unknown as Clock;
    }).to.throw(TypeError, 'LoopingCall.clock must have callLater(delay, fn) and seconds() methods');
    expect(loop.clock).to.equal(realTimeScheduler);
  });

  it('gives the failure itself to the start() Deferred', () => {
    const clock = new Clock();
    const error = new TestException('x');
    const loop = loopOn(clock, () => {
      throw error;
    });
    const seen: Failure[] = [];
    loop.start(1).addErrback((failure) => {
      seen.push(failure);
    });
    expect(seen[0]?.value).to.equal(error);
  });
});

/* eslint-disable @typescript-eslint/no-deprecated -- these specs check the deprecated attribute itself */
describe("LoopingCall's deprecated `deferred` (reference E.10.3; spec/oracle/failure_extras.out)", () => {
  it('LoopingCall.deferred is the Deferred start() returned', () => {
    const clock = new Clock();
    const loop = loopOn(clock, () => undefined);
    expect(loop.deferred).to.equal(undefined);
    const d = loop.start(1);
    expect(loop.deferred).to.equal(d);
    loop.stop();
  });

  it('after it fired, LoopingCall.deferred is None', () => {
    const clock = new Clock();
    const loop = loopOn(clock, () => undefined);
    const d = loop.start(1);
    loop.stop();
    expect(successResultOf(d)).to.equal(loop);
    expect(loop.deferred).to.equal(undefined);
  });
});
/* eslint-enable @typescript-eslint/no-deprecated */
