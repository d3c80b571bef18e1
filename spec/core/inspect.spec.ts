/**
 * What `console.log` (Node's `util.inspect`) shows of txdefer's objects. The classes
 * define their inspect method through src/core/symbol-method.ts rather than with a
 * computed key in the class body (which would make esbuild keep every class in every
 * bundle: npm run check:size), so these specs pin that the method still behaves as a
 * class body's method would.
 */
import { expect } from 'chai';
import { inspect } from 'node:util';
import { Clock, Deferred, DeferredList, Failure, ResizableDispatchQueue, succeed } from '../../src/index.js';
import { INSPECT } from '../../src/core/symbol-method.js';
import { LoopingCall } from '../../src/time/looping-call.js';

describe('what console.log shows (util.inspect)', () => {
  it('a Deferred shows as its toString(): <Deferred #n current result: ...>', () => {
    const d = succeed('orange');
    expect(inspect(d)).to.equal(d.toString());
    expect(inspect(d)).to.match(/^<Deferred #\d+ current result: 'orange'>$/);
  });

  it('a subclass of Deferred (a DeferredList) shows as its own toString()', () => {
    const list = new DeferredList([new Deferred<number>()]);
    expect(inspect(list)).to.equal(list.toString());
    expect(inspect(list)).to.match(/^<DeferredList #\d+>$/);
  });

  it("a Failure shows as Twisted's repr: <Failure TypeError: message>", () => {
    expect(inspect(new Failure(new TypeError('bad')))).to.equal('<Failure TypeError: bad>');
  });

  it('a DelayedCall shows as its toString()', () => {
    const clock = new Clock();
    const call = clock.callLater(2, function tick() {});
    expect(inspect(call)).to.equal(call.toString());
    expect(inspect(call)).to.contain('tick');
  });

  it('a LoopingCall shows as its toString()', () => {
    const loop = new LoopingCall(function poll() {});
    expect(inspect(loop)).to.equal(loop.toString());
    expect(inspect(loop)).to.contain('poll');
  });

  it('a Job shows as its toString(): <Job arg state, priority n>', () => {
    const queue = new ResizableDispatchQueue((arg: string) => arg, { width: 0 });
    void queue.put('cherry', 4);
    const [job] = queue.pending();
    expect(inspect(job)).to.equal(String(job));
    expect(inspect(job)).to.equal("<Job 'cherry' pending, priority 4>");
  });
});

describe('the inspect method', () => {
  it('sits on the prototype and is not enumerable, as a method in a class body is', () => {
    for (const prototype of [Deferred.prototype, Failure.prototype]) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, INSPECT);
      const where = (prototype.constructor as { name: string }).name;
      expect(descriptor?.enumerable, where).to.equal(false);
      expect(descriptor?.writable, where).to.equal(true);
      expect(typeof descriptor?.value, where).to.equal('function');
    }
    expect(Object.getOwnPropertyDescriptor(DeferredList.prototype, INSPECT)).to.equal(undefined); // inherited from Deferred
    expect(Object.getOwnPropertySymbols(succeed(1))).to.not.include(INSPECT);
  });
});
