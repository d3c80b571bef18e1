/**
 * inlineCallbacks functions waiting on one another. Ports 24.10's
 * StackedInlineCallbacksTests (reference G.2). Twisted's output for the same cases:
 * spec/oracle/inlinecb_stacked.py.
 *
 * f1 waits on a Deferred of its own and adds 1; f2 adds 2; f3 adds 4; each notes when it
 * enters and exits. The Deferreds are fired in creation order by one loop that walks the
 * list by index, so Deferreds made while it runs are fired by it too. Twisted's "Coro"
 * variants make f2 an `async def` driven by Twisted; here they come twice: f2 as a plain
 * generator that f3 yields (driven as a sub-task, like a coroutine in Twisted 24.7), and
 * f2 as an async function (a Promise, resumed one microtask later, so the firing loop
 * lets microtasks run between Deferreds).
 */
import { expect } from 'chai';
import { Deferred } from '../../src/index.js';
import { inlineCallbacks } from '../../src/generators/inline-callbacks.js';
import { successResultOf } from '../support/helpers.js';

class MyException extends Error {}

class Scenario {
  readonly deferreds: Array<[Deferred<unknown>, unknown]> = [];
  readonly order: string[] = [];

  wait(result?: unknown): Deferred<unknown> {
    const d = new Deferred<unknown>();
    this.deferreds.push([d, result]);
    return d;
  }

  note(what: string, x: number): void {
    this.order.push(`${what} ${x}`);
  }

  #fire(index: number): void {
    const [d, result] = this.deferreds[index] as [Deferred<unknown>, unknown];
    if (result instanceof Error) d.errback(result);
    else d.callback(result);
  }

  /** Fire every Deferred, in creation order, including those made during the loop. */
  fireAll(): void {
    for (let i = 0; i < this.deferreds.length; i += 1) this.#fire(i);
  }

  /** The same, letting Promise continuations run after each Deferred fires. */
  async fireAllLettingPromisesRun(): Promise<void> {
    for (let i = 0; ; i += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      if (i >= this.deferreds.length) return;
      this.#fire(i);
    }
  }
}

type Level = (x: number) => Deferred<number>;

function makeF1(s: Scenario, waiting = true): Level {
  return inlineCallbacks(function* (x: number) {
    s.note('f1 enter', x);
    if (waiting) yield s.wait();
    else yield undefined;
    s.note('f1 exit', x + 1);
    return x + 1;
  });
}

function plainF2(s: Scenario): (x: number) => number {
  return (x) => {
    s.note('f2 enter', x);
    s.note('f2 exit', x + 2);
    return x + 2;
  };
}

type F2Kind = 'inlineCallbacks' | 'generator' | 'async';

/** f2, calling f1 `times` times, as an inlineCallbacks function, a plain generator or an async function. */
function makeF2(s: Scenario, kind: F2Kind, times: number): (x: number) => unknown {
  const f1 = makeF1(s);
  function* body(x: number): Generator<unknown, number, number> {
    s.note('f2 enter', x);
    for (let i = 0; i < times; i += 1) x = yield f1(x);
    s.note('f2 exit', x + 2);
    return x + 2;
  }
  if (kind === 'inlineCallbacks') return inlineCallbacks(body);
  if (kind === 'generator') return body;
  return async (x: number) => {
    s.note('f2 enter', x);
    for (let i = 0; i < times; i += 1) x = await f1(x);
    s.note('f2 exit', x + 2);
    return x + 2;
  };
}

function makeF3(s: Scenario, kind: F2Kind, times: number): Level {
  const f2 = makeF2(s, kind, times);
  return inlineCallbacks(function* (x: number) {
    s.note('f3 enter', x);
    for (let i = 0; i < times; i += 1) x = yield f2(x);
    s.note('f3 exit', x + 4);
    return x + 4;
  });
}

const SINGLE = ['f3 enter 1', 'f2 enter 1', 'f1 enter 1', 'f1 exit 2', 'f2 exit 4', 'f3 exit 8'];
const MULTIPLE = [
  'f3 enter 1', 'f2 enter 1',
  'f1 enter 1', 'f1 exit 2', 'f1 enter 2', 'f1 exit 3', 'f1 enter 3', 'f1 exit 4',
  'f2 exit 6', 'f2 enter 6',
  'f1 enter 6', 'f1 exit 7', 'f1 enter 7', 'f1 exit 8', 'f1 enter 8', 'f1 exit 9',
  'f2 exit 11', 'f2 enter 11',
  'f1 enter 11', 'f1 exit 12', 'f1 enter 12', 'f1 exit 13', 'f1 enter 13', 'f1 exit 14',
  'f2 exit 16', 'f3 exit 20',
];

describe('StackedInlineCallbacksTests', () => {
  for (const kind of ['inlineCallbacks', 'generator'] as const) {
    const suffix = kind === 'inlineCallbacks' ? '' : ' (f2 a plain generator, as Twisted\'s ...Coro variant)';
    it(`f3 waits on f2 waits on f1 waiting on an unfired Deferred: 8, entered and exited in nesting order (test_nonCalledDeferredSingleYield)${suffix}`, () => {
      const s = new Scenario();
      const d = makeF3(s, kind, 1)(1);
      s.fireAll();
      expect(successResultOf(d)).to.equal(8);
      expect(s.order).to.deep.equal(SINGLE);
    });

    it(`each level waiting three times on the level below: 20, in Twisted's interleaving (test_nonCalledDeferredMultipleYields)${suffix}`, () => {
      const s = new Scenario();
      const d = makeF3(s, kind, 3)(1);
      s.fireAll();
      expect(successResultOf(d)).to.equal(20);
      expect(s.order).to.deep.equal(MULTIPLE);
    });
  }

  it('the same with f2 an async function awaiting f1: 8, same order (test_nonCalledDeferredSingleYieldCoro)', async () => {
    const s = new Scenario();
    const d = makeF3(s, 'async', 1)(1);
    await s.fireAllLettingPromisesRun();
    expect(successResultOf(d)).to.equal(8);
    expect(s.order).to.deep.equal(SINGLE);
  });

  it('the same with f2 an async function awaiting f1 three times: 20, same order (test_nonCalledDeferredMultipleYieldsCoro)', async () => {
    const s = new Scenario();
    const d = makeF3(s, 'async', 3)(1);
    await s.fireAllLettingPromisesRun();
    expect(successResultOf(d)).to.equal(20);
    expect(s.order).to.deep.equal(MULTIPLE);
  });

  for (const waiting of [false, true]) {
    const name = waiting ? 'test_intermediateAddCallbacksAndWithWaitingFirstYield' : 'test_intermediateAddCallbacksAndNoWaiting';
    it(`a plain callback added to f1's Deferred before f3 yields it runs before f3 resumes, f1 ${waiting ? 'waiting' : 'not waiting'} (${name})`, () => {
      const s = new Scenario();
      const f1 = makeF1(s, waiting);
      const f2 = plainF2(s);
      const f3 = inlineCallbacks(function* (x: number) {
        s.note('f3 enter', x);
        const d = f1(x).addCallback(f2);
        x = yield d;
        s.note('f3 exit', x + 4);
        return x + 4;
      });
      const d = f3(1);
      s.fireAll();
      expect(successResultOf(d)).to.equal(8);
      expect(s.order).to.deep.equal(['f3 enter 1', 'f1 enter 1', 'f1 exit 2', 'f2 enter 2', 'f2 exit 4', 'f3 exit 8']);
    });
  }

  it('the same on f3\'s second yield: 9 (test_intermediateAddCallbacksAndWithWaitingSecondYield)', () => {
    const s = new Scenario();
    const f1 = makeF1(s);
    const f2 = plainF2(s);
    const f3 = inlineCallbacks(function* (x: number) {
      s.note('f3 enter', x);
      x = yield f1(x);
      x = yield f1(x).addCallback(f2);
      s.note('f3 exit', x + 4);
      return x + 4;
    });
    const d = f3(1);
    s.fireAll();
    expect(successResultOf(d)).to.equal(9);
    expect(s.order).to.deep.equal(['f3 enter 1', 'f1 enter 1', 'f1 exit 2', 'f1 enter 2', 'f1 exit 3', 'f2 enter 3', 'f2 exit 5', 'f3 exit 9']);
  });

  function failingF2(s: Scenario): Level {
    return inlineCallbacks(function* (x: number) {
      s.note('f2 enter', x);
      yield s.wait(new MyException('boom'));
      s.note('f2 exit', x + 2);
      return x + 2;
    });
  }

  it('f3 catches the error of a Deferred f2 waits on, on its first yield, and goes on: 5 (test_raisesExceptionFromDeferredWithWaitingFirstCallback)', () => {
    const s = new Scenario();
    const f2 = failingF2(s);
    const f3 = inlineCallbacks(function* (x: number) {
      s.note('f3 enter', x);
      try {
        x = yield f2(x);
      } catch (error) {
        if (!(error instanceof MyException)) throw error;
      }
      s.note('f3 exit', x + 4);
      return x + 4;
    });
    const d = f3(1);
    s.fireAll();
    expect(successResultOf(d)).to.equal(5);
    expect(s.order).to.deep.equal(['f3 enter 1', 'f2 enter 1', 'f3 exit 5']);
  });

  it('the same on f3\'s second yield: 6 (test_raisesExceptionFromDeferredWithWaitingSecondCallback)', () => {
    const s = new Scenario();
    const f1 = makeF1(s);
    const f2 = failingF2(s);
    const f3 = inlineCallbacks(function* (x: number) {
      s.note('f3 enter', x);
      x = yield f1(x);
      try {
        x = yield f2(x);
      } catch (error) {
        if (!(error instanceof MyException)) throw error;
      }
      s.note('f3 exit', x + 4);
      return x + 4;
    });
    const d = f3(1);
    s.fireAll();
    expect(successResultOf(d)).to.equal(6);
    expect(s.order).to.deep.equal(['f3 enter 1', 'f1 enter 1', 'f1 exit 2', 'f2 enter 2', 'f3 exit 6']);
  });
});
