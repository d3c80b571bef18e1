/**
 * execute, passthru and the static Deferred.fromCoroutine (reference A.1, E.5, E.6).
 *
 * Each `it` is backed by the line with the same label in spec/oracle/execute.out,
 * printed by real Twisted.
 */
import { expect } from 'chai';
import { Deferred, execute, Failure, NotACoroutineError, passthru, succeed } from '../../src/index.js';
import { failureResultOf, successResultOf } from '../../src/testing/index.js';

class ValueError extends Error {}

/** What a Deferred holds now, as the oracle prints it (taking the result). */
function outcome(d: Deferred<unknown>): unknown {
  let seen: unknown = 'no result';
  d.addBoth((result: unknown) => {
    seen = result instanceof Failure ? `Failure(${result.typeName}: ${result.getErrorMessage()})` : result;
    return undefined;
  });
  return seen;
}

describe('execute, passthru and Deferred.fromCoroutine', () => {
  it('execute calls the function now with its arguments and succeeds with what it returns', () => {
    expect(outcome(execute((a: number, b: number) => a + b, 2, 3))).to.equal(5);
  });

  it('execute fails with what the function raises', () => {
    expect(
      outcome(
        execute(() => {
          throw new RangeError('division by zero');
        }),
      ),
    ).to.equal('Failure(RangeError: division by zero)');
  });

  it('execute calls the function before it returns', () => {
    const called: string[] = [];
    execute((x: string) => called.push(x), 'now');
    expect(called).to.deep.equal(['now']);
  });

  it('execute does not follow a returned object: it is the result', () => {
    expect(outcome(execute(() => [1, 2]))).to.deep.equal([1, 2]);
    const promise = Promise.resolve(3);
    expect(successResultOf(execute(() => promise))).to.equal(promise);
  });

  it('execute refuses a returned Deferred', () => {
    // Twisted 22.4 raises AssertionError; txdefer throws succeed's TypeError (docs/differences.md).
    const inner = new Deferred();
    expect(() => execute(() => inner)).to.throw(TypeError, 'succeed() was given a Deferred');
  });

  it('a returned Failure makes the result a failure', () => {
    const failure = new Failure(new ValueError('returned'));
    expect(outcome(execute(() => failure))).to.equal('Failure(ValueError: returned)');
  });

  it('a function that cannot be called gives a failed Deferred', () => {
    const failure = failureResultOf(execute(42 as never), TypeError);
    expect(failure.getErrorMessage()).to.equal('execute: `fn` must be a function, got number 42');
  });

  it('passthru returns its argument', () => {
    const same = { same: true };
    expect(passthru(same)).to.equal(same);
  });

  it("addErrback's other half is passthru", () => {
    expect(new Deferred().addErrback(String).callbacks[0]?.[0][0]).to.equal(passthru);
  });

  it('Deferred.fromCoroutine drives a generator', () => {
    const d = Deferred.fromCoroutine(
      (function* () {
        const x: number = yield succeed(20);
        return x + 1;
      })(),
    );
    expect(outcome(d)).to.equal(21);
  });

  it('Deferred.fromCoroutine drives a coroutine', async () => {
    const d = Deferred.fromCoroutine(
      (async () => {
        const x = await succeed(40);
        return x + 2;
      })(),
    );
    expect(await d).to.equal(42);
  });

  it('Deferred.fromCoroutine refuses a Deferred', () => {
    expect(() => Deferred.fromCoroutine(succeed(1) as never))
      .to.throw(NotACoroutineError)
      .and.to.be.instanceOf(TypeError);
  });

  it('Deferred.fromCoroutine refuses anything else', () => {
    expect(() => Deferred.fromCoroutine('text' as never)).to.throw(NotACoroutineError, "'text' is not a coroutine");
  });
});
