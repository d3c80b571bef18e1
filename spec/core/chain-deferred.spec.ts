/**
 * chainDeferred, exactly as Twisted's (reference section D, and DeferredTests'
 * explicit-chain cases): `a.chainDeferred(b)` is `a.addCallbacks(b.callback, b.errback)`
 * and records that `b` waits on `a`. Everything below follows from that.
 *
 * Each `it` is backed by the line with the same label in spec/oracle/chain-deferred.out,
 * printed by real Twisted.
 */
import { expect } from 'chai';
import { AlreadyCalledError, CancelledError, Deferred, Failure } from '../../src/index.js';

class ValueError extends Error {
  override name = 'ValueError';
}

/** What a Deferred holds now, without consuming it (as the oracle prints it). */
function outcome(d: Deferred<unknown>): unknown {
  if (!d.called) return 'no result';
  const result = d.result;
  if (result instanceof Failure) return `Failure(${(result.type as { name: string }).name})`;
  return result;
}

/** Handle whatever failure d holds, so nothing is left to report as unhandled. */
function consume(d: Deferred<unknown>): void {
  d.addErrback(() => undefined);
}

/** The number in `<Deferred #N ...>`. */
function idOf(d: Deferred<unknown>): string {
  const match = /^<Deferred #(\d+)/.exec(String(d));
  if (match === null) throw new Error(`no id in ${String(d)}`);
  return match[1] as string;
}

describe('chainDeferred (reference D)', () => {
  describe('result transfer', () => {
    it('chainDeferred returns the source', () => {
      const a = new Deferred<number>();
      const b = new Deferred<number>();
      expect(a.chainDeferred(b)).to.equal(a);
    });

    it("the target fires with the source's value, and the source is left with undefined", () => {
      const a = new Deferred<number>();
      const b = new Deferred<number>();
      a.chainDeferred(b);
      a.callback(1);
      expect(outcome(b)).to.equal(1);
      expect(a.called).to.equal(true);
      expect(a.result).to.equal(undefined);
    });

    it("the target fires with the source's Failure, the same object, and the source is left with undefined", () => {
      const a = new Deferred<number>();
      const b = new Deferred<number>();
      a.chainDeferred(b);
      const failure = new Failure(new ValueError('v'));
      a.errback(failure);
      expect(b.result).to.equal(failure);
      expect(a.result).to.equal(undefined);
      consume(b);
    });

    it('chainDeferred on an already-fired source fires the target at once', () => {
      const a = new Deferred<string>();
      a.callback('early');
      const b = new Deferred<string>();
      a.chainDeferred(b);
      expect(outcome(b)).to.equal('early');
      expect(a.result).to.equal(undefined);
    });

    it("the target's callbacks run inside the source's chain, and later source callbacks get undefined", () => {
      const order: unknown[] = [];
      const a = new Deferred<number>();
      const b = new Deferred<number>();
      a.addCallback((r) => {
        order.push(['source, before', r]);
        return r;
      });
      a.chainDeferred(b);
      (a as Deferred<unknown>).addCallback((r) => {
        order.push(['source, after', r]);
        return r;
      });
      b.addCallback((r) => {
        order.push(['target', r]);
        return r * 10;
      });
      a.callback(1);
      expect(order).to.deep.equal([
        ['source, before', 1],
        ['target', 1],
        ['source, after', undefined],
      ]);
      expect(outcome(b)).to.equal(10);
    });
  });

  describe('when the target has already fired', () => {
    it('chaining into a target that already fired leaves the source with an AlreadyCalledError failure', () => {
      const a = new Deferred<number | string>();
      const b = new Deferred<number | string>();
      b.callback('early');
      a.chainDeferred(b);
      a.callback(1);
      expect(outcome(a)).to.equal('Failure(AlreadyCalledError)');
      expect((a.result as Failure).check(AlreadyCalledError)).to.equal(AlreadyCalledError);
      expect(outcome(b)).to.equal('early');
      consume(a);
    });

    it('chaining into a target cancelled through its canceller leaves the source with an AlreadyCalledError failure', () => {
      const a = new Deferred<number>();
      const b = new Deferred<number>(() => undefined);
      a.chainDeferred(b);
      b.cancel();
      a.callback(1);
      expect(outcome(a)).to.equal('Failure(AlreadyCalledError)');
      expect(outcome(b)).to.equal('Failure(CancelledError)');
      consume(a);
      consume(b);
    });

    it("a target cancelled without a canceller swallows the source's result once, and the source is left with undefined", () => {
      const a = new Deferred<number>();
      const b = new Deferred<number>();
      a.chainDeferred(b);
      b.cancel();
      expect(outcome(a)).to.equal('no result');
      a.callback(1);
      expect(a.called).to.equal(true);
      expect(a.result).to.equal(undefined);
      expect(outcome(b)).to.equal('Failure(CancelledError)');
      consume(b);
    });

    it('a.chainDeferred(a) leaves a with an AlreadyCalledError failure', () => {
      const a = new Deferred<number>();
      a.chainDeferred(a);
      a.callback(1);
      expect(outcome(a)).to.equal('Failure(AlreadyCalledError)');
      consume(a);
    });
  });

  describe('cancellation', () => {
    it('cancelling the target does not touch the source', () => {
      const cancelled: string[] = [];
      const a = new Deferred<number>(() => cancelled.push('source canceller'));
      const b = new Deferred<number>();
      a.chainDeferred(b);
      b.cancel();
      expect(a.called).to.equal(false);
      expect(cancelled).to.deep.equal([]);
      expect(outcome(b)).to.equal('Failure(CancelledError)');
      consume(b);
    });

    it('cancelling the source errbacks the target with CancelledError, and the source is left with undefined', () => {
      const a = new Deferred<number>();
      const b = new Deferred<number>();
      a.chainDeferred(b);
      a.cancel();
      expect((b.result as Failure).check(CancelledError)).to.equal(CancelledError);
      expect(a.called).to.equal(true);
      expect(a.result).to.equal(undefined);
      consume(b);
    });
  });
});

describe('DeferredTests: the explicit chain', () => {
  it('the target says it waits on the source from the chainDeferred call until it fires', () => {
    const a = new Deferred<undefined>();
    const b = new Deferred<undefined>();
    b.chainDeferred(a);
    expect(String(a)).to.equal(`<Deferred #${idOf(a)} waiting on Deferred #${idOf(b)}>`);
    expect([a.called, a.paused]).to.deep.equal([false, 0]);
    b.callback(undefined);
    // Twisted prints "current result: None".
    expect(String(a)).to.equal(`<Deferred #${idOf(a)} current result: undefined>`);
  });
});
