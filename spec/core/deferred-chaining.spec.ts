/**
 * Implicit chaining: a callback (or errback) that returns a Deferred makes the outer
 * chain wait for it and take its result. From Twisted's DeferredTests (reference G.1)
 * and sections B.5 (the mechanism and its ordering), B.6 (what the inner Deferred is
 * left with) and B.11 (a callback returning its own Deferred).
 *
 * Each `it` is backed by the line with the same label in
 * spec/oracle/deferred-chaining.out, printed by real Twisted.
 */
import { expect } from 'chai';
import { Deferred, fail, Failure, succeed } from '../../src/index.js';
import { failureResultOf, successResultOf } from '../support/helpers.js';

/** The number in `<Deferred #N ...>`. */
function idOf(d: Deferred<unknown>): string {
  const match = /^<Deferred #(\d+)/.exec(String(d));
  if (match === null) throw new Error(`no id in ${String(d)}`);
  return match[1] as string;
}

/**
 * A stand-in for gatherResults([d]) (another issue's work): a new Deferred fired by
 * d's chain, whose own first callback wraps the value in a list. What matters here is
 * that the Deferred handed back has a callback of its own before the marker.
 */
function gathered(d: Deferred<unknown>): Deferred<unknown[]> {
  const out = new Deferred<unknown>();
  d.addCallback((r) => {
    out.callback(r);
  });
  return out.addCallback((r) => [r]);
}

/**
 * Twisted's nested scenario: an already-fired outer Deferred whose callback returns an
 * already-fired Deferred, whose first callback returns a pending `inner` one.
 */
function nested(addFinalBeforeInnerFires: boolean, wrapInner: boolean) {
  const results: unknown[] = [];
  const failures: Failure[] = [];
  const inner = new Deferred<string>();
  const record = (r: unknown): void => {
    results.push(r);
  };
  const outer = succeed('outer').addCallback((result) => {
    results.push(['start-of-cb', result]);
    const d = succeed('inner');
    d.addCallback((r): Deferred<unknown> => {
      results.push(['firstCallback', r]);
      return wrapInner ? inner.addCallback((x) => [x]) : inner;
    })
      .addCallback((r: unknown) => {
        results.push(['secondCallback', r]);
        return typeof r === 'string' ? r + r : [...(r as unknown[]), ...(r as unknown[])];
      })
      .addErrback((f) => {
        failures.push(f);
      });
    return d;
  });
  if (addFinalBeforeInnerFires) outer.addCallback(record);
  const before = [...results];
  inner.callback(wrapInner ? 'withers' : 'orange');
  if (!addFinalBeforeInnerFires) outer.addCallback(record);
  inner.addErrback((f) => {
    failures.push(f);
  });
  outer.addErrback((f) => {
    failures.push(f);
  });
  return { before, results, failures };
}

/** Twisted's test_continueCallbackNotFirst / test_callbackOrderPreserved scenario. */
function continueNotFirst(withFinal: boolean) {
  const results: unknown[] = [];
  const failures: Failure[] = [];
  const a = new Deferred<unknown>();
  const outer = succeed('outer').addCallback((result) => {
    results.push(['cb', result]);
    const d = new Deferred<undefined>();
    d.addCallback((ignored) => {
      results.push(['firstCallback', ignored]);
      return gathered(a);
    });
    d.addCallback((r) => {
      results.push(['secondCallback', r]);
    });
    d.addErrback((f) => {
      failures.push(f);
    });
    d.callback(undefined);
    return d;
  });
  if (withFinal) {
    outer.addCallback(() => {
      results.push(['final', undefined]);
    });
  }
  outer.addErrback((f) => {
    failures.push(f);
  });
  const before = [...results];
  a.callback('withers');
  return { before, results, failures };
}

describe('DeferredTests: implicit chaining', () => {
  it("an inner Deferred's own callbacks run before the outer chain goes on", () => {
    const { results, failures } = nested(false, false);
    expect(failures).to.deep.equal([]);
    expect(results).to.deep.equal([
      ['start-of-cb', 'outer'],
      ['firstCallback', 'inner'],
      ['secondCallback', 'orange'],
      'orangeorange',
    ]);
  });

  it('nested Deferreds waiting on a pending one resume in order when it fires', () => {
    const { before, results, failures } = nested(true, false);
    expect(before).to.deep.equal([
      ['start-of-cb', 'outer'],
      ['firstCallback', 'inner'],
    ]);
    expect(results).to.deep.equal([
      ['start-of-cb', 'outer'],
      ['firstCallback', 'inner'],
      ['secondCallback', 'orange'],
      'orangeorange',
    ]);
    expect(failures).to.deep.equal([]);
  });

  it('nested Deferreds: callbacks the innermost one had before it was returned run first', () => {
    const { before, results, failures } = nested(true, true);
    expect(before).to.deep.equal([
      ['start-of-cb', 'outer'],
      ['firstCallback', 'inner'],
    ]);
    expect(results).to.deep.equal([
      ['start-of-cb', 'outer'],
      ['firstCallback', 'inner'],
      ['secondCallback', ['withers']],
      ['withers', 'withers'],
    ]);
    expect(failures).to.deep.equal([]);
  });

  it('a returned Deferred that has callbacks of its own before the marker still feeds the outer one', () => {
    const { before, results, failures } = continueNotFirst(false);
    expect(before).to.deep.equal([
      ['cb', 'outer'],
      ['firstCallback', undefined],
    ]);
    expect(results).to.deep.equal([
      ['cb', 'outer'],
      ['firstCallback', undefined],
      ['secondCallback', ['withers']],
    ]);
    expect(failures).to.deep.equal([]);
  });

  it('callbacks added to a waiting Deferred run after the result arrives, in order', () => {
    const { before, results, failures } = continueNotFirst(true);
    expect(before).to.deep.equal([
      ['cb', 'outer'],
      ['firstCallback', undefined],
    ]);
    expect(results).to.deep.equal([
      ['cb', 'outer'],
      ['firstCallback', undefined],
      ['secondCallback', ['withers']],
      ['final', undefined],
    ]);
    expect(failures).to.deep.equal([]);
  });

  it('a callback returning an already-fired Deferred passes its result on at once, leaving it undefined', () => {
    const marker = { marker: true };
    const first = succeed(marker);
    const second = new Deferred<undefined>();
    second.addCallback(() => first);
    second.callback(undefined);
    const later: unknown[] = [];
    first.addCallback((r) => later.push(r));
    expect(later).to.deep.equal([undefined]);
    expect(successResultOf(second)).to.equal(marker);
  });

  it('a callback returning a pending Deferred passes its result on when it fires, leaving it undefined', () => {
    const first = new Deferred<object>();
    const second = new Deferred<undefined>();
    second.addCallback(() => first);
    second.callback(undefined);
    const firstResults: unknown[] = [];
    first.addCallback((r) => firstResults.push(r));
    const secondResults: unknown[] = [];
    second.addCallback((r) => secondResults.push(r));
    expect([firstResults, secondResults]).to.deep.equal([[], []]);
    const marker = { marker: true };
    first.callback(marker);
    expect(firstResults).to.deep.equal([undefined]);
    expect(secondResults).to.have.length(1);
    expect(secondResults[0]).to.equal(marker);
  });

  it('a callback returning an already-failed Deferred moves the failure to the outer chain', () => {
    const first = fail(new Error("First Deferred's Failure"));
    const second = new Deferred<undefined>();
    second.addCallback(() => first);
    second.callback(undefined);
    const firstResults: unknown[] = [];
    first.addCallback((r) => firstResults.push(r));
    expect(firstResults).to.deep.equal([undefined]);
    expect(failureResultOf(second, Error).getErrorMessage()).to.equal("First Deferred's Failure");
  });

  it('a callback returning a pending Deferred that then fails moves the failure to the outer chain', () => {
    const first = new Deferred<unknown>();
    const second = new Deferred<undefined>();
    second.addCallback(() => first);
    second.callback(undefined);
    const secondErrors: Failure[] = [];
    second.addErrback((f) => {
      secondErrors.push(f);
    });
    const firstResults: unknown[] = [];
    first.addCallback((r) => firstResults.push(r));
    const secondResults: unknown[] = [];
    second.addCallback((r) => secondResults.push(r));
    expect([firstResults, secondResults]).to.deep.equal([[], []]);
    const error = new Error("First Deferred's Failure");
    first.errback(error);
    expect(secondErrors).to.have.length(1);
    expect(secondErrors[0]?.value).to.equal(error);
    expect(firstResults).to.deep.equal([undefined]);
    expect(secondResults).to.have.length(1);
  });

  it("a Deferred waiting on one that waits on a third gets the third's result", () => {
    const first = new Deferred<object>();
    const second = new Deferred<undefined>();
    second.addCallback(() => first);
    const third = new Deferred<undefined>();
    third.addCallback(() => second);
    const thirdResults: unknown[] = [];
    third.addCallback((r) => thirdResults.push(r));
    second.callback(undefined);
    third.callback(undefined);
    expect(thirdResults).to.deep.equal([]);
    const marker = { marker: true };
    first.callback(marker);
    expect(thirdResults).to.have.length(1);
    expect(thirdResults[0]).to.equal(marker);
  });

  it('a Deferred that fed a waiting one, after waiting itself, is left with undefined', () => {
    const first = new Deferred<undefined>();
    const second = new Deferred<undefined>();
    const third = new Deferred<undefined>();
    first.addCallback(() => second);
    second.addCallback(() => third);
    second.callback(undefined);
    first.callback(undefined);
    third.callback(undefined);
    const seen: unknown[] = [];
    second.addCallback((r) => seen.push(r));
    expect(seen).to.deep.equal([undefined]);
  });

  it('String(d) says a Deferred waiting on a returned one waits on it, until its result arrives', () => {
    const a = new Deferred<undefined>();
    const b = new Deferred<string>();
    a.addCallback(() => b);
    a.callback(undefined);
    expect(String(a)).to.equal(`<Deferred #${idOf(a)} waiting on Deferred #${idOf(b)}>`);
    b.callback('done');
    expect(String(a)).to.equal(`<Deferred #${idOf(a)} current result: 'done'>`);
  });

  // Twisted warns (DeprecationWarning, same text) and then the Deferred waits on itself
  // for ever; with warnings as errors the chain fails with the DeprecationWarning.
  it("a callback that returns its own Deferred fails the chain with a TypeError carrying Twisted's warning text (differences row 5)", () => {
    const d = new Deferred<string>();
    d.addCallback(() => d);
    const later: unknown[] = [];
    d.addCallbacks(
      (r) => later.push(['callback', r]),
      (f) => later.push(['errback', f]),
    );
    d.callback('foo');
    expect(later).to.have.length(1);
    const [slot, failure] = later[0] as [string, Failure];
    expect(slot).to.equal('errback');
    expect(failure.value).to.be.an.instanceOf(TypeError);
    expect(failure.getErrorMessage()).to.equal(
      'Callback returned the Deferred it was attached to; this breaks the callback chain and will raise an exception in the future.',
    );
    expect(d.paused).to.equal(0);
  });

  it('the depth at which the final callback runs does not grow with the number of chained Deferreds', () => {
    function depthAtFinalCallback(howMany: number): number {
      const depths: number[] = [];
      const top = new Deferred<undefined>();
      const middle: Array<Deferred<undefined>> = [];
      for (let i = 0; i < howMany; i += 1) middle.push(new Deferred<undefined>());
      const last = new Deferred<undefined>();
      const links = [top, ...middle];
      const following = [...middle, last];
      links.forEach((here, i) => {
        here.addCallback(() => following[i] as Deferred<undefined>);
      });
      top.addCallback(() => {
        depths.push((new Error().stack ?? '').split('\n').length);
      });
      for (const d of links) d.callback(undefined);
      last.callback(undefined);
      expect(depths).to.have.length(1);
      return depths[0] as number;
    }
    const previousLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = Infinity;
    try {
      const one = depthAtFinalCallback(1);
      expect(depthAtFinalCallback(2)).to.equal(one);
      expect(depthAtFinalCallback(50)).to.equal(one);
      expect(depthAtFinalCallback(10_000)).to.equal(one);
    } finally {
      Error.stackTraceLimit = previousLimit;
    }
  });
});

describe('implicit chaining (reference B.5, B.6)', () => {
  it('order when the inner Deferred fires: its own earlier callbacks, then the outer chain, then its later callbacks', () => {
    const order: unknown[] = [];
    const inner = new Deferred<string>();
    const outer = new Deferred<undefined>();
    inner.addCallback((r) => {
      order.push(['inner, before the marker', r]);
      return `${r}!`;
    });
    outer.addCallback(() => inner);
    outer.callback(undefined);
    inner.addCallback((r) => {
      order.push(['inner, after the marker', r]);
    });
    outer.addCallback((r) => {
      order.push(['outer, next callback', r]);
      return r;
    });
    inner.callback('v');
    expect(order).to.deep.equal([
      ['inner, before the marker', 'v'],
      ['outer, next callback', 'v!'],
      ['inner, after the marker', undefined],
    ]);
  });

  it('the inner Deferred is left called, with result undefined, after the outer one took its result', () => {
    const inner = new Deferred<string>();
    const outer = new Deferred<undefined>();
    outer.addCallback(() => inner);
    outer.callback(undefined);
    inner.callback('v');
    expect([inner.called, inner.result, inner.paused]).to.deep.equal([true, undefined, 0]);
    expect(outer.result).to.equal('v');
  });
});
