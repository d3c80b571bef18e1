// Teaching warnings: an errback that returned normally, and a callback after chainDeferred.
import { Deferred, fail } from '../../src/index.js';
import { enableTeachingWarnings } from '../../src/teaching/index.js';

const stop = enableTeachingWarnings({
  handler: (warning) => console.log(`[${warning.kind}] ${warning.message.replace(/#\d+/g, '#N')}`),
});

// 1. The errback logs the failure and forgets to pass it on.
fail(new Error('disk full')).addErrback(function logIt(failure) {
  console.log('logged:', failure.getErrorMessage());
});

// 2. A callback added after the link sees undefined.
const source = new Deferred<number>();
source.chainDeferred(new Deferred<number>());
source.addCallback(function double(n) {
  return n * 2;
});

stop();
