/**
 * Cancelling the Deferred of an inlineCallbacks generator. Ports test_inlinecb's
 * CancellationTests (with 24.10's stacked variants) and reference C.7.4 steps 1-9.
 * Twisted's output for the same cases: spec/oracle/inlinecb_cancel.py.
 *
 * Let D be the Deferred the decorated function returned, G the generator, and C the
 * Deferred G waits on.
 */
import { expect } from 'chai';
import sinon from 'sinon';
import { CancelledError, Deferred, Failure, isDeferred } from '../../src/index.js';
import { inlineCallbacks } from '../../src/generators/inline-callbacks.js';
import { failureResultOf, successResultOf } from '../support/helpers.js';

class UntranslatedError extends Error {}
class TranslatedError extends Error {}
class DontFail extends Error {
  constructor(readonly actualValue: number) {
    super(`DontFail(${actualValue})`);
  }
}

/** Whether the Deferred's own callbacks have run (it has a result), without taking it. */
function hasResult(d: Deferred<unknown>): boolean {
  let seen = false;
  d.addBoth((result) => {
    seen = true;
    return result;
  });
  return seen;
}

type GetChild = () => Deferred<number>;
type StackType = 'not stacked' | 'stacked inlineCallbacks' | 'stacked generator';

/** One more inlineCallbacks level between G and C. */
const inlineLevel = inlineCallbacks(function* (getChild: GetChild) {
  const x: number = yield getChild();
  return x;
});

/** One more level as a plain generator, which G yields and the driver runs as a sub-task. */
function* generatorLevel(getChild: GetChild): Generator<unknown, number, number> {
  return yield getChild();
}

/** G: waits (perhaps through one more level) on C, translates two errors, returns x + 1. */
const sampleInlineCB = inlineCallbacks(function* (stackType: StackType, getChild: GetChild, first?: Deferred<number>) {
  if (first !== undefined) yield first;
  let x: number;
  try {
    if (stackType === 'not stacked') x = yield getChild();
    else if (stackType === 'stacked inlineCallbacks') x = yield inlineLevel(getChild);
    else x = yield generatorLevel(getChild);
  } catch (error) {
    if (error instanceof UntranslatedError) throw new TranslatedError('translated');
    if (!(error instanceof DontFail)) throw error;
    x = error.actualValue - 2;
  }
  return x + 1;
});

const VARIANTS: Array<{ name: string; stackType: StackType; onSecondDeferred: boolean }> = [
  { name: 'not stacked', stackType: 'not stacked', onSecondDeferred: false },
  { name: 'stacked inlineCallbacks', stackType: 'stacked inlineCallbacks', onSecondDeferred: false },
  { name: 'stacked inlineCallbacks, on a second Deferred', stackType: 'stacked inlineCallbacks', onSecondDeferred: true },
  { name: 'stacked generator', stackType: 'stacked generator', onSecondDeferred: false },
  { name: 'stacked generator, on a second Deferred', stackType: 'stacked generator', onSecondDeferred: true },
];

function start(stackType: StackType, onSecondDeferred: boolean, getChild: GetChild): Deferred<number> {
  if (!onSecondDeferred) return sampleInlineCB(stackType, getChild);
  const first = new Deferred<number>();
  const d = sampleInlineCB(stackType, getChild, first);
  first.callback(1);
  return d;
}

describe('CancellationTests', () => {
  for (const { name, stackType, onSecondDeferred } of VARIANTS) {
    describe(name, () => {
      it('cancelling D cancels C at once: C fails with CancelledError (test_cascadeCancellingOnCancel)', () => {
        const seen: unknown[] = [];
        const d = start(stackType, onSecondDeferred, () => {
          const child = new Deferred<number>();
          child.addErrback((failure: Failure) => {
            seen.push(failure.check(CancelledError));
            return failure;
          });
          return child;
        });
        d.addErrback(() => undefined);
        d.cancel();
        expect(seen).to.deep.equal([CancelledError]);
      });

      it('D fails with the CancelledError from C (test_errbackCancelledErrorOnCancel)', () => {
        const d = start(stackType, onSecondDeferred, () => new Deferred<number>());
        d.cancel();
        failureResultOf(d, CancelledError);
      });

      it('G can translate the error C\'s canceller fails C with into another error (test_errorToErrorTranslation)', () => {
        const d = start(stackType, onSecondDeferred, () => new Deferred<number>((it) => {
          it.errback(new UntranslatedError('untranslated'));
        }));
        d.cancel();
        failureResultOf(d, TranslatedError);
      });

      it('G can translate the error into a success value, which D\'s callbacks get inside cancel() (test_errorToSuccessTranslation)', () => {
        const d = start(stackType, onSecondDeferred, () => new Deferred<number>((it) => {
          it.errback(new DontFail(4321));
        }));
        const results: number[] = [];
        d.addCallback((r) => {
          results.push(r);
        });
        d.cancel();
        expect(results).to.deep.equal([4320]);
      });

      it('when C goes on to wait for another Deferred, D is called but its callbacks wait until G finishes (test_asynchronousCancellation)', () => {
        const more = new Deferred<number>();
        const d = start(stackType, onSecondDeferred, () => {
          const child = new Deferred<number>();
          child.addErrback((failure: Failure) => {
            failure.trap(CancelledError);
            return more;
          });
          return child;
        });
        d.cancel();
        expect(d.called).to.equal(true);
        expect(hasResult(d)).to.equal(false);
        more.callback(6543);
        expect(successResultOf(d)).to.equal(6544);
      });
    });
  }

  it('G may catch the CancelledError and wait on another Deferred: a second cancel() interrupts that wait (test_inlineCallbacksCancelCaptured)', () => {
    const canceller1 = sinon.spy();
    const canceller2 = sinon.spy();
    const d1 = new Deferred<unknown>(canceller1);
    const d2 = new Deferred<unknown>(canceller2);
    const caught: string[] = [];
    const captured = inlineCallbacks(function* () {
      try {
        yield d1;
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        caught.push('CancelledError');
      }
      yield d2;
    });

    const d = captured();
    d.cancel();
    expect(canceller1.callCount).to.equal(1);
    expect(caught).to.deep.equal(['CancelledError']);
    expect(d.called).to.equal(true);
    expect(hasResult(d)).to.equal(false);
    expect(canceller2.callCount).to.equal(0);

    d.cancel();
    expect(canceller2.callCount).to.equal(1);
    failureResultOf(d, CancelledError);
  });

  it('D.called is true right after cancel(), and D is then waiting on another Deferred (step 3)', () => {
    const child = new Deferred<unknown>(() => undefined);
    const waitsTwice = inlineCallbacks(function* () {
      try {
        yield child;
      } catch {
        // carry on
      }
      yield new Deferred();
    });
    const d = waitsTwice();
    expect(d.called).to.equal(false);
    d.cancel();
    expect(d.called).to.equal(true);
    expect(isDeferred(d.result)).to.equal(true);
    expect(String(d)).to.match(/^<Deferred #\d+ waiting on Deferred #\d+>$/);
  });

  it('a canceller that calls C back sends the value into G, and D fires with G\'s return value', () => {
    const returnsWhatItGot = inlineCallbacks(function* () {
      const x: string = yield new Deferred<string>((it) => {
        it.callback('from the canceller');
      });
      return `generator got ${x}`;
    });
    const d = returnsWhatItGot();
    d.cancel();
    expect(successResultOf(d)).to.equal('generator got from the canceller');
  });

  it('cancelling D from inside the running generator is ignored: D gets G\'s normal result (step 9)', () => {
    const holder: Array<Deferred<string>> = [];
    const resume = new Deferred<undefined>();
    const cancelsItself = inlineCallbacks(function* () {
      yield resume;
      (holder[0] as Deferred<string>).cancel();
      yield undefined;
      return 'finished normally';
    });
    const d = cancelsItself();
    holder.push(d);
    resume.callback(undefined);
    expect(successResultOf(d)).to.equal('finished normally');
  });

  it('cancelling D after it has its result does nothing', () => {
    const quick = inlineCallbacks(function* () {
      yield undefined;
      return 5;
    });
    const d = quick();
    d.cancel();
    expect(successResultOf(d)).to.equal(5);
  });

  it('G sees CancelledError at the yield where it waits, and D then fails with it', () => {
    const where: string[] = [];
    const watches = inlineCallbacks(function* () {
      try {
        yield new Deferred();
      } catch (error) {
        if (error instanceof CancelledError) where.push('at the yield');
        throw error;
      }
    });
    const d = watches();
    d.cancel();
    expect(where).to.deep.equal(['at the yield']);
    failureResultOf(d, CancelledError);
  });

  it('C, with no canceller of its own, is left failed with CancelledError (handled by G)', () => {
    const child = new Deferred<unknown>();
    const plain = inlineCallbacks(function* () {
      yield child;
    });
    const d = plain();
    d.cancel();
    expect(child.called).to.equal(true);
    expect(child.result).to.equal(undefined);
    failureResultOf(d, CancelledError);
  });

  it('cancelling D while G waits on a Promise fails the wait at once with CancelledError; the Promise\'s later outcome is ignored', async () => {
    let resolvePromise: (value: string) => void = () => undefined;
    const promise = new Promise<string>((resolve) => {
      resolvePromise = resolve;
    });
    const seen: unknown[] = [];
    const waitsOnPromise = inlineCallbacks(function* () {
      try {
        seen.push(yield promise);
      } catch (error) {
        seen.push(error instanceof CancelledError ? 'CancelledError' : error);
      }
      return 'done';
    });
    const d = waitsOnPromise();
    d.cancel();
    expect(seen).to.deep.equal(['CancelledError']);
    expect(successResultOf(d)).to.equal('done');
    resolvePromise('too late');
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).to.deep.equal(['CancelledError']);
  });
});
