/**
 * Twisted's DeferredTests (reference G.1) for the callback chain itself: callbacks and
 * their arguments, addCallbacks with missing pieces, pausing, errors in callbacks,
 * callbacks returning Deferreds, re-entrant adding, and the string form.
 * Implicit chaining lives in deferred-chaining.spec.ts, chainDeferred in
 * chain-deferred.spec.ts, succeed/fail/maybeDeferred in ready-made.spec.ts.
 *
 * Each `it` is backed by the line with the same label in spec/oracle/deferred.out,
 * printed by real Twisted.
 */
import { expect } from 'chai';
import { Deferred, fail, Failure } from '../../src/index.js';
import { failureResultOf } from '../support/helpers.js';

class GenericError extends Error {
  override name = 'GenericError';
}
class ZeroDivisionError extends Error {
  override name = 'ZeroDivisionError';
}

/** A callback that records the arguments it got and passes the result on. */
function recorder(): { record: (result: unknown, ...args: unknown[]) => unknown; calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    record: (result: unknown, ...args: unknown[]) => {
      calls.push([result, ...args]);
      return result;
    },
  };
}

/** The number in `<Deferred #N ...>`. */
function idOf(d: Deferred<unknown>): string {
  const match = /^<Deferred #(\d+)/.exec(String(d));
  if (match === null) throw new Error(`no id in ${String(d)}`);
  return match[1] as string;
}

describe('DeferredTests', () => {
  describe('callbacks and their arguments', () => {
    it('passes only the result to a callback added without extra arguments', () => {
      const { record, calls } = recorder();
      const d = new Deferred<string>();
      d.addCallback(record);
      d.callback('hello');
      expect(calls).to.deep.equal([['hello']]);
    });

    it('passes extra arguments after the result', () => {
      const { record, calls } = recorder();
      const d = new Deferred<string>();
      d.addCallback(record, 'world');
      d.callback('hello');
      expect(calls).to.deep.equal([['hello', 'world']]);
    });

    it('gives the second callback what the first returned', () => {
      const first = recorder();
      const second = recorder();
      const d = new Deferred<string>();
      d.addCallback(first.record);
      d.addCallback(second.record);
      d.callback('hello');
      expect(first.calls).to.deep.equal([['hello']]);
      expect(second.calls).to.deep.equal([['hello']]);
    });
  });

  describe('addCallbacks with missing pieces', () => {
    for (const missing of [null, undefined]) {
      it(`addCallbacks with a null or undefined errback passes the failure on to the next errback (${String(missing)})`, () => {
        const { record, calls } = recorder();
        const errbackCalls: unknown[][] = [];
        const error = new GenericError('oopsie');
        const d = new Deferred<string>();
        d.addCallbacks(record, missing);
        d.errback(error);
        d.addErrback((...args: unknown[]) => {
          errbackCalls.push(args);
        });
        expect(calls).to.deep.equal([]);
        expect(errbackCalls).to.have.length(1);
        expect(errbackCalls[0]).to.have.length(1);
        expect((errbackCalls[0]?.[0] as Failure).value).to.equal(error);
      });

      it(`addCallbacks with null or undefined callbackArgs calls the callback with the result alone (${String(missing)})`, () => {
        const { record, calls } = recorder();
        const d = new Deferred<string>();
        d.addCallbacks(record, () => undefined, missing, []);
        d.callback('hello');
        expect(calls).to.deep.equal([['hello']]);
      });

      it(`addCallbacks with null or undefined errbackArgs calls the errback with the failure alone (${String(missing)})`, () => {
        const calls: unknown[][] = [];
        const d = new Deferred<string>();
        d.addCallbacks(
          () => undefined,
          (...args: unknown[]) => {
            calls.push(args);
          },
          [],
          missing,
        );
        d.errback(new GenericError('oopsie'));
        expect(calls).to.have.length(1);
        expect(calls[0]).to.have.length(1);
        expect(calls[0]?.[0]).to.be.an.instanceOf(Failure);
      });
    }
  });

  describe('pausing', () => {
    it('a failed Deferred that is paused runs an errback added meanwhile only at unpause', () => {
      const seen: Failure[] = [];
      const error = new GenericError('paused');
      const d = fail(error);
      d.pause();
      d.addErrback((f) => {
        seen.push(f);
      });
      expect(seen).to.have.length(0);
      d.unpause();
      expect(seen).to.have.length(1);
      expect(seen[0]?.value).to.equal(error);
    });

    it('unpause() on an unfired Deferred runs nothing', () => {
      const seen: unknown[] = [];
      const d = new Deferred<unknown>();
      d.pause();
      d.addCallback((r) => seen.push(r));
      d.unpause();
      expect(seen).to.deep.equal([]);
      expect(d.called).to.equal(false);
      expect(d.paused).to.equal(0);
    });
  });

  describe('errors in callbacks', () => {
    it('a callback that throws sends a Failure around the thrown error to the next errback', () => {
      const seen: Failure[] = [];
      const d = new Deferred<number>();
      d.addCallback(() => {
        throw new ZeroDivisionError('division by zero');
      });
      d.addErrback((f) => {
        seen.push(f);
      });
      d.callback(1);
      expect(seen).to.have.length(1);
      expect(seen[0]?.check(ZeroDivisionError)).to.equal(ZeroDivisionError);
    });

    it('a callback that returns a Failure sends it to the next errback', () => {
      const seen: Failure[] = [];
      const d = new Deferred<number>();
      d.addCallback(() => new Failure(new ZeroDivisionError()));
      d.addErrback((f) => {
        seen.push(f);
      });
      d.callback(1);
      expect(seen).to.have.length(1);
      expect(seen[0]?.check(ZeroDivisionError)).to.equal(ZeroDivisionError);
    });

    it('a callback returning a Failure sends that same Failure object to the errbacks', () => {
      const values: number[] = [];
      const plain = new Deferred<number>();
      plain.addCallback((r) => r + 5).addCallback((r) => values.push(r));
      plain.callback(2);
      expect(values).to.deep.equal([7]);

      const returned = new Failure(new Error('rte'));
      const failures: Failure[] = [];
      const d = new Deferred<number>();
      d.addCallback(() => returned);
      d.addCallback(() => returned);
      d.addErrback((f) => {
        failures.push(f);
      });
      d.callback(2);
      expect(failures).to.have.length(1);
      expect(failures[0]).to.equal(returned);
    });
  });

  describe('callbacks that return Deferreds', () => {
    it('a callback that returns a paused Deferred holds the chain until that Deferred fires and is unpaused', () => {
      const seen: unknown[] = [];
      const d1 = new Deferred<number>();
      const d2 = new Deferred<number>();
      d2.pause();
      d1.addCallback(() => d2).addCallback((r) => seen.push(r));
      d1.callback(1);
      expect(seen).to.deep.equal([]);
      d2.callback(2);
      expect(seen).to.deep.equal([]);
      d2.unpause();
      expect(seen).to.deep.equal([2]);
    });

    it('an errback that returns a pending Deferred makes the chain wait for it', () => {
      const seen: unknown[] = [];
      const d = new Deferred<string>();
      const d2 = new Deferred<string>();
      d.addErrback(() => d2).addCallback((r) => seen.push(r));
      d.errback(new GenericError('first'));
      expect(seen).to.deep.equal([]);
      d2.callback('result');
      expect(seen).to.deep.equal(['result']);
    });

    it('a callback that returns a fired but paused Deferred waits until it is unpaused', () => {
      const seen: unknown[] = [];
      const inner = new Deferred<number>();
      inner.callback(3);
      inner.pause();
      const outer = new Deferred<undefined>();
      outer.addCallback(() => inner);
      outer.callback(undefined);
      outer.addCallback((r) => seen.push(r));
      expect(seen).to.deep.equal([]);
      inner.unpause();
      expect(seen).to.deep.equal([3]);
    });

    it('callbacks added to the inner Deferred after it fed a paused outer one still run, with undefined', () => {
      const seen: unknown[] = [];
      const first = new Deferred<undefined>();
      const second = new Deferred<undefined>();
      first.addCallback(() => second);
      first.callback(undefined);
      first.pause();
      second.callback(undefined);
      second.addCallback((r) => seen.push(r));
      expect(seen).to.deep.equal([undefined]);
    });
  });

  describe('adding callbacks while the chain runs', () => {
    it('a callback added from inside a callback runs after the callbacks already added', () => {
      const order: number[] = [];
      const d = new Deferred<undefined>();
      d.addCallback(() => {
        order.push(1);
        d.addCallback(() => order.push(3));
      });
      d.addCallback(() => order.push(2));
      d.callback(undefined);
      expect(order).to.deep.equal([1, 2, 3]);
    });

    it('a callback added from inside a callback does not run before the adding callback returns', () => {
      const order: unknown[] = [];
      const d = new Deferred<undefined>();
      d.addCallback(() => {
        order.push(1);
        d.addCallback(() => order.push(2));
        order.push(['when the adding callback ends', [...order]]);
      });
      d.callback(undefined);
      expect(order).to.deep.equal([1, ['when the adding callback ends', [1]], 2]);
    });

    it('a callback added during the run that throws leaves the Deferred with that failure', () => {
      const d = new Deferred<undefined>();
      d.addCallback(() => {
        d.addCallback(() => {
          throw new Error('callback raised exception');
        });
      });
      d.callback(undefined);
      const failure = failureResultOf(d, Error);
      expect(failure.getErrorMessage()).to.equal('callback raised exception');
    });
  });

  describe('the string form', () => {
    it('String(d) is <Deferred #N> for an unfired Deferred (Twisted prints an address: differences row 7)', () => {
      const d = new Deferred<string>();
      expect(String(d)).to.match(/^<Deferred #\d+>$/);
    });

    it('String(d) shows the current result (Twisted prints an address: differences row 7)', () => {
      const d = new Deferred<string>();
      const id = idOf(d);
      d.callback('orange');
      expect(String(d)).to.equal(`<Deferred #${id} current result: 'orange'>`);
    });

    it('String(d) says which Deferred it waits on (Twisted prints addresses: differences row 7)', () => {
      const a = new Deferred<unknown>();
      const b = new Deferred<unknown>();
      b.chainDeferred(a);
      expect(String(a)).to.equal(`<Deferred #${idOf(a)} waiting on Deferred #${idOf(b)}>`);
      expect(idOf(a)).to.not.equal(idOf(b));
    });
  });
});
