import { CancelledError, Deferred, inlineCallbacks } from '../../src/index.js';

// Cancelling the Deferred of an inlineCallbacks function cancels the Deferred it is
// waiting on; the generator sees CancelledError at that yield.
const slow = new Deferred<string>(() => {
  console.log('the slow request is cancelled');
});

const fetchSlowly = inlineCallbacks(function* () {
  try {
    return (yield slow) as string;
  } catch (error) {
    console.log(`the generator sees ${(error as Error).name} where it waits`);
    throw error;
  }
});

const d = fetchSlowly();
d.addErrback((failure) => {
  failure.trap(CancelledError);
  console.log('the caller sees CancelledError');
});
d.cancel();

// The generator may catch it and go on waiting for something else: the Deferred is
// then called, but its callbacks wait; a second cancel() interrupts the new wait.
const first = new Deferred<string>();
const fallback = new Deferred<string>(() => {
  console.log('the fallback is cancelled');
});

const stubborn = inlineCallbacks(function* () {
  try {
    return (yield first) as string;
  } catch {
    console.log('cancelled once; trying the fallback');
    return (yield fallback) as string;
  }
});

const e = stubborn();
e.addErrback((failure) => {
  failure.trap(CancelledError);
  console.log('cancelled twice: the caller sees CancelledError');
});
e.cancel();
console.log(`after the first cancel: called is ${e.called}`);
e.cancel();
