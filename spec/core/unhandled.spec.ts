/**
 * "Unhandled error in Deferred": a Deferred whose chain ends holding a Failure and that
 * is then garbage-collected is reported to the unhandled-error handler. Ports Twisted's
 * LogTests and the probed facts of reference B.12; Twisted's output for the same
 * scenarios: spec/oracle/unhandled.py.
 *
 * Reports arrive when the garbage collector frees the Deferred (docs/differences.md #9),
 * so each scenario creates its Deferreds inside a function that returns nothing that
 * refers to them, and the test then forces a collection (collectGarbage, which needs
 * node --expose-gc). Reports from other specs may arrive at the same time, so each
 * test picks out its own by a unique word in its error messages, or by the Failure
 * object itself (a Failure does not keep its Deferred alive).
 */
import { expect } from 'chai';
import sinon from 'sinon';
import {
  captureUnhandledErrors,
  CancelledError,
  Deferred,
  DeferredList,
  fail,
  Failure,
  FailureGroup,
  getUnhandledErrorHandler,
  inlineCallbacks,
  logError,
  logFailure,
  race,
  reportUnhandledFailure,
  setDebugging,
  setUnhandledErrorHandler,
  succeed,
  type UnhandledErrorHandler,
  type UnhandledErrorLog,
  type UnhandledErrorReport,
} from '../../src/index.js';
import { collectGarbage } from '../support/helpers.js';

let lastToken = 0;
/** A word no other test uses, to put in error messages and find this test's reports by. */
function uniqueWord(label: string): string {
  lastToken += 1;
  return `[${label} #${lastToken}]`;
}

function reportsMentioning(reports: readonly UnhandledErrorReport[], word: string): UnhandledErrorReport[] {
  return reports.filter((report) => report.failure.getErrorMessage().includes(word));
}

function reportsOf(reports: readonly UnhandledErrorReport[], failure: Failure): UnhandledErrorReport[] {
  return reports.filter((report) => report.failure === failure);
}

/**
 * Checks that the Deferreds a scenario dropped really were garbage-collected, so that
 * "nothing was reported" means nothing, not "not collected yet".
 */
function expectCollected(refs: ReadonlyArray<WeakRef<object>>): void {
  refs.forEach((ref, index) => {
    expect(ref.deref(), `Deferred ${index} of the scenario was not garbage-collected`).to.equal(undefined);
  });
}

/** Throws a RangeError from a function whose name the traceback will show. */
function throwFromNamedFunction(message: string): never {
  throw new RangeError(message);
}

/** A Deferred whose callback throws, fired and dropped. */
function dropFailingDeferred(word: string): void {
  const d = new Deferred<number>();
  d.addCallback(() => throwFromNamedFunction(`callback failed ${word}`));
  d.callback(1);
}

describe('LogTests (unhandled failures)', () => {
  let log: UnhandledErrorLog | undefined;

  /** Collect reports from now on (stopped, and the default handler restored, after each test). */
  function capture(): UnhandledErrorLog {
    log = captureUnhandledErrors();
    return log;
  }

  afterEach(() => {
    sinon.restore();
    log?.stop();
    log = undefined;
    setUnhandledErrorHandler();
    setDebugging(false);
  });

  describe('what is reported', () => {
    it('reports a garbage-collected Deferred whose callback threw', async () => {
      const reports = capture().reports;
      const word = uniqueWord('dropped');

      dropFailingDeferred(word);
      await collectGarbage();

      const mine = reportsMentioning(reports, word);
      expect(mine).to.have.length(1);
      expect(mine[0]?.failure.check(RangeError)).to.equal(RangeError);
    });

    it('writes a report that starts "Unhandled error in Deferred:" and contains the failure\'s traceback', async () => {
      const reports = capture().reports;
      const word = uniqueWord('message');

      dropFailingDeferred(word);
      await collectGarbage();

      const [report] = reportsMentioning(reports, word);
      expect(report).not.to.equal(undefined);
      const { message, failure } = report as UnhandledErrorReport;
      expect(message.startsWith('Unhandled error in Deferred:\n')).to.equal(true);
      expect(message).to.include(failure.getTraceback());
      expect(failure.getTraceback()).to.include('throwFromNamedFunction');
      expect(message).not.to.include('(debug: ');
    });

    it('reports a Deferred created in a nested function', async () => {
      const reports = capture().reports;
      const word = uniqueWord('nested');

      (function outerFunction() {
        (function innerFunction() {
          const d = new Deferred<number>();
          d.addCallback(() => throwFromNamedFunction(`nested ${word}`));
          d.callback(1);
        })();
      })();
      await collectGarbage();

      expect(reportsMentioning(reports, word)).to.have.length(1);
    });

    it('reports a Deferred that refers to itself (a reference cycle)', async () => {
      const reports = capture().reports;
      const word = uniqueWord('cycle');

      (() => {
        const d = new Deferred<number>() as Deferred<number> & { self?: unknown };
        d.self = d;
        d.addCallback(() => throwFromNamedFunction(`cycle ${word}`));
        d.callback(1);
      })();
      await collectGarbage();

      expect(reportsMentioning(reports, word)).to.have.length(1);
    });

    it('with debugging on, includes "(debug: " and the stack where the Deferred was created', async () => {
      const reports = capture().reports;
      const word = uniqueWord('debug');
      setDebugging(true);

      (function createdInThisFunction() {
        const d = new Deferred<number>();
        d.addCallback(() => throwFromNamedFunction(`debug ${word}`));
        d.callback(1);
      })();
      setDebugging(false);
      await collectGarbage();

      const [report] = reportsMentioning(reports, word);
      expect(report).not.to.equal(undefined);
      const { message, debugInfo } = report as UnhandledErrorReport;
      expect(message.startsWith('Unhandled error in Deferred:\n(debug: ')).to.equal(true);
      expect(debugInfo).to.include(' C: Deferred was created:');
      const creatorLines = debugInfo.split('\n').filter((line) => line.startsWith(' C:') && line.includes('createdInThisFunction'));
      expect(creatorLines).to.have.length(1);
      expect(message).to.include(debugInfo);
    });

    it('reports a failure that an errback returned (passing it on is not handling it)', async () => {
      const reports = capture().reports;
      const word = uniqueWord('returned');

      (() => {
        const d = fail<number>(new RangeError(`passed on ${word}`));
        d.addErrback((failure) => failure);
      })();
      await collectGarbage();

      expect(reportsMentioning(reports, word)).to.have.length(1);
    });

    it('reports the CancelledError of a cancelled Deferred that nobody handled', async () => {
      const reports = capture().reports;

      const cancelledFailure = (() => {
        const d = new Deferred<number>();
        d.cancel();
        return d.result as Failure;
      })();
      await collectGarbage();

      const mine = reportsOf(reports, cancelledFailure);
      expect(mine).to.have.length(1);
      expect(mine[0]?.failure.check(CancelledError)).to.equal(CancelledError);
    });

    it('reports fail(error) when no errback was added', async () => {
      const reports = capture().reports;
      const word = uniqueWord('fail');

      (() => {
        fail(new RangeError(`fail() ${word}`));
      })();
      await collectGarbage();

      expect(reportsMentioning(reports, word)).to.have.length(1);
    });

    it('reports a failure taken over by an outer Deferred once, from the outer one', async () => {
      const reports = capture().reports;
      const word = uniqueWord('taken');
      setDebugging(true);

      function makeInnerDeferred(): Deferred<number> {
        return fail<number>(new RangeError(`inner ${word}`));
      }
      function makeOuterDeferred(): Deferred<null> {
        return new Deferred<null>();
      }
      (() => {
        const inner = makeInnerDeferred();
        const outer = makeOuterDeferred();
        outer.addCallback(() => inner);
        outer.callback(null);
      })();
      setDebugging(false);
      await collectGarbage();

      const mine = reportsMentioning(reports, word);
      expect(mine).to.have.length(1);
      const creatorLines = (mine[0] as UnhandledErrorReport).debugInfo.split('\n').filter((line) => line.startsWith(' C:'));
      expect(creatorLines.filter((line) => line.includes('makeOuterDeferred'))).to.have.length(1);
      expect(creatorLines.filter((line) => line.includes('makeInnerDeferred'))).to.have.length(0);
    });

    it('reports a failure once when the outer Deferred was waiting and the inner one failed later', async () => {
      const reports = capture().reports;
      const word = uniqueWord('waited');
      setDebugging(true);

      function makeInnerDeferred(): Deferred<number> {
        return new Deferred<number>();
      }
      function makeOuterDeferred(): Deferred<null> {
        return new Deferred<null>();
      }
      (() => {
        const inner = makeInnerDeferred();
        const outer = makeOuterDeferred();
        outer.addCallback(() => inner);
        outer.callback(null);
        inner.errback(new RangeError(`inner, later ${word}`));
      })();
      setDebugging(false);
      await collectGarbage();

      const mine = reportsMentioning(reports, word);
      expect(mine).to.have.length(1);
      const creatorLines = (mine[0] as UnhandledErrorReport).debugInfo.split('\n').filter((line) => line.startsWith(' C:'));
      expect(creatorLines.filter((line) => line.includes('makeOuterDeferred'))).to.have.length(1);
      expect(creatorLines.filter((line) => line.includes('makeInnerDeferred'))).to.have.length(0);
    });
  });

  describe('what is not reported', () => {
    it('does not report the inner failure an outer Deferred took and handled (test_chainedErrorCleanup)', async () => {
      const reports = capture().reports;
      const word = uniqueWord('zoop');
      // Only the message is kept: like Twisted's test, which deletes `errors` before
      // collecting. (An Error whose stack was never read holds its frames, and with them
      // the Deferred; holding the handled Failure would keep `d` alive by design of V8.)
      const handled: string[] = [];

      const gone = (() => {
        const refs: Array<WeakRef<object>> = [];
        const d = new Deferred<null>();
        d.addCallback(() => {
          const inner = fail(new Error(`zoop ${word}`));
          refs.push(new WeakRef(inner));
          return inner;
        });
        d.callback(null);
        d.addErrback((failure) => {
          handled.push(failure.getErrorMessage());
          return undefined;
        });
        refs.push(new WeakRef(d));
        return refs;
      })();
      await collectGarbage();

      expect(handled).to.have.length(1);
      expect(gone).to.have.length(2);
      expectCollected(gone);
      expect(reportsMentioning(reports, word)).to.have.length(0);
    });

    it('does not report a failure whose errback returned an unfired Deferred, when both are dropped (test_errorClearedByChaining)', async () => {
      const reports = capture().reports;
      const word = uniqueWord('oh no');

      const gone = (() => {
        const bad = fail<number>(new Error(`oh no ${word}`));
        const good = new Deferred<number>();
        bad.addErrback(() => good);
        return [new WeakRef(bad), new WeakRef(good)];
      })();
      await collectGarbage();

      expectCollected(gone);

      expect(reportsMentioning(reports, word)).to.have.length(0);
    });

    it('does not report a failure that an errback recovered from', async () => {
      const reports = capture().reports;
      const word = uniqueWord('recovered');

      const gone = (() => {
        const d = fail<string>(new RangeError(`recovered ${word}`));
        d.addErrback(() => 'fine');
        return [new WeakRef(d)];
      })();
      await collectGarbage();

      expectCollected(gone);

      expect(reportsMentioning(reports, word)).to.have.length(0);
    });

    it('never reports a failure held by a paused Deferred', async () => {
      const reports = capture().reports;
      const word = uniqueWord('paused');

      const gone = (() => {
        const d = new Deferred<number>();
        d.pause();
        d.errback(new RangeError(`held while paused ${word}`));
        return [new WeakRef(d)];
      })();
      await collectGarbage();

      expectCollected(gone);

      expect(reportsMentioning(reports, word)).to.have.length(0);
    });

    it('does not report succeed(aFailure) when no errback was added (Twisted 24.10; 22.4 reported it)', async () => {
      const reports = capture().reports;
      const word = uniqueWord('succeed');

      const gone = (() => {
        const d = succeed(new Failure(new RangeError(`succeed(failure) ${word}`)));
        return [new WeakRef(d)];
      })();
      await collectGarbage();

      expectCollected(gone);

      expect(reportsMentioning(reports, word)).to.have.length(0);
    });

    it('does not report a failed Deferred that is still referenced, and reports it once dropped', async () => {
      const reports = capture().reports;
      const word = uniqueWord('kept');
      let kept: Deferred<number> | null = fail<number>(new RangeError(`kept ${word}`));

      await collectGarbage();

      expect(kept.called).to.equal(true); // `kept` is still in use here
      expect(reportsMentioning(reports, word)).to.have.length(0);

      kept = null;
      await collectGarbage();

      expect(kept).to.equal(null);
      expect(reportsMentioning(reports, word)).to.have.length(1);
    });
  });

  describe('the handler', () => {
    it('setUnhandledErrorHandler replaces the handler and returns the previous one; with no argument it restores the default', () => {
      setUnhandledErrorHandler();
      const defaultHandler = getUnhandledErrorHandler();
      const mine: UnhandledErrorHandler = () => undefined;

      const previous = setUnhandledErrorHandler(mine);

      expect(previous).to.equal(defaultHandler);
      expect(getUnhandledErrorHandler()).to.equal(mine);
      expect(setUnhandledErrorHandler()).to.equal(mine);
      expect(getUnhandledErrorHandler()).to.equal(defaultHandler);
    });

    it('gives each report to the handler that was set', async () => {
      const received: UnhandledErrorReport[] = [];
      setUnhandledErrorHandler((report) => {
        received.push(report);
      });
      const word = uniqueWord('handler');

      dropFailingDeferred(word);
      await collectGarbage();

      expect(reportsMentioning(received, word)).to.have.length(1);
    });

    it('by default writes the report to the console', async () => {
      const consoleError = sinon.stub(console, 'error');
      setUnhandledErrorHandler();
      const word = uniqueWord('console');

      dropFailingDeferred(word);
      await collectGarbage();
      consoleError.restore();

      const written = consoleError.getCalls().map((call) => call.args.map(String).join(' '));
      const mine = written.filter((text) => text.includes(word));
      expect(mine).to.have.length(1);
      expect(mine[0]?.startsWith('Unhandled error in Deferred:')).to.equal(true);
    });

    it('still writes the report to the console when the handler throws', async () => {
      const consoleError = sinon.stub(console, 'error');
      setUnhandledErrorHandler(() => {
        throw new Error('broken handler');
      });
      const word = uniqueWord('broken handler');

      dropFailingDeferred(word);
      await collectGarbage();
      consoleError.restore();

      const written = consoleError.getCalls().map((call) => call.args.map(String).join(' '));
      const mine = written.filter((text) => text.includes(word));
      expect(mine).to.have.length(1);
      expect(mine[0]?.startsWith('Unhandled error in Deferred:')).to.equal(true);
    });
  });

  describe('captureUnhandledErrors', () => {
    it('flush(Type) returns and removes only the failures matching the type, oldest first', () => {
      const captured = capture();
      const range1 = new Failure(new RangeError('one'));
      const type1 = new Failure(new TypeError('two'));
      const range2 = new Failure(new RangeError('three'));
      reportUnhandledFailure(range1);
      reportUnhandledFailure(type1);
      reportUnhandledFailure(range2);

      expect(captured.flush(RangeError)).to.deep.equal([range1, range2]);
      expect(captured.reports.map((report) => report.failure)).to.deep.equal([type1]);
      expect(captured.flush(RangeError)).to.deep.equal([]);
      expect(captured.flush()).to.deep.equal([type1]);
      expect(captured.reports).to.have.length(0);
    });

    it('collects reports of garbage-collected Deferreds for flush()', async () => {
      const captured = capture();
      const word = uniqueWord('flush');

      dropFailingDeferred(word);
      await collectGarbage();

      const flushed = captured.flush(RangeError).filter((failure) => failure.getErrorMessage().includes(word));
      expect(flushed).to.have.length(1);
      expect(reportsMentioning(captured.reports, word)).to.have.length(0);
    });

    it('stop() puts back the handler that was in place before', () => {
      const before: UnhandledErrorHandler = () => undefined;
      setUnhandledErrorHandler(before);
      const captured = capture();
      expect(getUnhandledErrorHandler()).not.to.equal(before);

      captured.stop();

      expect(getUnhandledErrorHandler()).to.equal(before);
      captured.stop(); // a second stop() changes nothing
      expect(getUnhandledErrorHandler()).to.equal(before);
    });

    it('stops collecting after stop()', () => {
      const received: UnhandledErrorReport[] = [];
      setUnhandledErrorHandler((report) => {
        received.push(report);
      });
      const captured = capture();
      captured.stop();
      const failure = new Failure(new RangeError('after stop'));

      reportUnhandledFailure(failure);

      expect(captured.reports).to.have.length(0);
      expect(reportsOf(received, failure)).to.have.length(1);
    });
  });

  describe('whatever the error graph, a dropped failure is reported once and its Deferred collected (issue 9, item 1)', () => {
    /**
     * Runs `scenario` (which makes Deferreds, lets the ones it returns be dropped, and
     * throws its errors from inside callbacks, so that their unread stacks hold the
     * Deferreds' frames), collects, and checks: every returned Deferred was collected,
     * and exactly `reported` reports mention the word.
     */
    async function expectReportedOnceAndCollected(word: string, scenario: () => object[], reported = 1): Promise<void> {
      const reports = capture().reports;
      const refs = (() => scenario().map((d) => new WeakRef(d)))();
      await collectGarbage();
      await collectGarbage();
      expectCollected(refs);
      expect(reportsMentioning(reports, word)).to.have.length(reported);
    }

    it('an errback that throws a new Error with the failure as its `cause`', async () => {
      const word = uniqueWord('load failed');
      await expectReportedOnceAndCollected(word, () => {
        const d = new Deferred<string>();
        d.addCallback((text) => JSON.parse(text) as unknown);
        d.addErrback((failure) => {
          throw new Error(`load failed ${word}`, { cause: failure.value });
        });
        d.callback('{bad');
        return [d];
      });
    });

    it('a cancelled race: its FailureGroup holds the members\' CancelledErrors', async () => {
      const word = uniqueWord('race');
      const reports = capture().reports;
      const refs = (() => {
        const members = [new Deferred(), new Deferred()];
        const raced = race(members);
        raced.cancel();
        return [new WeakRef(raced), ...members.map((m) => new WeakRef(m))];
      })();
      await collectGarbage();
      await collectGarbage();
      expectCollected(refs);
      const groups = reports.filter((report) => report.failure.check(FailureGroup) !== undefined);
      expect(groups.length).to.be.at.least(1);
      void word;
    });

    it('an AggregateError thrown from a callback, holding errors thrown there too', async () => {
      const word = uniqueWord('aggregate');
      await expectReportedOnceAndCollected(word, () => {
        const d = new Deferred<number>();
        d.addCallback(() => {
          const errors: Error[] = [];
          for (const n of [1, 2]) {
            try {
              JSON.parse(`{bad ${n}`);
            } catch (error) {
              errors.push(error as Error);
            }
          }
          throw new AggregateError(errors, `all failed ${word}`);
        });
        d.callback(1);
        return [d];
      });
    });

    it('an inlineCallbacks generator that catches and re-throws with a `cause`', async () => {
      const word = uniqueWord('wrapped');
      await expectReportedOnceAndCollected(word, () => {
        const source = new Deferred<number>();
        source.addCallback(() => {
          throw new RangeError('inner');
        });
        const run = inlineCallbacks(function* () {
          try {
            yield source;
          } catch (error) {
            throw new Error(`wrapped ${word}`, { cause: error });
          }
        });
        const d = run();
        source.callback(1);
        return [d, source];
      });
    });

    it('a FirstError whose subFailure holds an error thrown in a member\'s callback', async () => {
      const word = uniqueWord('first error');
      await expectReportedOnceAndCollected(word, () => {
        const member = new Deferred<number>();
        member.addCallback(() => {
          throw new RangeError(`member failed ${word}`);
        });
        const list = new DeferredList([member], { fireOnOneErrback: true, consumeErrors: true });
        member.callback(1);
        return [list, member];
      });
    });

    it('errors that refer to each other in a cycle, and errors kept in plain objects and arrays', async () => {
      const word = uniqueWord('cycle');
      await expectReportedOnceAndCollected(word, () => {
        const d = new Deferred<number>();
        d.addCallback(() => {
          const first = new Error(`first ${word}`);
          const second = new Error('second', { cause: first });
          (first as Error & { cause?: unknown }).cause = second;
          const third = new TypeError('third');
          throw Object.assign(new Error(`outer ${word}`), { details: { errors: [second, third] } });
        });
        d.callback(1);
        return [d];
      });
    });

    it('a failure handed on down a chainDeferred link is reported for the Deferred left holding it', async () => {
      const word = uniqueWord('linked');
      await expectReportedOnceAndCollected(word, () => {
        const source = new Deferred<number>();
        const target = new Deferred<number>();
        source.chainDeferred(target);
        source.addCallback(() => {
          throw new Error(`after the link ${word}`, { cause: new RangeError('inner') });
        });
        source.errback(new RangeError('handed on'));
        target.addErrback(() => undefined);
        return [source, target];
      });
    });

    it('a failure handled within the same job costs no report, and its Deferred is collected', async () => {
      const word = uniqueWord('handled at once');
      await expectReportedOnceAndCollected(word, () => {
        const d = fail(new Error(`handled ${word}`));
        d.addErrback(() => undefined);
        return [d];
      }, 0);
    });
  });

  describe('stopping several logs (issue 9, item 2)', () => {
    const application: UnhandledErrorHandler = () => undefined;

    it('stopped in the order they were started, they leave the handler from before the first', () => {
      setUnhandledErrorHandler(application);
      const outer = captureUnhandledErrors();
      const inner = captureUnhandledErrors();
      outer.stop();
      inner.stop();
      expect(getUnhandledErrorHandler()).to.equal(application);
    });

    it('stopped in the reverse order, they leave the handler from before the first', () => {
      setUnhandledErrorHandler(application);
      const outer = captureUnhandledErrors();
      const inner = captureUnhandledErrors();
      inner.stop();
      outer.stop();
      expect(getUnhandledErrorHandler()).to.equal(application);
    });

    it('three logs stopped middle, first, last leave the handler from before the first', () => {
      setUnhandledErrorHandler(application);
      const first = captureUnhandledErrors();
      const middle = captureUnhandledErrors();
      const last = captureUnhandledErrors();
      middle.stop();
      first.stop();
      expect(getUnhandledErrorHandler()).not.to.equal(application); // `last` still collects
      last.stop();
      expect(getUnhandledErrorHandler()).to.equal(application);
    });

    it('after the outer one stops, reports still reach the inner one, and then the application', () => {
      const received: Failure[] = [];
      setUnhandledErrorHandler((report) => {
        received.push(report.failure);
      });
      const outer = captureUnhandledErrors();
      const inner = captureUnhandledErrors();
      outer.stop();
      const first = new Failure(new RangeError('while inner collects'));
      reportUnhandledFailure(first);
      expect(inner.reports.map((report) => report.failure)).to.deep.equal([first]);
      inner.stop();
      const second = new Failure(new RangeError('after both stopped'));
      reportUnhandledFailure(second);
      expect(received).to.deep.equal([second]);
      expect(outer.reports).to.have.length(0);
    });
  });

  describe('reporting something that is not a Failure (issue 9, item 3)', () => {
    it('logError given an Error reports a Failure wrapping it, with its message, and returns that Failure', () => {
      const captured = capture();
      const error = new RangeError('not wrapped by the caller');
      const returned = logError(error as unknown as Failure);
      expect(returned).to.be.instanceOf(Failure);
      expect(returned.value).to.equal(error);
      expect(captured.reports).to.have.length(1);
      expect(captured.reports[0]?.heading).to.equal('Unhandled Error');
      expect(captured.reports[0]?.message).to.include('RangeError: not wrapped by the caller');
    });

    it('logFailure given an Error keeps the heading and the message, and flush(RangeError) finds it', () => {
      const captured = capture();
      logFailure(new RangeError('raw error'), 'Something the library caught');
      expect(captured.reports[0]?.heading).to.equal('Something the library caught');
      expect(captured.reports[0]?.message).to.match(/^Something the library caught\n/);
      expect(captured.reports[0]?.message).to.include('RangeError: raw error');
      expect(captured.flush(RangeError)).to.have.length(1);
    });

    it('reportUnhandledFailure given an Error reports it with its message', () => {
      const captured = capture();
      reportUnhandledFailure(new TypeError('raw type error'));
      expect(captured.reports[0]?.message).to.include('TypeError: raw type error');
      expect(captured.flush(TypeError)).to.have.length(1);
    });

    it('logFailure refuses a heading that is not a string, naming it', () => {
      expect(() => {
        logFailure(new Failure(new Error('x')), 42 as unknown as string);
      }).to.throw(TypeError, 'logFailure: `heading` must be a string, got number 42');
    });

    it('reportUnhandledFailure refuses debug info that is not a string, naming it', () => {
      expect(() => {
        reportUnhandledFailure(new Failure(new Error('x')), {} as unknown as string);
      }).to.throw(TypeError, 'reportUnhandledFailure: `debugInfo` must be a string');
    });
  });
});
