/**
 * strictChainDeferred, beside the faithful chainDeferred, on the five examples of
 * "Twisted's Deferred class chainDeferred method is too simplistic?". For each example,
 * the first `it` shows the faithful behaviour (backed by the line with the same label in
 * spec/oracle/patterns_chain_deferred.out, printed by stock Twisted 22.4) and the
 * next ones the strict behaviour.
 */
import { expect } from 'chai';
import {
  AlreadyCalledError,
  AlreadyChainedError,
  CancelledError,
  Deferred,
  Failure,
  NoCurrentExceptionError,
  strictChainDeferred,
} from '../../src/index.js';
import { assertNoResult, failureResultOf, successResultOf, unhandledAfter } from '../support/helpers.js';

/** A Deferred whose canceller writes `line` to `log` (and does not fire it). */
function withCanceller(log: string[], line: string): Deferred<string> {
  return new Deferred<string>(() => {
    log.push(line);
  });
}

describe('strictChainDeferred', () => {
  describe('1. boom1: the target is cancelled, then the source fires', () => {
    function boom1(chain: (d1: Deferred<string>, d2: Deferred<string>) => unknown): { log: string[]; d1: Deferred<string>; d2: Deferred<string> } {
      const log: string[] = [];
      const d1 = new Deferred<string>();
      const d2 = withCanceller(log, 'cancelling');
      d2.addErrback(() => {
        log.push('cancelled');
      });
      chain(d1, d2);
      d2.cancel();
      d1.callback('hey');
      return { log, d1, d2 };
    }

    it('boom1: firing the source after cancelling the target fails the source with AlreadyCalledError', () => {
      const { log, d1 } = boom1((d1, d2) => d1.chainDeferred(d2));
      expect(log).to.deep.equal(['cancelling', 'cancelled']);
      failureResultOf(d1, AlreadyCalledError);
    });

    it('strict: the cancelled target is skipped, and the source keeps its value', () => {
      const { log, d1 } = boom1((d1, d2) => strictChainDeferred(d1, d2));
      expect(log).to.deep.equal(['cancelling', 'cancelled']);
      expect(successResultOf(d1)).to.equal('hey');
    });
  });

  describe('2. boom2: the target is fired directly, then the source fires', () => {
    it("boom2: firing the target directly is accepted, and the source's firing then fails with AlreadyCalledError", () => {
      const d1 = new Deferred<string>();
      const d2 = new Deferred<string>();
      d1.chainDeferred(d2);
      d2.callback('direct');
      d1.callback('hey');
      expect(successResultOf(d2)).to.equal('direct');
      failureResultOf(d1, AlreadyCalledError);
    });

    it('strict: firing the target directly is refused at once with AlreadyChainedError, and the source then feeds it', () => {
      const d1 = new Deferred<string>();
      const d2 = new Deferred<string>();
      strictChainDeferred(d1, d2);
      expect(() => d2.callback('direct')).to.throw(AlreadyChainedError, 'cannot be fired directly');
      expect(() => d2.errback(new RangeError('direct'))).to.throw(AlreadyChainedError);
      assertNoResult(d2);
      d1.callback('hey');
      expect(successResultOf(d2)).to.equal('hey');
      expect(successResultOf(d1)).to.equal('hey');
    });

    it('strict: once the target has fired, firing it again is the usual AlreadyCalledError', () => {
      const d1 = new Deferred<string>();
      const d2 = new Deferred<string>();
      strictChainDeferred(d1, d2);
      d1.callback('hey');
      expect(() => d2.callback('again')).to.throw(AlreadyCalledError);
    });

    it('strict: errback with no argument (from JavaScript) on a target still throws NoCurrentExceptionError once it has fired', () => {
      const d1 = new Deferred<string>();
      const d2 = new Deferred<string>();
      strictChainDeferred(d1, d2);
      d1.callback('hey');
      expect(() => {
        (d2 as unknown as { errback(): void }).errback();
      }).to.throw(NoCurrentExceptionError);
    });
  });

  describe('3. uncalled: the source is cancelled', () => {
    function uncalled(chain: (d1: Deferred<string>, d2: Deferred<string>) => unknown): { log: string[]; d2: Deferred<string> } {
      const log: string[] = [];
      const d1 = withCanceller(log, 'cancel one');
      d1.addErrback((failure: Failure, which: string) => {
        log.push(`cancelled ${which}`);
      }, 'one');
      const d2 = withCanceller(log, 'cancel two');
      d2.addErrback((failure: Failure, which: string) => {
        log.push(`cancelled ${which}`);
      }, 'two');
      chain(d1, d2);
      d1.cancel();
      d2.cancel();
      return { log, d2 };
    }

    it("uncalled: cancelling the source never runs the target's canceller; the target gets what the source's chain made of it", () => {
      const { log, d2 } = uncalled((d1, d2) => d1.chainDeferred(d2));
      expect(log).to.deep.equal(['cancel one', 'cancelled one']);
      expect(successResultOf(d2)).to.equal(undefined);
    });

    it("strict: cancelling the source cancels the target, so both cancellers run; the later d2.cancel() does nothing", () => {
      const { log } = uncalled((d1, d2) => strictChainDeferred(d1, d2));
      expect(log).to.deep.equal(['cancel one', 'cancelled one', 'cancel two', 'cancelled two']);
    });

    it('strict: a target without an errback fails with CancelledError when the source is cancelled', () => {
      const d1 = new Deferred<string>();
      const d2 = new Deferred<string>();
      strictChainDeferred(d1, d2);
      d1.cancel();
      failureResultOf(d2, CancelledError);
      failureResultOf(d1, CancelledError);
    });

    it('strict: cancelling a source that waits on another Deferred cancels the target too', () => {
      const inner = new Deferred<string>();
      const d1 = new Deferred<string>();
      d1.addCallback(() => inner);
      const log: string[] = [];
      const d2 = withCanceller(log, 'cancel two');
      strictChainDeferred(d1, d2);
      d1.callback('start');
      d1.cancel();
      expect(log).to.deep.equal(['cancel two']);
      failureResultOf(d2, CancelledError);
      expect(inner.called).to.equal(true);
    });

    it('strict: cancelling a source that already has its result changes nothing', () => {
      const d1 = new Deferred<string>();
      d1.callback('hey');
      d1.pause();
      const d2 = new Deferred<string>();
      strictChainDeferred(d1, d2);
      d1.cancel();
      d1.unpause();
      expect(successResultOf(d2)).to.equal('hey');
    });

    it('strict: cancellation goes down a strict chain of three', () => {
      const log: string[] = [];
      const d1 = withCanceller(log, 'one');
      const d2 = withCanceller(log, 'two');
      const d3 = withCanceller(log, 'three');
      strictChainDeferred(d1, d2);
      strictChainDeferred(d2, d3);
      d1.cancel();
      expect(log).to.deep.equal(['one', 'two', 'three']);
      failureResultOf(d3, CancelledError);
      d1.addErrback(() => undefined);
      d2.addErrback(() => undefined);
    });
  });

  describe('4. unexpected1: a callback added to the source after chaining', () => {
    it('unexpected1: the source\'s later callbacks see None', () => {
      const log: string[] = [];
      const d1 = new Deferred<string>();
      const d2 = new Deferred<string>();
      d1.chainDeferred(d2);
      d1.addCallback((r) => log.push(`called: ${String(r)}`));
      d1.callback('hey');
      expect(log).to.deep.equal(['called: undefined']);
    });

    it("strict: the source's later callbacks see the value", () => {
      const log: string[] = [];
      const d1 = new Deferred<string>();
      const d2 = new Deferred<string>();
      strictChainDeferred(d1, d2);
      d1.addCallback((r) => log.push(`called: ${r}`));
      d1.callback('hey');
      expect(log).to.deep.equal(['called: hey']);
      expect(successResultOf(d2)).to.equal('hey');
    });

    it('strict: returns the source, typed with its value', () => {
      const d1 = new Deferred<string>();
      const returned: Deferred<string> = strictChainDeferred(d1, new Deferred<string>());
      expect(returned).to.equal(d1);
    });
  });

  describe('5. unexpected2: one source chained to two targets', () => {
    function unexpected2(chain: (d1: Deferred<string>, target: Deferred<string>) => unknown): string[] {
      const log: string[] = [];
      const d1 = new Deferred<string>();
      const d2 = new Deferred<string>().addCallback((r) => {
        log.push(`called 2: ${String(r)}`);
      });
      const d3 = new Deferred<string>().addCallback((r) => {
        log.push(`called 3: ${String(r)}`);
      });
      chain(d1, d2 as unknown as Deferred<string>);
      chain(d1, d3 as unknown as Deferred<string>);
      d1.callback('hey');
      return log;
    }

    it('unexpected2: the second target gets None', () => {
      expect(unexpected2((d1, target) => d1.chainDeferred(target))).to.deep.equal(['called 2: hey', 'called 3: undefined']);
    });

    it('strict: both targets get the value', () => {
      expect(unexpected2((d1, target) => strictChainDeferred(d1, target))).to.deep.equal(['called 2: hey', 'called 3: hey']);
    });
  });

  describe('failures', () => {
    it('a failure goes to the target, and the source goes on with None', () => {
      const d1 = new Deferred<string>();
      const d2 = new Deferred<string>();
      d1.chainDeferred(d2);
      const failure = new Failure(new RangeError('bad'));
      d1.errback(failure);
      expect(failureResultOf(d2, RangeError)).to.equal(failure);
      expect(successResultOf(d1)).to.equal(undefined);
    });

    it("strict: the target gets the failure, and the source's errbacks added before it arrived see it too", () => {
      const d1 = new Deferred<string>();
      const d2 = new Deferred<string>();
      strictChainDeferred(d1, d2);
      const seen: Failure[] = [];
      d1.addErrback((f) => {
        seen.push(f);
        return f;
      });
      const failure = new Failure(new RangeError('bad'));
      d1.errback(failure);
      expect(seen).to.deep.equal([failure]);
      expect(failureResultOf(d2, RangeError)).to.equal(failure);
    });

    it('strict: the target owns the failure: callbacks added to the source after it arrived see undefined', () => {
      const d1 = new Deferred<string>();
      const d2 = new Deferred<string>();
      strictChainDeferred(d1, d2);
      const failure = new Failure(new RangeError('bad'));
      d1.errback(failure);
      expect(successResultOf(d1)).to.equal(undefined);
      expect(failureResultOf(d2, RangeError)).to.equal(failure);
    });

    it('strict: when the target handles the failure, the source may handle it too', () => {
      const d1 = new Deferred<string>();
      const d2 = new Deferred<string>();
      strictChainDeferred(d1, d2);
      const handled: string[] = [];
      d2.addErrback((f) => {
        handled.push(`target: ${f.getErrorMessage()}`);
      });
      d1.addErrback((f) => {
        handled.push(`source: ${f.getErrorMessage()}`);
      });
      d1.errback(new RangeError('bad'));
      expect(handled).to.deep.equal(['target: bad', 'source: bad']);
    });

    describe('unhandled', () => {
      class Shared extends Error {}

      it('the faithful chainDeferred: a failure nobody handles is reported once (the source goes on with None)', async () => {
        const reports = await unhandledAfter(() => {
          const d1 = new Deferred<string>();
          d1.chainDeferred(new Deferred<string>());
          d1.errback(new Shared('once'));
        }, Shared);
        expect(reports).to.have.length(1);
      });

      it('strict: a failure passed to two chains (source and target) that neither handles is reported once', async () => {
        const reports = await unhandledAfter(() => {
          const d1 = new Deferred<string>();
          strictChainDeferred(d1, new Deferred<string>());
          d1.errback(new Shared('once'));
        }, Shared);
        expect(reports).to.have.length(1);
      });

      it('strict: a failure passed to a source and two targets, none handling it, is reported once', async () => {
        const reports = await unhandledAfter(() => {
          const d1 = new Deferred<string>();
          strictChainDeferred(d1, new Deferred<string>());
          strictChainDeferred(d1, new Deferred<string>());
          d1.errback(new Shared('once'));
        }, Shared);
        expect(reports).to.have.length(1);
      });

      it('strict: a failure handled on the target and left on the source is not reported', async () => {
        const reports = await unhandledAfter(() => {
          const d1 = new Deferred<string>();
          const d2 = new Deferred<string>();
          d2.addErrback(() => undefined);
          strictChainDeferred(d1, d2);
          d1.errback(new Shared('handled by the target'));
        }, Shared);
        expect(reports).to.have.length(0);
      });

      it('strict: a failure handled on the source and left on the target is reported once, by the target', async () => {
        const reports = await unhandledAfter(() => {
          const d1 = new Deferred<string>();
          strictChainDeferred(d1, new Deferred<string>());
          d1.addErrback(() => undefined);
          d1.errback(new Shared('the target left it'));
        }, Shared);
        expect(reports).to.have.length(1);
      });

      it('strict: a failure handled on every chain is not reported', async () => {
        const reports = await unhandledAfter(() => {
          const d1 = new Deferred<string>();
          const d2 = new Deferred<string>();
          strictChainDeferred(d1, d2);
          d1.errback(new Shared('handled twice'));
          d1.addErrback(() => undefined);
          d2.addErrback(() => undefined);
        }, Shared);
        expect(reports).to.have.length(0);
      });
    });
  });

  describe('refusals', () => {
    it('a target that has already fired is refused with AlreadyCalledError', () => {
      const d2 = new Deferred<string>();
      d2.callback('already');
      expect(() => strictChainDeferred(new Deferred<string>(), d2)).to.throw(AlreadyCalledError, '`target` has already fired');
    });

    it('a target another strict chain already feeds is refused with AlreadyChainedError', () => {
      const d2 = new Deferred<string>();
      strictChainDeferred(new Deferred<string>(), d2);
      expect(() => strictChainDeferred(new Deferred<string>(), d2)).to.throw(AlreadyChainedError, 'already the target of another strict chain');
    });

    it('a Deferred chained to itself is refused with a TypeError', () => {
      const d = new Deferred<string>();
      expect(() => strictChainDeferred(d, d)).to.throw(TypeError, 'the same Deferred');
    });

    it('a source or target that is not a Deferred is refused with a TypeError naming it and the value', () => {
      expect(() => strictChainDeferred(7 as never, new Deferred())).to.throw(TypeError, '`source` must be a Deferred, got number 7');
      expect(() => strictChainDeferred(new Deferred(), Promise.resolve() as never)).to.throw(TypeError, '`target` must be a Deferred, got object');
    });

    it("the wrappers stay out of the target's enumerable keys", () => {
      const d2 = new Deferred<string>();
      strictChainDeferred(new Deferred<string>(), d2);
      expect(Object.keys(d2)).to.deep.equal([]);
    });

    it('a source that has already fired feeds the target at once', () => {
      const d1 = new Deferred<number>();
      d1.callback(5);
      const d2 = new Deferred<number>();
      strictChainDeferred(d1, d2);
      expect(successResultOf(d2)).to.equal(5);
    });
  });
});
