/**
 * Hostile input (issue 9): whatever a callback throws or returns, and whatever a
 * thenable does, no Deferred is left unable to run, nothing escapes to whoever fired
 * the Deferred, and nothing is lost. Twisted's side of the cases it has:
 * spec/oracle/hostile_input.py.
 *
 * "Dead" below means what the issue means: `called`, but never running a callback
 * again. A Deferred that is alive runs a callback added to it at once.
 */
import { expect } from 'chai';
import {
  CancelledError,
  Deferred,
  Failure,
  isDeferred,
  isFailure,
  maybeDeferred,
  setDebugging,
  succeed,
} from '../../src/index.js';
import { failureResultOf, successResultOf } from '../support/helpers.js';

/** Whether `deferred` runs a callback added now, at once (it has fired, is not paused, and is not stuck running). */
function runsCallbacksNow(deferred: Deferred<unknown>): boolean {
  let ran = false;
  deferred.addBoth(() => {
    ran = true;
    return undefined;
  });
  return ran;
}

/** A Proxy whose every trap throws: any read of any property throws. */
function unreadable(): object {
  const fail = (): never => {
    throw new Error('this object refuses to be read');
  };
  return new Proxy({}, { get: fail, has: fail, getPrototypeOf: fail, ownKeys: fail, getOwnPropertyDescriptor: fail });
}

/** A revoked Proxy: every operation on it throws TypeError. */
function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** Let pending microtasks and Promise reactions run. */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('Hostile input: the run loop is never left dead (issue 9, item 4)', () => {
  afterEach(() => {
    setDebugging(false);
  });

  it('a revoked Proxy thrown from a callback becomes the Failure\'s value, and the chain goes on', () => {
    const thrown = revoked();
    const d = succeed(1).addCallback(() => {
      throw thrown;
    });
    const failure = failureResultOf(d);
    expect(failure.value).to.equal(thrown);
    expect(runsCallbacksNow(d)).to.equal(true);
  });

  it('an object whose `message` getter throws, thrown in debug mode, becomes a Failure', () => {
    setDebugging(true);
    const thrown = {
      stack: 'not a real stack',
      get message(): string {
        throw new Error('no message for you');
      },
    };
    const d = new Deferred<number>();
    d.addCallback(() => {
      throw thrown;
    });
    d.callback(1);
    const failure = failureResultOf(d);
    expect(failure.value).to.equal(thrown);
    expect(failure.getErrorMessage()).to.include('broken message');
    expect(runsCallbacksNow(d)).to.equal(true);
  });

  it('a callback that overflows the stack fails the chain with the RangeError, and the chain goes on', () => {
    const recurse = (n: number): number => recurse(n + 1) + 1;
    const d = succeed(0).addCallback(recurse);
    const failure = failureResultOf(d, RangeError);
    expect(failure.getErrorMessage()).to.match(/call stack/i);
    expect(runsCallbacksNow(d)).to.equal(true);
  });

  it('a Deferred fired at any depth near the stack limit is never left running', function () {
    this.timeout(30_000);
    // `fireAt(depth, d)` recurses `depth` frames and fires `d` there. The deepest depth at
    // which it can fire at all is found first (with a Deferred that has nothing to do).
    const fireAt = (depth: number, d: Deferred<number>): void => {
      if (depth > 0) {
        fireAt(depth - 1, d);
        return;
      }
      d.callback(1);
    };
    const reaches = (depth: number): boolean => {
      const d = new Deferred<number>();
      try {
        fireAt(depth, d);
      } catch {
        // too deep
      }
      return d.called;
    };
    let low = 0;
    let high = 1 << 20;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (reaches(middle)) low = middle;
      else high = middle;
    }
    // Just below that depth, the callback, the Failure built for what it threw, or the
    // loop's own bookkeeping overflows: sweep the band where one of them does.
    // (Frame sizes change as the engine optimises `fireAt`, so the band is swept finely just
    // below `low`, and coarsely from half of it up.)
    const depths = new Set<number>();
    for (let depth = Math.max(0, low - 300); depth <= low; depth += 1) depths.add(depth);
    for (let step = 0; step <= 300; step += 1) depths.add(Math.floor(low / 2 + (low / 2) * (step / 300)));
    const deferreds: Array<Deferred<number>> = [];
    for (const depth of depths) {
      const d = new Deferred<number>();
      d.addCallback(() => {
        throw new Error('deep');
      });
      d.addErrback(() => 2);
      try {
        fireAt(depth, d);
      } catch {
        // the overflow may escape to the one who fired, as Twisted's RecursionError does
      }
      deferreds.push(d);
    }
    const fired = deferreds.filter((d) => d.called);
    expect(fired.length).to.be.greaterThan(100);
    const dead = fired.filter((d) => !runsCallbacksNow(d));
    expect(dead).to.have.length(0);
  });
});

describe('Hostile input: values that throw when read (issue 9, item 5)', () => {
  it('isDeferred and isFailure answer false for a Proxy whose every trap throws, and for a revoked Proxy', () => {
    for (const value of [unreadable(), revoked()]) {
      expect(isDeferred(value)).to.equal(false);
      expect(isFailure(value)).to.equal(false);
    }
  });

  it('callback(value) passes an unreadable value to the first callback as it is', () => {
    const value = unreadable();
    const d = new Deferred<object>();
    let seen: unknown;
    d.addCallback((result) => {
      seen = result;
      return 'ok';
    });
    d.callback(value);
    expect(seen).to.equal(value);
    expect(successResultOf(d)).to.equal('ok');
  });

  it('a callback returning an unreadable value fails the chain with what reading `then` threw (as `await` does), and the chain goes on', () => {
    const d = succeed(1).addCallback(() => unreadable());
    const failure = failureResultOf(d);
    expect(failure.getErrorMessage()).to.equal('this object refuses to be read');
    expect(runsCallbacksNow(d)).to.equal(true);
  });

  it('a callback returning a revoked Proxy fails the chain with a TypeError, and the chain goes on', () => {
    const d = succeed(1).addCallback(() => revoked());
    failureResultOf(d, TypeError);
    expect(runsCallbacksNow(d)).to.equal(true);
  });

  it('maybeDeferred never throws, whatever the function returns', () => {
    for (const value of [unreadable(), revoked()]) {
      let result: Deferred<unknown> | undefined;
      expect(() => {
        result = maybeDeferred(() => value);
      }).not.to.throw();
      expect(failureResultOf(result as Deferred<unknown>)).to.be.instanceOf(Failure);
    }
  });

  it('maybeDeferred never throws, whatever the function throws', () => {
    const thrown = revoked();
    const d = maybeDeferred(() => {
      throw thrown;
    });
    expect(failureResultOf(d).value).to.equal(thrown);
  });

  it('errback(value) wraps an unreadable value in a Failure', () => {
    const value = revoked();
    const d = new Deferred<number>();
    d.errback(value);
    expect(failureResultOf(d).value).to.equal(value);
  });

  it('a Failure of an unreadable value answers check, trap and its descriptions without throwing', () => {
    const failure = new Failure(revoked());
    expect(failure.check(Error)).to.equal(undefined);
    expect(failure.type).to.equal(undefined);
    expect(failure.typeName).to.equal('Object');
    expect(failure.getErrorMessage()).to.be.a('string');
    expect(failure.getTraceback()).to.be.a('string');
    let rethrown: unknown;
    try {
      failure.trap(Error);
    } catch (thrown) {
      rethrown = thrown;
    }
    expect(rethrown).to.equal(failure.value);
  });
});

describe('Following a returned Promise or thenable, as a returned Deferred is followed (issue 9, item 10)', () => {
  it('a callback that returns a rejected Promise sends the chain down the errbacks', async () => {
    const error = new RangeError('rejected');
    const handled: unknown[] = [];
    const d = succeed(1)
      .addCallback(() => Promise.reject(error))
      .addErrback((failure) => {
        handled.push(failure.value);
        return 'recovered';
      });
    expect(handled).to.have.length(0); // the chain waits for the Promise
    await turn();
    expect(handled).to.deep.equal([error]);
    expect(successResultOf(d)).to.equal('recovered');
  });

  it('a callback that returns a Promise makes the chain wait, then the next callback gets its value', async () => {
    const seen: unknown[] = [];
    const d = succeed(1).addCallback((n) => Promise.resolve(n + 1));
    d.addCallback((n) => seen.push(n));
    expect(seen).to.deep.equal([]);
    expect(String(d)).to.match(/waiting on Deferred #\d+/);
    await turn();
    expect(seen).to.deep.equal([2]);
  });

  it('a callback that returns a thenable which calls back at once goes on at once', () => {
    const thenable = {
      then(onFulfilled: (value: number) => void): void {
        onFulfilled(42);
      },
    };
    expect(successResultOf(succeed(1).addCallback(() => thenable))).to.equal(42);
  });

  it('a thenable that resolves with a Deferred makes the chain wait on that Deferred', () => {
    const inner = new Deferred<string>();
    const thenable = {
      then(onFulfilled: (value: unknown) => void): void {
        onFulfilled(inner);
      },
    };
    const d = succeed(1).addCallback(() => thenable);
    expect(String(d)).to.match(/waiting on Deferred #\d+/);
    inner.callback('from the inner Deferred');
    expect(successResultOf(d)).to.equal('from the inner Deferred');
  });

  it('a Promise that resolves with a Deferred is followed to that Deferred\'s result', async () => {
    const inner = new Deferred<string>();
    const d = succeed(1).addCallback(() => Promise.resolve(inner));
    inner.callback('from the inner Deferred');
    await turn();
    expect(successResultOf(d)).to.equal('from the inner Deferred');
  });

  it('cancelling a chain that waits on a Promise fails it with CancelledError, and the late outcome is ignored', async () => {
    let resolveLater!: (value: number) => void;
    const promise = new Promise<number>((resolve) => {
      resolveLater = resolve;
    });
    const d = succeed(1).addCallback(() => promise);
    d.cancel();
    failureResultOf(d, CancelledError);
    resolveLater(5);
    await turn();
    expect(d.result).to.equal(undefined);
  });

  it('an object with a `then` that is not a function is a plain value', () => {
    const value = { then: 42 };
    expect(successResultOf(succeed(1).addCallback(() => value))).to.equal(value);
  });
});
