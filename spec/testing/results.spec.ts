/**
 * txdefer/testing's assertions on a Deferred's result now: trial's successResultOf,
 * failureResultOf and assertNoResult (twisted.trial.unittest.SynchronousTestCase).
 *
 * Each `it` is backed by the line with the same label in spec/oracle/testing_trial.out,
 * printed by real Twisted (trial 22.4); where Twisted prints `<Deferred at 0x...>`,
 * txdefer prints `<Deferred #N>`, and `<Failure ValueError: here>` for Twisted's
 * `<twisted.python.failure.Failure builtins.ValueError: here>`.
 */
import { expect } from 'chai';
import { Clock, Deferred, deferLater, fail, Failure, succeed } from '../../src/index.js';
import { assertNoResult, failureResultOf, FailTest, successResultOf } from '../../src/testing/index.js';

class ValueError extends Error {}
class KeyError extends Error {}

/** What `call` throws: a FailTest's first line with the Deferred's number as #N. */
function messageOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    expect(error).to.be.instanceOf(FailTest);
    return (error as Error).message.split('\n')[0]?.replace(/#\d+/g, '#N') ?? '';
  }
  return 'no FailTest';
}

describe('txdefer/testing: successResultOf, failureResultOf, assertNoResult (trial)', () => {
  it('successResultOf gives the result', () => {
    expect(successResultOf(succeed('ok'))).to.equal('ok');
  });

  it('successResultOf takes the result (the Deferred is left with None)', () => {
    const d = succeed('x');
    expect([successResultOf(d), d.result]).to.deep.equal(['x', undefined]);
  });

  it('successResultOf on a Deferred without a result', () => {
    expect(messageOf(() => successResultOf(new Deferred()))).to.equal('Success result expected on <Deferred #N>, found no result instead');
  });

  it('successResultOf on a failed Deferred', () => {
    const d = fail(new ValueError('bad'));
    let message = '';
    try {
      successResultOf(d);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')[0]?.replace(/#\d+/, '#N')).to.equal(
      'Success result expected on <Deferred #N current result: undefined>, found failure result instead:',
    );
    expect(message).to.include('ValueError: bad');
  });

  it('failureResultOf gives the Failure', () => {
    const failure = failureResultOf(fail(new ValueError('bad')));
    expect(failure).to.be.instanceOf(Failure);
    expect(failure.getErrorMessage()).to.equal('bad');
  });

  it('failureResultOf with a matching type', () => {
    expect(failureResultOf(fail(new ValueError('bad')), KeyError, ValueError).typeName).to.equal('ValueError');
    expect(failureResultOf(fail(new ValueError('bad')), 'ValueError').typeName).to.equal('ValueError');
  });

  it('failureResultOf on a Deferred without a result', () => {
    expect(messageOf(() => failureResultOf(new Deferred()))).to.equal('Failure result expected on <Deferred #N>, found no result instead');
  });

  it('failureResultOf on a succeeded Deferred', () => {
    expect(messageOf(() => failureResultOf(succeed('fine')))).to.equal(
      "Failure result expected on <Deferred #N current result: undefined>, found success result ('fine') instead",
    );
  });

  it('failureResultOf with no matching type', () => {
    expect(messageOf(() => failureResultOf(fail(new ValueError('bad')), KeyError, TypeError))).to.equal(
      "Failure of type (KeyError or TypeError) expected on <Deferred #N current result: undefined>, found type <class 'ValueError'> instead: Traceback (most recent call first):",
    );
  });

  it('failureResultOf takes the result (the Deferred is left with None)', () => {
    const d = fail(new ValueError('x'));
    expect([failureResultOf(d).typeName, d.result]).to.deep.equal(['ValueError', undefined]);
  });

  it('assertNoResult passes a later result through', () => {
    const d = new Deferred<string>();
    assertNoResult(d);
    d.callback('later');
    expect(d.result).to.equal('later');
  });

  it('assertNoResult on a succeeded Deferred', () => {
    expect(messageOf(() => assertNoResult(succeed('here')))).to.equal(
      "No result expected on <Deferred #N current result: 'here'>, found 'here' instead",
    );
  });

  it('assertNoResult on a failed Deferred', () => {
    const failed = fail(new ValueError('here'));
    expect(messageOf(() => assertNoResult(failed))).to.equal(
      'No result expected on <Deferred #N current result: undefined>, found <Failure ValueError: here> instead',
    );
  });

  it('assertNoResult swallows the failure it found', () => {
    const failed = fail(new ValueError('here'));
    expect(() => assertNoResult(failed)).to.throw(FailTest);
    expect(failed.result).to.equal(undefined);
  });

  it('FailTest is an AssertionError', () => {
    // trial's FailTest subclasses Python's AssertionError; JavaScript has no such base
    // class outside Node, so FailTest is an Error named FailTest, which runners report.
    const error = new FailTest('x');
    expect(error).to.be.instanceOf(Error);
    expect(error.name).to.equal('FailTest');
  });

  it('works on a Clock, the way ported tests use it', () => {
    const clock = new Clock();
    const d = deferLater(clock, 1, () => 'done');
    assertNoResult(d);
    clock.advance(1);
    expect(successResultOf(d)).to.equal('done');
  });

  describe('bad input', () => {
    it('a value that is not a Deferred is a TypeError naming the helper', () => {
      expect(() => successResultOf(42 as never)).to.throw(TypeError, 'successResultOf: `deferred` must be a Deferred, got number 42');
      expect(() => failureResultOf(null as never)).to.throw(TypeError, 'failureResultOf: `deferred` must be a Deferred, got null');
      expect(() => assertNoResult({} as never)).to.throw(TypeError, 'assertNoResult: `deferred` must be a Deferred');
    });

    it('a Promise is refused with a hint to await it', () => {
      expect(() => successResultOf(Promise.resolve(1) as never)).to.throw(TypeError, 'await it');
    });

    it('an error type that is neither a class nor a name is a TypeError', () => {
      expect(() => failureResultOf(fail(new ValueError('x')), 42 as never)).to.throw(
        TypeError,
        'failureResultOf: error type 1 must be a class or a class name, got number 42',
      );
    });
  });
});
