/**
 * race: ports Twisted's RaceTests (test_success, test_failure, test_resultAfterCancel,
 * test_resultFromCancel, test_cancel) and the behaviour in reference sections C.6,
 * C.7.3 and E.3.
 *
 * Twisted's RaceTests draw, with hypothesis, 0-3 Deferreds before and 0-3 after the one
 * that matters; here each such test loops over every one of those 16 shapes.
 *
 * `race` was added in Twisted 23.8: Debian's 22.4 (our oracle) lacks it, so these specs
 * follow the reference, which describes 24.10's code and tests. spec/oracle/combine_race.out
 * records that 22.4 lacks it and the Deferred behaviour the race specs rely on (a
 * cancelled input without a canceller swallows a late result; a canceller may call
 * back; a canceller's exception comes out of cancel()).
 */
import { expect } from 'chai';
import {
  CancelledError,
  captureUnhandledErrors,
  Deferred,
  fail,
  Failure,
  succeed,
  type UnhandledErrorLog,
} from '../../src/index.js';
import { FailureGroup } from '../../src/combine/errors.js';
import { race } from '../../src/combine/race.js';
import { assertNoResult, captureAfterCollecting, collectGarbage, failureResultOf, successResultOf } from '../support/helpers.js';
import { GenericError } from './support.js';

/** Inputs whose cancellers only count how often they were called (RaceTests' helper). */
function countingInputs(count: number): { inputs: Array<Deferred<string>>; cancelled: number[] } {
  const cancelled = new Array<number>(count).fill(0);
  const inputs = Array.from({ length: count }, (_, index) => new Deferred<string>(() => {
    cancelled[index] = (cancelled[index] as number) + 1;
  }));
  return { inputs, cancelled };
}

/** Every [before, after] pair with 0-3 Deferreds on each side of the one that matters. */
const SHAPES: Array<[number, number]> = [0, 1, 2, 3].flatMap((before) => [0, 1, 2, 3].map((after) => [before, after] as [number, number]));

describe('RaceTests', () => {
  describe('test_success', () => {
    for (const [before, after] of SHAPES) {
      it(`the first success wins with [index, value], and every other input is cancelled once (${before} before, ${after} after)`, () => {
        const { inputs, cancelled } = countingInputs(before + 1 + after);
        const raced = race(inputs);
        (inputs[before] as Deferred<string>).callback('expected');
        expect(successResultOf(raced)).to.deep.equal([before, 'expected']);
        expect(cancelled).to.deep.equal(cancelled.map((_, index) => (index === before ? 0 : 1)));
      });
    }
  });

  describe('test_failure', () => {
    for (const [before, after] of SHAPES) {
      it(`when every input fails, it fails with FailureGroup of their failures, cancelling nothing (${before} before, ${after} after)`, () => {
        const { inputs, cancelled } = countingInputs(before + 1 + after);
        const raced = race(inputs);
        const failure = new Failure(new GenericError('all fail'));
        for (const input of inputs) input.errback(failure);
        const group = failureResultOf(raced, FailureGroup).value as FailureGroup;
        expect(group.failures).to.have.length(inputs.length);
        for (const each of group.failures) expect(each).to.equal(failure);
        expect(cancelled.every((count) => count === 0)).to.equal(true);
      });
    }
  });

  describe('test_resultAfterCancel', () => {
    let log: UnhandledErrorLog | undefined;
    afterEach(() => {
      log?.stop();
      log = undefined;
    });

    for (const [before, after] of SHAPES) {
      it(`a loser without a canceller may still fire later: the race keeps its result, and nothing is reported (${before} before, ${after} after)`, async () => {
        log = await captureAfterCollecting();
        const inputs = Array.from({ length: before + 1 + after }, () => new Deferred<string>());
        const raced = race(inputs);
        (inputs[before] as Deferred<string>).callback('expected');
        // Every loser was cancelled: its producer's one late result is swallowed, without an error.
        for (const [index, input] of inputs.entries()) {
          if (index !== before) expect(() => input.callback('late')).not.to.throw();
        }
        expect(successResultOf(raced)).to.deep.equal([before, 'expected']);
        await collectGarbage();
        expect(log.reports).to.deep.equal([]);
      });
    }
  });

  describe('test_resultFromCancel', () => {
    for (const after of [1, 2, 3]) {
      it(`a loser whose canceller calls back does not take the win (${after} after)`, () => {
        const winner = new Deferred<string>();
        const losers = Array.from({ length: after }, () => new Deferred<string>((d) => {
          d.callback('from canceller');
        }));
        const raced = race([winner, ...losers]);
        winner.callback('expected');
        expect(successResultOf(raced)).to.deep.equal([0, 'expected']);
        for (const loser of losers) expect(successResultOf(loser)).to.equal(undefined);
      });
    }
  });

  describe('test_cancel', () => {
    for (const count of [1, 2, 3]) {
      it(`cancelling the race cancels each input once, and it fails with FailureGroup (${count} inputs)`, () => {
        const { inputs, cancelled } = countingInputs(count);
        const raced = race(inputs);
        raced.cancel();
        expect(cancelled).to.deep.equal(new Array<number>(count).fill(1));
        const group = failureResultOf(raced, FailureGroup).value as FailureGroup;
        expect(group.failures).to.have.length(count);
        for (const each of group.failures) expect(each.check(CancelledError)).to.equal(CancelledError);
      });
    }
  });

  describe('more of the reference (E.3, C.7.3, C.6)', () => {
    it('a success wins even if inputs before it failed', () => {
      const raced = race([fail<number>(new GenericError('first')), succeed(5)]);
      expect(successResultOf(raced)).to.deep.equal([1, 5]);
    });

    it('the FailureGroup lists the failures in input order, not the order they came in', () => {
      const [d0, d1, d2] = [new Deferred<string>(), new Deferred<string>(), new Deferred<string>()];
      const raced = race([d0, d1, d2]);
      d2.errback(new GenericError('two'));
      d0.errback(new GenericError('zero'));
      d1.errback(new GenericError('one'));
      const group = failureResultOf(raced, FailureGroup).value as FailureGroup;
      expect(group.failures.map((f) => f.getErrorMessage())).to.deep.equal(['zero', 'one', 'two']);
      expect(group.message).to.equal('3 failures: #0 GenericError: zero; #1 GenericError: one; #2 GenericError: two');
    });

    it('every input is left with undefined, winners and losers alike', () => {
      const [d0, d1, d2] = [new Deferred<string>(), new Deferred<string>(), new Deferred<string>()];
      race([d0, d1, d2]);
      d0.errback(new GenericError('lost'));
      d1.callback('won');
      expect(successResultOf(d0)).to.equal(undefined);
      expect(successResultOf(d1)).to.equal(undefined);
      expect(successResultOf(d2)).to.equal(undefined); // cancelled, and its CancelledError consumed too
    });

    it('a failed input is never reported as unhandled', async () => {
      const log = captureUnhandledErrors();
      try {
        (() => {
          const raced = race([fail<string>(new GenericError('[race-1]')), succeed('x')]);
          raced.addCallback(() => undefined);
        })();
        await collectGarbage();
        expect(log.reports.filter((report) => report.failure.getErrorMessage().includes('[race-1]'))).to.deep.equal([]);
      } finally {
        log.stop();
      }
    });

    it('an input listed twice that wins is not cancelled by its own win', () => {
      const { inputs, cancelled } = countingInputs(2);
      const [d0, d1] = inputs as [Deferred<string>, Deferred<string>];
      const raced = race([d0, d1, d0]);
      d0.callback('twice');
      expect(successResultOf(raced)).to.deep.equal([0, 'twice']);
      expect(cancelled).to.deep.equal([0, 1]);
    });

    it('race([]) never fires', () => {
      assertNoResult(race([]));
    });

    it('cancelling race([]) fails it with CancelledError', () => {
      const raced = race([]);
      raced.cancel();
      failureResultOf(raced, CancelledError);
    });

    it('cancelling the race after it fired does nothing', () => {
      const { inputs, cancelled } = countingInputs(2);
      const raced = race(inputs);
      (inputs[1] as Deferred<string>).callback('won');
      raced.cancel();
      expect(cancelled).to.deep.equal([1, 0]);
      expect(successResultOf(raced)).to.deep.equal([1, 'won']);
    });

    it('a canceller that throws when the race is cancelled: the error comes out of cancel(), later inputs are not cancelled, the race stays unfired', () => {
      const d0 = new Deferred<string>(() => {
        throw new RangeError('canceller failed');
      });
      const { inputs, cancelled } = countingInputs(1);
      const raced = race([d0, ...inputs]);
      expect(() => raced.cancel()).to.throw(RangeError, 'canceller failed');
      expect(cancelled).to.deep.equal([0]);
      assertNoResult(raced);
    });

    it('a losing input\'s canceller that throws: the winner\'s chain gets the error and the race never fires', () => {
      const winner = new Deferred<string>();
      const loser = new Deferred<string>(() => {
        throw new RangeError('canceller failed');
      });
      const raced = race([winner, loser]);
      winner.callback('won');
      assertNoResult(raced);
      expect(failureResultOf(winner, RangeError).getErrorMessage()).to.equal('canceller failed');
    });
  });

  describe('where txdefer differs', () => {
    it('takes any iterable, such as a generator (Twisted iterates it twice, and such a race never fires)', () => {
      function* generator(): Generator<Deferred<string>> {
        yield new Deferred<string>();
        yield succeed('b');
      }
      expect(successResultOf(race(generator()))).to.deep.equal([1, 'b']);
    });
  });

  describe('bad input (txdefer\'s own checks)', () => {
    it('refuses something that is not an iterable of Deferreds, naming race and the index', () => {
      expect(() => race({} as never)).to.throw(TypeError, 'race: `deferreds` must be an iterable of Deferreds (an array, say), got object');
      expect(() => race([succeed(1), 'two' as never])).to.throw(TypeError, "race: element 1 of `deferreds` is not a Deferred, got string 'two'");
    });
  });
});
