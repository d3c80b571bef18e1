/**
 * Deferred.addTimeout (in the core) driven by the time module's Clock. Ports every
 * case of Twisted's DeferredAddTimeoutTests, plus the consequences listed in
 * reference E.7. Twisted's output for the same cases: spec/oracle/time_add_timeout.py.
 */
import { expect } from 'chai';
import { CancelledError, Deferred, Failure, TimeoutError } from '../../src/index.js';
import { Clock } from '../../src/time/clock.js';
import { failureResultOf, successResultOf } from '../support/helpers.js';
import { assertNoResult } from '../support/helpers.js';

/** Twisted's `_overrideFunc`: a custom onTimeoutCancel that always gives "OVERRIDDEN". */
const overrideFunc = (): string => 'OVERRIDDEN';

describe('DeferredAddTimeoutTests', () => {
  it('returns the Deferred itself, so later callbacks chain on (test_timeoutChainable)', () => {
    const d = new Deferred<undefined>();
    expect(d.addTimeout(5, new Clock())).to.equal(d);
    d.addCallback(() => 'done');
    d.callback(undefined);
    expect(successResultOf(d)).to.equal('done');
  });

  for (const custom of [false, true]) {
    const suffix = custom ? 'Custom' : '';
    const addTimeout = (d: Deferred<unknown>, clock: Clock): void => {
      if (custom) d.addTimeout(10, clock, overrideFunc);
      else d.addTimeout(10, clock);
    };

    it(`fires with the result when it succeeds before the timeout, and never cancels afterwards (test_successResultBeforeTimeout${suffix})`, () => {
      const clock = new Clock();
      const d = new Deferred<string>();
      addTimeout(d, clock);
      const inner = new Deferred<undefined>();
      const seen: string[] = [];
      d.addCallback((result) => {
        seen.push(result);
        return inner;
      });
      d.callback('results');

      expect(seen).to.deep.equal(['results']);
      expect(clock.getDelayedCalls()).to.deep.equal([]);
      clock.advance(15);
      assertNoResult(inner);
    });

    it(`errbacks with the failure when it fails before the timeout, and never cancels afterwards (test_failureBeforeTimeout${suffix})`, () => {
      const clock = new Clock();
      const d = new Deferred<undefined>();
      addTimeout(d, clock);
      const inner = new Deferred<undefined>();
      const error = new RangeError('fail');
      const seen: Failure[] = [];
      d.addErrback((failure) => {
        seen.push(failure);
        return inner;
      });
      d.errback(error);

      expect(seen).to.have.length(1);
      expect(seen[0]).to.be.instanceOf(Failure);
      expect(seen[0]?.value).to.equal(error);
      clock.advance(15);
      assertNoResult(inner);
    });

    it(`a manual cancel before the timeout keeps CancelledError, stops the timer, and is not repeated (test_cancelBeforeTimeout${suffix})`, () => {
      const clock = new Clock();
      const d = new Deferred<undefined>();
      addTimeout(d, clock);
      const inner = new Deferred<undefined>();
      const seen: Failure[] = [];
      d.addErrback((failure) => {
        seen.push(failure);
        return inner;
      });
      d.cancel();

      expect(seen).to.have.length(1);
      expect(seen[0]?.check(CancelledError)).to.equal(CancelledError);
      expect(clock.getDelayedCalls()).to.deep.equal([]);
      clock.advance(15);
      assertNoResult(inner);
    });
  }

  it('fails with TimeoutError when nothing happens before the timeout (test_timedOut)', () => {
    const clock = new Clock();
    const d = new Deferred<undefined>();
    d.addTimeout(10, clock);
    assertNoResult(d);
    clock.advance(9.5);
    assertNoResult(d);
    clock.advance(0.5);
    failureResultOf(d, TimeoutError);
  });

  it('the TimeoutError carries the seconds allowed', () => {
    const clock = new Clock();
    const d = new Deferred<undefined>();
    d.addTimeout(2.5, clock);
    clock.advance(3);
    const error = failureResultOf(d, TimeoutError).value as TimeoutError;
    expect(error).to.be.instanceOf(TimeoutError);
    expect(error.timeout).to.equal(2.5);
  });

  it('with a custom onTimeoutCancel, fires with what it returns (test_timedOutCustom)', () => {
    const clock = new Clock();
    const d = new Deferred<undefined>();
    d.addTimeout(10, clock, overrideFunc);
    assertNoResult(d);
    clock.advance(15);
    expect(successResultOf(d)).to.equal('OVERRIDDEN');
  });

  it('calls onTimeoutCancel with the result at that point and the timeout', () => {
    const clock = new Clock();
    const d = new Deferred<undefined>();
    const got: Array<[unknown, number]> = [];
    d.addTimeout(7, clock, (result, timeout) => {
      got.push([(result as Failure).check(CancelledError), timeout]);
      return 'x';
    });
    clock.advance(7);
    expect(got).to.deep.equal([[CancelledError, 7]]);
    expect(successResultOf(d)).to.equal('x');
  });

  it('fails with what a custom onTimeoutCancel throws', () => {
    const clock = new Clock();
    const d = new Deferred<undefined>();
    const custom = new SyntaxError('custom');
    d.addTimeout(1, clock, () => {
      throw custom;
    });
    clock.advance(1);
    expect(failureResultOf(d, SyntaxError).value).to.equal(custom);
  });

  it("fires with the canceller's value when the canceller calls back (test_timedOutProvidedCancelSuccess)", () => {
    const clock = new Clock();
    const d = new Deferred<string>((self) => self.callback('I was cancelled!'));
    d.addTimeout(10, clock);
    assertNoResult(d);
    clock.advance(15);
    expect(successResultOf(d)).to.equal('I was cancelled!');
  });

  it("fails with the canceller's own error when it errbacks with one (test_timedOutProvidedCancelFailure)", () => {
    const clock = new Clock();
    const error = new RangeError('what!');
    const d = new Deferred<undefined>((self) => self.errback(error));
    d.addTimeout(10, clock);
    assertNoResult(d);
    clock.advance(15);
    expect(failureResultOf(d, RangeError).value).to.equal(error);
  });

  it("lets a custom onTimeoutCancel replace the canceller's error (test_providedCancelCalledBeforeTimeoutCustom)", () => {
    const clock = new Clock();
    const d = new Deferred<undefined>((self) => self.errback(new RangeError('what!')));
    d.addTimeout(10, clock, overrideFunc);
    assertNoResult(d);
    clock.advance(15);
    expect(successResultOf(d)).to.equal('OVERRIDDEN');
  });

  it('a manual cancel with a custom onTimeoutCancel keeps CancelledError (the function is not called)', () => {
    const clock = new Clock();
    const d = new Deferred<undefined>();
    d.addTimeout(10, clock, overrideFunc);
    d.cancel();
    failureResultOf(d, CancelledError);
  });

  it('an errback added before addTimeout sees CancelledError; passed on, it becomes TimeoutError (test_errbackAddedBeforeTimeout)', () => {
    const clock = new Clock();
    const d = new Deferred<undefined>();
    const seen: Failure[] = [];
    d.addErrback((failure) => {
      seen.push(failure);
      return failure;
    });
    d.addTimeout(10, clock);
    clock.advance(15);
    expect(seen[0]?.value).to.be.instanceOf(CancelledError);
    failureResultOf(d, TimeoutError);
  });

  it('an errback added before addTimeout that traps CancelledError makes it succeed (test_errbackAddedBeforeTimeoutSuppressesCancellation)', () => {
    const clock = new Clock();
    const d = new Deferred<undefined>();
    const seen: Failure[] = [];
    d.addErrback((failure) => {
      seen.push(failure);
      failure.trap(CancelledError);
    });
    d.addTimeout(10, clock);
    clock.advance(15);
    expect(seen[0]?.value).to.be.instanceOf(CancelledError);
    expect(successResultOf(d)).to.equal(undefined);
  });

  it('an errback added before addTimeout that passes the failure on gets the custom result (test_errbackAddedBeforeTimeoutCustom)', () => {
    const clock = new Clock();
    const d = new Deferred<undefined>();
    const seen: Failure[] = [];
    d.addErrback((failure) => {
      seen.push(failure);
      return failure;
    });
    d.addTimeout(10, clock, overrideFunc);
    clock.advance(15);
    expect(seen[0]?.value).to.be.instanceOf(CancelledError);
    expect(successResultOf(d)).to.equal('OVERRIDDEN');
  });

  it('a custom onTimeoutCancel is called even when an earlier errback swallowed the cancellation (test_errbackAddedBeforeTimeoutSuppressesCancellationCustom)', () => {
    const clock = new Clock();
    const d = new Deferred<undefined>();
    const seen: Failure[] = [];
    d.addErrback((failure) => {
      seen.push(failure);
    });
    d.addTimeout(10, clock, overrideFunc);
    clock.advance(15);
    expect(seen[0]?.value).to.be.instanceOf(CancelledError);
    expect(successResultOf(d)).to.equal('OVERRIDDEN');
  });

  it('a canceller that calls back runs the callbacks added before addTimeout, and the value is the result (test_callbackAddedToCancelerBeforeTimeout)', () => {
    const clock = new Clock();
    const success = { name: 'success' };
    const d = new Deferred<{ name: string }>((self) => self.callback(success));
    const seen: unknown[] = [];
    d.addCallback((value) => {
      seen.push(value);
      return value;
    });
    d.addTimeout(10, clock);
    clock.advance(15);
    expect(seen).to.deep.equal([success]);
    expect(successResultOf(d)).to.equal(success);
  });

  it('... and with a custom onTimeoutCancel, its value replaces that result (test_callbackAddedToCancelerBeforeTimeoutCustom)', () => {
    const clock = new Clock();
    const d = new Deferred<string>((self) => self.callback('success'));
    const seen: unknown[] = [];
    d.addCallback((value) => {
      seen.push(value);
      return value;
    });
    d.addTimeout(10, clock, overrideFunc);
    clock.advance(15);
    expect(seen).to.deep.equal(['success']);
    expect(successResultOf(d)).to.equal('OVERRIDDEN');
  });
});

describe('addTimeout on a Clock: further consequences (reference E.7)', () => {
  it('a Deferred waiting on an inner Deferred when the timer fires: the inner is cancelled, and the result is TimeoutError', () => {
    const clock = new Clock();
    const d = new Deferred<undefined>();
    const inner = new Deferred<undefined>();
    const innerSaw: unknown[] = [];
    inner.addErrback((failure) => {
      innerSaw.push(failure.check(CancelledError));
      return failure;
    });
    d.addCallback(() => inner);
    d.addTimeout(10, clock);
    d.callback(undefined);
    clock.advance(10);
    expect(innerSaw).to.deep.equal([CancelledError]);
    failureResultOf(d, TimeoutError);
  });

  it('a canceller that throws: the error escapes from clock.advance and the Deferred stays unfired', () => {
    const clock = new Clock();
    const broken = new EvalError('canceller broke');
    const d = new Deferred<undefined>(() => {
      throw broken;
    });
    d.addTimeout(1, clock);
    expect(() => clock.advance(1)).to.throw(EvalError, 'canceller broke');
    expect(d.called).to.equal(false);
  });

  it('an errback added after addTimeout sees the TimeoutError', () => {
    const clock = new Clock();
    const d = new Deferred<undefined>();
    d.addTimeout(1, clock);
    const seen: unknown[] = [];
    d.addErrback((failure) => {
      seen.push(failure.check(TimeoutError));
    });
    clock.advance(1);
    expect(seen).to.deep.equal([TimeoutError]);
  });

  it('schedules one call on the clock, which is cancelled when the Deferred fires', () => {
    const clock = new Clock();
    const d = new Deferred<number>();
    d.addTimeout(10, clock);
    expect(clock.getDelayedCalls()).to.have.length(1);
    d.callback(1);
    expect(clock.getDelayedCalls()).to.deep.equal([]);
    expect(successResultOf(d)).to.equal(1);
  });

  it('a timeout of 0 times out on the next advance(0), not before', () => {
    const clock = new Clock();
    const d = new Deferred<undefined>();
    d.addTimeout(0, clock);
    assertNoResult(d);
    clock.advance(0);
    expect((failureResultOf(d, TimeoutError).value as TimeoutError).timeout).to.equal(0);
  });
});
