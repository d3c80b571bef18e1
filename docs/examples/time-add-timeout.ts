import { Clock, Deferred, TimeoutError } from '../../src/index.js';

const clock = new Clock();

// Nothing fires this one: after 10 seconds addTimeout cancels it, and the
// CancelledError becomes a TimeoutError.
const slow = new Deferred<string>();
slow.addTimeout(10, clock);
slow.addCallbacks(
  (value) => {
    console.log('slow:', value);
  },
  (failure) => {
    failure.trap(TimeoutError);
    console.log(`slow: timed out after ${(failure.value as TimeoutError).timeout} seconds`);
  },
);

// This one fires in time: its result passes untouched and the timer is stopped.
const quick = new Deferred<string>();
quick.addTimeout(10, clock);
quick.addCallback((value) => {
  console.log('quick:', value);
});

// With onTimeoutCancel, that function decides the result after a timeout.
const withDefault = new Deferred<string>();
withDefault.addTimeout(5, clock, (_result, timeout) => `a default, after ${timeout} s`);
withDefault.addCallback((value) => {
  console.log('withDefault:', value);
});

clock.advance(3);
quick.callback('in time');
console.log(`t=${clock.seconds()}: timers pending: ${clock.getDelayedCalls().length}`);
clock.advance(7);
console.log(`t=${clock.seconds()}: timers pending: ${clock.getDelayedCalls().length}`);
