/**
 * gatherResults: ports test_gatherResults, test_gatherResultsWithConsumeErrors,
 * test_cancelGatherResults and test_cancelGatherResultsWithAllDeferredsCallback from
 * Twisted's DeferredTests, plus the behaviour in reference sections C.7.2 and E.2.
 *
 * Each `it` is backed by the line with the same label (or the "..." line after it) in
 * spec/oracle/combine_gather_results.out, printed by real Twisted 22.4. The argument
 * checks at the end are txdefer's own.
 */
import { expect } from 'chai';
import {
  CancelledError,
  captureUnhandledErrors,
  Deferred,
  fail,
  type Failure,
  succeed,
  type UnhandledErrorLog,
} from '../../src/index.js';
import { DeferredList, FAILURE, SUCCESS } from '../../src/combine/deferred-list.js';
import { FirstError } from '../../src/combine/errors.js';
import { gatherResults } from '../../src/combine/gather-results.js';
import { assertNoResult, collectGarbage, failureResultOf, successResultOf } from '../support/helpers.js';
import { cancellerCallsBack, GenericError } from './support.js';

class ValueError extends Error {
  override name = 'ValueError';
}

describe('DeferredTests (gatherResults)', () => {
  it('fires with the values, in input order', () => {
    expect(successResultOf(gatherResults([succeed(1), succeed(2)]))).to.deep.equal([1, 2]);
  });

  it('waits for every Deferred', () => {
    const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
    const gathered = gatherResults([d1, d2]);
    d2.callback('b');
    expect(gathered.called).to.equal(false);
    d1.callback('a');
    // ...and keeps input order, not the order they fired in
    expect(successResultOf(gathered)).to.deep.equal(['a', 'b']);
  });

  it('an empty list gives [] at once', () => {
    expect(successResultOf(gatherResults([]))).to.deep.equal([]);
  });

  it('fails at the first failure, with one errback call', () => {
    const errors: Failure[] = [];
    const failing = fail<number>(new ValueError('bad'));
    gatherResults([succeed(1), failing]).addErrback((f) => {
      errors.push(f);
    });
    expect(errors).to.have.length(1);
    expect(errors[0]?.check(FirstError)).to.equal(FirstError);
    // ...whose FirstError holds the failure and its index
    const error = errors[0]?.value as FirstError;
    expect(error.subFailure.check(ValueError)).to.equal(ValueError);
    expect(error.index).to.equal(1);
    failing.addErrback(() => undefined);
  });

  it('\'first\' is first in time', () => {
    const [d1, d2, d3] = [new Deferred<string>(), new Deferred<string>(), new Deferred<string>()];
    const gathered = gatherResults([d1, d2, d3], true);
    d3.errback(new GenericError('third, first in time'));
    const error = failureResultOf(gathered, FirstError).value as FirstError;
    expect(error.index).to.equal(2);
    expect(error.subFailure.getErrorMessage()).to.equal('third, first in time');
    d1.callback('later');
    // ...and the other Deferreds are left alone: not cancelled, their results not taken
    expect(d2.called).to.equal(false);
    expect(successResultOf(d1)).to.equal('later');
  });

  it('the Deferred it returns is a DeferredList', () => {
    expect(gatherResults([])).to.be.instanceOf(DeferredList);
  });

  it("its resultList fills in with [SUCCESS, value] entries, as any DeferredList's", () => {
    const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
    const gathered = gatherResults([d1, d2], true) as unknown as DeferredList<string>;
    expect(gathered.resultList).to.deep.equal([undefined, undefined]);
    d2.callback('b');
    expect(gathered.resultList).to.deep.equal([undefined, [SUCCESS, 'b']]);
    d1.errback(new GenericError('x'));
    gathered.addErrback(() => undefined);
    // ...and a failed member's entry is [FAILURE, failure], even with consumeErrors
    const [first, second] = gathered.resultList;
    expect(first?.[0]).to.equal(FAILURE);
    expect((first?.[1] as Failure).check(GenericError)).to.equal(GenericError);
    expect(second).to.deep.equal([SUCCESS, 'b']);
  });

  it('the values it fires with are a list apart from resultList', () => {
    const [d1, d2] = [new Deferred<number>(), new Deferred<number>()];
    const gathered = gatherResults([d1, d2]);
    d1.callback(1);
    d2.callback(2);
    const values = successResultOf(gathered);
    values.push(99);
    expect(values).to.deep.equal([1, 2, 99]);
    expect((gathered as unknown as DeferredList<number>).resultList).to.deep.equal([
      [SUCCESS, 1],
      [SUCCESS, 2],
    ]);
  });

  it('takes any iterable, such as a generator', () => {
    function* generator(): Generator<Deferred<string>> {
      yield succeed('a');
      yield succeed('b');
    }
    expect(successResultOf(gatherResults(generator()))).to.deep.equal(['a', 'b']);
  });

  for (const [how, consumeErrors] of [
    ['gatherResults(ds, true)', true],
    ['gatherResults(ds, { consumeErrors: true })', { consumeErrors: true }],
  ] as const) {
    it(`with consumeErrors, a failed Deferred's later errback is not called: ${how}`, () => {
      const d1 = fail<number>(new RangeError('oh noes'));
      const gathered = gatherResults([d1, succeed(1)], consumeErrors);
      const later: Failure[] = [];
      d1.addErrback((f) => {
        later.push(f);
      });
      expect(later).to.deep.equal([]);
      // ...and it fails with a FirstError wrapping the failure
      const error = failureResultOf(gathered, FirstError).value as FirstError;
      expect(error.subFailure.check(RangeError)).to.equal(RangeError);
    });
  }

  it('without consumeErrors, the failed Deferred keeps its failure', () => {
    const d1 = new Deferred<string>();
    const gathered = gatherResults([d1], { consumeErrors: false });
    d1.errback(new GenericError('kept'));
    expect(failureResultOf(d1, GenericError).getErrorMessage()).to.equal('kept');
    failureResultOf(gathered, FirstError);
  });

  describe('what is reported as unhandled (reference B.12)', () => {
    let log: UnhandledErrorLog | undefined;
    afterEach(() => {
      log?.stop();
      log = undefined;
    });

    function reportedTypes(word: string): string[] {
      return (log?.reports ?? [])
        .filter((report) => report.failure.getErrorMessage().includes(word))
        .map((report) => report.failure.typeName);
    }

    function drop(word: string, consumeErrors: boolean, handleFirstError: boolean): void {
      const d1 = new Deferred<string>();
      const gathered = gatherResults([d1], consumeErrors);
      d1.errback(new GenericError(`dropped ${word}`));
      if (handleFirstError) gathered.addErrback(() => undefined);
    }

    it('without consumeErrors, the failed Deferred is reported as unhandled', async () => {
      log = captureUnhandledErrors();
      drop('[gr-1]', false, true);
      await collectGarbage();
      expect(reportedTypes('[gr-1]')).to.deep.equal(['GenericError']);
    });

    it('with consumeErrors, only an unhandled FirstError could be reported: here none is', async () => {
      log = captureUnhandledErrors();
      drop('[gr-2]', true, true);
      await collectGarbage();
      expect(reportedTypes('[gr-2]')).to.deep.equal([]);
    });

    it('with consumeErrors, an unhandled FirstError is reported', async () => {
      log = captureUnhandledErrors();
      drop('[gr-3]', true, false);
      await collectGarbage();
      expect(reportedTypes('[gr-3]')).to.deep.equal(['FirstError']);
    });
  });

  describe('cancellation (test_cancelGatherResults*)', () => {
    it('cancel: every Deferred is cancelled, and it fails with FirstError wrapping CancelledError', () => {
      const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
      const gathered = gatherResults([d1, d2]);
      gathered.cancel();
      failureResultOf(d1, CancelledError);
      failureResultOf(d2, CancelledError);
      const error = failureResultOf(gathered, FirstError).value as FirstError;
      expect(error.subFailure.check(CancelledError)).to.equal(CancelledError);
    });

    it('cancel: if every canceller calls back, it fires with their values', () => {
      const d1 = new Deferred<string>(cancellerCallsBack);
      const d2 = new Deferred<string>(cancellerCallsBack);
      const gathered = gatherResults([d1, d2]);
      gathered.cancel();
      expect(successResultOf(gathered)).to.deep.equal(['Callback Result', 'Callback Result']);
    });

    it('cancel after it fired does nothing', () => {
      const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
      const gathered = gatherResults([d1, d2], true);
      d1.errback(new GenericError('first'));
      gathered.cancel();
      assertNoResult(d2);
      failureResultOf(gathered, FirstError);
    });
  });

  describe('bad input (txdefer\'s own checks)', () => {
    it('refuses something that is not an iterable of Deferreds, naming gatherResults and the index', () => {
      expect(() => gatherResults(null as never)).to.throw(
        TypeError,
        'gatherResults: `deferredList` must be an iterable of Deferreds (an array, say), got null',
      );
      expect(() => gatherResults([succeed(1), 2 as never])).to.throw(
        TypeError,
        'gatherResults: element 1 of `deferredList` is not a Deferred, got number 2',
      );
    });

    it('refuses a consumeErrors that is neither a boolean nor { consumeErrors }', () => {
      expect(() => gatherResults([], 'yes' as never)).to.throw(
        TypeError,
        "gatherResults: `consumeErrors` must be true, false or { consumeErrors: boolean }, got string 'yes'",
      );
      expect(() => gatherResults([], { consumeError: true } as never)).to.throw(
        TypeError,
        'gatherResults: unknown option `consumeError` (the only option is consumeErrors)',
      );
      expect(() => gatherResults([], { consumeErrors: 'yes' } as never)).to.throw(
        TypeError,
        "gatherResults: option `consumeErrors` must be true or false, got string 'yes'",
      );
    });
  });
});
