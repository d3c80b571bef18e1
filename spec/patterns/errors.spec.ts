/**
 * The errors of the patterns (src/patterns/errors.ts): each is an Error class with its
 * name and a message saying what happened, matched by `Failure.check` by class and by name.
 */
import { expect } from 'chai';
import {
  AlreadyChainedError,
  Failure,
  FailureGroup,
  NoAttemptsError,
  NoFunctionsRegisteredError,
  ParallelCommandException,
} from '../../src/index.js';

describe('pattern errors', () => {
  for (const [cls, name, words] of [
    [NoAttemptsError, 'NoAttemptsError', 'the function was never called'],
    [NoFunctionsRegisteredError, 'NoFunctionsRegisteredError', 'no function has been registered'],
    [AlreadyChainedError, 'AlreadyChainedError', 'cannot be fired directly'],
  ] as const) {
    it(`${name} is an Error with its name and a message saying what happened`, () => {
      const error = new cls();
      expect(error).to.be.instanceOf(Error);
      expect(error.name).to.equal(name);
      expect(error.message).to.contain(words);
    });

    it(`a Failure of ${name} matches the class and the name`, () => {
      const failure = new Failure(new cls());
      expect(failure.check(cls)).to.equal(cls);
      expect(failure.check(name)).to.equal(name);
    });
  }

  it('ParallelCommandException is a FailureGroup holding the failures, and says every registered function failed', () => {
    const failures = [new Failure(new RangeError('a')), new Failure(new TypeError('b'))];
    const error = new ParallelCommandException(failures);
    expect(error).to.be.instanceOf(FailureGroup);
    expect(error.name).to.equal('ParallelCommandException');
    expect(error.failures).to.equal(failures);
    expect(error.message).to.equal('every registered function failed: 2 failures: #0 RangeError: a; #1 TypeError: b');
    expect(new Failure(error).check(FailureGroup)).to.equal(FailureGroup);
  });

  it('ParallelCommandException refuses failures that are not Failures, as FailureGroup does', () => {
    expect(() => new ParallelCommandException([new RangeError('not wrapped')] as never)).to.throw(TypeError, 'is not a Failure');
  });
});
