import { Clock, ControllableDeferred, deferLater, TimeoutError } from '../../src/index.js';

// A ControllableDeferred is a Deferred: addTimeout works on it, and its cancel is the holder's.
const clock = new Clock();
const original = deferLater(clock, 10, () => 'too late');
const controlled = new ControllableDeferred(original).addTimeout(2, clock);
controlled.addErrback((failure) => {
  console.log('timed out:', failure.check(TimeoutError) !== undefined);
});
console.log('calls on the clock:', clock.getDelayedCalls().length);
clock.advance(2);
console.log('original cancelled:', original.called, '| calls on the clock:', clock.getDelayedCalls().length);
