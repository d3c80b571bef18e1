/**
 * inlineCallbacks as a standard (TC39) method decorator: `@inlineCallbacks *fetch() {}`
 * ports Python's `@defer.inlineCallbacks def fetch(self):` (spec/oracle/inlinecb_method.out
 * shows the same on real Twisted); and the field form, whose type TypeScript infers.
 */
import { expect } from 'chai';
import { Deferred, inlineCallbacks, succeed } from '../../src/index.js';
import { failureResultOf, successResultOf } from '../../src/testing/index.js';

class Client {
  readonly calls: string[] = [];
  constructor(readonly base: number) {}

  @inlineCallbacks
  *fetch(extra: number): Generator<unknown, number, number> {
    this.calls.push('fetch');
    const got = yield succeed(extra);
    return this.base + got;
  }

  @inlineCallbacks
  *broken(): Generator<unknown, never, unknown> {
    yield succeed(undefined);
    throw new RangeError(`broken on ${this.base}`);
  }

  readonly field = inlineCallbacks(function* (this: Client, extra: number) {
    const got: number = yield succeed(extra);
    return this.base * got;
  });
}

describe('@inlineCallbacks on methods (TC39 decorators)', () => {
  it('a decorated method returns a Deferred of what the generator returns', () => {
    const client = new Client(40);
    const d = client.fetch(2) as unknown as Deferred<number>;
    expect(d).to.be.instanceOf(Deferred);
    expect(successResultOf(d)).to.equal(42);
  });

  it('this is the object the method is called on', () => {
    const a = new Client(1);
    const b = new Client(100);
    expect(successResultOf(a.fetch(1) as unknown as Deferred<number>)).to.equal(2);
    expect(successResultOf(b.fetch(1) as unknown as Deferred<number>)).to.equal(101);
    expect([a.calls, b.calls]).to.deep.equal([['fetch'], ['fetch']]);
  });

  it('what the generator throws fails the Deferred', () => {
    const failure = failureResultOf(new Client(7).broken() as unknown as Deferred<never>, RangeError);
    expect(failure.getErrorMessage()).to.equal('broken on 7');
  });

  it('the method keeps its name, as functools.wraps keeps it', () => {
    expect(Client.prototype.fetch.name).to.equal('fetch');
  });

  it('a method taken off its object and called with another this uses that this', () => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- taken off on purpose, to be called with another this
    const fetch = Client.prototype.fetch;
    const other = new Client(1000);
    expect(successResultOf(fetch.call(other, 1) as unknown as Deferred<number>)).to.equal(1001);
  });

  it('the field form gives a Deferred whose type TypeScript infers', () => {
    const d: Deferred<number> = new Client(6).field(7);
    expect(successResultOf(d)).to.equal(42);
  });

  it('decorating anything but a method is a TypeError', () => {
    const fn = function* (): Generator<undefined, void, unknown> {
      yield undefined;
    };
    expect(() => inlineCallbacks(fn, { kind: 'field', name: 'x' } as never)).to.throw(
      TypeError,
      '@inlineCallbacks decorates generator methods, not a field',
    );
    expect(() => inlineCallbacks(fn, null as never)).to.throw(TypeError, '@inlineCallbacks decorates generator methods, not null');
  });
});
