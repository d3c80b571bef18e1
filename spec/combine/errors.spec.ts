/**
 * FirstError and FailureGroup: ports Twisted's FirstErrorTests (test_repr, test_str,
 * test_comparison). Twisted's repr becomes the inspected form (`util.inspect`), its str
 * the message (and `String(error)`); its `==` becomes `equals()`.
 *
 * Each `it` is backed by the line with the same label (or the "..." lines after it) in
 * spec/oracle/combine_errors.out, printed by real Twisted 22.4. FailureGroup is not in
 * 22.4 (it came with race, in 23.8); its specs follow the reference (A.1).
 */
import { expect } from 'chai';
import { inspect } from 'node:util';
import { CancelledError, Failure } from '../../src/index.js';
import { FailureGroup, FirstError } from '../../src/combine/errors.js';

class ValueError extends Error {
  override name = 'ValueError';
}

/** A Failure of an error that was made, not thrown: no frames, as in the oracle. */
function framelessFailure(message: string): Failure {
  const error = new ValueError(message);
  error.stack = `${error.name}: ${error.message}`;
  return new Failure(error);
}

describe('FirstErrorTests', () => {
  it('FirstError keeps the sub-failure and the index', () => {
    const failure = framelessFailure('bar');
    const error = new FirstError(failure, 3);
    expect(error.subFailure).to.equal(failure);
    expect(error.index).to.equal(3);
    expect(error).to.be.instanceOf(Error);
    expect(error.name).to.equal('FirstError');
  });

  it('test_repr: the inspected form is FirstError[#index, repr of the value]', () => {
    expect(inspect(new FirstError(framelessFailure('bar'), 3))).to.equal("FirstError[#3, ValueError('bar')]");
  });

  it('test_str: the message is FirstError[#index, str of the sub-failure]', () => {
    const failure = framelessFailure('bar');
    const error = new FirstError(failure, 5);
    expect(error.message).to.equal(`FirstError[#5, ${String(failure)}]`);
    expect(String(error)).to.equal(error.message);
    // ...which for this frameless failure reads (Twisted names the class <class 'ValueError'>: docs/differences.md #8)
    expect(error.message).to.equal('FirstError[#5, [Failure instance: Traceback (failure with no frames): ValueError: bar\n]]');
  });

  it('test_comparison: equal for the same Failure object and index', () => {
    const failure = framelessFailure('bar');
    expect(new FirstError(failure, 1).equals(new FirstError(failure, 1))).to.equal(true);
    // ...not for another index
    expect(new FirstError(failure, 1).equals(new FirstError(failure, 2))).to.equal(false);
    // ...another Failure at the same index: false, as in Twisted 24.10 (reference A.1; 22.4's cmp-based == raises TypeError)
    expect(new FirstError(failure, 1).equals(new FirstError(framelessFailure('bar'), 1))).to.equal(false);
    // ...never equal to something that is not a FirstError
    expect(new FirstError(failure, 1).equals(10)).to.equal(false);
  });

  it('a Failure of a FirstError matches FirstError, and reads as its message', () => {
    const failure = new Failure(new FirstError(framelessFailure('bar'), 0));
    expect(failure.check(FirstError)).to.equal(FirstError);
    expect(failure.getErrorMessage()).to.equal((failure.value as FirstError).message);
  });

  it('refuses a sub-failure that is not a Failure, or an index that is not a number', () => {
    expect(() => new FirstError(new ValueError('x') as never, 0)).to.throw(TypeError, 'FirstError: `subFailure` must be a Failure');
    expect(() => new FirstError(framelessFailure('x'), '0' as never)).to.throw(TypeError, 'FirstError: `index` must be a number');
  });
});

describe('FailureGroup', () => {
  it('holds the failures, in the order given', () => {
    const failures = [framelessFailure('a'), new Failure(new CancelledError())];
    const group = new FailureGroup(failures);
    expect(group.failures).to.deep.equal(failures);
    expect(group.name).to.equal('FailureGroup');
    expect(new Failure(group).check(FailureGroup)).to.equal(FailureGroup);
  });

  it('has a message listing the failures (Twisted\'s is empty)', () => {
    const group = new FailureGroup([framelessFailure('a'), new Failure(new CancelledError())]);
    expect(group.message).to.equal('2 failures: #0 ValueError: a; #1 CancelledError: the Deferred was cancelled');
    expect(new FailureGroup([framelessFailure('a')]).message).to.equal('1 failure: #0 ValueError: a');
    expect(new FailureGroup([]).message).to.equal('no failures');
  });

  it('refuses anything but an array of Failures', () => {
    expect(() => new FailureGroup('x' as never)).to.throw(TypeError, 'FailureGroup: `failures` must be an array of Failures');
    expect(() => new FailureGroup([framelessFailure('a'), 2 as never])).to.throw(
      TypeError,
      'FailureGroup: element 1 of `failures` is not a Failure, got number 2',
    );
  });
});
