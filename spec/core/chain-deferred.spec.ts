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

describe('chainDeferred links of any length, run as Twisted nests them (issue 9, item 6)', () => {
  /** `count` links after `first`: each chained to the next. Returns every Deferred, first to last. */
  function links(count: number): Array<Deferred<number>> {
    const all = [new Deferred<number>()];
    for (let i = 0; i < count; i += 1) {
      const next = new Deferred<number>();
      (all[all.length - 1] as Deferred<number>).chainDeferred(next);
      all.push(next);
    }
    return all;
  }

  it('a paused target: the source goes on at once with undefined, and the target runs when unpaused', () => {
    const order: Array<[string, unknown]> = [];
    const a = new Deferred<number>();
    const b = new Deferred<number>();
    a.chainDeferred(b);
    b.pause();
    a.addCallback((r) => {
      order.push(['source after the link', r]);
    });
    b.addCallback((r) => {
      order.push(['target', r]);
    });
    a.callback(1);
    expect(order).to.deep.equal([['source after the link', undefined]]);
    b.unpause();
    expect(order).to.deep.equal([
      ['source after the link', undefined],
      ['target', 1],
    ]);
  });

  it("inside the target's chain the source counts as running: a callback added to it runs after the link, with undefined", () => {
    const order: Array<[string, unknown]> = [];
    const a = new Deferred<number>();
    const b = new Deferred<number>();
    a.chainDeferred(b);
    b.addCallback((r) => {
      order.push(['target', r]);
      a.addCallback((s) => {
        order.push(['added to the source from the target', s]);
      });
      return r;
    });
    a.addCallback((r) => {
      order.push(['source after the link', r]);
    });
    a.callback(1);
    expect(order).to.deep.equal([
      ['target', 1],
      ['source after the link', undefined],
      ['added to the source from the target', undefined],
    ]);
  });

  it('a target whose paused waiter stops its chain: the source still goes on', () => {
    const order: Array<[string, unknown]> = [];
    const a = new Deferred<number>();
    const b = new Deferred<number>();
    const w = new Deferred<null>();
    w.addCallback(() => b);
    w.callback(null);
    w.pause();
    w.addCallback((r) => {
      order.push(['waiter', r]);
    });
    b.addCallback((r) => {
      order.push(["target after the waiter's marker", r]);
    });
    a.chainDeferred(b);
    a.addCallback((r) => {
      order.push(['source after the link', r]);
    });
    a.callback(1);
    expect(order).to.deep.equal([['source after the link', undefined]]);
    w.unpause();
    // As in Twisted, the rest of the target's chain, stopped at the paused waiter, stays stopped.
    expect(order).to.deep.equal([
      ['source after the link', undefined],
      ['waiter', 1],
    ]);
  });

  it('200 links: the last link fires with the value, and every other link is left with undefined', () => {
    const all = links(200);
    const got: number[] = [];
    all[all.length - 1]?.addCallback((value) => got.push(value));
    all[0]?.callback(7);
    expect(got).to.deep.equal([7]);
    expect(new Set(all.slice(0, -1).map((d) => outcome(d)))).to.deep.equal(new Set([undefined]));
  });

  it('100,000 links (where Twisted overflows its stack): the last link fires with the value', () => {
    const all = links(100_000);
    const got: number[] = [];
    all[all.length - 1]?.addCallback((value) => got.push(value));
    all[0]?.callback(7);
    expect(got).to.deep.equal([7]);
    expect(all.every((d) => d.called)).to.equal(true);
  });

  it('100,000 links carry a failure to the last link, the same Failure object', () => {
    const all = links(100_000);
    const failure = new Failure(new ValueError('down the links'));
    const seen: unknown[] = [];
    all[all.length - 1]?.addErrback((f) => {
      seen.push(f);
    });
    all[0]?.errback(failure);
    expect(seen).to.have.length(1);
    expect(seen[0]).to.equal(failure);
  });

  it('after 100,000 links no Deferred is left running: each runs a callback added later at once', () => {
    const all = links(100_000);
    all[all.length - 1]?.addErrback(() => undefined);
    all[0]?.callback(1);
    let ran = 0;
    for (const d of all) {
      d.addBoth(() => {
        ran += 1;
      });
    }
    expect(ran).to.equal(all.length);
  });
});
