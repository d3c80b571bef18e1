/**
 * DeferredPool (post "Graceful shutdown of a Twisted service with outstanding
 * deferreds"; txrdq's test_pool.py). Facts marked "(post)" are backed by
 * spec/oracle/deferred_pool.out, the post's class under Twisted 22.4, which also
 * records the original's defect with an already-fired Deferred.
 */
import { expect } from 'chai';
import { captureUnhandledErrors, CancelledError, Deferred, DeferredPool, fail, Failure, succeed } from '../../src/index.js';
import { assertNoResult, collectGarbage, failureResultOf, successResultOf } from '../support/helpers.js';
import { CANCEL_EVERY, cancelWaiting, FLAT_HEAP_BYTES, heapGrowth, SOAK_OPERATIONS } from '../support/soak.js';

describe('DeferredPool', () => {
  it('an empty pool has status [0, 0] (post)', () => {
    expect(new DeferredPool().status()).to.deep.equal([0, 0]);
  });

  it('add returns the Deferred it was given, and counts it while it has not fired (post)', () => {
    const pool = new DeferredPool();
    const d = new Deferred<number>();
    expect(pool.add(d)).to.equal(d);
    pool.add(new Deferred());
    expect(pool.status()).to.deep.equal([2, 0]);
  });

  it('a pooled Deferred leaves the pool when it succeeds or fails (post)', () => {
    const pool = new DeferredPool();
    const ok = pool.add(new Deferred<number>());
    const bad = pool.add(new Deferred<number>());
    ok.callback(1);
    expect(pool.status()).to.deep.equal([1, 0]);
    bad.errback(new Error('boom'));
    bad.addErrback(() => undefined);
    expect(pool.status()).to.deep.equal([0, 0]);
  });

  it('the pool is transparent to results: callbacks added before and after see the value (post)', () => {
    const pool = new DeferredPool();
    const seen: number[] = [];
    const d = new Deferred<number>();
    d.addCallback((v) => {
      seen.push(v);
      return v + 1;
    });
    pool.add(d);
    d.addCallback((v) => seen.push(v));
    d.callback(1);
    expect(seen).to.deep.equal([1, 2]);
  });

  it('the pool is transparent to failures: the errback after it gets the same Failure (post)', () => {
    const pool = new DeferredPool();
    const d = pool.add(new Deferred<number>());
    const failure = new Failure(new RangeError('bad'));
    d.errback(failure);
    expect(failureResultOf(d, RangeError)).to.equal(failure);
  });

  it('a failure nobody handles is reported once, as the pooled Deferred\'s own', async () => {
    const log = captureUnhandledErrors();
    try {
      const pool = new DeferredPool();
      (() => {
        pool.add(new Deferred<number>()).errback(new RangeError('[pool-unhandled]'));
      })();
      await collectGarbage();
      expect(log.flush(RangeError).map((f) => f.getErrorMessage())).to.deep.equal(['[pool-unhandled]']);
    } finally {
      log.stop();
    }
  });

  it('notifyWhenEmpty on an empty pool gives an already-fired Deferred by default (post)', () => {
    expect(successResultOf(new DeferredPool().notifyWhenEmpty())).to.equal(undefined);
  });

  it('notifyWhenEmpty(false) on an empty pool waits for the pool to fill and empty again (post)', () => {
    const pool = new DeferredPool();
    const notified = pool.notifyWhenEmpty(false);
    assertNoResult(notified);
    expect(pool.status()).to.deep.equal([0, 1]);
    pool.add(new Deferred<number>()).callback(1);
    expect(successResultOf(notified)).to.equal(undefined);
  });

  it('every waiter fires, in order, when the last pooled Deferred fires (post)', () => {
    const pool = new DeferredPool();
    const a = pool.add(new Deferred<string>());
    const b = pool.add(new Deferred<string>());
    const order: number[] = [];
    pool.notifyWhenEmpty().addCallback(() => order.push(1));
    pool.notifyWhenEmpty().addCallback(() => order.push(2));
    a.callback('a');
    expect(order).to.deep.equal([]);
    b.callback('b');
    expect(order).to.deep.equal([1, 2]);
    expect(pool.status()).to.deep.equal([0, 0]);
  });

  it('adding an already-fired Deferred works: it is never counted, and its result is untouched (the original\'s defect)', () => {
    const pool = new DeferredPool();
    const d = succeed('done');
    expect(pool.add(d)).to.equal(d);
    expect(pool.status()).to.deep.equal([0, 0]);
    expect(successResultOf(d)).to.equal('done');
    expect(successResultOf(pool.notifyWhenEmpty())).to.equal(undefined);
  });

  it('adding an already-failed Deferred leaves its Failure where it was', () => {
    const pool = new DeferredPool();
    const d = pool.add(fail<string>(new RangeError('already')));
    expect(pool.status()).to.deep.equal([0, 0]);
    expect(failureResultOf(d, RangeError).getErrorMessage()).to.equal('already');
  });

  it('the pool can fill and empty again, and new waiters wait for the next emptying', () => {
    const pool = new DeferredPool();
    pool.add(new Deferred<number>()).callback(1);
    const d = pool.add(new Deferred<number>());
    const notified = pool.notifyWhenEmpty();
    assertNoResult(notified);
    d.callback(2);
    expect(successResultOf(notified)).to.equal(undefined);
  });

  it('a cancelled notifyWhenEmpty Deferred leaves the waiters', () => {
    const pool = new DeferredPool();
    pool.add(new Deferred<number>());
    const notified = pool.notifyWhenEmpty();
    notified.cancel();
    failureResultOf(notified, CancelledError);
    expect(pool.status()).to.deep.equal([1, 0]);
  });

  it('add of something that is not a Deferred, and a testImmediately that is not a boolean, are TypeErrors', () => {
    const pool = new DeferredPool();
    expect(() => pool.add(42 as unknown as Deferred<unknown>)).to.throw(TypeError, 'DeferredPool.add(d): `d` must be a Deferred, got number 42');
    expect(() => pool.notifyWhenEmpty('yes' as unknown as boolean)).to.throw(TypeError, "`testImmediately` must be a boolean, got string 'yes'");
  });

  it(`${SOAK_OPERATIONS.toLocaleString('en')} adds and firings keep the heap flat (soak)`, async function () {
    this.timeout(120_000);
    const pool = new DeferredPool();
    const growth = await heapGrowth(SOAK_OPERATIONS, (i) => {
      const d = pool.add(new Deferred<number>());
      pool.notifyWhenEmpty().addCallback(() => undefined);
      if (i % CANCEL_EVERY === 0) cancelWaiting(pool.notifyWhenEmpty());
      pool.add(succeed(i));
      d.callback(i);
    });
    expect(pool.status()).to.deep.equal([0, 0]);
    expect(growth).to.be.below(FLAT_HEAP_BYTES);
  });
});
