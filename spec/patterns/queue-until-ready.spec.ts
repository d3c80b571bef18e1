/**
 * queueUntilReady, from the deferred-init mixin post. Each `it` under "the post's
 * behaviour" is backed by the line with the same label in
 * spec/oracle/patterns_deferred_init.out (the post's mixin and its example, on Twisted
 * 22.4 with a Clock); the others are the gap of the original that txdefer closes.
 */
/* eslint-disable @typescript-eslint/unbound-method -- these specs compare methods by reference (wrapped, then restored); none is called unbound */
import { expect } from 'chai';
import { CancelledError, Clock, Deferred, fail, queueUntilReady, succeed } from '../../src/index.js';
import { assertNoResult, failureResultOf, successResultOf } from '../support/helpers.js';

/** The post's Test class: its initialisation takes a second on the clock, and f1 and f2 answer a second after they are called. */
class Test {
  constructor(readonly clock: Clock, readonly log: string[], initialising?: Deferred<string>) {
    queueUntilReady(this, initialising ?? this.late('Test'), 'f1', 'f2');
  }

  late<T>(value: T): Deferred<T> {
    const d = new Deferred<T>();
    this.clock.callLater(1, () => {
      this.log.push(`I finally fired, with value ${String(value)}`);
      d.callback(value);
    });
    return d;
  }

  f1(arg: number): Deferred<number> {
    this.log.push(`f1 called with ${arg}`);
    return this.late(arg);
  }

  f2(arg: number): Deferred<number> {
    this.log.push(`f2 called with ${arg}`);
    return this.late(arg);
  }
}

/** The post's main program: three calls made at once, each noting its final callback. */
function threeCalls(t: Test): Array<Deferred<unknown>> {
  const note = (what: string) => (result: number) => {
    t.log.push(`final callback of ${what}, result = ${result}`);
  };
  return [t.f1(44).addCallback(note('f1')), t.f1(33).addCallback(note('f1')), t.f2(11).addCallback(note('f2'))];
}

describe('queueUntilReady', () => {
  describe("the post's behaviour", () => {
    it('calls made before the initialising Deferred fires return Deferreds and wait', () => {
      const t = new Test(new Clock(), []);
      const [d1] = threeCalls(t);
      expect(t.log).to.deep.equal([]);
      assertNoResult(d1 as Deferred<unknown>);
    });

    it('once it fires, the queued calls run in the order they were made', () => {
      const clock = new Clock();
      const t = new Test(clock, []);
      threeCalls(t);
      clock.advance(1);
      expect(t.log).to.deep.equal(['I finally fired, with value Test', 'f1 called with 44', 'f1 called with 33', 'f2 called with 11']);
    });

    it('the original methods are back once it fired', () => {
      const clock = new Clock();
      const t = new Test(clock, []);
      expect(t.f1).not.to.equal(Test.prototype.f1);
      clock.advance(1);
      expect(t.f1).to.equal(Test.prototype.f1);
      expect(t.f2).to.equal(Test.prototype.f2);
      expect(Object.getOwnPropertyNames(t)).not.to.include('f1');
    });

    it("each queued call's Deferred fires with what the method's Deferred fires with", () => {
      const clock = new Clock();
      const t = new Test(clock, []);
      threeCalls(t);
      clock.advance(1);
      t.log.length = 0;
      clock.advance(1);
      expect(t.log).to.deep.equal([
        'I finally fired, with value 44',
        'final callback of f1, result = 44',
        'I finally fired, with value 33',
        'final callback of f1, result = 33',
        'I finally fired, with value 11',
        'final callback of f2, result = 11',
      ]);
      expect(clock.getDelayedCalls()).to.deep.equal([]);
    });

    it('if it has already fired, the methods are left as they are and run at once', () => {
      const t = new Test(new Clock(), [], succeed('done'));
      expect(t.f1).to.equal(Test.prototype.f1);
      t.f1(5);
      expect(t.log).to.deep.equal(['f1 called with 5']);
    });
  });

  describe('txdefer only', () => {
    it('if the initialisation fails, the queued calls fail with that same failure, and their methods are not called', () => {
      const initialising = new Deferred<string>();
      const t = new Test(new Clock(), [], initialising);
      const calls = threeCalls(t);
      const error = new RangeError('no database');
      initialising.errback(error);
      initialising.addErrback(() => undefined);
      const failures = calls.map((d) => failureResultOf(d, RangeError));
      expect(failures.every((f) => f.value === error && f === failures[0])).to.equal(true);
      expect(t.log).to.deep.equal([]);
    });

    it('after a failed initialisation, later calls fail with that failure too', () => {
      const initialising = new Deferred<string>();
      const t = new Test(new Clock(), [], initialising);
      initialising.errback(new RangeError('no database'));
      initialising.addErrback(() => undefined);
      failureResultOf(t.f2(1), RangeError);
      expect(t.log).to.deep.equal([]);
    });

    it('an initialisation that has already failed makes every call fail at once', () => {
      const t = new Test(new Clock(), [], fail(new RangeError('too late')).addErrback((f) => f) as Deferred<string>);
      failureResultOf(t.f1(1), RangeError);
    });

    it("the initialising Deferred keeps its result for its owner's later callbacks", () => {
      const initialising = new Deferred<string>();
      new Test(new Clock(), [], initialising);
      initialising.callback('connected');
      expect(successResultOf(initialising)).to.equal('connected');
    });

    it('cancelling a queued call takes it out of the queue: its method is never called', () => {
      const clock = new Clock();
      const t = new Test(clock, []);
      const first = t.f1(1);
      const second = t.f1(2);
      first.cancel();
      failureResultOf(first, CancelledError);
      clock.advance(1);
      expect(t.log).to.deep.equal(['I finally fired, with value Test', 'f1 called with 2']);
      assertNoResult(second);
    });

    it('a queued call of a method that throws fails its Deferred', () => {
      const initialising = new Deferred<void>();
      const instance = {
        broken(): Deferred<number> {
          throw new TypeError('broken');
        },
      };
      queueUntilReady(instance, initialising, 'broken');
      const d = instance.broken();
      initialising.callback();
      failureResultOf(d, TypeError);
    });

    it('a method that was the instance\'s own property is put back as such', () => {
      const initialising = new Deferred<void>();
      const own = (): Deferred<string> => succeed('own');
      const instance = { own };
      queueUntilReady(instance, initialising, 'own');
      expect(instance.own).not.to.equal(own);
      initialising.callback();
      expect(instance.own).to.equal(own);
    });

    it('a queued method runs with the instance as `this`, even called detached', () => {
      const initialising = new Deferred<void>();
      class Counter {
        count = 41;
        next(): Deferred<number> {
          return succeed(this.count + 1);
        }
      }
      const counter = new Counter();
      queueUntilReady(counter, initialising, 'next');
      const { next } = counter;
      const d = next();
      initialising.callback();
      expect(successResultOf(d)).to.equal(42);
    });

    it('queued calls that call another queued method from the original run it at once (the originals are back first)', () => {
      const initialising = new Deferred<void>();
      const log: string[] = [];
      const instance = {
        outer(): Deferred<string> {
          log.push('outer');
          return instance.inner();
        },
        inner(): Deferred<string> {
          log.push('inner');
          return succeed('inner done');
        },
      };
      queueUntilReady(instance, initialising, 'outer', 'inner');
      const d = instance.outer();
      initialising.callback();
      expect(log).to.deep.equal(['outer', 'inner']);
      expect(successResultOf(d)).to.equal('inner done');
    });

    it('refuses an instance that is not an object, with a TypeError naming it', () => {
      expect(() => queueUntilReady(5 as never, succeed(1))).to.throw(TypeError, '`instance` must be an object, got number 5');
    });

    it('refuses an initialising value that is not a Deferred', () => {
      expect(() => queueUntilReady({}, Promise.resolve() as never)).to.throw(TypeError, '`initialising` must be a Deferred');
    });

    it('refuses a name that is not a method of the instance, changing nothing', () => {
      const instance = { f(): Deferred<number> { return succeed(1); }, size: 3 };
      const f = instance.f;
      expect(() => queueUntilReady(instance, new Deferred(), 'f', 'size' as never)).to.throw(
        TypeError,
        "'size' is not a method of `instance` (got number 3)",
      );
      expect(instance.f).to.equal(f);
    });
  });
});
