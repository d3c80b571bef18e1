/**
 * Cancellation: Deferred.cancel() with and without a canceller, on fired, paused and
 * waiting Deferreds. Ports Twisted's DeferredCancellerTests and the probed facts of
 * reference sections C.1-C.6. Twisted's output for the same cases: spec/oracle/canceller.py.
 */
import { expect } from 'chai';
import sinon from 'sinon';
import { AlreadyCalledError, CancelledError, Deferred, Failure } from '../../src/index.js';
import { assertNoResult, failureResultOf, successResultOf } from '../support/helpers.js';

class GenericError extends Error {}

/** Runs `fn` and says which error class it threw, or 'nothing'. */
function thrownBy(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).constructor.name;
  }
  return 'nothing';
}

describe('DeferredCancellerTests', () => {
  describe('without a canceller', () => {
    it('fails with CancelledError and never calls the callback', () => {
      const d = new Deferred<string>();
      const callback = sinon.spy();
      const errback = sinon.spy((_failure: Failure) => undefined);
      d.addCallbacks(callback, errback);

      d.cancel();

      expect(callback.called).to.equal(false);
      expect(errback.calledOnce).to.equal(true);
      const failure = errback.firstCall.args[0];
      expect(failure).to.be.instanceOf(Failure);
      expect(failure.check(CancelledError)).to.equal(CancelledError);
    });

    it('swallows one late callback, then throws AlreadyCalledError on callback and on errback', () => {
      const d = new Deferred<string>();
      d.cancel();

      expect(thrownBy(() => d.callback('late'))).to.equal('nothing');
      expect(() => d.callback('again')).to.throw(AlreadyCalledError);
      expect(() => d.errback(new GenericError())).to.throw(AlreadyCalledError);
      failureResultOf(d, CancelledError);
    });

    it('swallows one late errback, then throws AlreadyCalledError on callback and on errback', () => {
      const d = new Deferred<string>();
      d.cancel();

      expect(thrownBy(() => d.errback(new GenericError()))).to.equal('nothing');
      expect(() => d.callback('again')).to.throw(AlreadyCalledError);
      expect(() => d.errback(new GenericError())).to.throw(AlreadyCalledError);
      failureResultOf(d, CancelledError);
    });

    it('ignores a second cancel: the result is the same Failure object', () => {
      const d = new Deferred<string>();
      d.cancel();
      const first = d.result;

      d.cancel();

      expect(d.result).to.equal(first);
      failureResultOf(d, CancelledError);
    });

    it('ignores a cancel after the swallowed late callback: same Failure object', () => {
      const d = new Deferred<string>();
      d.cancel();
      const first = d.result;
      d.callback('late');

      d.cancel();

      expect(d.result).to.equal(first);
      failureResultOf(d, CancelledError);
    });

    it('ignores a cancel after the swallowed late errback: the CancelledError stays, same Failure object', () => {
      const d = new Deferred<string>();
      d.cancel();
      const first = d.result;
      d.errback(new GenericError());

      d.cancel();

      expect(d.result).to.equal(first);
      failureResultOf(d, CancelledError);
    });

    it('swallows a callback() made re-entrantly from the CancelledError errbacks (the flag is set before they run)', () => {
      const d = new Deferred<string>();
      const reentrant: string[] = [];
      d.addErrback(() => {
        reentrant.push(thrownBy(() => d.callback('from inside the errback')));
        return undefined;
      });

      d.cancel();

      expect(reentrant).to.deep.equal(['nothing']);
      // The swallow was used up by the re-entrant call: the next one throws.
      expect(() => d.callback('later')).to.throw(AlreadyCalledError);
    });
  });

  describe('with a canceller', () => {
    it('calls the canceller once, with the Deferred being cancelled', () => {
      const canceller = sinon.spy((_d: Deferred<string>) => undefined);
      const d = new Deferred<string>(canceller);

      d.cancel();
      d.cancel();

      expect(canceller.callCount).to.equal(1);
      expect(canceller.firstCall.args[0]).to.equal(d);
      failureResultOf(d, CancelledError);
    });

    it('fails with CancelledError when the canceller does not fire it; later callback and errback throw (no swallowing)', () => {
      const canceller = sinon.spy();
      const d = new Deferred<string>(canceller);

      d.cancel();

      expect(canceller.calledOnce).to.equal(true);
      expect(() => d.callback('late')).to.throw(AlreadyCalledError);
      expect(() => d.errback(new GenericError())).to.throw(AlreadyCalledError);
      failureResultOf(d, CancelledError);
    });

    it('lets a canceller that calls back decide the outcome: success, no CancelledError', () => {
      const d = new Deferred<string>((self) => self.callback('hello!'));

      d.cancel();

      expect(successResultOf(d)).to.equal('hello!');
    });

    it('lets a canceller that errbacks decide the outcome: its failure, no CancelledError', () => {
      const d = new Deferred<string>((self) => self.errback(new GenericError('from the canceller')));

      d.cancel();

      const failure = failureResultOf(d);
      expect(failure.check(GenericError)).to.equal(GenericError);
      expect(failure.check(CancelledError)).to.equal(undefined);
    });

    it('does nothing to a Deferred that has called back, and does not call the canceller', () => {
      const canceller = sinon.spy();
      const d = new Deferred<string>(canceller);
      d.callback('biff!');

      d.cancel();

      expect(canceller.called).to.equal(false);
      expect(successResultOf(d)).to.equal('biff!');
    });

    it('does nothing to a Deferred that has errbacked, and does not call the canceller', () => {
      const canceller = sinon.spy();
      const d = new Deferred<string>(canceller);
      d.errback(new GenericError());

      d.cancel();

      expect(canceller.called).to.equal(false);
      failureResultOf(d, GenericError);
    });

    it('never calls the canceller after the Deferred has fired, however often cancel() is called', () => {
      const canceller = sinon.spy();
      const d = new Deferred<number>(canceller);
      d.callback(1);

      d.cancel();
      d.cancel();

      expect(canceller.called).to.equal(false);
      expect(successResultOf(d)).to.equal(1);
    });

    it('lets an exception thrown by the canceller propagate out of cancel(), leaving the Deferred unfired (Twisted #9534)', () => {
      const d = new Deferred<string>(() => {
        throw new GenericError('canceller broke');
      });

      expect(() => d.cancel()).to.throw(GenericError, 'canceller broke');

      expect(d.called).to.equal(false);
      assertNoResult(d);
      // Unfired, and nothing is swallowed: the producer's callback goes through.
      d.callback('ok');
      expect(successResultOf(d)).to.equal('ok');
    });
  });

  describe('a Deferred waiting on an inner Deferred', () => {
    it('cancels the inner one: the outer canceller is never called, the inner one once, the outer gets the inner CancelledError', () => {
      const outerCanceller = sinon.spy();
      const innerCanceller = sinon.spy();
      const inner = new Deferred<string>(innerCanceller);
      const innerFailures: Failure[] = [];
      inner.addErrback((failure) => {
        innerFailures.push(failure);
        return failure;
      });
      const outer = new Deferred<null>(outerCanceller);
      outer.addCallback(() => inner);
      outer.callback(null);

      outer.cancel();

      expect(outerCanceller.called).to.equal(false);
      expect(innerCanceller.callCount).to.equal(1);
      expect(innerFailures).to.have.length(1);
      expect(outer.result).to.equal(innerFailures[0]);
      expect(inner.result).to.equal(undefined);
      failureResultOf(outer, CancelledError);
    });

    it('succeeds with the value an inner canceller calls back with', () => {
      const inner = new Deferred<string>((self) => self.callback('from inner canceller'));
      const outer = new Deferred<null>();
      outer.addCallback(() => inner);
      outer.callback(null);

      outer.cancel();

      expect(successResultOf(outer)).to.equal('from inner canceller');
    });
  });

  describe('paused Deferreds', () => {
    it('unfired and paused: the canceller runs and CancelledError is stored, but callbacks run only at unpause()', () => {
      const canceller = sinon.spy();
      const seen: unknown[] = [];
      const d = new Deferred<string>(canceller);
      d.addBoth((result) => {
        seen.push(result);
        return undefined;
      });
      d.pause();

      d.cancel();

      expect(canceller.callCount).to.equal(1);
      expect(d.called).to.equal(true);
      expect(d.result).to.be.instanceOf(Failure);
      expect((d.result as Failure).check(CancelledError)).to.equal(CancelledError);
      expect(seen).to.have.length(0);

      d.unpause();

      expect(seen).to.have.length(1);
      expect((seen[0] as Failure).check(CancelledError)).to.equal(CancelledError);
    });

    it('fired and paused by the user: cancel() does nothing and does not call the canceller', () => {
      const canceller = sinon.spy();
      const d = new Deferred<string>(canceller);
      d.callback('value');
      d.pause();

      d.cancel();

      expect(canceller.called).to.equal(false);
      expect(d.result).to.equal('value');
      d.unpause();
      expect(successResultOf(d)).to.equal('value');
    });
  });
});
