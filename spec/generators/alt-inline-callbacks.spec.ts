/**
 * altInlineCallbacks, from "A kinder and more consistent defer.inlineCallbacks". Each
 * `it` under "the post's behaviour" is backed by the line with the same label in
 * spec/oracle/patterns_alt_inline_callbacks.out (the post's decorator on Twisted 22.4).
 * Its types are checked in spec/types/patterns-types.ts.
 */
import { expect } from 'chai';
import { altInlineCallbacks, CancelledError, Deferred, fail, Failure, inlineCallbacks, succeed } from '../../src/index.js';
import { failureResultOf, successResultOf } from '../support/helpers.js';

describe('altInlineCallbacks', () => {
  describe("the post's behaviour", () => {
    it('a function that is not a generator fires with its return value', () => {
      const notAGenerator = altInlineCallbacks((x: number) => x * 2);
      expect(successResultOf(notAGenerator(21))).to.equal(42);
    });

    it('a synchronous throw gives a failed Deferred', () => {
      const error = new RangeError('before anything');
      const raisesAtOnce = altInlineCallbacks((): number => {
        throw error;
      });
      let d: Deferred<number> | undefined;
      expect(() => {
        d = raisesAtOnce();
      }).not.to.throw();
      expect(failureResultOf(d as Deferred<number>, RangeError).value).to.equal(error);
    });

    it('a generator is driven as inlineCallbacks drives it', () => {
      const inner = new Deferred<number>();
      const aGenerator = altInlineCallbacks(function* (x: number) {
        const y: number = yield inner;
        return x + y;
      });
      const d = aGenerator(1);
      expect(d.called).to.equal(false);
      inner.callback(2);
      expect(successResultOf(d)).to.equal(3);
    });

    it('a generator that throws before its first yield fails the Deferred', () => {
      const throwsBeforeItsFirstYield = altInlineCallbacks(function* () {
        throw new TypeError('in the generator');
        yield undefined;
      });
      failureResultOf(throwsBeforeItsFirstYield(), TypeError);
    });

    it('an object that only looks like a generator is a plain result, never driven', () => {
      let driven = false;
      const lookAlike = {
        next(): IteratorResult<unknown> {
          driven = true;
          return { done: true, value: undefined };
        },
        send(): void {
          driven = true;
        },
      };
      const looksLikeAGenerator = altInlineCallbacks(() => lookAlike);
      expect(successResultOf(looksLikeAGenerator())).to.equal(lookAlike);
      expect(driven).to.equal(false);
    });

    it('inlineCallbacks, by contrast, throws for a function that is not a generator', () => {
      const plain = inlineCallbacks((() => 1) as never);
      expect(() => plain()).to.throw(TypeError, 'inlineCallbacks requires');
    });
  });

  describe('txdefer only', () => {
    it('a returned Deferred is given back as it is', () => {
      const d = succeed('mine');
      expect(altInlineCallbacks(() => d)()).to.equal(d);
    });

    it('a returned Failure fails the Deferred with it', () => {
      const failure = new Failure(new RangeError('returned'));
      expect(failureResultOf(altInlineCallbacks(() => failure)())).to.equal(failure);
    });

    it('a returned Promise (an async function) is followed', async () => {
      const fromAsync = altInlineCallbacks(async (x: number) => x + 1);
      expect(await fromAsync(1)).to.equal(2);
    });

    it('passes `this` and the arguments through, for generators and plain functions alike', () => {
      const holder = {
        base: 10,
        plain: altInlineCallbacks(function (this: { base: number }, x: number) {
          return this.base + x;
        }),
        *gen(this: { base: number }, x: number): Generator<unknown, number, unknown> {
          yield succeed(undefined);
          return this.base * x;
        },
      };
      // eslint-disable-next-line @typescript-eslint/unbound-method -- the generator function itself is wrapped; `this` is given at the call
      const driven = altInlineCallbacks(holder.gen);
      expect(successResultOf(holder.plain(5))).to.equal(15);
      expect(successResultOf(driven.call(holder, 3))).to.equal(30);
    });

    it('keeps the function\'s name', () => {
      function fetchUser(): number {
        return 1;
      }
      expect(altInlineCallbacks(fetchUser).name).to.equal('fetchUser');
    });

    it('a generator\'s Deferred is cancellable as inlineCallbacks\' is: the yielded Deferred is cancelled', () => {
      const waitedOn = new Deferred<number>();
      const d = altInlineCallbacks(function* () {
        yield waitedOn;
      })();
      d.cancel();
      failureResultOf(d, CancelledError);
      expect(waitedOn.called).to.equal(true);
    });

    it('a plain function returning a failed Deferred gives that failure', () => {
      failureResultOf(altInlineCallbacks(() => fail(new RangeError('x')))(), RangeError);
    });

    it('refuses a fn that is not a function with a TypeError naming it and the value', () => {
      expect(() => altInlineCallbacks('gen' as never)).to.throw(TypeError, "altInlineCallbacks: `fn` must be a function, got string 'gen'");
    });
  });
});
