/**
 * "A mixin class allowing Python __init__ methods to work with Twisted deferreds" (2009),
 * the post's program, ported. Test's constructor starts something that takes a while and
 * asks queueUntilReady to hold back its methods f1 and f2 until it is done: the three calls
 * made at once get Deferreds, and run, in order, once the initialisation has fired. (The
 * post waits a second each time; here a tenth of a second, in real time.)
 *
 *   npm run examples    (or: node --import=tsx/esm examples/deferred-init-mixin.ts)
 */
import { Deferred, DeferredList, queueUntilReady, realTimeScheduler } from '../src/index.js';

function fire<T>(d: Deferred<T>, value: T): void {
  console.log('I finally fired, with value', value);
  d.callback(value);
}

function late<T>(value: T): Deferred<T> {
  const d = new Deferred<T>();
  realTimeScheduler.callLater(0.1, fire, d, value);
  return d;
}

function called(result: unknown, what: string): void {
  console.log(`final callback of ${what}, result = ${String(result)}`);
}

class Test {
  constructor() {
    const d = late('Test');
    queueUntilReady(this, d, 'f1', 'f2');
  }

  f1(arg: number): Deferred<number> {
    console.log('f1 called with', arg);
    return late(arg);
  }

  f2(arg: number): Deferred<number> {
    console.log('f2 called with', arg);
    return late(arg);
  }
}

const t = new Test();
const d1 = t.f1(44);
d1.addCallback(called, 'f1');
const d2 = t.f1(33);
d2.addCallback(called, 'f1');
const d3 = t.f2(11);
d3.addCallback(called, 'f2');
await new DeferredList([d1, d2, d3]);
console.log('f1 is the class method again:', t.f1 === Test.prototype.f1);
