/**
 * deferLater: a Deferred fired after a delay with a function's result. Ports Twisted's
 * DeferLaterTests and reference E.10.2 / C.7.7. Twisted's output for the same cases:
 * spec/oracle/time_defer_later.py.
 */
import { expect } from 'chai';
import sinon from 'sinon';
import { CancelledError, Deferred, Failure, succeed } from '../../src/index.js';
import { Clock } from '../../src/time/clock.js';
import { deferLater } from '../../src/time/defer-later.js';
import { failureResultOf, successResultOf } from '../support/helpers.js';
import { assertNoResult } from '../support/helpers.js';

describe('DeferLaterTests', () => {
  it('calls the function with its arguments only when the delay is over, and fires with its return value (test_callback)', () => {
    const clock = new Clock();
    const flag = { flag: true };
    const calls: Array<[string, string, number]> = [];
    const d = deferLater(clock, 3, (foo: string, bar: string) => {
      calls.push([foo, bar, clock.seconds()]);
      return flag;
    }, 'foo', 'bar');

    clock.advance(2);
    expect(calls).to.deep.equal([]);
    assertNoResult(d);
    clock.advance(1);
    expect(calls).to.deep.equal([['foo', 'bar', 3]]);
    expect(successResultOf(d)).to.equal(flag);
  });

  it('fails with what the function throws (test_errback)', () => {
    const clock = new Clock();
    const boom = new RangeError('boom');
    const d = deferLater(clock, 1, () => {
      throw boom;
    });
    clock.advance(1);
    expect(failureResultOf(d, RangeError).value).to.equal(boom);
  });

  it('fails with a Failure the function returns', () => {
    const clock = new Clock();
    const d = deferLater(clock, 1, () => new Failure(new SyntaxError('k')));
    clock.advance(1);
    failureResultOf(d, SyntaxError);
  });

  it('cancelled before the delay: fails with CancelledError, leaves no delayed call, and never calls the function (test_cancel)', () => {
    const clock = new Clock();
    const fn = sinon.spy();
    const d = deferLater(clock, 1, fn);
    d.cancel();
    failureResultOf(d, CancelledError);
    expect(clock.getDelayedCalls()).to.deep.equal([]);
    clock.advance(5);
    expect(fn.called).to.equal(false);
  });

  it('without a function, fires with undefined after the delay (test_noCallback)', () => {
    const clock = new Clock();
    const d = deferLater(clock, 2);
    assertNoResult(d);
    clock.advance(2);
    expect(successResultOf(d)).to.equal(undefined);
  });

  it('accepts an explicit undefined for the function', () => {
    const clock = new Clock();
    const d = deferLater(clock, 1, undefined);
    clock.advance(1);
    expect(successResultOf(d)).to.equal(undefined);
  });

  it('schedules exactly one delayed call, due at now + delay', () => {
    const clock = new Clock();
    deferLater(clock, 4, () => 1);
    const calls = clock.getDelayedCalls();
    expect(calls).to.have.length(1);
    expect(calls[0]?.getTime()).to.equal(4);
  });

  it('waits for a Deferred the function returns, and fires with its result', () => {
    const clock = new Clock();
    const inner = new Deferred<string>();
    const d = deferLater(clock, 1, () => inner);
    clock.advance(1);
    assertNoResult(d);
    inner.callback('inner value');
    expect(successResultOf(d)).to.equal('inner value');
  });

  it('takes the result of an already-fired Deferred the function returns', () => {
    const clock = new Clock();
    const d = deferLater(clock, 1, () => succeed(5));
    clock.advance(1);
    expect(successResultOf(d)).to.equal(5);
  });

  it('cancelled while waiting for the returned Deferred: cancels that one, and fails with CancelledError', () => {
    const clock = new Clock();
    const inner = new Deferred<string>();
    const innerSaw: unknown[] = [];
    inner.addErrback((failure) => {
      innerSaw.push(failure.check(CancelledError));
      return failure;
    });
    const d = deferLater(clock, 1, () => inner);
    clock.advance(1);
    d.cancel();
    expect(innerSaw).to.deep.equal([CancelledError]);
    failureResultOf(d, CancelledError);
  });

  it('cancelled after it fired: nothing changes', () => {
    const clock = new Clock();
    const d = deferLater(clock, 1, () => 'done');
    clock.advance(1);
    d.cancel();
    expect(successResultOf(d)).to.equal('done');
  });

  it('with delay 0, fires on the next advance(0), not at once', () => {
    const clock = new Clock();
    const d = deferLater(clock, 0, () => clock.seconds());
    assertNoResult(d);
    clock.advance(0);
    expect(successResultOf(d)).to.equal(0);
  });
});

describe('deferLater: txdefer additions', () => {
  it('follows a Promise the function returns (as maybeDeferred does)', async () => {
    const clock = new Clock();
    const d = deferLater(clock, 1, () => Promise.resolve('from a promise'));
    clock.advance(1);
    expect(await d).to.equal('from a promise');
  });

  it('refuses a clock without callLater', () => {
    expect(() => deferLater({} as unknown as Clock, 1)).to.throw(TypeError, 'deferLater: `clock` must have a callLater(delay, fn) method');
  });

  it('refuses a function that is not a function', () => {
    expect(() => deferLater(new Clock(), 1, 'nope' as unknown as () => void)).to.throw(
      TypeError,
      "deferLater: `fn` must be a function, got string 'nope'",
    );
  });

  it('refuses a NaN or non-number delay itself, naming it', () => {
    expect(() => deferLater(new Clock(), NaN)).to.throw(RangeError, 'deferLater: `delay` must be a number of seconds, got NaN');
    expect(() => deferLater(new Clock(), null as unknown as number)).to.throw(TypeError, 'deferLater: `delay` must be a number of seconds, got null');
  });
});
