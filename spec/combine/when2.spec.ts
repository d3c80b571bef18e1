/**
 * when2 (post "jQuery-when2 – a more flexible way to work with jQuery deferreds"), on
 * Deferreds: jquery-when2's QUnit cases where they apply, the two defects found in it,
 * and the Deferred-specific rules (failures taken once, cancellation). The original is
 * JavaScript for jQuery, so there is no Twisted snippet in spec/oracle for it.
 */
import { expect } from 'chai';
import {
  CancelledError,
  Deferred,
  fail,
  Failure,
  FailureGroup,
  FirstError,
  succeed,
  when2,
  type When2Options,
} from '../../src/index.js';
import { assertNoResult, captureAfterCollecting, collectGarbage, failureResultOf, reportsMentioning, successResultOf } from '../support/helpers.js';
import { FLAT_HEAP_BYTES, heapGrowth, SOAK_OPERATIONS } from '../support/soak.js';

describe('when2', () => {
  describe('by default: all results, or the first failure', () => {
    it('an empty list fires [] at once, whatever the options', () => {
      expect(successResultOf(when2([]))).to.deep.equal([]);
      expect(successResultOf(when2([], { resolveOnFirstSuccess: true }))).to.deep.equal([]);
      expect(successResultOf(when2([], { resolveOnFirstSuccess: true, failOnFirstError: false }))).to.deep.equal([]);
    });

    it('plain values count as already fired: [success, value] for each, in input order', () => {
      const values = ['', 'x', 0, 1, true, false, null, undefined, {}];
      expect(successResultOf(when2(values))).to.deep.equal(values.map((v) => [true, v]));
    });

    it('fires once every Deferred has fired, with the entries in input order', () => {
      const a = new Deferred<string>();
      const b = new Deferred<string>();
      const d = when2([a, b]);
      b.callback('b');
      assertNoResult(d);
      a.callback('a');
      expect(successResultOf(d)).to.deep.equal([[true, 'a'], [true, 'b']]);
    });

    it('never hangs on an already-fired item followed by a plain value (the original\'s defect)', () => {
      expect(successResultOf(when2([succeed(1), 5]))).to.deep.equal([[true, 1], [true, 5]]);
    });

    it('the first failure fails it with FirstError (index, subFailure)', () => {
      const a = new Deferred<number>();
      const b = new Deferred<number>();
      const d = when2([a, b]);
      const error = new RangeError('b broke');
      b.errback(error);
      const firstError = failureResultOf(d, FirstError).value as FirstError;
      expect(firstError.index).to.equal(1);
      expect(firstError.subFailure.value).to.equal(error);
    });

    it('a success then a failure: FirstError names the failure (jquery-when2 "fail resolve/reject")', () => {
      const a = new Deferred<number>();
      const b = new Deferred<number>();
      const d = when2([a, b]);
      a.callback(1);
      b.errback(new Error('2'));
      expect((failureResultOf(d, FirstError).value as FirstError).index).to.equal(1);
    });
  });

  describe('resolveOnFirstSuccess', () => {
    it('fires [index, value] at the first success (jquery-when2 "done (resolveOnFirstSuccess)")', () => {
      const a = new Deferred<number>();
      const b = new Deferred<number>();
      const d = when2([a, b], { resolveOnFirstSuccess: true });
      b.callback(2);
      expect(successResultOf(d)).to.deep.equal([1, 2]);
    });

    it('a leading plain value wins with index 0', () => {
      expect(successResultOf(when2([7, new Deferred()], { resolveOnFirstSuccess: true }))).to.deep.equal([0, 7]);
    });

    it('a trailing plain value wins over a pending Deferred before it (jquery-when2 "scalar/resolve later")', () => {
      expect(successResultOf(when2([new Deferred(), 7], { resolveOnFirstSuccess: true }))).to.deep.equal([1, 7]);
    });

    it('with failOnFirstError too, the first event decides: a failure first fails it', () => {
      const a = new Deferred<number>();
      const b = new Deferred<number>();
      const d = when2([a, b], { resolveOnFirstSuccess: true, failOnFirstError: true });
      a.errback(new Error('first'));
      b.callback(2);
      expect((failureResultOf(d, FirstError).value as FirstError).index).to.equal(0);
    });

    it('with failOnFirstError false, failures are waited out until a success', () => {
      const a = new Deferred<number>();
      const b = new Deferred<number>();
      const d = when2([a, b], { resolveOnFirstSuccess: true, failOnFirstError: false });
      a.errback(new Error('ignored'));
      assertNoResult(d);
      b.callback(2);
      expect(successResultOf(d)).to.deep.equal([1, 2]);
    });

    it('with failOnFirstError false and every item failed, it fails with FailureGroup, failures in input order', () => {
      const a = new Deferred<number>();
      const b = new Deferred<number>();
      const d = when2([a, b], { resolveOnFirstSuccess: true, failOnFirstError: false });
      b.errback(new Error('b'));
      a.errback(new Error('a'));
      const group = failureResultOf(d, FailureGroup).value as FailureGroup;
      expect(group.failures.map((f) => f.getErrorMessage())).to.deep.equal(['a', 'b']);
    });
  });

  describe('failOnFirstError: false', () => {
    it('never fails: failures are [false, Failure] entries a caller can tell from values', () => {
      const a = new Deferred<number>();
      const b = new Deferred<number>();
      const d = when2([a, b], { failOnFirstError: false });
      a.errback(new RangeError('a'));
      b.callback(2);
      const entries = successResultOf(d);
      expect(entries[1]).to.deep.equal([true, 2]);
      expect(entries[0]?.[0]).to.equal(false);
      expect((entries[0]?.[1] as Failure).value).to.be.instanceOf(RangeError);
    });

    it('a Failure given as a plain value counts as an item that has already failed', () => {
      const failure = new Failure(new Error('plain'));
      expect(successResultOf(when2([failure], { failOnFirstError: false }))).to.deep.equal([[false, failure]]);
    });
  });

  describe('Deferreds', () => {
    it('a Promise among the items is followed', async () => {
      const d = when2([Promise.resolve(3), 4]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(successResultOf(d)).to.deep.equal([[true, 3], [true, 4]]);
    });

    it('a failure in the result is taken from its item: reported once, as when2\'s, if nobody handles it', async () => {
      const log = await captureAfterCollecting();
      try {
        (() => {
          const item = new Deferred<number>();
          when2([item]);
          item.errback(new RangeError('[when2-once]'));
        })();
        await collectGarbage();
        expect(log.flush(FirstError).map((f) => (f.value as FirstError).subFailure.getErrorMessage())).to.deep.equal(['[when2-once]']);
        expect(reportsMentioning(log, '[when2-once]')).to.deep.equal([]);
      } finally {
        log.stop();
      }
    });

    it('a handled when2 leaves nothing reported, and values stay on their items', async () => {
      const log = await captureAfterCollecting();
      try {
        const ok = new Deferred<number>();
        (() => {
          const bad = new Deferred<number>();
          when2([ok, bad], { failOnFirstError: false }).addCallback(() => undefined);
          ok.callback(1);
          bad.errback(new RangeError('[when2-handled]'));
        })();
        await collectGarbage();
        expect(reportsMentioning(log, '[when2-handled]')).to.deep.equal([]);
        expect(successResultOf(ok)).to.equal(1);
      } finally {
        log.stop();
      }
    });

    it('after when2 has fired, a late failure stays its item\'s own', () => {
      const a = new Deferred<number>();
      const b = new Deferred<number>();
      when2([a, b], { resolveOnFirstSuccess: true }).addCallback(() => undefined);
      a.callback(1);
      b.errback(new RangeError('late'));
      expect(failureResultOf(b, RangeError).getErrorMessage()).to.equal('late');
    });

    it('cancelling it cancels the items that have not fired, which decides it as any failure would', () => {
      const a = new Deferred<number>();
      const b = succeed(2);
      const d = when2([a, b], { failOnFirstError: false });
      d.cancel();
      const entries = successResultOf(d);
      expect((entries[0]?.[1] as Failure).check(CancelledError)).to.equal(CancelledError);
      expect(entries[1]).to.deep.equal([true, 2]);
    });

    it('failures with fail() items: the first in input order is the first seen', () => {
      const d = when2([fail(new Error('one')), fail(new Error('two'))]);
      expect((failureResultOf(d, FirstError).value as FirstError).subFailure.getErrorMessage()).to.equal('one');
    });
  });

  it('bad items and options are TypeErrors naming them', () => {
    expect(() => when2(5 as unknown as [])).to.throw(TypeError, 'when2(items): `items` must be an iterable of Deferreds and values (an array, say), got number 5');
    expect(() => when2([], { resolveOnFirstSuccess: 'yes' as unknown as boolean })).to.throw(TypeError, "`resolveOnFirstSuccess` must be a boolean, got string 'yes'");
    expect(() => when2([], { rejectOnFirstError: false } as unknown as { failOnFirstError: boolean })).to.throw(TypeError, 'unknown option `rejectOnFirstError`');
    expect(() => when2([], null as unknown as When2Options)).to.throw(TypeError, 'got null');
  });

  it(`${SOAK_OPERATIONS.toLocaleString('en')} items through when2 in every mode keep the heap flat (soak)`, async function () {
    this.timeout(120_000);
    let sum = 0;
    const growth = await heapGrowth(SOAK_OPERATIONS / 4, (i) => {
      const pending = new Deferred<number>();
      when2([pending, i]).addCallback((entries) => {
        sum += entries.length;
      });
      when2([pending, i], { resolveOnFirstSuccess: true }).addCallback(() => undefined);
      when2([pending, i], { resolveOnFirstSuccess: true, failOnFirstError: false }).addCallback(() => undefined);
      pending.callback(i);
    });
    expect(sum).to.equal(SOAK_OPERATIONS / 2);
    expect(growth).to.be.below(FLAT_HEAP_BYTES);
  });
});
