/**
 * simpleBackoffIterator: the delays of "Twisted code for retrying function calls".
 * Each `it` outside "txdefer only" is backed by the line with the same label in
 * spec/oracle/patterns_retrying_call.out, printed by the post's generator on Twisted 22.4.
 */
import { expect } from 'chai';
import { simpleBackoffIterator } from '../../src/index.js';

/** Rounded as the oracle prints them (Python and JavaScript share IEEE doubles; this only trims printing). */
function seconds(values: Iterable<number>): number[] {
  return [...values].map((value) => Math.round(value * 1e6) / 1e6);
}

describe('simpleBackoffIterator', () => {
  it("the defaults give the post's ten delays", () => {
    expect([...simpleBackoffIterator()]).to.deep.equal([0, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56]);
  });

  it('now=False starts at initDelay', () => {
    expect(seconds(simpleBackoffIterator({ maxResults: 4, now: false }))).to.deep.equal([0.01, 0.02, 0.04, 0.08]);
  });

  it('now counts towards maxResults', () => {
    expect([...simpleBackoffIterator({ maxResults: 3 })]).to.have.length(3);
  });

  it('maxDelay caps each delay', () => {
    const delays = simpleBackoffIterator({ maxResults: 5, now: false, initDelay: 1, incFunc: (d) => d * 3, maxDelay: 10 });
    expect([...delays]).to.deep.equal([1, 3, 9, 10, 10]);
  });

  it('incFunc makes each delay from the one before', () => {
    expect([...simpleBackoffIterator({ maxResults: 3, now: false, initDelay: 2, incFunc: (d) => d + 3 })]).to.deep.equal([2, 5, 8]);
  });

  it('a constant incFunc gives the same delay each time', () => {
    expect([...simpleBackoffIterator({ maxResults: 4, now: false, initDelay: 5, incFunc: () => 5 })]).to.deep.equal([5, 5, 5, 5]);
  });

  describe('txdefer only', () => {
    it('the default delays never exceed the default maxDelay of 120 seconds, however many are asked for', () => {
      const delays = [...simpleBackoffIterator({ maxResults: 40 })];
      expect(delays).to.have.length(40);
      expect(Math.max(...delays)).to.equal(120);
    });

    it('maxDelay Infinity means no cap', () => {
      expect([...simpleBackoffIterator({ maxResults: 3, now: false, initDelay: 100, maxDelay: Infinity })]).to.deep.equal([100, 200, 400]);
    });

    it('maxResults 1 with now gives the single delay 0', () => {
      expect([...simpleBackoffIterator({ maxResults: 1 })]).to.deep.equal([0]);
    });

    it('options left undefined take their defaults', () => {
      expect([...simpleBackoffIterator({ maxResults: undefined, now: undefined })]).to.have.length(10);
    });

    it('refuses a maxResults below 1 or not an integer with a RangeError naming it, when called', () => {
      expect(() => simpleBackoffIterator({ maxResults: 0 })).to.throw(RangeError, '`maxResults` must be an integer >= 1, got 0');
      expect(() => simpleBackoffIterator({ maxResults: 2.5 })).to.throw(RangeError, 'got 2.5');
    });

    it('refuses a maxResults that is not a number with a TypeError', () => {
      expect(() => simpleBackoffIterator({ maxResults: '3' as unknown as number })).to.throw(TypeError, "`maxResults` must be an integer >= 1, got string '3'");
    });

    it('refuses a negative or NaN maxDelay with a RangeError', () => {
      expect(() => simpleBackoffIterator({ maxDelay: -1 })).to.throw(RangeError, '`maxDelay` must be a number of seconds >= 0, got -1');
      expect(() => simpleBackoffIterator({ maxDelay: Number.NaN })).to.throw(RangeError, 'got NaN');
    });

    it('refuses an initDelay that is negative or not finite with a RangeError', () => {
      expect(() => simpleBackoffIterator({ initDelay: -0.5 })).to.throw(RangeError, '`initDelay` must be a finite number of seconds >= 0, got -0.5');
      expect(() => simpleBackoffIterator({ initDelay: Infinity })).to.throw(RangeError, 'got Infinity');
    });

    it('refuses a now that is not a boolean, and an incFunc that is not a function, with TypeErrors', () => {
      expect(() => simpleBackoffIterator({ now: 1 as unknown as boolean })).to.throw(TypeError, '`now` must be a boolean, got number 1');
      expect(() => simpleBackoffIterator({ incFunc: 2 as unknown as () => number })).to.throw(TypeError, '`incFunc` must be a function, got number 2');
    });

    it('refuses options that are not an object', () => {
      expect(() => simpleBackoffIterator(null as never)).to.throw(TypeError, '`options` must be an object');
    });

    it('an incFunc returning a negative number makes next() throw a RangeError naming incFunc', () => {
      const delays = simpleBackoffIterator({ now: false, initDelay: 1, incFunc: () => -1 });
      expect(delays.next().value).to.equal(1);
      expect(() => delays.next()).to.throw(RangeError, '`incFunc` must return a number of seconds >= 0, got -1 for 1');
    });

    it('an incFunc returning something other than a number makes next() throw a TypeError naming incFunc', () => {
      const delays = simpleBackoffIterator({ now: false, incFunc: () => 'later' as unknown as number });
      delays.next();
      expect(() => delays.next()).to.throw(TypeError, "got string 'later' for 0.01");
    });
  });
});
