/**
 * The exceptions of twisted.internet.defer as txdefer exports them: AlreadyCalledError,
 * CancelledError, TimeoutError, plus NoCurrentExceptionError (twisted.python.failure).
 * Twisted's answers: spec/oracle/failure.py (the "is an Exception subclass" and
 * "differences row 6" lines).
 */
import { expect } from 'chai';
import {
  AlreadyCalledError,
  CancelledError,
  Deferred,
  Failure,
  NoCurrentExceptionError,
  TimeoutError,
} from '../../src/index.js';

/** Registry-wide key under which each txdefer error class records its name (src/core/errors.ts). */
const ERROR_NAME = Symbol.for('txdefer.errorName');

/**
 * A stand-in for an error class of another copy of txdefer (the CommonJS build loaded
 * beside the ESM one): a different class carrying the same registry-wide tag.
 */
function foreignErrorClass(name: string): new (message?: string) => Error {
  const cls = class extends Error {};
  Object.defineProperty(cls, 'name', { value: name });
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
  Object.defineProperty(cls, ERROR_NAME, { value: name });
  return cls;
}

const classes = [
  ['AlreadyCalledError', AlreadyCalledError],
  ['CancelledError', CancelledError],
  ['TimeoutError', TimeoutError],
  ['NoCurrentExceptionError', NoCurrentExceptionError],
] as const;

describe('txdefer error classes', () => {
  for (const [name, cls] of classes) {
    describe(name, () => {
      it('is an Error subclass', () => {
        expect(new cls()).to.be.instanceOf(Error);
      });

      it(`has name "${name}", on its instances and in its stack`, () => {
        const error = new cls();
        expect(error.name).to.equal(name);
        expect(cls.name).to.equal(name);
        expect(String(error.stack)).to.match(new RegExp(`^${name}\\b`));
      });
    });
  }

  for (const [name, cls] of classes.slice(0, 3)) {
    it(`${name} has a default message saying what happened (Twisted's is empty: docs/differences.md row 6)`, () => {
      expect(new cls().message).to.be.a('string').and.not.equal('');
    });
  }

  it('NoCurrentExceptionError is a TypeError', () => {
    expect(new NoCurrentExceptionError()).to.be.instanceOf(TypeError);
  });

  it('TimeoutError carries the timeout it was given, and names it in its message', () => {
    const error = new TimeoutError(10);
    expect(error.timeout).to.equal(10);
    expect(error.message).to.contain('10');
  });

  it('TimeoutError without a timeout has timeout undefined', () => {
    expect(new TimeoutError().timeout).to.equal(undefined);
  });

  it('a custom message replaces the default one', () => {
    expect(new CancelledError('stopped by the user').message).to.equal('stopped by the user');
    expect(new TimeoutError(3, 'too slow').message).to.equal('too slow');
  });

  it('cancelling an unfired Deferred fails it with a CancelledError that check(CancelledError) matches', () => {
    const deferred = new Deferred<number>();
    deferred.cancel();
    const seen: Failure[] = [];
    deferred.addErrback((failure) => {
      seen.push(failure);
    });
    expect(seen).to.have.length(1);
    expect(seen[0]?.check(CancelledError)).to.equal(CancelledError);
    expect(seen[0]?.value).to.be.instanceOf(CancelledError);
  });

  describe('matching the errors of another copy of txdefer', () => {
    it('check(CancelledError) matches a CancelledError whose class comes from another copy', () => {
      const ForeignCancelledError = foreignErrorClass('CancelledError');
      const failure = new Failure(new ForeignCancelledError());
      expect(failure.value).to.not.be.instanceOf(CancelledError);
      expect(failure.check(CancelledError)).to.equal(CancelledError);
    });

    it('trap(CancelledError) returns CancelledError for it', () => {
      const ForeignCancelledError = foreignErrorClass('CancelledError');
      expect(new Failure(new ForeignCancelledError()).trap(CancelledError)).to.equal(CancelledError);
    });

    it("check(CancelledError) matches a subclass of the other copy's CancelledError", () => {
      const ForeignCancelledError = foreignErrorClass('CancelledError');
      class StoppedError extends ForeignCancelledError {}
      expect(new Failure(new StoppedError()).check(CancelledError)).to.equal(CancelledError);
    });

    it("check(CancelledError) does not match another copy's TimeoutError", () => {
      const ForeignTimeoutError = foreignErrorClass('TimeoutError');
      const failure = new Failure(new ForeignTimeoutError());
      expect(failure.check(CancelledError)).to.equal(undefined);
      expect(failure.check(TimeoutError)).to.equal(TimeoutError);
    });

    it('an unrelated class that is merely named CancelledError is not matched by the class', () => {
      class CancelledErrorLookalike extends Error {}
      Object.defineProperty(CancelledErrorLookalike, 'name', { value: 'CancelledError' });
      expect(new Failure(new CancelledErrorLookalike()).check(CancelledError)).to.equal(undefined);
    });

    it('check(CancelledError) matches the CancelledError of a second loaded instance of errors.ts', async () => {
      // A second instance of the module, loaded under another URL: a genuinely different class.
      type ErrorsModule = typeof import('../../src/core/errors.js');
      const url = new URL('../../src/core/errors.ts?copy=errors-spec', import.meta.url).href;
      const other = (await import(url)) as ErrorsModule;
      expect(other.CancelledError).to.not.equal(CancelledError);
      const failure = new Failure(new other.CancelledError());
      expect(failure.check(CancelledError)).to.equal(CancelledError);
      expect(failure.check(AlreadyCalledError, TimeoutError)).to.equal(undefined);
    });
  });
});
