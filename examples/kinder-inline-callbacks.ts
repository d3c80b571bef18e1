/**
 * "A kinder and more consistent defer.inlineCallbacks" (2008), ported: the post's two
 * troubles with inlineCallbacks, and altInlineCallbacks, which always gives a Deferred back.
 *
 *   1. the function does not yield (its last yield was commented out, say): inlineCallbacks
 *      throws, where altInlineCallbacks fires with the return value; an object that merely
 *      has a `send` method (the post's `yes()`) is a plain result, never driven;
 *   2. the function throws before it gets to a yield: inlineCallbacks lets the exception
 *      out of the call, where altInlineCallbacks gives a failed Deferred, so `d = func()`
 *      followed by errbacks covers every case.
 *
 *   npm run examples    (or: node --import=tsx/esm examples/kinder-inline-callbacks.ts)
 */
import { altInlineCallbacks, type Deferred, type Failure, inlineCallbacks, succeed } from '../src/index.js';

function report(what: string, d: Deferred<unknown>): void {
  d.addCallbacks(
    (value) => console.log(`${what}: fired with ${JSON.stringify(value)}`),
    (failure: Failure) => console.log(`${what}: failed with ${failure.typeName}: ${failure.getErrorMessage()}`),
  );
}

// 1. A function that does not yield.
function noYield(): string {
  // const x = yield getSomething();   <- commented out while testing
  return 'no generator here';
}
try {
  inlineCallbacks(noYield as never)();
} catch (error) {
  console.log(`inlineCallbacks: throws ${(error as Error).name}`);
}
report('altInlineCallbacks', altInlineCallbacks(noYield)());

class Yes {
  send(): void {
    console.log('yes: send was called');
  }
}
report('a look-alike with send()', altInlineCallbacks(() => new Yes())().addCallback((r) => r.constructor.name));

// 2. A function that throws before it gets to a yield (here, it never has one).
function throwsAtOnce(): string {
  throw new RangeError('before any yield');
}
try {
  inlineCallbacks(throwsAtOnce as never)();
} catch (error) {
  console.log(`inlineCallbacks: throws ${(error as Error).name}: ${(error as Error).message}`);
}
report('altInlineCallbacks', altInlineCallbacks(throwsAtOnce)());

// And a real generator is driven exactly as inlineCallbacks drives it.
const doubled = altInlineCallbacks(function* (n: number) {
  const value: number = yield succeed(n);
  return value * 2;
});
report('a generator', doubled(21));
