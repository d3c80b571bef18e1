/**
 * Failure.parents, cleanFailure, pickled, printBriefTraceback and
 * throwExceptionIntoGenerator (reference F.2, F.5, F.7, F.9).
 *
 * Each `it` is backed by the line with the same label in spec/oracle/failure_extras.out,
 * printed by real Twisted (LoopingCall's `deferred`, printed there too, is in
 * spec/time/looping-call.spec.ts).
 */
import { expect } from 'chai';
import { Failure } from '../../src/index.js';

class MyError extends RangeError {}

describe('Failure: parents, cleanFailure, printBriefTraceback, throwExceptionIntoGenerator', () => {
  it('parents lists the class and its bases, innermost first', () => {
    // Twisted: ['MyError', 'ValueError', 'Exception', 'BaseException', 'object'] (qualified names there).
    expect(new Failure(new MyError('bad')).parents).to.deep.equal(['MyError', 'RangeError', 'Error', 'Object']);
    expect(new Failure(42).parents).to.deep.equal(['Number', 'Object']);
    expect(new Failure(undefined).parents).to.deep.equal([]);
    expect(new Failure(Object.create(null)).parents).to.deep.equal([]);
  });

  it('check with a base class name from parents matches', () => {
    expect(new Failure(new MyError('bad')).check('RangeError')).to.equal('RangeError');
  });

  it('pickled is 0 before cleanFailure', () => {
    expect(new Failure(new Error('x')).pickled).to.equal(false);
  });

  it('pickled is 1 after cleanFailure', () => {
    const failure = new Failure(new Error('x'));
    failure.cleanFailure();
    expect(failure.pickled).to.equal(true);
  });

  it('the traceback is the same after cleanFailure', () => {
    const error = new RangeError('kept');
    const failure = new Failure(error);
    const before = failure.getTraceback();
    failure.cleanFailure();
    error.stack = 'changed afterwards';
    expect(failure.getTraceback()).to.equal(before);
  });

  it('the value is the same after cleanFailure', () => {
    const error = new RangeError('kept');
    const failure = new Failure(error);
    failure.cleanFailure();
    expect(failure.value).to.equal(error);
  });

  it('printBriefTraceback writes the brief traceback', () => {
    const failure = new Failure(new RangeError('brief'));
    const written: string[] = [];
    failure.printBriefTraceback((text) => written.push(text));
    expect(written).to.deep.equal([failure.getBriefTraceback()]);
  });

  it('the brief traceback of a failure without frames', () => {
    const written: string[] = [];
    new Failure('brief').printBriefTraceback((text) => written.push(text));
    expect(written[0]?.split('\n')[0]).to.equal('Traceback (failure with no frames): String: brief');
  });

  it('throwExceptionIntoGenerator gives what the generator yields next', () => {
    function* gen(): Generator<string, void, never> {
      try {
        yield 'first';
      } catch (error) {
        yield `caught ${(error as Error).message}`;
      }
      yield 'never';
    }
    const g = gen();
    g.next();
    expect(new Failure(new RangeError('thrown in')).throwExceptionIntoGenerator(g)).to.deep.equal({
      value: 'caught thrown in',
      done: false,
    });
  });

  it('an error the generator does not catch comes back out', () => {
    function* plain(): Generator<string, void, never> {
      yield 'first';
    }
    const g = plain();
    g.next();
    const error = new TypeError('k');
    expect(() => new Failure(error).throwExceptionIntoGenerator(g)).to.throw(error);
  });

  it('a generator that returns ends it (StopIteration with the value)', () => {
    // JavaScript's form of StopIteration(value): the iterator result { value, done: true }.
    function* finishing(): Generator<string, string, never> {
      try {
        yield 'first';
      } catch {
        return 'done';
      }
      return 'not caught';
    }
    const g = finishing();
    g.next();
    expect(new Failure(new RangeError('end')).throwExceptionIntoGenerator(g)).to.deep.equal({ value: 'done', done: true });
  });

  describe('bad input', () => {
    it('throwExceptionIntoGenerator without a generator is a TypeError', () => {
      expect(() => new Failure(new Error('x')).throwExceptionIntoGenerator({} as never)).to.throw(
        TypeError,
        'Failure.throwExceptionIntoGenerator: `gen` must be a generator object, got object',
      );
    });

    it('printBriefTraceback and printTraceback with a writer that is not a function are TypeErrors', () => {
      const failure = new Failure(new Error('x'));
      expect(() => failure.printBriefTraceback('stdout' as never)).to.throw(
        TypeError,
        'Failure.printBriefTraceback: `write` must be a function',
      );
      expect(() => failure.printTraceback(1 as never)).to.throw(TypeError, 'Failure.printTraceback: `write` must be a function');
    });
  });
});
