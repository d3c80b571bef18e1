/**
 * ensureDeferred and fromCoroutine: a Deferred for a generator (driven as inlineCallbacks
 * drives one) or for an async function's Promise. Ports test_defer's EnsureDeferredTests
 * and fromCoroutine cases, test_defer_await's AwaitTests (with async functions) and
 * test_defer_yieldfrom's YieldFromTests (with generators); reference E.5, G.4, G.5.
 * Twisted's output for the same cases: spec/oracle/inlinecb_ensure.py.
 *
 * Python's `await d` inside a coroutine driven by Twisted resumes synchronously; an async
 * function's `await` resumes one microtask later, so the async cases let microtasks run
 * (`settle()`) before looking. The generator cases are synchronous, as in Twisted.
 */
import { expect } from 'chai';
import { Deferred, Failure, fail, succeed } from '../../src/index.js';
import { ensureDeferred, fromCoroutine } from '../../src/generators/ensure-deferred.js';
import { NotACoroutineError } from '../../src/generators/errors.js';
import { Clock } from '../../src/time/clock.js';
import { failureResultOf, successResultOf } from '../support/helpers.js';

/** Let every pending Promise continuation run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function hasResult(d: Deferred<unknown>): boolean {
  let seen = false;
  d.addBoth((result) => {
    seen = true;
    return result;
  });
  return seen;
}

function sleep(clock: Clock, seconds: number): Deferred<undefined> {
  const d = new Deferred<undefined>();
  clock.callLater(seconds, () => {
    d.callback(undefined);
  });
  return d;
}

describe('EnsureDeferredTests', () => {
  it('returns a Deferred as it is (test_passesThroughDeferreds)', () => {
    const d = new Deferred();
    expect(ensureDeferred(d)).to.equal(d);
  });

  it('refuses anything else that is not a coroutine with NotACoroutineError, a TypeError (test_willNotAllowNonDeferredOrCoroutine)', () => {
    expect(() => ensureDeferred('something' as never)).to.throw(NotACoroutineError, "'something' is not a coroutine or a Deferred");
    expect(() => ensureDeferred(1 as never)).to.throw(TypeError, '1 is not a coroutine or a Deferred');
  });

  it('NotACoroutineError is a TypeError named NotACoroutineError, matched by Failure.check', () => {
    let caught: unknown;
    try {
      ensureDeferred(1 as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(TypeError);
    expect((caught as Error).name).to.equal('NotACoroutineError');
    expect(new Failure(caught).check(NotACoroutineError)).to.equal(NotACoroutineError);
  });

  it('follows an async function\'s Promise (test_ensureDeferredCoroutine)', async () => {
    async function awaitsFoo(): Promise<string> {
      return await succeed('foo');
    }
    const d = ensureDeferred(awaitsFoo());
    await settle();
    expect(successResultOf(d)).to.equal('foo');
  });

  it('drives a generator, synchronously (test_ensureDeferredGenerator)', () => {
    function* yieldsFoo(): Generator<unknown, string, string> {
      return yield succeed('foo');
    }
    expect(successResultOf(ensureDeferred(yieldsFoo()))).to.equal('foo');
  });

  it('a driven generator that waits fires when it finishes', () => {
    const pending = new Deferred<number>();
    function* waits(): Generator<unknown, number, number> {
      const x = yield pending;
      return x * 2;
    }
    const d = ensureDeferred(waits());
    expect(hasResult(d)).to.equal(false);
    pending.callback(21);
    expect(successResultOf(d)).to.equal(42);
  });

  it('cancelling the Deferred of a driven generator cancels what it waits on, as inlineCallbacks does', () => {
    const child = new Deferred<number>();
    const seen: string[] = [];
    function* waits(): Generator<unknown, string, number> {
      try {
        yield child;
      } catch (error) {
        seen.push((error as Error).name);
        return 'recovered';
      }
      return 'not cancelled';
    }
    const d = ensureDeferred(waits());
    d.cancel();
    expect(seen).to.deep.equal(['CancelledError']);
    expect(successResultOf(d)).to.equal('recovered');
  });

  it('a rejected Promise fails the Deferred with the same reason', async () => {
    const reason = new RangeError('rejected');
    const d = ensureDeferred(Promise.reject(reason));
    await settle();
    expect(failureResultOf(d, RangeError).value).to.equal(reason);
  });
});

describe('fromCoroutine', () => {
  it('refuses what is not a coroutine: "<repr> is not a coroutine" (test_fromCoroutineRequiresCoroutine)', () => {
    expect(() => fromCoroutine(1 as never)).to.throw(NotACoroutineError, /^1 is not a coroutine$/);
    expect(() => fromCoroutine((() => undefined) as never)).to.throw(NotACoroutineError, '<function (anonymous)> is not a coroutine');
    expect(() => fromCoroutine(true as never)).to.throw(NotACoroutineError, 'true is not a coroutine');
    expect(() => fromCoroutine(undefined as never)).to.throw(NotACoroutineError, 'undefined is not a coroutine');
    expect(() => fromCoroutine(null as never)).to.throw(NotACoroutineError, 'null is not a coroutine');
  });

  it('refuses a Deferred: a Deferred is not a coroutine', () => {
    const d = new Deferred();
    expect(() => fromCoroutine(d as never)).to.throw(NotACoroutineError, /^<Deferred #\d+> is not a coroutine$/);
  });

  it('refuses a generator function (rather than the generator it makes)', () => {
    function* notCalled(): Generator<unknown, void> {
      yield undefined;
    }
    expect(() => fromCoroutine(notCalled as never)).to.throw(NotACoroutineError, '<function notCalled> is not a coroutine');
  });

  it('drives a generator', () => {
    function* yieldsFoo(): Generator<unknown, string, string> {
      return yield succeed('foo');
    }
    expect(successResultOf(fromCoroutine(yieldsFoo()))).to.equal('foo');
  });

  it('sends a plain generator\'s yielded values straight back', () => {
    function* yieldsPlainValues(): Generator<unknown, unknown[], unknown> {
      const a = yield 1;
      const b = yield 'two';
      return [a, b];
    }
    expect(successResultOf(fromCoroutine(yieldsPlainValues()))).to.deep.equal([1, 'two']);
  });

  it('follows a Promise', async () => {
    const d = fromCoroutine(Promise.resolve('done'));
    await settle();
    expect(successResultOf(d)).to.equal('done');
  });
});

// Each AwaitTests scenario twice: with async functions (AwaitTests) and with generators (YieldFromTests).
describe('AwaitTests (async functions) and YieldFromTests (generators) through ensureDeferred', () => {
  it('an async function awaiting another, which awaits a Deferred, gives its value (test_deferredFromCoroutine)', async () => {
    async function inner(): Promise<string> {
      return await succeed('foo');
    }
    async function outer(): Promise<string> {
      await succeed('bar');
      return await inner();
    }
    const d = ensureDeferred(outer());
    expect(d).to.be.instanceOf(Deferred);
    await settle();
    expect(successResultOf(d)).to.equal('foo');
  });

  it('the same with generators: a yielded generator is driven (test_deferredFromCoroutine, YieldFromTests)', () => {
    function* inner(): Generator<unknown, string, string> {
      return yield succeed('foo');
    }
    function* outer(): Generator<unknown, string, string> {
      yield succeed('bar');
      return yield inner();
    }
    expect(successResultOf(ensureDeferred(outer()))).to.equal('foo');
  });

  it('an error thrown after an await fails the Deferred with it (test_exception)', async () => {
    async function raisesAfterAwait(): Promise<never> {
      await succeed(undefined);
      throw new RangeError('Oh no!');
    }
    const d = ensureDeferred(raisesAfterAwait());
    await settle();
    expect(failureResultOf(d, RangeError).getErrorMessage()).to.equal('Oh no!');
  });

  it('an error thrown after a yield fails the Deferred with it (test_exception, YieldFromTests)', () => {
    function* raisesAfterYield(): Generator<unknown, never> {
      yield succeed(undefined);
      throw new RangeError('Oh no!');
    }
    expect(failureResultOf(ensureDeferred(raisesAfterYield()), RangeError).getErrorMessage()).to.equal('Oh no!');
  });

  it('awaiting a failed Deferred throws its error, which can be caught (test_reraise)', async () => {
    async function reraise(): Promise<string> {
      try {
        await fail(new RangeError('Boom'));
      } catch (error) {
        return `caught ${(error as Error).message}`;
      }
      return 'not thrown';
    }
    const d = ensureDeferred(reraise());
    await settle();
    expect(successResultOf(d)).to.equal('caught Boom');
  });

  it('yielding a failed Deferred throws its error, which can be caught (test_reraise, YieldFromTests)', () => {
    function* reraise(): Generator<unknown, string> {
      try {
        yield fail(new RangeError('Boom'));
      } catch (error) {
        return `caught ${(error as Error).message}`;
      }
      return 'not thrown';
    }
    expect(successResultOf(ensureDeferred(reraise()))).to.equal('caught Boom');
  });

  function twoDeepTimeline(clock: Clock, sections: number[], settleAfter: () => Promise<void>): Promise<string[]> {
    return (async () => {
      const log: string[] = [];
      for (const t of [0.9, 0.1, 0.9, 0.1]) {
        clock.advance(t);
        await settleAfter();
        log.push(`${clock.seconds().toFixed(1)} s [${sections.join(', ')}]`);
      }
      return log;
    })();
  }

  const TWO_DEEP = ['0.9 s [1, 2]', '1.0 s [1, 2, 3, 4]', '1.9 s [1, 2, 3, 4]', '2.0 s [1, 2, 3, 4, 5]'];

  it('two levels of async functions waiting on a Clock: each section runs when its time comes (test_twoDeep)', async () => {
    const clock = new Clock();
    const sections: number[] = [];
    async function inner(): Promise<string> {
      sections.push(2);
      await sleep(clock, 1);
      sections.push(3);
      return 'Yay!';
    }
    async function outer(): Promise<string> {
      sections.push(1);
      const result = await inner();
      sections.push(4);
      await sleep(clock, 1);
      sections.push(5);
      return result;
    }
    const d = ensureDeferred(outer());
    expect(await twoDeepTimeline(clock, sections, settle)).to.deep.equal(TWO_DEEP);
    expect(successResultOf(d)).to.equal('Yay!');
  });

  it('two levels of generators waiting on a Clock, synchronously (test_twoDeep, YieldFromTests)', async () => {
    const clock = new Clock();
    const sections: number[] = [];
    function* inner(): Generator<unknown, string> {
      sections.push(2);
      yield sleep(clock, 1);
      sections.push(3);
      return 'Yay!';
    }
    function* outer(): Generator<unknown, string, string> {
      sections.push(1);
      const result = yield inner();
      sections.push(4);
      yield sleep(clock, 1);
      sections.push(5);
      return result;
    }
    const d = ensureDeferred(outer());
    expect(await twoDeepTimeline(clock, sections, async () => undefined)).to.deep.equal(TWO_DEEP);
    expect(successResultOf(d)).to.equal('Yay!');
  });

  function chainedPair(clock: Clock): Deferred<string> {
    const first = new Deferred<string>();
    const second = new Deferred<string>();
    const waitsOnSecond = first.addCallback(() => second);
    first.callback('hi');
    clock.callLater(1, () => {
      second.callback('bye');
    });
    return waitsOnSecond;
  }

  it('awaiting a Deferred that is waiting on another gives the other\'s result when it comes (test_chained)', async () => {
    const clock = new Clock();
    const first = chainedPair(clock);
    async function waitsOnFirst(): Promise<string> {
      return await first;
    }
    const d = ensureDeferred(waitsOnFirst());
    await settle();
    expect(hasResult(d)).to.equal(false);
    clock.advance(1);
    await settle();
    expect(successResultOf(d)).to.equal('bye');
  });

  it('yielding a Deferred that is waiting on another gives the other\'s result when it comes (test_chained, YieldFromTests)', () => {
    const clock = new Clock();
    const first = chainedPair(clock);
    function* waitsOnFirst(): Generator<unknown, string, string> {
      return yield first;
    }
    const d = ensureDeferred(waitsOnFirst());
    expect(hasResult(d)).to.equal(false);
    clock.advance(1);
    expect(successResultOf(d)).to.equal('bye');
  });
});

describe('types', () => {
  it('ensureDeferred gives a Deferred of what the Promise or generator gives', async () => {
    async function text(): Promise<string> {
      return 'x';
    }
    function* count(): Generator<unknown, number> {
      yield undefined;
      return 1;
    }
    const fromPromise: Deferred<string> = ensureDeferred(text());
    const fromGenerator: Deferred<number> = ensureDeferred(count());
    const same: Deferred<boolean> = ensureDeferred(succeed(true));
    // @ts-expect-error a number is not a coroutine
    expect(() => ensureDeferred(1)).to.throw(NotACoroutineError);
    await settle();
    expect([successResultOf(fromPromise), successResultOf(fromGenerator), successResultOf(same)]).to.deep.equal(['x', 1, true]);
  });
});
