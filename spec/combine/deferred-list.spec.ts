/**
 * DeferredList: ports the DeferredList parts of Twisted's DeferredTests (testDeferredList,
 * testEmptyDeferredList, testDeferredListFireOnOneError, testDeferredListDontConsumeErrors,
 * testDeferredListConsumeErrors, the ...WithAlreadyFiredDeferreds cases, every
 * test_cancelDeferredList* case) and DeferredListEmptyTests, plus the behaviour in
 * reference sections A.3, C.7.1 and E.1.
 *
 * Each `it` is backed by the line with the same label (or the "..." lines after it) in
 * spec/oracle/combine_deferred_list.out, printed by real Twisted 22.4. The argument
 * checks at the end are txdefer's own (Twisted fails later, with an AttributeError).
 */
import { expect } from 'chai';
import {
  CancelledError,
  captureUnhandledErrors,
  Deferred,
  fail,
  Failure,
  isDeferred,
  succeed,
  type UnhandledErrorLog,
} from '../../src/index.js';
import { DeferredList, FAILURE, SUCCESS } from '../../src/combine/deferred-list.js';
import { FirstError } from '../../src/combine/errors.js';
import { assertNoResult, collectGarbage, failureResultOf, successResultOf } from '../support/helpers.js';
import { cancellerCallsBack, GenericError, peek, shown } from './support.js';

describe('DeferredTests (DeferredList)', () => {
  describe('the result', () => {
    it('SUCCESS is true and FAILURE is false', () => {
      expect(SUCCESS).to.equal(true);
      expect(FAILURE).to.equal(false);
    });

    it('a DeferredList is a Deferred', () => {
      const list = new DeferredList([]);
      expect(list).to.be.instanceOf(Deferred);
      expect(isDeferred(list)).to.equal(true);
      // So it can be returned from a callback, and the chain waits for it.
      const member = new Deferred<string>();
      const outer = succeed('start').addCallback(() => new DeferredList([member]));
      assertNoResult(outer);
      member.callback('done');
      expect(shown(successResultOf(outer))).to.deep.equal([[true, 'done']]);
    });

    it('does not fire until every Deferred has fired', () => {
      const [d1, d2, d3] = [new Deferred<string>(), new Deferred<string>(), new Deferred<string>()];
      const list = new DeferredList([d1, d2, d3]);
      const results: unknown[] = [];
      list.addCallbacks((r) => results.push(r), (f: Failure) => results.push(f));
      d1.callback('1');
      d2.addErrback(() => undefined);
      d2.errback(new GenericError('2'));
      expect(results).to.deep.equal([]);
      d3.callback('3');
      expect(results).to.have.length(1);
    });

    it('fires with [success, result] entries in input order, failures included', () => {
      const [d1, d2, d3] = [new Deferred<string>(), new Deferred<string>(), new Deferred<string>()];
      const list = new DeferredList([d1, d2, d3]);
      const results: unknown[] = [];
      list.addCallbacks((r) => results.push(r), (f: Failure) => results.push(f));
      d1.callback('1');
      d2.addErrback(() => undefined); // added after the list: it swallows the failure the list passed on
      d2.errback(new GenericError('2'));
      d3.callback('3');
      expect(shown(results[0])).to.deep.equal([[true, '1'], [false, 'Failure GenericError'], [true, '3']]);
      const entry = (results[0] as unknown[][])[1] as [boolean, Failure];
      expect(entry[1].check(GenericError)).to.equal(GenericError);
      expect(entry[1].getErrorMessage()).to.equal('2');
    });

    it('keeps input order, not the order the Deferreds fired in', () => {
      const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
      const list = new DeferredList([d1, d2]);
      d2.callback('second');
      d1.callback('first');
      expect(shown(peek(list))).to.deep.equal([[true, 'first'], [true, 'second']]);
    });

    it('its result is the resultList array itself', () => {
      const d1 = new Deferred<string>();
      const list = new DeferredList([d1]);
      d1.callback('x');
      expect(successResultOf(list)).to.equal(list.resultList);
    });

    it('resultList holds undefined for Deferreds that have not fired', () => {
      const list = new DeferredList([new Deferred<string>(), new Deferred<string>()]);
      expect(list.resultList).to.deep.equal([undefined, undefined]);
      expect(list.finishedCount).to.equal(0);
    });

    it('resultList fills in as the Deferreds fire', () => {
      const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
      const list = new DeferredList([d1, d2]);
      d2.callback('b');
      expect(list.resultList).to.deep.equal([undefined, [true, 'b']]);
      expect(list.finishedCount).to.equal(1);
    });

    it('the options are readable as properties', () => {
      const list = new DeferredList([new Deferred()], { fireOnOneCallback: true, consumeErrors: true });
      expect([list.fireOnOneCallback, list.fireOnOneErrback, list.consumeErrors]).to.deep.equal([true, false, true]);
      expect(() => {
        (list as unknown as { consumeErrors: boolean }).consumeErrors = false;
      }).to.throw(TypeError);
    });

    it('the options default to false', () => {
      const list = new DeferredList([]);
      expect([list.fireOnOneCallback, list.fireOnOneErrback, list.consumeErrors]).to.deep.equal([false, false, false]);
    });

    it('Deferreds that fired before the list was built are counted at once', () => {
      const d1 = fail<number>(new GenericError('Bang'));
      const d2 = succeed(1);
      const list = new DeferredList([d1, d2]);
      d1.addErrback(() => undefined);
      expect(shown(successResultOf(list))).to.deep.equal([[false, 'Failure GenericError'], [true, 1]]);
    });

    it('callbacks added to a Deferred before the list shape what the list sees', () => {
      const d1 = new Deferred<number>();
      const doubled = d1.addCallback((x) => x * 2);
      const list = new DeferredList([doubled]);
      d1.callback(21);
      expect(shown(peek(list))).to.deep.equal([[true, 42]]);
    });

    it('the same Deferred listed twice is recorded twice', () => {
      const d1 = new Deferred<string>();
      const list = new DeferredList([d1, d1]);
      d1.callback('v');
      expect(shown(peek(list))).to.deep.equal([[true, 'v'], [true, 'v']]);
    });

    it('...and the second entry sees what the first entry left (consumeErrors)', () => {
      const d1 = new Deferred<string>();
      const list = new DeferredList([d1, d1], { consumeErrors: true });
      d1.errback(new GenericError('once'));
      expect(shown(peek(list))).to.deep.equal([[false, 'Failure GenericError'], [true, undefined]]);
    });

    it('takes any iterable, such as a generator', () => {
      function* generator(): Generator<Deferred<string>> {
        yield succeed('a');
        yield succeed('b');
      }
      expect(shown(peek(new DeferredList(generator())))).to.deep.equal([[true, 'a'], [true, 'b']]);
    });
  });

  describe('an empty list (testEmptyDeferredList)', () => {
    it('an empty list fires at once with []', () => {
      const list = new DeferredList([]);
      const result = successResultOf(list);
      expect(result).to.deep.equal([]);
      expect(result, 'a new array, not resultList').not.to.equal(list.resultList);
    });

    it('an empty list with fireOnOneCallback never fires', () => {
      assertNoResult(new DeferredList([], { fireOnOneCallback: true }));
    });

    it('an empty list with fireOnOneErrback fires at once with []', () => {
      expect(successResultOf(new DeferredList([], { fireOnOneErrback: true }))).to.deep.equal([]);
    });
  });

  describe('fireOnOneCallback', () => {
    it('fireOnOneCallback fires with [result, index] of the first success in time', () => {
      const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
      const list = new DeferredList([d1, d2], { fireOnOneCallback: true });
      d2.callback('winner');
      expect(peek(list)).to.deep.equal(['winner', 1]);
    });

    it('...later results are still recorded in resultList', () => {
      const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
      const list = new DeferredList([d1, d2], { fireOnOneCallback: true });
      d2.callback('winner');
      d1.callback('late');
      expect(list.resultList).to.deep.equal([[true, 'late'], [true, 'winner']]);
      expect(list.finishedCount).to.equal(2);
      expect(peek(list)).to.deep.equal(['winner', 1]);
    });

    it('fireOnOneCallback: failures alone do not fire it', () => {
      const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
      const list = new DeferredList([d1, d2], { fireOnOneCallback: true, consumeErrors: true });
      d1.errback(new GenericError('a'));
      assertNoResult(list);
    });

    it('fireOnOneCallback: when every Deferred fails, it fires with the full list', () => {
      const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
      const list = new DeferredList([d1, d2], { fireOnOneCallback: true, consumeErrors: true });
      d1.errback(new GenericError('a'));
      d2.errback(new GenericError('b'));
      expect(shown(successResultOf(list))).to.deep.equal([[false, 'Failure GenericError'], [false, 'Failure GenericError']]);
    });
  });

  describe('fireOnOneErrback (testDeferredListFireOnOneError)', () => {
    it('fireOnOneErrback: a success alone does not fire it', () => {
      const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
      const list = new DeferredList([d1, d2], { fireOnOneErrback: true });
      d1.callback('ok');
      assertNoResult(list);
      d2.callback('ok too');
    });

    it('fireOnOneErrback: fails with FirstError at the first failure', () => {
      const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
      const list = new DeferredList([d1, d2], { fireOnOneErrback: true });
      const errors: Failure[] = [];
      list.addErrback((f) => {
        errors.push(f);
      });
      d1.callback('ok');
      d2.errback(new GenericError('from def2'));
      expect(errors).to.have.length(1);
      expect(errors[0]?.check(FirstError)).to.equal(FirstError);
    });

    it('...FirstError carries the failure and the index', () => {
      const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
      const list = new DeferredList([d1, d2], { fireOnOneErrback: true });
      d1.callback('ok');
      d2.errback(new GenericError('from def2'));
      const error = failureResultOf(list, FirstError).value as FirstError;
      expect(error.subFailure.check(GenericError)).to.equal(GenericError);
      expect(error.subFailure.getErrorMessage()).to.equal('from def2');
      expect(error.index).to.equal(1);
      d2.addErrback(() => undefined);
    });

    it('fireOnOneErrback: when every Deferred succeeds, it fires with the full list', () => {
      const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
      const list = new DeferredList([d1, d2], { fireOnOneErrback: true });
      d1.callback('a');
      d2.callback('b');
      expect(successResultOf(list)).to.deep.equal([[true, 'a'], [true, 'b']]);
    });

    it('fireOnOneErrback: the FirstError index is that of the first failure in time', () => {
      const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
      const list = new DeferredList([d1, d2], { fireOnOneErrback: true, consumeErrors: true });
      d2.errback(new GenericError('first in time'));
      d1.errback(new GenericError('second in time'));
      const error = failureResultOf(list, FirstError).value as FirstError;
      expect(error.index).to.equal(1);
      expect(error.subFailure.getErrorMessage()).to.equal('first in time');
    });

    it('fireOnOneErrback with a Deferred that already failed: the list has failed when built', () => {
      const d1 = fail<number>(new GenericError('Bang'));
      const list = new DeferredList([d1, succeed(1)], { fireOnOneErrback: true });
      d1.addErrback(() => undefined);
      failureResultOf(list, FirstError);
    });
  });

  describe('consumeErrors', () => {
    it('without consumeErrors, an errback added to the Deferred afterwards still gets the failure', () => {
      const d1 = new Deferred<string>();
      const list = new DeferredList([d1]);
      const errors: Failure[] = [];
      d1.addErrback((f) => {
        errors.push(f);
      });
      d1.errback(new GenericError('Bang'));
      expect(errors).to.have.length(1);
      expect(errors[0]?.getErrorMessage()).to.equal('Bang');
      // ...and the list's entry holds that same Failure
      expect((successResultOf(list)[0] as readonly unknown[])[1]).to.equal(errors[0]);
    });

    it('with consumeErrors, an errback added afterwards is not called; a callback gets undefined', () => {
      const d1 = new Deferred<string>();
      const list = new DeferredList([d1], { consumeErrors: true });
      const errors: Failure[] = [];
      const later: unknown[] = [];
      d1.addCallbacks(
        (value) => later.push(value),
        (f) => errors.push(f),
      );
      d1.errback(new GenericError('Bang'));
      expect(errors).to.deep.equal([]);
      expect(later).to.deep.equal([undefined]);
      // ...and the list's entry still holds the Failure
      const [entry] = successResultOf(list);
      expect(entry?.[0]).to.equal(FAILURE);
      expect((entry?.[1] as Failure).getErrorMessage()).to.equal('Bang');
    });

    describe('what is reported as unhandled (reference B.12)', () => {
      let log: UnhandledErrorLog | undefined;
      afterEach(() => {
        log?.stop();
        log = undefined;
      });

      /** Reports whose failure message (or, for a FirstError, sub-failure message) mentions `word`. */
      function reportedTypes(word: string): string[] {
        return (log?.reports ?? [])
          .filter((report) => report.failure.getErrorMessage().includes(word))
          .map((report) => report.failure.typeName);
      }

      it('without consumeErrors, a failed Deferred nobody handles is reported as unhandled', async () => {
        log = captureUnhandledErrors();
        (() => {
          const d1 = new Deferred<string>();
          const list = new DeferredList([d1]);
          d1.errback(new GenericError('not consumed [dl-1]'));
          list.addCallback(() => undefined);
        })();
        await collectGarbage();
        expect(reportedTypes('[dl-1]')).to.deep.equal(['GenericError']);
      });

      it('with consumeErrors, nothing is reported', async () => {
        log = captureUnhandledErrors();
        const refs: Array<WeakRef<object>> = [];
        (() => {
          const d1 = new Deferred<string>();
          const list = new DeferredList([d1], { consumeErrors: true });
          d1.errback(new GenericError('consumed [dl-2]'));
          list.addCallback(() => undefined);
          refs.push(new WeakRef(d1), new WeakRef(list));
        })();
        await collectGarbage();
        expect(refs.map((ref) => ref.deref()), 'the Deferreds were collected').to.deep.equal([undefined, undefined]);
        expect(reportedTypes('[dl-2]')).to.deep.equal([]);
      });

      it('with fireOnOneErrback, the list\'s own FirstError is reported if nobody handles it', async () => {
        log = captureUnhandledErrors();
        (() => {
          const d1 = new Deferred<string>();
          new DeferredList([d1], { fireOnOneErrback: true, consumeErrors: true });
          d1.errback(new GenericError('wrapped [dl-3]'));
        })();
        await collectGarbage();
        expect(reportedTypes('[dl-3]')).to.deep.equal(['FirstError']);
      });
    });
  });

  describe('cancellation (test_cancelDeferredList*)', () => {
    it('cancel: every Deferred fails with CancelledError', () => {
      const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
      const list = new DeferredList([d1, d2]);
      list.cancel();
      failureResultOf(d1, CancelledError);
      failureResultOf(d2, CancelledError);
    });

    it('cancel: the list fires with their failures (it does not fail)', () => {
      const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
      const list = new DeferredList([d1, d2]);
      list.cancel();
      expect(shown(successResultOf(list))).to.deep.equal([[false, 'Failure CancelledError'], [false, 'Failure CancelledError']]);
      d1.addErrback(() => undefined);
      d2.addErrback(() => undefined);
    });

    it('cancel: a canceller that calls back gives a success entry', () => {
      const d1 = new Deferred<string>(cancellerCallsBack);
      const d2 = new Deferred<string>();
      const list = new DeferredList([d1, d2]);
      list.cancel();
      expect(shown(successResultOf(list))).to.deep.equal([[true, 'Callback Result'], [false, 'Failure CancelledError']]);
      // ...and the other Deferred fails with CancelledError
      failureResultOf(d2, CancelledError);
    });

    it('cancel with fireOnOneCallback: every Deferred fails, and the list fires with the full list', () => {
      const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
      const list = new DeferredList([d1, d2], { fireOnOneCallback: true });
      list.cancel();
      failureResultOf(d1, CancelledError);
      failureResultOf(d2, CancelledError);
      expect(shown(successResultOf(list))).to.deep.equal([[false, 'Failure CancelledError'], [false, 'Failure CancelledError']]);
    });

    it('cancel with fireOnOneCallback: a canceller that calls back fires it with [result, index]', () => {
      const d1 = new Deferred<string>(cancellerCallsBack);
      const d2 = new Deferred<string>();
      const list = new DeferredList([d1, d2], { fireOnOneCallback: true });
      list.cancel();
      expect(successResultOf(list)).to.deep.equal(['Callback Result', 0]);
      // ...and the other Deferreds are still cancelled
      failureResultOf(d2, CancelledError);
    });

    it('cancel with fireOnOneErrback: fails with FirstError wrapping CancelledError', () => {
      const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
      const list = new DeferredList([d1, d2], { fireOnOneErrback: true });
      list.cancel();
      failureResultOf(d1, CancelledError);
      failureResultOf(d2, CancelledError);
      const error = failureResultOf(list, FirstError).value as FirstError;
      expect(error.subFailure.check(CancelledError)).to.equal(CancelledError);
      expect(error.index).to.equal(0);
    });

    it('cancel with fireOnOneErrback: if every canceller calls back, it fires with the full list', () => {
      const d1 = new Deferred<string>(cancellerCallsBack);
      const d2 = new Deferred<string>(cancellerCallsBack);
      const list = new DeferredList([d1, d2], { fireOnOneErrback: true });
      list.cancel();
      expect(successResultOf(list)).to.deep.equal([[true, 'Callback Result'], [true, 'Callback Result']]);
    });

    it('cancel leaves alone a Deferred added to the caller\'s array after the list was built', () => {
      const deferreds = [new Deferred<string>(), new Deferred<string>()];
      const list = new DeferredList(deferreds);
      const d3 = new Deferred<string>();
      deferreds.push(d3);
      list.cancel();
      assertNoResult(d3);
    });

    it('cancel: a canceller that throws is caught, and the other Deferreds are still cancelled', () => {
      const log = captureUnhandledErrors();
      try {
        const d1 = new Deferred<string>(() => {
          throw new RangeError('test');
        });
        const d2 = new Deferred<string>();
        const list = new DeferredList([d1, d2]);
        expect(() => list.cancel()).not.to.throw();
        failureResultOf(d2, CancelledError);
        assertNoResult(d1); // as in Twisted, a throwing canceller leaves its Deferred unfired
        // ...and its error is logged, once
        const reported = log.flush(RangeError);
        expect(reported).to.have.length(1);
        expect(reported[0]?.getErrorMessage()).to.equal('test');
        expect(log.reports).to.deep.equal([]);
      } finally {
        log.stop();
      }
    });

    it('the report of a throwing canceller says "Exception raised from user supplied canceller"', () => {
      const log = captureUnhandledErrors();
      try {
        const d1 = new Deferred<string>(() => {
          throw new RangeError('test');
        });
        new DeferredList([d1]).cancel();
        expect(log.reports).to.have.length(1);
        expect(log.reports[0]?.heading).to.equal('Exception raised from user supplied canceller');
        expect(log.reports[0]?.message).to.include('Exception raised from user supplied canceller');
        log.flush();
      } finally {
        log.stop();
      }
    });

    it('cancel after fireOnOneCallback fired does nothing', () => {
      const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
      const list = new DeferredList([d1, d2], { fireOnOneCallback: true });
      d1.callback('test');
      list.cancel();
      assertNoResult(d2);
      expect(successResultOf(list)).to.deep.equal(['test', 0]);
    });

    it('cancel after fireOnOneErrback fired does nothing', () => {
      const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
      const list = new DeferredList([d1, d2], { fireOnOneErrback: true });
      d1.errback(new GenericError('test'));
      list.cancel();
      assertNoResult(d2);
      failureResultOf(d1, GenericError);
      failureResultOf(list, FirstError);
    });

    it('cancel after the list fired does not reach a Deferred its callbacks wait on', () => {
      const d1 = new Deferred<string>();
      const list = new DeferredList([d1]);
      const inner = new Deferred<string>();
      list.addCallback(() => inner);
      d1.callback('x');
      list.cancel();
      assertNoResult(inner);
    });
  });

  describe('bad input (txdefer\'s own checks)', () => {
    it('refuses something that is not iterable, naming the argument', () => {
      expect(() => new DeferredList(42 as never)).to.throw(
        TypeError,
        'DeferredList: `deferredList` must be an iterable of Deferreds (an array, say), got number 42',
      );
      expect(() => new DeferredList(undefined as never)).to.throw(TypeError, 'got undefined');
    });

    it('refuses an element that is not a Deferred, naming its index, before touching any Deferred', () => {
      const d0 = new Deferred<string>();
      expect(() => new DeferredList([d0, Promise.resolve(1) as never])).to.throw(
        TypeError,
        'DeferredList: element 1 of `deferredList` is not a Deferred, got object',
      );
      d0.callback('untouched');
      expect(successResultOf(d0)).to.equal('untouched');
    });

    it('refuses an unknown option, which would otherwise be silently ignored', () => {
      expect(() => new DeferredList([], { consumeError: true } as never)).to.throw(
        TypeError,
        'DeferredList: unknown option `consumeError` (the options are fireOnOneCallback, fireOnOneErrback and consumeErrors)',
      );
    });

    it('refuses an option that is not true or false', () => {
      expect(() => new DeferredList([], { consumeErrors: 1 } as never)).to.throw(
        TypeError,
        'DeferredList: option `consumeErrors` must be true or false, got number 1',
      );
      expect(() => new DeferredList([], 'fireOnOneCallback' as never)).to.throw(TypeError, '`options` must be an object');
    });
  });
});

describe('DeferredListEmptyTests', () => {
  it('DeferredListEmptyTests: a callback on DeferredList([]) runs with []', () => {
    const got: unknown[] = [];
    new DeferredList([]).addCallback((result) => got.push(result));
    expect(got).to.deep.equal([[]]);
  });
});
