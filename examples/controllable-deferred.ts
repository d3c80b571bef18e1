/**
 * "Yet another cancelable Twisted deferred class" (2013), ported: a ControllableDeferred
 * stands in for a Deferred you do not control (here, a slow lookup), and you may fire it
 * yourself at any time with callback, errback or cancel. Whoever fires it first decides;
 * when it is you, the original is cancelled and its late result is ignored.
 *
 *   npm run examples    (or: node --import=tsx/esm examples/controllable-deferred.ts)
 */
import { ControllableDeferred, type Deferred, deferLater, type Failure, realTimeScheduler } from '../src/index.js';

/** A lookup that takes `seconds`, in real time, and says when it is cancelled. */
function slowLookup(name: string, seconds: number): Deferred<string> {
  const d = deferLater(realTimeScheduler, seconds, () => `${name}: the real answer`);
  d.addErrback((failure: Failure) => {
    console.log(`  (${name}: lookup cancelled)`);
    return failure;
  });
  return d;
}

function show(d: Deferred<string>): Deferred<void> {
  return d.addCallbacks(
    (value) => console.log(`  result: ${value}`),
    (failure: Failure) => console.log(`  failed: ${failure.typeName}`),
  );
}

console.log('1. too slow: after 50 ms, use a default instead');
const slow = new ControllableDeferred(slowLookup('slow', 0.5));
setTimeout(() => slow.callback('a default value'), 50);
await show(slow);

console.log('2. fast enough: the original passes through, and a later callback is ignored');
const fast = new ControllableDeferred(slowLookup('fast', 0.01));
setTimeout(() => {
  fast.callback('a default value');
  console.log("  (the holder's callback, 50 ms in, was ignored, without an error)");
}, 50);
await show(fast);
await new Promise((resolve) => setTimeout(resolve, 60));

console.log('3. no longer wanted: cancel it');
const unwanted = new ControllableDeferred(slowLookup('unwanted', 0.5));
unwanted.cancel();
await show(unwanted);
