/**
 * The rules of the callback chain (reference sections B.1-B.10 and the issue's
 * "exactly Twisted's chain semantics"): how results and failures move from pair to
 * pair, adding pairs, pause/unpause, re-entrancy, trap, deep chains, and the
 * readable state `called`, `paused`, `result`.
 *
 * Each `it` is backed by the line with the same label in spec/oracle/deferred-chain.out,
 * printed by real Twisted.
 */
import { expect } from 'chai';
import { AlreadyCalledError, Deferred, Failure, succeed } from '../../src/index.js';

class ValueError extends Error {
  override name = 'ValueError';
}
class KeyError extends Error {
  override name = 'KeyError';
}

/** `result` as a short description, as the oracle prints it. */
function describeResult(d: Deferred<unknown>): unknown {
  const result = d.result;
  if (result instanceof Deferred) return 'a Deferred';
  if (result instanceof Failure) return `Failure(${(result.type as { name: string }).name})`;
  return result;
}

describe('the callback chain (reference B)', () => {
  describe('results and failures along the chain', () => {
    it('a thrown error moves the chain to the next errback, wrapped in a new Failure', () => {
      const error = new ValueError('bad');
      const seen: unknown[] = [];
      const d = new Deferred<number>();
      d.addCallback(() => {
        throw error;
      });
      d.addCallback(() => seen.push('skipped callback'));
      d.addErrback((f) => seen.push(f));
      d.callback(1);
      expect(seen).to.have.length(1);
      expect(seen[0]).to.be.an.instanceOf(Failure);
      expect((seen[0] as Failure).value).to.equal(error);
    });

    it('an errback that returns a value recovers: the next callback gets that value', () => {
      const seen: unknown[] = [];
      const d = new Deferred<string>();
      d.addErrback(() => 'recovered');
      d.addCallbacks(
        (r) => seen.push(['callback', r]),
        (f) => seen.push(['errback', f]),
      );
      d.errback(new ValueError('bad'));
      expect(seen).to.deep.equal([['callback', 'recovered']]);
    });

    it('callback() given a Failure runs the errbacks', () => {
      const seen: unknown[] = [];
      const d = new Deferred<unknown>();
      d.addCallback((r) => seen.push(['callback', r]));
      d.addErrback((f) => seen.push(['errback', f.constructor.name, (f.type as { name: string }).name]));
      d.callback(new Failure(new KeyError('k')));
      expect(seen).to.deep.equal([['errback', 'Failure', 'KeyError']]);
    });

    it('callback() given an Error object passes it to the callbacks as a plain value', () => {
      const seen: unknown[] = [];
      const error = new ValueError('as a value');
      const d = new Deferred<Error>();
      d.addCallbacks(
        (r) => seen.push(['callback', r === error]),
        () => seen.push('errback'),
      );
      d.callback(error);
      expect(seen).to.deep.equal([['callback', true]]);
    });

    it('addBoth gives the same function the Failure on the errback path, with its extra arguments', () => {
      const calls: unknown[][] = [];
      const twoArgs = (r: unknown, extra: string): unknown => {
        calls.push([r instanceof Failure ? 'Failure' : r, extra]);
        return r;
      };
      const d = new Deferred<unknown>();
      d.addBoth(twoArgs, 'x');
      d.addErrback(() => undefined);
      d.addBoth(twoArgs, 'y');
      d.errback(new ValueError('v'));
      // Twisted's None is undefined here.
      expect(calls).to.deep.equal([['Failure', 'x'], [undefined, 'y']]);
    });
  });

  describe('adding pairs', () => {
    it('a callback added to a fired Deferred runs before addCallback returns', () => {
      const d = new Deferred<string>();
      d.callback('done');
      const seen: string[] = [];
      d.addCallback((r) => seen.push(r));
      expect(seen).to.deep.equal(['done']);
    });

    it('a callback added while the chain runs runs in turn, after the pairs already there', () => {
      const order: unknown[] = [];
      const d = new Deferred<unknown>();
      d.addCallback(() => {
        order.push('first');
        d.addCallback((r) => order.push(['added during the run', r]));
        return 'from first';
      });
      d.addCallback((r) => {
        order.push(['second', r]);
        return 'from second';
      });
      d.callback(0);
      expect(order).to.deep.equal(['first', ['second', 'from first'], ['added during the run', 'from second']]);
    });

    it('an errback added while the chain runs gets the failure left by the one before it', () => {
      const order: unknown[] = [];
      const d = new Deferred<unknown>();
      d.addErrback(() => {
        order.push('errback');
        d.addErrback((f) => order.push(['errback added during the run', (f.type as { name: string }).name]));
        throw new KeyError('again');
      });
      d.errback(new ValueError('v'));
      expect(order).to.deep.equal(['errback', ['errback added during the run', 'KeyError']]);
    });

    // Twisted 22.4 raises AssertionError at add time; 24.10 fails the chain when the pair runs.
    it('adding a non-function throws TypeError at add time, naming the argument (differences row 3)', () => {
      const d = new Deferred<unknown>();
      const bad = 42 as unknown as () => void;
      expect(() => d.addCallback(bad)).to.throw(TypeError, '`callback` must be a function, got number 42');
      expect(() => d.addErrback(bad)).to.throw(TypeError, '`errback` must be a function, got number 42');
      expect(() => d.addBoth(bad)).to.throw(TypeError, '`fn` must be a function, got number 42');
      expect(() => d.addCallbacks(bad)).to.throw(TypeError, '`callback` must be a function');
      expect(() => d.addCallbacks(() => undefined, bad)).to.throw(TypeError, '`errback` must be a function');
      // Nothing was added: the Deferred still fires cleanly.
      const seen: unknown[] = [];
      d.addCallback((r) => seen.push(r));
      d.callback('still fine');
      expect(seen).to.deep.equal(['still fine']);
    });

    it('addCallbacks with callbackArgs that are not an array throws TypeError at add time (Twisted fails the chain when the pair runs; in the spirit of differences row 3)', () => {
      const d = new Deferred<unknown>();
      const notAnArray = 42 as unknown as [];
      expect(() => d.addCallbacks((r) => r, null, notAnArray)).to.throw(TypeError, '`callbackArgs` must be an array');
      expect(() => d.addCallbacks((r) => r, (f) => f, null, notAnArray)).to.throw(TypeError, '`errbackArgs` must be an array');
      expect(d.called).to.equal(false);
    });
  });

  describe('pause and unpause (B.7)', () => {
    it('pause counts nest: two pauses need two unpauses', () => {
      const seen: string[] = [];
      const d = new Deferred<string>();
      d.pause();
      d.pause();
      d.callback('v');
      d.addCallback((r) => seen.push(r));
      d.unpause();
      expect(seen).to.deep.equal([]);
      d.unpause();
      expect(seen).to.deep.equal(['v']);
      expect(d.paused).to.equal(0);
    });

    it('pause() inside a callback does not stop the pairs already in the list, only later ones', () => {
      const order: string[] = [];
      const d = new Deferred<string>();
      d.addCallback((r) => {
        order.push('pausing callback');
        d.pause();
        return r;
      });
      d.addCallback((r) => {
        order.push('pair already in the list');
        return r;
      });
      d.callback('v');
      d.addCallback((r) => {
        order.push('pair added afterwards');
        return r;
      });
      expect(order).to.deep.equal(['pausing callback', 'pair already in the list']);
      d.unpause();
      expect(order).to.deep.equal(['pausing callback', 'pair already in the list', 'pair added afterwards']);
    });

    it('unpause() without pause() leaves the Deferred stuck', () => {
      const seen: string[] = [];
      const d = new Deferred<string>();
      d.unpause();
      expect(d.paused).to.equal(-1);
      d.addCallback((r) => seen.push(r));
      d.callback('v');
      d.addCallback((r) => seen.push(r));
      expect(seen).to.deep.equal([]);
      expect(d.called).to.equal(true);
      expect(d.result).to.equal('v');
    });

    it('a stray unpause() on a waiting Deferred runs its next callback with the inner Deferred, then sticks', () => {
      const seen: unknown[] = [];
      const inner = new Deferred<string>();
      const outer = new Deferred<number>();
      outer.addCallback(() => inner);
      outer.addCallback((r: unknown) => {
        seen.push(['next callback got', r === inner ? 'the inner Deferred' : r]);
        return 'moved on';
      });
      outer.addCallback((r) => {
        seen.push(['later callback got', r]);
        return r;
      });
      outer.callback(0);
      outer.unpause();
      expect(seen).to.deep.equal([
        ['next callback got', 'the inner Deferred'],
        ['later callback got', 'moved on'],
      ]);
      expect(outer.paused).to.equal(0);
      inner.callback('inner value');
      expect(seen).to.have.length(2);
      expect(outer.paused).to.equal(-1);
    });

    it("stranded callbacks: a paused waiting Deferred stops the inner Deferred's later pairs until it is triggered again", () => {
      const order: unknown[] = [];
      const inner = new Deferred<string>();
      const outer = new Deferred<number>();
      outer.addCallback(() => inner);
      outer.addCallback((r) => {
        order.push(['outer', r]);
        return r;
      });
      outer.callback(0);
      outer.pause();
      inner.addCallback((r) => {
        order.push(['inner, added after the marker', r]);
        return r;
      });
      inner.callback('v');
      expect(order).to.deep.equal([]);
      outer.unpause();
      expect(order).to.deep.equal([['outer', 'v']]);
      inner.addCallback((r) => {
        order.push(['inner, added later still', r]);
        return r;
      });
      expect(order).to.deep.equal([
        ['outer', 'v'],
        ['inner, added after the marker', undefined],
        ['inner, added later still', undefined],
      ]);
    });
  });

  describe('re-entrancy (B.8)', () => {
    it('callback() on the same Deferred from inside its own callback becomes an AlreadyCalledError failure', () => {
      const seen: unknown[] = [];
      const d = new Deferred<string>();
      d.addCallback(() => {
        d.callback('again');
      });
      d.addErrback((f) => seen.push(f.check(AlreadyCalledError) === AlreadyCalledError ? 'AlreadyCalledError' : f));
      d.callback('first');
      expect(seen).to.deep.equal(['AlreadyCalledError']);
    });
  });

  describe('trap (B.10)', () => {
    it('a trap miss gives the next errback a new Failure around the same value', () => {
      const error = new ValueError('v');
      const original: Failure[] = [];
      const seen: Failure[] = [];
      const d = new Deferred<unknown>();
      d.addErrback((f) => {
        original.push(f);
        f.trap(KeyError);
      });
      d.addErrback((f) => seen.push(f));
      d.errback(error);
      expect(seen).to.have.length(1);
      expect(seen[0]).to.not.equal(original[0]);
      expect(seen[0]?.value).to.equal(error);
    });

    it('an errback that only traps makes the trapped class the result', () => {
      const seen: unknown[] = [];
      const d = new Deferred<unknown>();
      d.addErrback((f) => f.trap(ValueError));
      d.addCallback((r) => seen.push(r));
      d.errback(new ValueError('v'));
      expect(seen).to.have.length(1);
      expect(seen[0]).to.equal(ValueError);
    });
  });

  describe('deep chains', function () {
    this.timeout(60_000);
    const N = 1_000_000;

    it('deep chains: callbacks each returning an already-fired Deferred complete', () => {
      const d = new Deferred<number>();
      for (let i = 0; i < N; i += 1) d.addCallback((r: number) => succeed(r + 1));
      const seen: number[] = [];
      d.addCallback((r) => seen.push(r));
      d.callback(0);
      expect(seen).to.deep.equal([N]);
    });

    it('deep chains: Deferreds each waiting on the next complete', () => {
      const chain: Array<Deferred<unknown>> = [];
      for (let i = 0; i < N; i += 1) chain.push(new Deferred<unknown>());
      // Every Deferred gets its callback before any fires, so the marker a waiting
      // Deferred leaves on the next one comes after that one's own callback.
      for (let i = 0; i < N - 1; i += 1) {
        const following = chain[i + 1] as Deferred<unknown>;
        chain[i]?.addCallback(() => following);
      }
      for (let i = 0; i < N - 1; i += 1) chain[i]?.callback(undefined);
      const first = chain[0] as Deferred<unknown>;
      const seen: unknown[] = [];
      first.addCallback((r) => seen.push(r));
      expect(seen).to.deep.equal([]);
      chain[N - 1]?.callback('end');
      expect(seen).to.deep.equal(['end']);
    });
  });

  // Twisted 22.4 asserted (AssertionError, the Deferred stays unfired); 24.10 takes it as a value.
  it('callback(aDeferred) throws TypeError and the Deferred stays unfired (differences row 1)', () => {
    const d = new Deferred<unknown>();
    expect(() => d.callback(new Deferred())).to.throw(TypeError, 'return it from a callback');
    expect(d.called).to.equal(false);
    expect(d.result).to.equal(undefined);
    const seen: unknown[] = [];
    d.addCallback((r) => seen.push(r));
    d.callback('a real value');
    expect(seen).to.deep.equal(['a real value']);
  });

  describe('called, paused and result', () => {
    it('called, paused and result at each step (result is undefined where Twisted has none)', () => {
      const steps: unknown[] = [];
      const d = new Deferred<number>();
      const record = (label: string): void => {
        steps.push([label, d.called, d.paused, describeResult(d)]);
      };
      record('new');
      d.pause();
      record('paused');
      d.callback(1);
      record('fired while paused');
      d.addCallback((r) => r + 1);
      record('callback added while paused');
      d.unpause();
      record('unpaused');
      d.addCallback(() => new Failure(new ValueError('v')));
      record('callback returned a Failure');
      d.addErrback(() => undefined);
      record('errback recovered');
      expect(steps).to.deep.equal([
        ['new', false, 0, undefined],
        ['paused', false, 1, undefined],
        ['fired while paused', true, 1, 1],
        ['callback added while paused', true, 1, 1],
        ['unpaused', true, 0, 2],
        ['callback returned a Failure', true, 0, 'Failure(ValueError)'],
        ['errback recovered', true, 0, undefined],
      ]);
    });

    it('called, paused and result while waiting on another Deferred', () => {
      const inner = new Deferred<string>();
      const outer = new Deferred<number>();
      outer.addCallback(() => inner);
      outer.callback(0);
      expect([outer.called, outer.paused, outer.result]).to.deep.equal([true, 1, inner]);
      expect(outer.result).to.equal(inner);
      inner.callback('v');
      expect([outer.called, outer.paused, outer.result]).to.deep.equal([true, 0, 'v']);
      expect([inner.called, inner.paused, inner.result]).to.deep.equal([true, 0, undefined]);
    });
  });
});
