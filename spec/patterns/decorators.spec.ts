/**
 * The `callback` and `errback` decorators (txdefer/decorators), from "Simpler Twisted
 * deferred code via decorated callbacks". Each `it` under "the post's behaviour" is
 * backed by the line with the same label in spec/oracle/patterns_decorators.out
 * (decorators written from the post's prose, on Twisted 22.4). Their types are checked
 * in spec/types/patterns-types.ts.
 */
import { expect } from 'chai';
import { CancelledError, Clock, Deferred, deferLater, fail, Failure, succeed } from '../../src/index.js';
import { callback, errback } from '../../src/decorators.js';
import { assertNoResult, failureResultOf, successResultOf, unhandledAfter } from '../support/helpers.js';

const getPage = (url: string): Deferred<string> => succeed(`<page of ${url}>`);
const cleanup = callback((page: string, arg: string) => `${page.replace(/</g, '[').replace(/>/g, ']')} cleaned ${arg}`);
const reformat = callback((page: string, arg: string) => `${page.toUpperCase()} ${arg}`);

/** The post's errcheck, noting in `log` each time it is called. */
function errcheckNoting(log: string[]) {
  return errback((failure: Failure, arg: string) => {
    log.push('errcheck called');
    return `<error page ${arg}>`;
  });
}

const add = callback((a: number, b: number) => a + b);

describe('decorators (txdefer/decorators)', () => {
  describe("the post's behaviour", () => {
    it('reformat(cleanup(errcheck(getPage(url), a1), a2), a3) works and returns a Deferred', () => {
      const errcheck = errcheckNoting([]);
      const d = reformat(cleanup(errcheck(getPage('x.org'), 'a1'), 'a2'), 'a3');
      expect(d).to.be.instanceOf(Deferred);
      expect(successResultOf(d)).to.equal('[PAGE OF X.ORG] CLEANED A2 a3');
    });

    it('errcheck is not called when nothing fails', () => {
      const log: string[] = [];
      successResultOf(reformat(cleanup(errcheckNoting(log)(getPage('x.org'), 'a1'), 'a2'), 'a3'));
      expect(log).to.deep.equal([]);
    });

    it('errcheck runs on failure and its return value goes on down the chain', () => {
      const missing = fail<string>(new RangeError('404'));
      const d = reformat(cleanup(errcheckNoting([])(missing, 'a1'), 'a2'), 'a3');
      expect(successResultOf(d)).to.equal('[ERROR PAGE A1] CLEANED A2 a3');
    });

    it('with no Deferred argument, the function is called at once and a Deferred comes back', () => {
      expect(successResultOf(add(1, 2))).to.equal(3);
    });

    it('with one Deferred argument, that very Deferred comes back', () => {
      const d = new Deferred<number>();
      expect(add(d, 2)).to.equal(d);
    });

    it('with one Deferred argument, the function gets its value', () => {
      const d = new Deferred<number>();
      const returned = add(d, 2);
      d.callback(40);
      expect(successResultOf(returned)).to.equal(42);
    });

    it('several Deferred arguments are waited for together', () => {
      const d1 = new Deferred<number>();
      const d2 = new Deferred<number>();
      const total = add(d1, d2);
      d2.callback(2);
      assertNoResult(total);
      d1.callback(1);
      expect(successResultOf(total)).to.equal(3);
    });

    it('on the first failure the others are cancelled and the function is not called', () => {
      const cancelled: string[] = [];
      const calls: unknown[][] = [];
      const record = callback((...values: unknown[]) => {
        calls.push(values);
        return values;
      });
      const d1 = new Deferred<unknown>(() => cancelled.push('d1'));
      const d2 = new Deferred<unknown>();
      const d3 = new Deferred<unknown>(() => cancelled.push('d3'));
      const result = record(d1, d2, d3);
      const failure = new Failure(new RangeError('d2 failed'));
      d2.errback(failure);
      expect(cancelled).to.deep.equal(['d1', 'd3']);
      expect(calls).to.deep.equal([]);
      expect(failureResultOf(result, RangeError)).to.equal(failure);
    });

    it('an errback-decorated function passes a success through', () => {
      const recover = errback((failure: Failure) => `recovered from ${failure.getErrorMessage()}`);
      expect(successResultOf(recover(succeed('fine')))).to.equal('fine');
    });

    it('an errback-decorated function that raises fails the call', () => {
      const refail = errback((): never => {
        throw new TypeError('still broken');
      });
      failureResultOf(refail(fail(new RangeError('broken'))), TypeError);
    });

    it('func1(getDeferred1(), errcheck(func2(getDeferred2(), getDeferred3()))) nests', () => {
      const func1 = callback((a: number, b: string) => `func1(${a}, ${b})`);
      const func2 = callback((a: number, b: number) => `func2(${a}, ${b})`);
      const errcheck = errcheckNoting([]);
      const d = func1(succeed(1), errcheck(func2(succeed(2), succeed(3)), 'x'));
      expect(successResultOf(d)).to.equal('func1(1, func2(2, 3))');
    });
  });

  describe('callback, txdefer only', () => {
    it('a function that throws, called with plain values, gives a failed Deferred', () => {
      const boom = callback((): number => {
        throw new RangeError('boom');
      });
      failureResultOf(boom(), RangeError);
    });

    it('a function returning a Deferred is waited for', () => {
      const later = new Deferred<string>();
      const wrap = callback((n: number) => later.addCallback((s) => `${s} ${n}`));
      const d = wrap(succeed(1));
      assertNoResult(d);
      later.callback('got');
      expect(successResultOf(d)).to.equal('got 1');
    });

    it('a Promise argument is waited for, as a Deferred is', async () => {
      expect(await add(Promise.resolve(40), 2)).to.equal(42);
    });

    it('a Failure given as an argument fails the call with it, and the function is not called', () => {
      let called = false;
      const f = callback((a: unknown) => {
        called = true;
        return a;
      });
      const failure = new Failure(new RangeError('given'));
      expect(failureResultOf(f(failure))).to.equal(failure);
      expect(called).to.equal(false);
    });

    it('a Failure given beside a pending Deferred fails the call at once and cancels that Deferred', () => {
      const pending = new Deferred<number>();
      const failure = new Failure(new RangeError('given'));
      const d = add(pending, failure as never);
      expect(failureResultOf(d)).to.equal(failure);
      expect(pending.called).to.equal(true);
    });

    it('a Deferred given twice is waited for once, and both places get its value', () => {
      const d = new Deferred<number>();
      const total = add(d, d);
      d.callback(21);
      expect(successResultOf(total)).to.equal(42);
    });

    it('several Deferred arguments are taken: they are left holding undefined', () => {
      const d1 = succeed(1);
      const d2 = succeed(2);
      successResultOf(add(d1, d2));
      expect(d1.result).to.equal(undefined);
    });

    it('cancelling the call while its arguments are pending cancels them, with CancelledError', () => {
      const clock = new Clock();
      const d1 = deferLater(clock, 5, () => 1);
      const d2 = deferLater(clock, 9, () => 2);
      const total = add(d1, d2);
      total.cancel();
      failureResultOf(total, CancelledError);
      expect(clock.getDelayedCalls()).to.deep.equal([]);
    });

    it('cancelling the call with one pending argument cancels that argument (it is the same Deferred)', () => {
      const clock = new Clock();
      const total = add(deferLater(clock, 5, () => 1), 2);
      total.cancel();
      failureResultOf(total, CancelledError);
      expect(clock.getDelayedCalls()).to.deep.equal([]);
    });

    it('passes `this` through and keeps the function\'s name', () => {
      function scaled(this: { factor: number }, n: number): number {
        return this.factor * n;
      }
      const decorated = callback(scaled);
      expect(decorated.name).to.equal('scaled');
      expect(successResultOf(decorated.call({ factor: 3 }, succeed(5)))).to.equal(15);
    });

    it('refuses to decorate something that is not a function, with a TypeError naming it and the value', () => {
      expect(() => callback(3 as never)).to.throw(TypeError, 'callback(fn): `fn` must be a function, got number 3');
    });

    it('no argument failure is reported, and the failure of the call is reported once if nobody handles it', async () => {
      class Lost extends Error {}
      const reports = await unhandledAfter(() => {
        const d1 = new Deferred<number>();
        const d2 = new Deferred<number>();
        add(d1, d2);
        d1.errback(new Lost('first'));
        d2.errback(new Lost('second, after the call failed'));
      }, Lost);
      expect(reports.map((f) => f.getErrorMessage())).to.deep.equal(['first']);
    });
  });

  describe('errback, txdefer only', () => {
    const recover = errback((failure: Failure, label: string) => `${label}: ${failure.getErrorMessage()}`);

    it('given a Failure directly, runs the function with it', () => {
      expect(successResultOf(recover(new Failure(new RangeError('direct')), 'handled'))).to.equal('handled: direct');
    });

    it('given a plain value, passes it through without calling the function', () => {
      expect(successResultOf(recover('plain', 'unused'))).to.equal('plain');
    });

    it('given an object whose then is not a function, passes it through as it is', () => {
      const lookAlike = { then: 42 };
      expect(successResultOf(recover(lookAlike, 'unused'))).to.equal(lookAlike);
    });

    it('with one Deferred to check and plain arguments, returns that very Deferred', () => {
      const d = new Deferred<string>();
      expect(recover(d, 'x')).to.equal(d);
    });

    it('waits for its own Deferred arguments before running on a failure', () => {
      const label = new Deferred<string>();
      const d = recover(fail(new RangeError('late label')), label);
      assertNoResult(d);
      label.callback('now');
      expect(successResultOf(d)).to.equal('now: late label');
    });

    it('passes a success through once its own Deferred arguments are in', () => {
      const label = new Deferred<string>();
      const d = recover(succeed('fine'), label);
      label.callback('unused');
      expect(successResultOf(d)).to.equal('fine');
    });

    it('fails with the failure of its own argument, cancelling the value to check, without running', () => {
      const log: string[] = [];
      const checked = new Deferred<string>(() => log.push('checked cancelled'));
      const label = fail<string>(new TypeError('no label'));
      const d = recover(checked, label);
      failureResultOf(d, TypeError);
      expect(log).to.deep.equal(['checked cancelled']);
    });

    it('a function returning a Deferred is waited for', () => {
      const later = new Deferred<string>();
      const retry = errback(() => later);
      const d = retry(fail(new RangeError('x')));
      assertNoResult(d);
      later.callback('second try');
      expect(successResultOf(d)).to.equal('second try');
    });

    it('called with no argument, throws a TypeError at once naming the function', () => {
      function errcheck(failure: Failure): string {
        return failure.getErrorMessage();
      }
      const decorated = errback(errcheck) as unknown as () => unknown;
      expect(() => decorated()).to.throw(TypeError, 'errback(errcheck): the decorated function needs its first argument');
    });

    it('refuses to decorate something that is not a function', () => {
      expect(() => errback(null as never)).to.throw(TypeError, 'errback(fn): `fn` must be a function, got null');
    });

    it('passes `this` through and keeps the function\'s name', () => {
      function handler(this: { fallback: string }, failure: Failure): string {
        return `${this.fallback} after ${failure.getErrorMessage()}`;
      }
      const decorated = errback(handler);
      expect(decorated.name).to.equal('handler');
      expect(successResultOf(decorated.call({ fallback: 'default' }, fail(new RangeError('x'))))).to.equal('default after x');
    });
  });
});
