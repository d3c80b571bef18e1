/**
 * memoize (post "Promises are first-class objects for function calls"). The post's
 * memoizer is JavaScript (jQuery's `$.when`), so there is no Twisted snippet for it.
 */
import { expect } from 'chai';
import sinon from 'sinon';
import { CancelledError, Deferred, fail, memoize, succeed } from '../../src/index.js';
import { assertNoResult, captureAfterCollecting, collectGarbage, failureResultOf, reportsMentioning, successResultOf } from '../support/helpers.js';
import { CANCEL_EVERY, cancelWaiting, FLAT_HEAP_BYTES, heapGrowth, SOAK_OPERATIONS } from '../support/soak.js';

describe('memoize', () => {
  it('a second call with the same key while the first is in flight does not call the function again', () => {
    const pending = new Deferred<string>();
    const fn = sinon.spy((_x: number) => pending);
    const memo = memoize(fn);
    const first = memo(1);
    const second = memo(1);
    expect(fn.callCount).to.equal(1);
    pending.callback('one');
    expect([successResultOf(first), successResultOf(second)]).to.deep.equal(['one', 'one']);
  });

  it('a call after the first has finished gets the kept result, without calling again', () => {
    const fn = sinon.spy((x: number) => x * 2);
    const memo = memoize(fn);
    expect(successResultOf(memo(3))).to.equal(6);
    expect(successResultOf(memo(3))).to.equal(6);
    expect(fn.callCount).to.equal(1);
  });

  it('different keys make different calls; the default key is the first argument', () => {
    const fn = sinon.spy((x: number, y: number) => x + y);
    const memo = memoize(fn);
    expect([successResultOf(memo(1, 10)), successResultOf(memo(2, 10)), successResultOf(memo(1, 99))]).to.deep.equal([11, 12, 11]);
    expect(fn.callCount).to.equal(2);
  });

  it('key(...args) is the user\'s key function', () => {
    const fn = sinon.spy((x: number, y: number) => x + y);
    const memo = memoize(fn, { key: (x, y) => `${x},${y}` });
    expect([successResultOf(memo(1, 10)), successResultOf(memo(1, 20)), successResultOf(memo(1, 10))]).to.deep.equal([11, 21, 11]);
    expect(fn.callCount).to.equal(2);
  });

  it('every caller gets its own Deferred: one caller\'s callbacks never change what another sees', () => {
    const pending = new Deferred<number>();
    const memo = memoize((_k: string) => pending);
    const first = memo('k');
    const second = memo('k');
    expect(first).not.to.equal(second);
    first.addCallback(() => 'changed by the first caller');
    pending.callback(5);
    expect(successResultOf(second)).to.equal(5);
    const third = memo('k');
    third.addCallback(() => 'changed');
    expect(successResultOf(memo('k'))).to.equal(5);
  });

  it('the function may return a value, a Deferred or a Promise, or throw', async () => {
    const memo = memoize((kind: string): unknown => {
      if (kind === 'value') return 1;
      if (kind === 'deferred') return succeed(2);
      if (kind === 'promise') return Promise.resolve(3);
      throw new RangeError('thrown');
    });
    expect(successResultOf(memo('value'))).to.equal(1);
    expect(successResultOf(memo('deferred'))).to.equal(2);
    const promised = memo('promise');
    await new Promise((resolve) => setImmediate(resolve));
    expect(successResultOf(promised)).to.equal(3);
    expect(failureResultOf(memo('throw'), RangeError).getErrorMessage()).to.equal('thrown');
  });

  it('by default a failure is not kept: every waiting caller gets it, and the next call retries', () => {
    let attempt = 0;
    const pending: Array<Deferred<string>> = [];
    const memo = memoize((_k: string) => {
      attempt += 1;
      const d = new Deferred<string>();
      pending.push(d);
      return d;
    });
    const a = memo('k');
    const b = memo('k');
    pending[0]?.errback(new RangeError('first try'));
    expect(failureResultOf(a, RangeError).getErrorMessage()).to.equal('first try');
    expect(failureResultOf(b, RangeError).getErrorMessage()).to.equal('first try');
    const c = memo('k');
    expect(attempt).to.equal(2);
    pending[1]?.callback('second try');
    expect(successResultOf(c)).to.equal('second try');
  });

  it('with cacheFailures, a failure is kept and given to later callers without calling again', () => {
    const fn = sinon.spy((_k: string) => fail<string>(new RangeError('kept')));
    const memo = memoize(fn, { cacheFailures: true });
    failureResultOf(memo('k'), RangeError);
    expect(failureResultOf(memo('k'), RangeError).getErrorMessage()).to.equal('kept');
    expect(fn.callCount).to.equal(1);
  });

  it('a failure goes to the callers only: the underlying call\'s is taken, and a handled failure leaves nothing reported', async () => {
    const log = await captureAfterCollecting();
    try {
      (() => {
        const memo = memoize((_k: string) => fail<string>(new RangeError('[memo-handled]')));
        memo('k').addErrback(() => undefined);
        memo('k').addErrback(() => undefined);
      })();
      await collectGarbage();
      expect(reportsMentioning(log, '[memo-handled]')).to.deep.equal([]);
    } finally {
      log.stop();
    }
  });

  it('a cancelled caller leaves; the others still get the result', () => {
    const pending = new Deferred<string>();
    const memo = memoize((_k: string) => pending);
    const leaving = memo('k');
    const staying = memo('k');
    leaving.cancel();
    failureResultOf(leaving, CancelledError);
    pending.callback('v');
    expect(successResultOf(staying)).to.equal('v');
  });

  it('when the last waiting caller cancels, the call is cancelled and forgotten: the next call starts afresh', () => {
    const cancelled: string[] = [];
    let calls = 0;
    const memo = memoize((k: string) => {
      calls += 1;
      return new Deferred<string>(() => cancelled.push(k));
    });
    const d = memo('k');
    d.cancel();
    failureResultOf(d, CancelledError);
    expect(cancelled).to.deep.equal(['k']);
    const again = memo('k');
    assertNoResult(again);
    expect(calls).to.equal(2);
  });

  it('a call made by the function itself with the same key waits for the same call', () => {
    const memo: (k: string) => Deferred<string> = memoize((k: string): Deferred<string> | string => {
      if (k === 'outer') {
        const inner = memo('outer');
        inner.addCallback(() => undefined);
        return 'done';
      }
      return k;
    });
    expect(successResultOf(memo('outer'))).to.equal('done');
  });

  it('bad arguments are TypeErrors naming them', () => {
    expect(() => memoize(5 as unknown as () => void)).to.throw(TypeError, 'memoize(fn): `fn` must be a function, got number 5');
    expect(() => memoize(() => 1, { key: 'k' as unknown as () => unknown })).to.throw(TypeError, "`key` must be a function of the arguments, got string 'k'");
    expect(() => memoize(() => 1, { cacheFailures: 1 as unknown as boolean })).to.throw(TypeError, '`cacheFailures` must be a boolean, got number 1');
  });

  it(`${SOAK_OPERATIONS.toLocaleString('en')} calls on a few keys, failing ones not kept, keep the heap flat (soak)`, async function () {
    this.timeout(120_000);
    const waiting: Array<Deferred<number>> = [];
    const memo = memoize((k: number) => {
      if (k < 0) return fail<number>(new Error('not kept'));
      const d = new Deferred<number>();
      waiting.push(d);
      return d;
    });
    const failure = new Error('failing');
    const failing = memoize((_k: number) => fail<number>(failure));
    const cancellable = memoize((_k: number) => new Deferred<number>());
    const growth = await heapGrowth(SOAK_OPERATIONS, (i) => {
      memo(i % 100).addCallback(() => undefined);
      failing(i).addErrback(() => undefined);
      if (i % CANCEL_EVERY === 0) cancelWaiting(cancellable(i));
      if (waiting.length > 0) waiting.pop()?.callback(i);
    });
    expect(waiting).to.have.length(0);
    expect(growth).to.be.below(FLAT_HEAP_BYTES);
  });
});
