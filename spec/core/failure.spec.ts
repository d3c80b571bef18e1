/**
 * Failure (twisted.python.failure.Failure): wrapping a thrown value, matching it with
 * check/trap, re-throwing it, and describing it. Ports the relevant parts of Twisted's
 * FailureTests and GetTracebackTests (reference F, G.6) and the chain facts B.9/B.10.
 *
 * Python's exception classes are played by small JavaScript stand-ins
 * (ValueLikeError for ValueError, ...). Twisted's answers: spec/oracle/failure.py.
 */
import { expect } from 'chai';
import { inspect } from 'node:util';
import { Deferred, fail, Failure, isFailure, NoCurrentExceptionError } from '../../src/index.js';

class LookupLikeError extends Error {}
LookupLikeError.prototype.name = 'LookupLikeError';
class ValueLikeError extends Error {}
ValueLikeError.prototype.name = 'ValueLikeError';
class OverflowLikeError extends Error {}
OverflowLikeError.prototype.name = 'OverflowLikeError';
class RuntimeLikeError extends Error {}
RuntimeLikeError.prototype.name = 'RuntimeLikeError';
class NotImplementedLikeError extends RuntimeLikeError {}
NotImplementedLikeError.prototype.name = 'NotImplementedLikeError';
class SystemExitLike extends Error {}
SystemExitLike.prototype.name = 'SystemExitLike';

/** Whatever `fn` throws (fails the test if it throws nothing). */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (thrown) {
    return thrown;
  }
  throw new Error('expected the function to throw');
}

/** A function with a recognisable name in stack traces. */
function raiseValueLikeError(message: string): never {
  throw new ValueLikeError(message);
}

describe('Failure', () => {
  describe('new Failure(value)', () => {
    it('wraps an Error, keeping the very object as value', () => {
      const error = new ValueLikeError('bad value');
      expect(new Failure(error).value).to.equal(error);
    });

    it("has the Error's class as type", () => {
      expect(new Failure(new ValueLikeError('bad value')).type).to.equal(ValueLikeError);
    });

    it('wraps a string, with String as type', () => {
      const failure = new Failure('text');
      expect(failure.value).to.equal('text');
      expect(failure.type).to.equal(String);
    });

    it('wraps a number, with Number as type', () => {
      const failure = new Failure(42);
      expect(failure.value).to.equal(42);
      expect(failure.type).to.equal(Number);
    });

    it('wraps null, with type null', () => {
      const failure = new Failure(null);
      expect(failure.value).to.equal(null);
      expect(failure.type).to.equal(null);
    });

    it('wraps undefined, with type undefined (throw undefined is legal JavaScript)', () => {
      const failure = new Failure(undefined);
      expect(failure.value).to.equal(undefined);
      expect(failure.type).to.equal(undefined);
    });

    it('wraps a plain object, keeping the very object, with Object as type', () => {
      const thing = { reason: 'plain' };
      const failure = new Failure(thing);
      expect(failure.value).to.equal(thing);
      expect(failure.type).to.equal(Object);
    });

    it('given another Failure, copies it: the same value, but a different Failure', () => {
      const original = new Failure(new ValueLikeError('copied'));
      const copy = new Failure(original);
      expect(copy).to.not.equal(original);
      expect(copy.value).to.equal(original.value);
      expect(copy.type).to.equal(ValueLikeError);
    });

    it('with no argument at all throws NoCurrentExceptionError, which is a TypeError', () => {
      // Twisted wraps "the exception being handled"; JavaScript has none (docs/differences.md row 4).
      const thrown = thrownBy(() => new (Failure as new () => Failure)());
      expect(thrown).to.be.instanceOf(NoCurrentExceptionError);
      expect(thrown).to.be.instanceOf(TypeError);
    });
  });

  describe('FailureTests: check and trap', () => {
    it('check returns the first matching argument, in argument order', () => {
      const failure = new Failure(new ValueLikeError('v'));
      expect(failure.check(LookupLikeError, ValueLikeError, Error)).to.equal(ValueLikeError);
    });

    it('check returns an ancestor given before the exact class (first match, not most specific)', () => {
      const failure = new Failure(new ValueLikeError('v'));
      expect(failure.check(Error, ValueLikeError)).to.equal(Error);
    });

    it('trap returns the first matching argument', () => {
      const failure = new Failure(new ValueLikeError('v'));
      expect(failure.trap(Error, ValueLikeError)).to.equal(Error);
    });

    it('trap matches an ancestor along the prototype chain, leaving type unchanged (failAndTrap)', () => {
      const failure = new Failure(new NotImplementedLikeError('ni'));
      expect(failure.trap(SystemExitLike, RuntimeLikeError)).to.equal(RuntimeLikeError);
      expect(failure.type).to.equal(NotImplementedLikeError);
    });

    it('check returns undefined when nothing matches', () => {
      const failure = new Failure(new ValueLikeError('v'));
      expect(failure.check(LookupLikeError, OverflowLikeError)).to.equal(undefined);
    });

    it('check accepts a class name string, matched along the prototype chain', () => {
      // Twisted wants the qualified name ('builtins.RuntimeError'); see docs/differences.md row 10.
      const failure = new Failure(new NotImplementedLikeError('ni'));
      expect(failure.check('RuntimeLikeError')).to.equal('RuntimeLikeError');
      expect(failure.check('LookupLikeError')).to.equal(undefined);
    });

    it('check on a primitive matches its wrapper class: check(Number) on 42', () => {
      const failure = new Failure(42);
      expect(failure.check(String, Number)).to.equal(Number);
      expect(failure.check(String)).to.equal(undefined);
    });

    it('trap returns the match and keeps the value (ExplicitPass)', () => {
      const error = new RuntimeLikeError('kept');
      const failure = new Failure(error);
      expect(failure.trap(RuntimeLikeError)).to.equal(RuntimeLikeError);
      expect(failure.value).to.equal(error);
    });

    it('trap with no match throws the wrapped value itself, not the Failure (trapRaisesWrappedException)', () => {
      const error = new ValueLikeError('not trapped');
      const failure = new Failure(error);
      expect(thrownBy(() => failure.trap(OverflowLikeError))).to.equal(error);
    });

    it('trap with no match throws a wrapped non-Error value as it is', () => {
      const failure = new Failure(42);
      expect(thrownBy(() => failure.trap(String))).to.equal(42);
    });

    it('trap() with no arguments always throws the wrapped value', () => {
      const error = new ValueLikeError('nothing to trap');
      expect(thrownBy(() => new Failure(error).trap())).to.equal(error);
    });

    it('raiseException throws the wrapped value itself', () => {
      const error = new ValueLikeError('raised');
      const failure = new Failure(error);
      const thrown = thrownBy(() => failure.raiseException());
      expect(thrown).to.equal(error);
      expect(thrown).to.not.equal(failure);
    });

    it('raiseException keeps the original stack of an Error (RaiseExceptionWithTB)', () => {
      const error = thrownBy(() => raiseValueLikeError('from a frame')) as Error;
      const stackBefore = error.stack;
      const thrown = thrownBy(() => new Failure(error).raiseException()) as Error;
      expect(thrown.stack).to.equal(stackBefore);
      expect(thrown.stack).to.contain('raiseValueLikeError');
    });
  });

  describe('getErrorMessage', () => {
    it("is an Error's message", () => {
      expect(new Failure(new ValueLikeError('the message')).getErrorMessage()).to.equal('the message');
    });

    it("is '' for an Error constructed without a message", () => {
      expect(new Failure(new ValueLikeError()).getErrorMessage()).to.equal('');
    });

    it('is String(value) for values that are not Errors', () => {
      expect(new Failure(42).getErrorMessage()).to.equal('42');
      expect(new Failure('text').getErrorMessage()).to.equal('text');
      expect(new Failure(null).getErrorMessage()).to.equal('null');
      expect(new Failure(undefined).getErrorMessage()).to.equal('undefined');
      expect(new Failure({ reason: 'plain' }).getErrorMessage()).to.equal('[object Object]');
    });

    it('describes the value instead of throwing when String(value) throws', () => {
      class Unprintable {
        toString(): string {
          throw new Error('no string for you');
        }
      }
      const message = new Failure(new Unprintable()).getErrorMessage();
      expect(message).to.be.a('string');
      expect(message).to.contain('Unprintable');
      expect(message).to.contain('str error');
      expect(message).to.contain('no string for you');
    });

    it('describes an object with no prototype instead of throwing', () => {
      const message = new Failure(Object.create(null)).getErrorMessage();
      expect(message).to.be.a('string');
      expect(message).to.contain('str error');
    });
  });

  describe('tracebacks and descriptions', () => {
    it('getTraceback of an Error with a stack: header, the frames, then "TypeName: message"', () => {
      const failure = new Failure(thrownBy(() => raiseValueLikeError('from a frame')));
      const lines = failure.getTraceback().split('\n');
      expect(lines[0]).to.equal('Traceback (most recent call first):');
      expect(lines.at(-1)).to.equal(''); // the text ends with a newline
      expect(lines.at(-2)).to.equal('ValueLikeError: from a frame');
      const frames = lines.slice(1, -2);
      expect(frames.length).to.be.greaterThan(0);
      expect(frames.every((line) => line.startsWith('  at '))).to.equal(true);
      expect(frames[0]).to.contain('raiseValueLikeError'); // innermost first (docs/differences.md row 8)
    });

    it('getTraceback of a value with no frames prints the "Failure: " line, as Twisted does', () => {
      expect(new Failure(42).getTraceback()).to.equal('Traceback (most recent call first):\nFailure: Number: 42\n');
    });

    it('getBriefTraceback of an Error with a stack: a summary line, then one line per frame', () => {
      const failure = new Failure(thrownBy(() => raiseValueLikeError('brief')));
      const lines = failure.getBriefTraceback().split('\n');
      expect(lines[0]).to.equal('Traceback: ValueLikeError: brief');
      expect(lines[1]).to.contain('raiseValueLikeError');
      expect(lines.at(-1)).to.equal('');
      expect(lines.length - 2).to.equal(failure.frames.length);
    });

    it('getBriefTraceback of a value with no frames says so', () => {
      expect(new Failure(42).getBriefTraceback()).to.equal('Traceback (failure with no frames): Number: 42\n');
    });

    it('toString is "[Failure instance: <brief traceback>]"', () => {
      expect(String(new Failure(42))).to.equal('[Failure instance: Traceback (failure with no frames): Number: 42\n]');
    });

    it('util.inspect shows "<Failure TypeName: message>"', () => {
      expect(inspect(new Failure(new ValueLikeError('shown')))).to.equal('<Failure ValueLikeError: shown>');
    });

    it('util.inspect keeps the space after the colon when the message is empty', () => {
      expect(inspect(new Failure(new ValueLikeError()))).to.equal('<Failure ValueLikeError: >');
    });

    it("a Deferred holding a failure shows it in its own description", () => {
      const deferred = new Deferred<never>();
      deferred.errback(new ValueLikeError('in a Deferred'));
      expect(String(deferred)).to.match(/^<Deferred #\d+ current result: <Failure ValueLikeError: in a Deferred>>$/);
      deferred.addErrback(() => undefined); // handled: nothing to report later
    });
  });

  describe('GetTracebackTests: broken values never make the traceback throw', () => {
    class BrokenValue {
      toString(): string {
        throw new Error('no string for the value');
      }
    }
    /** An Error whose message cannot be read (the JavaScript analogue of a broken __str__ on an exception). */
    class BrokenMessageError extends Error {
      override get message(): string {
        throw new Error('no message for you');
      }
    }
    /** An Error class whose name cannot be read (the analogue of a broken __str__ on the exception class). */
    class BrokenTypeError extends Error {}
    Object.defineProperty(BrokenTypeError, 'name', {
      get(): string {
        throw new Error('no name for the class');
      },
    });

    it('getTraceback of a value whose toString throws', () => {
      expect(new Failure(new BrokenValue()).getTraceback()).to.be.a('string');
    });

    it('getBriefTraceback of a value whose toString throws', () => {
      expect(new Failure(new BrokenValue()).getBriefTraceback()).to.be.a('string');
    });

    it('getTraceback of an Error whose message getter throws', () => {
      expect(new Failure(new BrokenMessageError()).getTraceback()).to.be.a('string');
    });

    it('getBriefTraceback of an Error whose message getter throws', () => {
      expect(new Failure(new BrokenMessageError()).getBriefTraceback()).to.be.a('string');
    });

    it('getTraceback of an Error whose class name getter throws (broken type)', () => {
      expect(new Failure(new BrokenTypeError('x')).getTraceback()).to.be.a('string');
    });

    it('getBriefTraceback of an Error whose class name getter throws (broken type)', () => {
      expect(new Failure(new BrokenTypeError('x')).getBriefTraceback()).to.be.a('string');
    });
  });

  describe('a Failure from another copy of txdefer (ESM beside CJS)', () => {
    // A second instance of failure.ts, loaded under another URL: its Failure class is a
    // different class, as the CommonJS build's is beside the ESM build's.
    type FailureModule = typeof import('../../src/core/failure.js');
    let other: FailureModule;
    before(async () => {
      const url = new URL('../../src/core/failure.ts?copy=failure-spec', import.meta.url).href;
      other = (await import(url)) as FailureModule;
      expect(other.Failure).to.not.equal(Failure);
    });

    it('is recognised by isFailure', () => {
      expect(isFailure(new other.Failure(new ValueLikeError('foreign')))).to.equal(true);
    });

    it('is copied by new Failure(foreign): the same value', () => {
      const foreign = new other.Failure(new ValueLikeError('foreign'));
      const copy = new Failure(foreign);
      expect(copy.value).to.equal(foreign.value);
    });

    it('thrown from a callback becomes a new Failure with the same value', () => {
      const foreign = new other.Failure(new ValueLikeError('foreign, thrown'));
      const seen: Failure[] = [];
      const deferred = new Deferred<number>();
      deferred.addCallback(() => {
        throw foreign;
      });
      deferred.addErrback((failure) => {
        seen.push(failure);
      });
      deferred.callback(1);
      expect(seen).to.have.length(1);
      expect(seen[0]?.value).to.equal(foreign.value);
    });
  });

  describe('Failures inside a chain', () => {
    it('a Failure thrown from a callback becomes a new Failure with the same value (B.9)', () => {
      const thrownFailure = new Failure(new ValueLikeError('thrown as a Failure'));
      const seen: Failure[] = [];
      const deferred = new Deferred<number>();
      deferred.addCallback(() => {
        throw thrownFailure;
      });
      deferred.addErrback((failure) => {
        seen.push(failure);
      });
      deferred.callback(1);
      expect(seen).to.have.length(1);
      expect(seen[0]).to.be.instanceOf(Failure);
      expect(seen[0]).to.not.equal(thrownFailure);
      expect(seen[0]?.value).to.equal(thrownFailure.value);
    });

    it('a trap that misses in an errback gives the next errback a different Failure with the same value (B.10)', () => {
      const first: Failure[] = [];
      const second: Failure[] = [];
      const deferred = new Deferred<never>();
      deferred.addErrback((failure) => {
        first.push(failure);
        return failure.trap(LookupLikeError);
      });
      deferred.addErrback((failure) => {
        second.push(failure);
      });
      deferred.errback(new ValueLikeError('missed'));
      expect(first).to.have.length(1);
      expect(second).to.have.length(1);
      expect(second[0]).to.not.equal(first[0]);
      expect(second[0]?.value).to.equal(first[0]?.value);
    });

    it('an errback that only traps makes the trapped class the chain result (B.10)', () => {
      const deferred = fail(new ValueLikeError('trapped'));
      deferred.addErrback((failure) => failure.trap(ValueLikeError));
      expect(deferred.result).to.equal(ValueLikeError);
    });
  });
});
