/**
 * Ready-made Deferreds: succeed, fail and maybeDeferred, from Twisted's DeferredTests
 * (reference G.1; rules in A.1 and E.6).
 *
 * Each `it` is backed by the line with the same label in spec/oracle/ready-made.out,
 * printed by real Twisted.
 */
import { expect } from 'chai';
import { Deferred, fail, Failure, maybeDeferred, succeed } from '../../src/index.js';

class GenericError extends Error {
  override name = 'GenericError';
}
class ValueError extends Error {
  override name = 'ValueError';
}

/** What a Deferred holds now, without consuming it (as the oracle prints it). */
function outcome(d: Deferred<unknown>): unknown {
  if (!d.called) return 'no result';
  const result = d.result;
  if (result instanceof Failure) return `Failure(${(result.type as { name: string }).name}: ${result.getErrorMessage()})`;
  return result;
}

describe('DeferredTests: ready-made Deferreds', () => {
  describe('succeed and fail', () => {
    it('succeed(x) gives a Deferred whose next callback gets x at once', () => {
      const seen: string[] = [];
      succeed('success').addCallback((r) => seen.push(r));
      expect(seen).to.deep.equal(['success']);
    });

    it('succeed(x) is in the same state as a Deferred fired with callback(x)', () => {
      const manual = new Deferred<string>();
      manual.callback('x');
      const ready = succeed('x');
      expect([ready.called, ready.paused, ready.result]).to.deep.equal([manual.called, manual.paused, manual.result]);
      expect([ready.called, ready.paused, ready.result]).to.deep.equal([true, 0, 'x']);
    });

    it('fail(error) gives a Deferred whose next errback gets a Failure around the error at once', () => {
      const seen: Failure[] = [];
      fail(new GenericError('fail')).addErrback((f) => {
        seen.push(f);
      });
      expect(seen).to.have.length(1);
      expect(seen[0]?.check(GenericError)).to.equal(GenericError);
      expect(seen[0]?.getErrorMessage()).to.equal('fail');
    });
  });

  describe('maybeDeferred', () => {
    it('maybeDeferred passes a plain return value on, the same object', () => {
      const returned = { returned: true };
      const seen: unknown[] = [];
      maybeDeferred(() => returned).addCallback((r) => seen.push(r));
      expect(seen).to.have.length(1);
      expect(seen[0]).to.equal(returned);
    });

    it('maybeDeferred calls the function with the extra arguments', () => {
      const d = maybeDeferred((x: number) => x + 5, 10);
      expect(outcome(d)).to.equal(15);
    });

    it('maybeDeferred turns a thrown error into a failed Deferred, never a synchronous throw', () => {
      const seen: unknown[] = [];
      const failures: Failure[] = [];
      const d = maybeDeferred((): number => {
        throw new ValueError('that value is unacceptable');
      });
      d.addCallbacks(
        (r) => seen.push(r),
        (f) => {
          failures.push(f);
        },
      );
      expect(seen).to.deep.equal([]);
      expect(failures).to.have.length(1);
      expect(failures[0]?.check(ValueError)).to.equal(ValueError);
      expect(failures[0]?.getErrorMessage()).to.equal('that value is unacceptable');
    });

    it('maybeDeferred turns a returned Failure into a failed Deferred with that same Failure', () => {
      const returned = new Failure(new GenericError('returned'));
      const failures: Failure[] = [];
      maybeDeferred(() => returned).addErrback((f) => {
        failures.push(f);
      });
      expect(failures).to.have.length(1);
      expect(failures[0]).to.equal(returned);
    });

    it('maybeDeferred returns a returned Deferred itself, which fires later', () => {
      const d1 = new Deferred<string>();
      const d = maybeDeferred(() => d1);
      expect(d).to.equal(d1);
      expect(outcome(d)).to.equal('no result');
      d1.callback('Success');
      expect(outcome(d)).to.equal('Success');
    });

    it('maybeDeferred gives the later failure of a returned Deferred', () => {
      const d1 = new Deferred<string>();
      const d = maybeDeferred(() => d1);
      d1.errback(new Error('later'));
      expect(outcome(d)).to.equal('Failure(Error: later)');
      d.addErrback(() => undefined);
    });

    // Twisted calls the non-function inside its try block, so the TypeError arrives as
    // a failed Deferred. txdefer throws at once (not listed in docs/differences.md).
    it('maybeDeferred(notAFunction) gives a failed Deferred with a TypeError, as Twisted does', () => {
      let d: Deferred<unknown> | undefined;
      expect(() => {
        d = maybeDeferred(42 as unknown as () => unknown);
      }).to.not.throw();
      expect(d).to.be.an.instanceOf(Deferred);
      const failure = (d as Deferred<unknown>).result as Failure;
      expect(failure).to.be.an.instanceOf(Failure);
      expect(failure.check(TypeError)).to.equal(TypeError);
      (d as Deferred<unknown>).addErrback(() => undefined);
    });

    // Twisted 24.10 drives a returned coroutine (22.4 took it as a plain value); a
    // Promise is JavaScript's coroutine result, and it settles later, not at once.
    it('maybeDeferred follows a returned Promise to its value (differences row 12: Twisted drives a coroutine)', async () => {
      const d = maybeDeferred(async () => 7);
      expect(await d).to.equal(7);
    });

    it('maybeDeferred follows a Promise returned by a plain function, and callbacks see its value (differences row 12)', async () => {
      const seven = async (): Promise<number> => 7;
      const d = maybeDeferred(() => seven()).addCallback((r) => r + 1);
      expect(await d).to.equal(8);
    });

    it('maybeDeferred follows a rejected Promise to a failure (differences row 12)', async () => {
      const d = maybeDeferred(async () => {
        throw new GenericError('in a coroutine');
      });
      const failures: Failure[] = [];
      const settled = new Promise<void>((resolve) => {
        d.addErrback((f) => {
          failures.push(f);
          resolve();
        });
      });
      await settled;
      expect(failures).to.have.length(1);
      expect(failures[0]?.check(GenericError)).to.equal(GenericError);
      expect(failures[0]?.getErrorMessage()).to.equal('in a coroutine');
    });
  });
});
