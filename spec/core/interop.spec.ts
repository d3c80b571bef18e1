/**
 * Promise interop: a Deferred is awaitable (Twisted's `await d` under ensureDeferred),
 * `d.asPromise()` (Twisted's `asFuture`) and `Deferred.fromPromise(p)` (`fromFuture`),
 * and `maybeDeferred` following a returned native Promise (reference B.15, C.7.9, E.5;
 * Twisted's AwaitTests and DeferredFutureAdapterTests). Twisted's answers:
 * spec/oracle/interop.py.
 */
import { expect } from 'chai';
import vm from 'node:vm';
import {
  CancelledError,
  captureUnhandledErrors,
  Clock,
  Deferred,
  deferLater,
  DeferredLock,
  DeferredSemaphore,
  fail,
  Failure,
  LoopingCall,
  maybeDeferred,
  succeed,
} from '../../src/index.js';
import { collectGarbage, failureResultOf, successResultOf } from '../support/helpers.js';

class ValueLikeError extends Error {}
ValueLikeError.prototype.name = 'ValueLikeError';

/** Let every pending microtask run (a Promise's reactions, `await` resuming), and then some. */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** What awaiting `promise` throws (fails the test if it resolves). */
async function rejectionOf(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (thrown) {
    return thrown;
  }
  throw new Error('expected the promise to reject');
}

describe('Promise interop', () => {
  describe('AwaitTests: await on a Deferred', () => {
    it('await of an already-fired Deferred gives its result', async () => {
      expect(await succeed(5)).to.equal(5);
    });

    it('await of an already-fired Deferred leaves the result in place (not consumed, as Twisted)', async () => {
      const deferred = succeed(5);
      await deferred;
      expect(deferred.result).to.equal(5);
    });

    it("await of an already-failed Deferred throws the failure's value", async () => {
      const error = new ValueLikeError('already failed');
      const deferred = fail(error);
      expect(await rejectionOf(deferred)).to.equal(error);
      deferred.addErrback(() => undefined);
    });

    it('await of an already-failed Deferred leaves the Failure in place', async () => {
      const error = new ValueLikeError('already failed');
      const deferred = fail(error);
      await rejectionOf(deferred);
      expect(deferred.result).to.be.instanceOf(Failure);
      expect((deferred.result as Failure).value).to.equal(error);
      deferred.addErrback(() => undefined);
    });

    it('await of an already-failed Deferred marks the failure handled: it is not reported', async () => {
      class AwaitedError extends Error {}
      class NeverAwaitedError extends Error {}
      const awaited = new AwaitedError('awaited');
      const neverAwaited = new NeverAwaitedError('never awaited');
      const log = captureUnhandledErrors();
      try {
        await (async () => {
          const deferred = fail(awaited);
          await rejectionOf(deferred);
        })();
        (() => {
          fail(neverAwaited); // the control: dropped with its failure unhandled
        })();
        await collectGarbage();
        const reported = log.flush(AwaitedError, NeverAwaitedError).map((failure) => failure.value);
        expect(reported).to.deep.equal([neverAwaited]);
      } finally {
        log.stop();
      }
    });

    it('await of a pending Deferred that later fires gives the value', async () => {
      const deferred = new Deferred<number>();
      const awaiting = (async () => await deferred)();
      await turn(); // the await has reached the Deferred, which has no result yet
      expect(deferred.called).to.equal(false);
      deferred.callback(7);
      expect(await awaiting).to.equal(7);
    });

    it("await of a pending Deferred that later fires consumes the result: it becomes undefined (as Twisted's driver)", async () => {
      const deferred = new Deferred<number>();
      const awaiting = (async () => await deferred)();
      await turn();
      deferred.callback(7);
      await awaiting;
      expect(deferred.called).to.equal(true);
      expect(deferred.result).to.equal(undefined);
    });

    it("await of a pending Deferred that later fails throws the failure's value", async () => {
      const deferred = new Deferred<number>();
      const awaiting = rejectionOf(deferred);
      await turn();
      const error = new ValueLikeError('failed later');
      deferred.errback(error);
      expect(await awaiting).to.equal(error);
    });

    it('await of a pending Deferred that later fails consumes the failure: the result becomes undefined', async () => {
      const deferred = new Deferred<number>();
      const awaiting = rejectionOf(deferred);
      await turn();
      deferred.errback(new ValueLikeError('failed later'));
      await awaiting;
      expect(deferred.result).to.equal(undefined);
    });

    it("await of a Deferred waiting on another gives the other's result (test_chained)", async () => {
      const inner = new Deferred<string>();
      const outer = new Deferred<number>();
      const chained = outer.addCallback(() => inner);
      outer.callback(1);
      const awaiting = (async () => await chained)();
      await turn();
      inner.callback('bye');
      expect(await awaiting).to.equal('bye');
    });
  });

  describe('then and Promise adoption', () => {
    it('then returns a native Promise', async () => {
      const promise = succeed(5).then();
      expect(promise).to.be.instanceOf(Promise);
      expect(await promise).to.equal(5);
    });

    it("then chains like a Promise's then: the handler's return value (or Promise) resolves the next", async () => {
      const doubled = succeed(5)
        .then((value) => value + 1)
        .then((value) => Promise.resolve(value * 2));
      expect(await doubled).to.equal(12);
    });

    it("then calls onrejected with the failure's value", async () => {
      const error = new ValueLikeError('rejected');
      const deferred = fail(error);
      expect(await deferred.then(() => 'not called', (reason) => reason)).to.equal(error);
      deferred.addErrback(() => undefined);
    });

    it("Promise.resolve(d) adopts the Deferred's result", async () => {
      const promise = Promise.resolve(succeed(3));
      expect(promise).to.be.instanceOf(Promise);
      expect(await promise).to.equal(3);
    });

    it("Promise.resolve(d) of a failed Deferred rejects with the failure's value", async () => {
      const error = new ValueLikeError('adopted');
      const deferred = fail(error);
      expect(await rejectionOf(Promise.resolve(deferred))).to.equal(error);
      deferred.addErrback(() => undefined);
    });

    it("an async function returning a Deferred resolves with the Deferred's result", async () => {
      const later = new Deferred<number>();
      const fn = async (): Promise<number> => later;
      const promise = fn();
      await turn();
      later.callback(4);
      expect(await promise).to.equal(4);
    });
  });

  describe('DeferredFutureAdapterTests: asPromise (asFuture)', () => {
    it('asPromise returns a native Promise that resolves with the result', async () => {
      const promise = succeed(5).asPromise();
      expect(promise).to.be.instanceOf(Promise);
      expect(await promise).to.equal(5);
    });

    it("asPromise consumes the result at once: the Deferred's result becomes undefined", () => {
      const deferred = succeed(5);
      void deferred.asPromise();
      expect(deferred.result).to.equal(undefined);
    });

    it("asPromise of a failed Deferred rejects with the failure's value", async () => {
      const error = new ValueLikeError('asPromise failure');
      expect(await rejectionOf(fail(error).asPromise())).to.equal(error);
    });

    it('asPromise of a failed Deferred consumes the failure: the result becomes undefined', async () => {
      const deferred = fail(new ValueLikeError('asPromise failure'));
      const promise = deferred.asPromise();
      expect(deferred.result).to.equal(undefined);
      await rejectionOf(promise);
    });

    it('asPromise of a Deferred that fires later resolves then (test_asFuture)', async () => {
      const deferred = new Deferred<number>();
      const promise = deferred.asPromise();
      let settled = false;
      void promise.then(() => {
        settled = true;
      });
      await turn();
      expect(settled).to.equal(false);
      deferred.callback(13);
      expect(await promise).to.equal(13);
    });

    it('asPromise of a Deferred that fires later consumes the result then', async () => {
      const deferred = new Deferred<number>();
      const promise = deferred.asPromise();
      deferred.callback(13);
      await promise;
      expect(deferred.called).to.equal(true);
      expect(deferred.result).to.equal(undefined);
    });
  });

  describe('DeferredFutureAdapterTests: Deferred.fromPromise (fromFuture)', () => {
    it("fires with the Promise's value after a microtask, not synchronously (test_fromFuture)", async () => {
      const deferred = Deferred.fromPromise(Promise.resolve(7));
      expect(deferred.called).to.equal(false);
      await turn();
      expect(successResultOf(deferred)).to.equal(7);
    });

    it('errbacks with the rejection value of a rejected Promise, wrapped in a Failure', async () => {
      const error = new ValueLikeError('promise rejected');
      const deferred = Deferred.fromPromise(Promise.reject(error));
      await turn();
      expect(failureResultOf(deferred).value).to.equal(error);
    });

    it('follows a thenable that is not a native Promise', async () => {
      const thenable: PromiseLike<number> = {
        then(onfulfilled) {
          return Promise.resolve(onfulfilled?.(9));
        },
      } as PromiseLike<number>;
      const deferred = Deferred.fromPromise(thenable);
      await turn();
      expect(successResultOf(deferred)).to.equal(9);
    });

    it('throws TypeError naming `promise` when given something that is not thenable', () => {
      for (const notAPromise of [42, null, undefined, {}, 'text']) {
        expect(() => Deferred.fromPromise(notAPromise as unknown as PromiseLike<unknown>))
          .to.throw(TypeError, '`promise`');
      }
    });

    it('cancelling it fails it at once with CancelledError (docs/differences.md row 13)', () => {
      const deferred = Deferred.fromPromise(new Promise<number>(() => undefined));
      deferred.cancel();
      expect(failureResultOf(deferred, CancelledError).value).to.be.instanceOf(CancelledError);
    });

    it("after cancelling, the Promise's later value is ignored: no AlreadyCalledError, no unhandled rejection", async () => {
      const rejections: unknown[] = [];
      const onRejection = (reason: unknown): void => {
        rejections.push(reason);
      };
      process.on('unhandledRejection', onRejection);
      try {
        let resolve: (value: number) => void = () => undefined;
        const deferred = Deferred.fromPromise(new Promise<number>((r) => {
          resolve = r;
        }));
        deferred.cancel();
        const cancelled = deferred.result;
        resolve(5);
        await turn();
        await turn();
        expect(rejections).to.deep.equal([]);
        expect(deferred.result).to.equal(cancelled); // still the CancelledError Failure
        failureResultOf(deferred, CancelledError);
      } finally {
        process.off('unhandledRejection', onRejection);
      }
    });

    it("after cancelling, the Promise's later rejection is ignored too", async () => {
      const rejections: unknown[] = [];
      const onRejection = (reason: unknown): void => {
        rejections.push(reason);
      };
      process.on('unhandledRejection', onRejection);
      try {
        let reject: (reason: unknown) => void = () => undefined;
        const deferred = Deferred.fromPromise(new Promise<number>((_, r) => {
          reject = r;
        }));
        deferred.cancel();
        const cancelled = deferred.result;
        reject(new ValueLikeError('too late'));
        await turn();
        await turn();
        expect(rejections).to.deep.equal([]);
        expect(deferred.result).to.equal(cancelled);
        failureResultOf(deferred, CancelledError);
      } finally {
        process.off('unhandledRejection', onRejection);
      }
    });
  });

  describe('maybeDeferred with a native Promise', () => {
    it('follows a returned Promise: the Deferred fires with its value', async () => {
      const deferred = maybeDeferred(() => Promise.resolve(5));
      expect(deferred).to.be.instanceOf(Deferred);
      await turn();
      expect(successResultOf(deferred)).to.equal(5);
    });

    it("follows a returned Promise that rejects: the Deferred fails with the rejection value", async () => {
      const error = new ValueLikeError('async failure');
      const deferred = maybeDeferred(async () => {
        throw error;
      });
      await turn();
      expect(failureResultOf(deferred).value).to.equal(error);
    });
  });

  describe('Deferred.fromPromise follows the Promises/A+ resolution procedure (issue 9, item 8)', () => {
    it('a `then` that calls back twice: the first call wins, the second is ignored (no AlreadyCalledError)', () => {
      const thenable = {
        then(onFulfilled: (value: number) => void): void {
          onFulfilled(1);
          onFulfilled(2);
        },
      };
      expect(successResultOf(Deferred.fromPromise(thenable as PromiseLike<number>))).to.equal(1);
    });

    it('success and then failure, later from a timer: the success wins, and nothing escapes', async () => {
      const thenable = {
        then(onFulfilled: (value: string) => void, onRejected: (reason: unknown) => void): void {
          setImmediate(() => {
            onFulfilled('first');
            onRejected(new Error('too late'));
          });
        },
      };
      const d = Deferred.fromPromise(thenable as PromiseLike<string>);
      await turn();
      expect(successResultOf(d)).to.equal('first');
    });

    it('a `then` that throws after calling back is ignored', () => {
      const thenable = {
        then(onFulfilled: (value: string) => void): void {
          onFulfilled('kept');
          throw new Error('ignored');
        },
      };
      expect(successResultOf(Deferred.fromPromise(thenable as PromiseLike<string>))).to.equal('kept');
    });

    it('a `then` that throws before calling back fails the Deferred with what it threw', () => {
      const error = new ValueLikeError('then threw');
      const thenable = {
        then(): never {
          throw error;
        },
      };
      expect(failureResultOf(Deferred.fromPromise(thenable as PromiseLike<string>)).value).to.equal(error);
    });

    it('a `then` getter that throws gives a failed Deferred, not a throw', () => {
      const error = new ValueLikeError('getter threw');
      const thenable = {
        get then(): never {
          throw error;
        },
      };
      expect(failureResultOf(Deferred.fromPromise(thenable as unknown as PromiseLike<string>)).value).to.equal(error);
    });

    it('a thenable that resolves with a Deferred follows that Deferred', () => {
      const inner = new Deferred<string>();
      const thenable = {
        then(onFulfilled: (value: unknown) => void): void {
          onFulfilled(inner);
        },
      };
      const d = Deferred.fromPromise(thenable as PromiseLike<string>);
      expect(d.called).to.equal(true); // it has its answer: to wait on `inner`
      inner.callback('inner value');
      expect(successResultOf(d)).to.equal('inner value');
    });

    it('a thenable that resolves with another thenable follows that one too', () => {
      const inner = {
        then(onFulfilled: (value: string) => void): void {
          onFulfilled('innermost');
        },
      };
      const outer = {
        then(onFulfilled: (value: unknown) => void): void {
          onFulfilled(inner);
        },
      };
      expect(successResultOf(Deferred.fromPromise(outer as PromiseLike<string>))).to.equal('innermost');
    });

    it('a Deferred fired by hand meanwhile ignores the thenable\'s later outcome', async () => {
      let reject!: (reason: unknown) => void;
      const promise = new Promise<string>((_resolve, r) => {
        reject = r;
      });
      const d = Deferred.fromPromise(promise);
      d.callback('by hand');
      reject(new Error('late'));
      await turn();
      expect(successResultOf(d)).to.equal('by hand');
    });
  });

  describe('native Promises from another realm (issue 9, item 9)', () => {
    /** The other realm's Promise class: an iframe's in a browser, a fresh `vm` context's in Node. */
    let ForeignPromise: PromiseConstructor | undefined;
    function foreignPromiseClass(): PromiseConstructor {
      if (ForeignPromise !== undefined) return ForeignPromise;
      const page = globalThis as { document?: { createElement(tag: string): { contentWindow: { Promise: PromiseConstructor } }; body: { appendChild(node: unknown): void } } };
      if (page.document !== undefined) {
        const frame = page.document.createElement('iframe');
        page.document.body.appendChild(frame); // kept attached: a detached frame's Promise jobs stop
        ForeignPromise = frame.contentWindow.Promise;
      } else {
        ForeignPromise = vm.runInContext('Promise', vm.createContext({})) as PromiseConstructor;
      }
      return ForeignPromise;
    }

    /** A Promise made in another realm: `instanceof Promise` is false for it here. */
    function foreignPromise(outcome: 'resolve' | 'reject', value: unknown): Promise<unknown> {
      const Foreign = foreignPromiseClass();
      return outcome === 'resolve' ? Foreign.resolve(value) : Foreign.reject(value);
    }

    it('is not an instance of this realm\'s Promise (the hazard)', () => {
      expect(foreignPromise('resolve', 1)).not.to.be.instanceOf(Promise);
    });

    it('maybeDeferred follows it', async () => {
      const d = maybeDeferred(() => foreignPromise('resolve', 'from the vm'));
      await turn();
      expect(successResultOf(d)).to.equal('from the vm');
    });

    it('maybeDeferred turns its rejection into a failure, not an unhandled rejection', async () => {
      const error = new ValueLikeError('rejected in the vm');
      const d = maybeDeferred(() => foreignPromise('reject', error));
      await turn();
      expect(failureResultOf(d).value).to.equal(error);
    });

    it('lock.run holds the lock until it settles', async () => {
      const lock = new DeferredLock();
      const d = lock.run(() => foreignPromise('resolve', 'done'));
      expect(lock.locked).to.equal(true);
      await turn();
      expect(successResultOf(d)).to.equal('done');
      expect(lock.locked).to.equal(false);
    });

    it('semaphore.run holds its token until it settles', async () => {
      const semaphore = new DeferredSemaphore(1);
      const d = semaphore.run(() => foreignPromise('resolve', 'done'));
      expect(semaphore.tokens).to.equal(0);
      await turn();
      expect(successResultOf(d)).to.equal('done');
      expect(semaphore.tokens).to.equal(1);
    });

    it('deferLater waits for it', async () => {
      const clock = new Clock();
      const d = deferLater(clock, 1, () => foreignPromise('resolve', 'later'));
      clock.advance(1);
      expect(d.called).to.equal(true);
      await turn();
      expect(successResultOf(d)).to.equal('later');
    });

    it('a LoopingCall waits for it before scheduling the next call', async () => {
      const clock = new Clock();
      let calls = 0;
      const loop = new LoopingCall(() => {
        calls += 1;
        return foreignPromise('resolve', undefined);
      });
      loop.clock = clock;
      loop.start(1);
      expect(calls).to.equal(1);
      expect(clock.getDelayedCalls()).to.have.length(0); // waiting for the Promise
      await turn();
      expect(clock.getDelayedCalls()).to.have.length(1);
      loop.stop();
    });
  });
});
