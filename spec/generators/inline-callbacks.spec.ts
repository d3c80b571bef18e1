/**
 * inlineCallbacks: generator functions driven by Deferreds. Ports test_inlinecb's
 * BasicTests, StopIterationReturnTests and ForwardTraceBackTests (in spirit), and the
 * driver's rules in reference E.4 / A.1. Twisted's output for the same cases:
 * spec/oracle/inlinecb_basic.py.
 */
import { expect } from 'chai';
import {
  captureUnhandledErrors,
  Deferred,
  fail,
  Failure,
  succeed,
  type UnhandledErrorLog,
} from '../../src/index.js';
import { inlineCallbacks } from '../../src/generators/inline-callbacks.js';
import { collectGarbage, failureResultOf, successResultOf } from '../support/helpers.js';

class TerminalException extends Error {}

/** Whether the Deferred has a result now, without taking it (successResultOf takes it). */
function hasResult(d: Deferred<unknown>): boolean {
  let seen = false;
  d.addBoth((result) => {
    seen = true;
    return result;
  });
  return seen;
}

describe('inlineCallbacks', () => {
  describe('BasicTests', () => {
    it('waits for a Deferred, has a yielded Failure thrown back in, and fires with the return value (testBasics)', () => {
      const later = new Deferred<string>();
      const seen: unknown[] = [];
      const basics = inlineCallbacks(function* () {
        seen.push(yield later);
        try {
          yield new Failure(new RangeError('OMG'));
        } catch (error) {
          seen.push(`caught ${(error as Error).message}`);
        }
        return 'WOOSH';
      });

      const d = basics();
      expect(hasResult(d)).to.equal(false);
      later.callback('hi');
      expect(seen).to.deep.equal(['hi', 'caught OMG']);
      expect(successResultOf(d)).to.equal('WOOSH');
    });

    it('fails with what the generator throws after a yield (testProducesException)', () => {
      const boom = new RangeError('division by zero');
      const produces = inlineCallbacks(function* () {
        yield succeed(undefined);
        throw boom;
      });
      expect(failureResultOf(produces(), RangeError).value).to.equal(boom);
    });

    it('a generator that never yields fires at once with undefined (testNothing)', () => {
      const nothing = inlineCallbacks(function* () {
        if (false as boolean) yield;
      });
      expect(successResultOf(nothing())).to.equal(undefined);
    });

    it('a bare return fires with undefined (testReturnNoValue)', () => {
      const bare = inlineCallbacks(function* () {
        yield succeed(1);
        return;
      });
      expect(successResultOf(bare())).to.equal(undefined);
    });

    it('a failure caught around the yield of an already-failed Deferred leaves a success (testHandledTerminalFailure)', () => {
      const handled = inlineCallbacks(function* (d: Deferred<unknown>) {
        try {
          yield d;
        } catch (error) {
          if (!(error instanceof TerminalException)) throw error;
        }
      });
      expect(successResultOf(handled(fail(new TerminalException('handled'))))).to.equal(undefined);
    });

    it('a failure caught around the yield of a Deferred that fails later leaves a success (testHandledTerminalAsyncFailure)', () => {
      const handled = inlineCallbacks(function* (d: Deferred<unknown>) {
        try {
          yield d;
        } catch (error) {
          if (!(error instanceof TerminalException)) throw error;
        }
      });
      const pending = new Deferred<unknown>();
      const d = handled(pending);
      pending.errback(new TerminalException('handled'));
      expect(successResultOf(d)).to.equal(undefined);
    });

    it('1,000,000 yields of already-fired Deferreds finish with no stack overflow and flat memory (testStackUsage)', function () {
      this.timeout(60_000);
      const N = 1_000_000;
      const heap: number[] = [];
      const loop = inlineCallbacks(function* () {
        let total = 0;
        for (let i = 0; i < N; i += 1) {
          if (i === 100_000 || i === N - 1) {
            (globalThis as { gc?: () => void }).gc?.();
            heap.push(process.memoryUsage().heapUsed);
          }
          const value: number = yield succeed(1);
          total += value;
        }
        return total;
      });
      const d = loop();
      expect(successResultOf(d)).to.equal(N);
      // Nothing is kept per step: 900,000 more steps leave the heap where it was (give or take noise).
      const [early, late] = heap as [number, number];
      expect(late - early).to.be.below(8 * 1024 * 1024);
    });

    it('1,000,000 yields of plain values finish with no stack overflow (testStackUsage2)', function () {
      this.timeout(60_000);
      const loop = inlineCallbacks(function* () {
        let total = 0;
        for (let i = 0; i < 1_000_000; i += 1) total += (yield 1) as number;
        return total;
      });
      expect(successResultOf(loop())).to.equal(1_000_000);
    });

    it('plain yielded values are sent straight back (testYieldNonDeferred)', () => {
      const plain = inlineCallbacks(function* () {
        const got: unknown[] = [];
        got.push(yield 5);
        got.push(yield undefined);
        got.push(yield null);
        got.push(yield 'text');
        const object = { a: 1 };
        got.push((yield object) === object);
        return got;
      });
      expect(successResultOf(plain())).to.deep.equal([5, undefined, null, 'text', true]);
    });

    it('a throw before the first yield gives a failed Deferred, not a throw', () => {
      const boom = new TerminalException('at once');
      const throwsAtOnce = inlineCallbacks(function* () {
        throw boom;
        yield;
      });
      let d: Deferred<unknown> | undefined;
      expect(() => {
        d = throwsAtOnce();
      }).not.to.throw();
      expect(failureResultOf(d as Deferred<unknown>, TerminalException).value).to.equal(boom);
    });

    it('decorating a function that is not a generator function is accepted; calling it throws Twisted\'s TypeError (test_nonGeneratorReturn)', () => {
      function notAGenerator(): number {
        return 5;
      }
      // Twisted checks the result when the decorated function is called, not when decorating.
      const decorated = inlineCallbacks(notAGenerator as never as () => Generator<unknown, number>);
      expect(() => decorated()).to.throw(
        TypeError,
        'inlineCallbacks requires <function notAGenerator> to produce a generator; instead got 5',
      );
    });

    it('the non-generator function is called before it is refused (returning undefined)', () => {
      let calls = 0;
      function noteCall(): undefined {
        calls += 1;
        return undefined;
      }
      const decorated = inlineCallbacks(noteCall as never as () => Generator<unknown, void>);
      expect(() => decorated()).to.throw(
        TypeError,
        'inlineCallbacks requires <function noteCall> to produce a generator; instead got undefined',
      );
      expect(calls).to.equal(1);
    });

    it('an async function is refused the same way: its Promise is not a generator', () => {
      async function notAGenerator(): Promise<number> {
        return 1;
      }
      const decorated = inlineCallbacks(notAGenerator as never as () => Generator<unknown, number>);
      expect(() => decorated()).to.throw(
        TypeError,
        'inlineCallbacks requires <function notAGenerator> to produce a generator; instead got <Promise>',
      );
    });

    it('what a non-generator function throws propagates to the caller', () => {
      const plain = new TerminalException('plain');
      const decorated = inlineCallbacks((() => {
        throw plain;
      }) as never as () => Generator<unknown, void>);
      expect(() => decorated()).to.throw(plain);
    });

    it('decorating something that is not a function at all throws a TypeError naming it', () => {
      expect(() => inlineCallbacks(42 as never)).to.throw(
        TypeError,
        'inlineCallbacks: `fn` must be a generator function, got number 42',
      );
    });

    it('the generator runs at once, up to its first wait', () => {
      const steps: string[] = [];
      const eager = inlineCallbacks(function* () {
        steps.push('started');
        yield new Deferred();
        steps.push('never');
      });
      const d = eager();
      expect(steps).to.deep.equal(['started']);
      expect(hasResult(d)).to.equal(false);
    });

    it('a decorated method gets its this, and the decorated function keeps the generator function\'s name', () => {
      class Thing {
        name = 'thing';
        method = inlineCallbacks(function* method(this: Thing, suffix: string) {
          yield undefined;
          return this.name + suffix;
        });
      }
      const thing = new Thing();
      expect(successResultOf(thing.method('!'))).to.equal('thing!');
      expect(thing.method.name).to.equal('method');
    });

    it('passes every argument through', () => {
      const add = inlineCallbacks(function* (a: number, b: number, ...rest: number[]) {
        const first: number = yield succeed(a);
        return first + b + rest.reduce((x, y) => x + y, 0);
      });
      expect(successResultOf(add(1, 2, 3, 4))).to.equal(10);
    });
  });

  describe('StopIterationReturnTests', () => {
    it('return with a value fires the Deferred with it once the awaited Deferred has fired (test_returnWithValue)', () => {
      const f = inlineCallbacks(function* (d: Deferred<undefined>) {
        yield d;
        return 14;
      });
      const d1 = new Deferred<undefined>();
      const d2 = f(d1);
      expect(hasResult(d2)).to.equal(false);
      d1.callback(undefined);
      expect(successResultOf(d2)).to.equal(14);
    });
  });

  describe('the yielded Deferred (reference E.4)', () => {
    let log: UnhandledErrorLog | undefined;
    afterEach(() => {
      log?.stop();
      log = undefined;
    });

    const consumer = inlineCallbacks(function* (d: Deferred<unknown>, into: unknown[]) {
      into.push(yield d);
    });

    it('an already-fired one gives the generator its result, and is left holding undefined', () => {
      const fired = succeed('a');
      const got: unknown[] = [];
      consumer(fired, got);
      expect(got).to.deep.equal(['a']);
      expect(fired.result).to.equal(undefined);
    });

    it('one fired later gives the generator its result, and is left holding undefined', () => {
      const pending = new Deferred<string>();
      const got: unknown[] = [];
      consumer(pending, got);
      pending.callback('b');
      expect(got).to.deep.equal(['b']);
      expect(pending.result).to.equal(undefined);
    });

    it('a failed one is left holding undefined', () => {
      const failed = fail(new TerminalException('eaten'));
      const swallow = inlineCallbacks(function* () {
        try {
          yield failed;
        } catch {
          // handled here
        }
      });
      successResultOf(swallow());
      expect(failed.result).to.equal(undefined);
    });

    it('a failed one, once the generator has caught its error, is not reported as unhandled', async () => {
      log = captureUnhandledErrors();
      const swallow = inlineCallbacks(function* () {
        try {
          yield fail(new TerminalException('eaten'));
        } catch {
          // handled here
        }
        try {
          const later = new Deferred();
          setImmediate(() => {
            later.errback(new TerminalException('eaten later'));
          });
          yield later;
        } catch {
          // handled here too
        }
      });
      const d = swallow();
      await new Promise((resolve) => setImmediate(resolve));
      successResultOf(d);
      await collectGarbage();
      expect(log.flush(TerminalException)).to.deep.equal([]);
    });

    it('callbacks added before the yield run first and shape the value; callbacks added after see undefined', () => {
      const shaped = new Deferred<number>();
      shaped.addCallback((r) => r * 2);
      const got: unknown[] = [];
      consumer(shaped, got);
      shaped.callback(21);
      const laterSeen: unknown[] = [];
      shaped.addCallback((r) => {
        laterSeen.push(r);
      });
      expect(got).to.deep.equal([42]);
      expect(laterSeen).to.deep.equal([undefined]);
    });

    it('yielding the same Deferred again gives undefined: its result was taken (fired later, and already fired)', () => {
      const again = new Deferred<number>();
      const got: unknown[] = [];
      const yieldsAgain = inlineCallbacks(function* () {
        got.push(yield again);
        got.push(yield again);
        got.push(yield again);
        return 'end';
      });
      const d = yieldsAgain();
      again.callback(5);
      expect(got).to.deep.equal([5, undefined, undefined]);
      expect(successResultOf(d)).to.equal('end');

      const firedAgain = succeed(7);
      const gotFired: unknown[] = [];
      inlineCallbacks(function* () {
        gotFired.push(yield firedAgain);
        gotFired.push(yield firedAgain);
      })();
      expect(gotFired).to.deep.equal([7, undefined]);
    });

    it('the error thrown into the generator is the very value the Deferred failed with, and the returned Deferred fails with it too', () => {
      const error = new TerminalException('same');
      const seen: unknown[] = [];
      const catcher = inlineCallbacks(function* (d: Deferred<unknown>) {
        try {
          yield d;
        } catch (thrown) {
          seen.push(thrown);
          throw thrown;
        }
      });
      const waiting = new Deferred<unknown>();
      const d = catcher(waiting);
      waiting.errback(error);
      expect(seen[0]).to.equal(error);
      expect(failureResultOf(d, TerminalException).value).to.equal(error);
    });

    it('a yielded Failure throws its value, the same object, back in', () => {
      const error = new TerminalException('as a Failure');
      const seen: unknown[] = [];
      const g = inlineCallbacks(function* () {
        try {
          yield new Failure(error);
        } catch (thrown) {
          seen.push(thrown);
        }
      });
      successResultOf(g());
      expect(seen).to.deep.equal([error]);
      expect(seen[0]).to.equal(error);
    });

    it('a thrown value that is not an Error is thrown in and fails the Deferred just the same', () => {
      const g = inlineCallbacks(function* () {
        yield fail('just a string');
      });
      expect(failureResultOf(g()).value).to.equal('just a string');
    });
  });

  describe('ForwardTraceBackTests (in spirit)', () => {
    it('a failure from a nested inlineCallbacks reaches the outer level as the same error, its stack naming where it was thrown (test_forwardTracebacks)', () => {
      let thrown: Error | undefined;
      const erroring = inlineCallbacks(function* erroring() {
        yield 'forcing generator';
        thrown = new Error('Error Marker');
        throw thrown;
      });
      const calling = inlineCallbacks(function* calling() {
        yield erroring();
      });
      const failure = failureResultOf(calling());
      expect(failure.value).to.equal(thrown);
      expect(failure.getErrorMessage()).to.equal('Error Marker');
      expect(failure.getTraceback()).to.include('erroring');
    });

    it('four levels deep, the outermost gets the innermost error (test_forwardLotsOfTracebacks)', () => {
      const erroring = inlineCallbacks(function* () {
        yield 'forcing generator';
        throw new Error('Error Marker');
      });
      const calling3 = inlineCallbacks(function* () {
        yield erroring();
      });
      const calling2 = inlineCallbacks(function* () {
        yield calling3();
      });
      const calling = inlineCallbacks(function* () {
        yield calling2();
      });
      expect(failureResultOf(calling()).getErrorMessage()).to.equal('Error Marker');
    });
  });

  describe('Promises, generators and Deferreds yielded or returned', () => {
    it('yielding a Promise waits for it and gives its value (one microtask later)', async () => {
      const g = inlineCallbacks(function* () {
        const value: number = yield Promise.resolve(7);
        return value + 1;
      });
      const d = g();
      expect(hasResult(d)).to.equal(false);
      await Promise.resolve();
      await Promise.resolve();
      expect(successResultOf(d)).to.equal(8);
    });

    it('yielding a rejected Promise throws its reason, the same object, in', async () => {
      const reason = new TerminalException('rejected');
      const g = inlineCallbacks(function* () {
        try {
          yield Promise.reject(reason);
        } catch (error) {
          return error;
        }
        return 'not thrown';
      });
      const d = g();
      await new Promise((resolve) => setImmediate(resolve));
      expect(successResultOf(d)).to.equal(reason);
    });

    it('yielding a thenable that is not a Promise waits for it too', async () => {
      const thenable: PromiseLike<string> = {
        then(onfulfilled) {
          setImmediate(() => {
            void onfulfilled?.('from a thenable');
          });
          return this as never;
        },
      };
      const g = inlineCallbacks(function* () {
        return (yield thenable) as string;
      });
      const d = g();
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.resolve();
      expect(successResultOf(d)).to.equal('from a thenable');
    });

    it('yielding a generator drives it as a sub-task and gives its return value (Twisted 24.7; 22.4 sent the generator back)', () => {
      const pending = new Deferred<number>();
      function* sub(): Generator<unknown, string, number> {
        const n: number = yield pending;
        return `sub got ${n}`;
      }
      const g = inlineCallbacks(function* () {
        return (yield sub()) as string;
      });
      const d = g();
      expect(hasResult(d)).to.equal(false);
      pending.callback(3);
      expect(successResultOf(d)).to.equal('sub got 3');
    });

    it('a yielded generator that throws throws the same error in', () => {
      const boom = new TerminalException('sub failed');
      function* sub(): Generator<unknown, never> {
        yield undefined;
        throw boom;
      }
      const g = inlineCallbacks(function* () {
        try {
          yield sub();
        } catch (error) {
          return error;
        }
        return 'not thrown';
      });
      expect(successResultOf(g())).to.equal(boom);
    });

    it('returning a Deferred fails with a TypeError saying to yield it (Twisted 24.7 makes it the result; 22.4 raised AssertionError)', () => {
      const inner = succeed(1);
      const g = inlineCallbacks(function* () {
        yield undefined;
        return inner;
      });
      const failure = failureResultOf(g(), TypeError);
      expect(failure.getErrorMessage()).to.match(/^inlineCallbacks: the generator returned a Deferred \(<Deferred #\d+ current result: 1>\); /);
      expect(failure.getErrorMessage()).to.include('yield it to wait for its result (`return yield d;`)');
      expect(inner.result).to.equal(1);
    });

    it('returning a Promise fires with the Promise as a plain value (as Twisted 24.7 treats a returned coroutine)', () => {
      const promise = Promise.resolve(1);
      const g = inlineCallbacks(function* () {
        yield undefined;
        return promise;
      });
      expect(successResultOf(g())).to.equal(promise);
    });
  });

  describe('yielded thenables that misbehave (issue 9, item 7)', () => {
    it("a thenable whose `then` throws: the error is thrown back in at that yield, and the generator's Deferred fires", () => {
      const before = new Deferred<number>();
      const error = new RangeError('then threw');
      const caught: unknown[] = [];
      const run = inlineCallbacks(function* () {
        yield before;
        try {
          yield {
            then(): never {
              throw error;
            },
          };
        } catch (thrown) {
          caught.push(thrown);
        }
        return 'finished';
      });
      const d = run();
      before.callback(1);
      expect(caught).to.deep.equal([error]);
      expect(successResultOf(d)).to.equal('finished');
      expect(before.result).to.equal(undefined); // the error did not land on the Deferred yielded before
    });

    it('a thenable whose `then` getter throws: the error is thrown back in at that yield', () => {
      const error = new RangeError('then getter threw');
      const thenable = {
        get then(): never {
          throw error;
        },
      };
      const run = inlineCallbacks(function* () {
        yield thenable;
      });
      expect(failureResultOf(run()).value).to.equal(error);
    });

    it('a thenable that calls back twice resumes the generator once, with the first value', () => {
      const seen: unknown[] = [];
      const run = inlineCallbacks(function* () {
        seen.push(yield {
          then(onFulfilled: (value: string) => void): void {
            onFulfilled('first');
            onFulfilled('second');
          },
        });
        return seen;
      });
      expect(successResultOf(run())).to.deep.equal(['first']);
    });

    it('a thenable that calls back and then throws resumes the generator with the value', () => {
      const run = inlineCallbacks(function* () {
        return (yield {
          then(onFulfilled: (value: string) => void): void {
            onFulfilled('value');
            throw new Error('ignored, as the Promise rules say');
          },
        }) as string;
      });
      expect(successResultOf(run())).to.equal('value');
    });
  });

  describe('references', () => {
    it('after it has finished, neither its arguments nor its Deferred are kept alive (test_inlineCallbacksNoCircularReference)', async () => {
      const usesArg = inlineCallbacks(function* (arg: object) {
        yield succeed(arg);
        return 1;
      });
      let argRef: WeakRef<object> | undefined;
      let dRef: WeakRef<object> | undefined;
      (() => {
        const arg = {};
        argRef = new WeakRef(arg);
        const d = usesArg(arg);
        dRef = new WeakRef(d);
        d.addCallback(() => undefined);
      })();
      await collectGarbage();
      expect(argRef?.deref()).to.equal(undefined);
      expect(dRef?.deref()).to.equal(undefined);
    });
  });

  describe('types', () => {
    it('the decorated function has the generator function\'s parameters and returns a Deferred of its return type', () => {
      const typed = inlineCallbacks(function* (a: number, b: string) {
        // TypeScript types a yield expression as `any`: annotate what you take.
        const n: number = yield succeed(a);
        return `${b}${n}`;
      });
      const d: Deferred<string> = typed(1, 'x');
      // @ts-expect-error the parameters are checked
      expect(() => typed('1', 'x')).not.to.throw();
      expect(successResultOf(d)).to.equal('x1');
    });
  });
});
