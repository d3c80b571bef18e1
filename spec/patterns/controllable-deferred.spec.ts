/**
 * ControllableDeferred, from "Yet another cancelable Twisted deferred class". Each
 * `it` under "the post's behaviour" is backed by the line with the same label in
 * spec/oracle/patterns_controllable_deferred.out (the post's class on Twisted 22.4).
 */
import { expect } from 'chai';
import {
  CancelledError,
  Clock,
  ControllableDeferred,
  Deferred,
  deferLater,
  Failure,
  inlineCallbacks,
  isDeferred,
  NoCurrentExceptionError,
  race,
  TimeoutError,
} from '../../src/index.js';
import { assertNoResult, failureResultOf, successResultOf, unhandledAfter } from '../support/helpers.js';

/** An original Deferred whose canceller notes in `log` that it ran (and does not fire it). */
function noting(log: string[]): Deferred<string> {
  return new Deferred<string>(() => {
    log.push("original's canceller ran");
  });
}

describe('ControllableDeferred', () => {
  describe("the post's behaviour", () => {
    it("callback fires it with the holder's value", () => {
      const c = new ControllableDeferred(new Deferred<string>());
      c.callback("holder's value");
      expect(successResultOf(c)).to.equal("holder's value");
    });

    it('after the holder fires it, the original is cancelled', () => {
      const log: string[] = [];
      const c = new ControllableDeferred(noting(log));
      c.callback("holder's value");
      expect(log).to.deep.equal(["original's canceller ran"]);
    });

    it("the original's late result is ignored", () => {
      const original = new Deferred<string>();
      const c = new ControllableDeferred(original);
      c.callback("holder's value");
      original.callback('late value');
      expect(successResultOf(c)).to.equal("holder's value");
    });

    it("errback fails it with the holder's error", () => {
      const error = new RangeError("holder's error");
      const c = new ControllableDeferred(new Deferred<string>());
      c.errback(new Failure(error));
      expect(failureResultOf(c, RangeError).value).to.equal(error);
    });

    it('cancel fails it with CancelledError and cancels the original', () => {
      const log: string[] = [];
      const c = new ControllableDeferred(noting(log));
      c.cancel();
      failureResultOf(c, CancelledError);
      expect(log).to.deep.equal(["original's canceller ran"]);
    });

    it('if the original fires first, its value passes through', () => {
      const original = new Deferred<string>();
      const c = new ControllableDeferred(original);
      original.callback("original's value");
      expect(successResultOf(c)).to.equal("original's value");
    });

    it('if the original fails first, its failure passes through', () => {
      const original = new Deferred<string>();
      const c = new ControllableDeferred(original);
      const failure = new Failure(new TypeError("original's error"));
      original.errback(failure);
      expect(failureResultOf(c, TypeError)).to.equal(failure);
    });

    it("the holder's calls after the original fired are ignored", () => {
      const original = new Deferred<string>();
      const c = new ControllableDeferred(original);
      original.callback("original's value");
      c.callback("holder's value");
      c.errback(new RangeError('ignored'));
      c.cancel();
      expect(successResultOf(c)).to.equal("original's value");
    });

    it('pause and unpause hold the callbacks back', () => {
      const c = new ControllableDeferred(new Deferred<string>());
      const seen: string[] = [];
      c.addCallback((value) => {
        seen.push(value);
      });
      c.pause();
      c.callback('held');
      expect(seen).to.deep.equal([]);
      c.unpause();
      expect(seen).to.deep.equal(['held']);
    });
  });

  describe('txdefer only', () => {
    it('errback wraps a value that is not a Failure, as Deferred.errback does', () => {
      const c = new ControllableDeferred(new Deferred<string>());
      const error = new RangeError('plain');
      c.errback(error);
      expect(failureResultOf(c, RangeError).value).to.equal(error);
    });

    it('a second holder call is ignored, not an AlreadyCalledError', () => {
      const c = new ControllableDeferred(new Deferred<string>());
      c.callback('first');
      expect(() => c.callback('second')).not.to.throw();
      expect(successResultOf(c)).to.equal('first');
    });

    it('the original is cancelled after the holder\'s callbacks have run', () => {
      const log: string[] = [];
      const c = new ControllableDeferred(noting(log));
      c.addCallback((value) => {
        log.push(`holder's callback got ${value}`);
      });
      c.callback('v');
      expect(log).to.deep.equal(["holder's callback got v", "original's canceller ran"]);
    });

    it("the original's result is taken: its later callbacks see undefined", () => {
      const original = new Deferred<string>();
      const c = new ControllableDeferred(original);
      original.callback('v');
      const later: unknown[] = [];
      original.addCallback((r) => later.push(r));
      expect(later).to.deep.equal([undefined]);
      expect(successResultOf(c)).to.equal('v');
    });

    it("the original's late failure, after the holder fired, is not reported", async () => {
      class Late extends Error {}
      const reports = await unhandledAfter(() => {
        const holder = new ControllableDeferred(new Deferred<string>((original) => original.errback(new Late('too late'))));
        holder.callback('decided');
        successResultOf(holder);
      }, Late);
      expect(reports).to.have.length(0);
    });

    it('a failure of the original that nobody handles is reported once, by the ControllableDeferred', async () => {
      class Unhandled extends Error {}
      const reports = await unhandledAfter(() => {
        const original = new Deferred<string>();
        new ControllableDeferred(original);
        original.errback(new Unhandled('nobody listens'));
      }, Unhandled);
      expect(reports).to.have.length(1);
    });

    it('made from an original that has already fired, it has that result at once', () => {
      const original = new Deferred<number>();
      original.callback(7);
      expect(successResultOf(new ControllableDeferred(original))).to.equal(7);
    });

    it('cancelling it once fired cancels a Deferred it is waiting on, as Deferred.cancel does', () => {
      const inner = new Deferred<string>();
      const c = new ControllableDeferred(new Deferred<string>());
      c.addCallback(() => inner);
      c.callback('go');
      c.cancel();
      expect(inner.called).to.equal(true);
      failureResultOf(c, CancelledError);
    });

    it('is a Deferred: it can be yielded in inlineCallbacks', () => {
      const c = new ControllableDeferred(new Deferred<string>());
      const run = inlineCallbacks(function* () {
        const value: string = yield c;
        return `got ${value}`;
      })();
      c.callback('x');
      expect(isDeferred(c)).to.equal(true);
      expect(successResultOf(run)).to.equal('got x');
    });

    it('is a Deferred: race cancelling it cancels the original', () => {
      const log: string[] = [];
      const c = new ControllableDeferred(noting(log));
      const winner = new Deferred<string>();
      const d = race([c, winner]);
      winner.callback('won');
      expect(successResultOf(d)).to.deep.equal([1, 'won']);
      expect(log).to.deep.equal(["original's canceller ran"]);
    });

    it('a timeout on a Clock cancels the original and fails it with TimeoutError; nothing is left on the clock', () => {
      const clock = new Clock();
      const original = deferLater(clock, 10, () => 'slow');
      const c = new ControllableDeferred(original).addTimeout(5, clock);
      clock.advance(5);
      failureResultOf(c, TimeoutError);
      expect(original.called).to.equal(true);
      expect(clock.getDelayedCalls()).to.deep.equal([]);
    });

    it('firing it before a deferLater original is due removes the original\'s timer from the clock', () => {
      const clock = new Clock();
      const original = deferLater(clock, 10, () => 'slow');
      const c = new ControllableDeferred(original);
      c.callback('now');
      expect(clock.getDelayedCalls()).to.deep.equal([]);
      expect(successResultOf(c)).to.equal('now');
    });

    it('the original it stands in for is readable', () => {
      const original = new Deferred<string>();
      expect(new ControllableDeferred(original).original).to.equal(original);
    });

    it('refuses an original that is not a Deferred, with a TypeError naming it and the value', () => {
      expect(() => new ControllableDeferred(Promise.resolve(1) as never)).to.throw(TypeError, '`original` must be a Deferred, got object');
    });

    it('callback refuses a Deferred, and stays unfired', () => {
      const c = new ControllableDeferred(new Deferred<unknown>());
      expect(() => c.callback(new Deferred())).to.throw(TypeError, 'was given a Deferred');
      assertNoResult(c);
    });

    it('errback with no argument (from JavaScript) throws NoCurrentExceptionError and stays unfired', () => {
      const c = new ControllableDeferred(new Deferred<unknown>());
      expect(() => {
        (c as unknown as { errback(): void }).errback();
      }).to.throw(NoCurrentExceptionError);
      assertNoResult(c);
    });
  });
});
