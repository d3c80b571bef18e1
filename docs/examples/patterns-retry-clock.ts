import { Clock, RetryingCall } from '../../src/index.js';

// A function that always fails, on a Clock: nothing happens until the clock moves.
const clock = new Clock();
let attempts = 0;
function busy(): never {
  attempts += 1;
  console.log(`attempt ${attempts} at t=${clock.seconds()}`);
  throw new Error(`busy (${attempts})`);
}

const call = new RetryingCall(busy);
call.start({ clock, backoffIterator: [0, 1, 2] }).addErrback((failure) => {
  console.log('gave up with the first failure:', failure.getErrorMessage());
});
clock.pump([0, 1, 2]);
console.log('failures kept:', call.failures.map((f) => f.getErrorMessage()).join(', '));

// Cancelling stops the retries: the next attempt's timer leaves the clock.
const cancelled = new RetryingCall(busy).start({ clock, backoffIterator: [5, 5] });
console.log('calls on the clock:', clock.getDelayedCalls().length);
cancelled.addErrback((failure) => console.log('cancelled:', failure.typeName));
cancelled.cancel();
console.log('calls on the clock:', clock.getDelayedCalls().length);

// No delay at all means no attempt, and says so.
new RetryingCall(busy).start({ clock, backoffIterator: [] }).addErrback((failure) => {
  console.log(`${failure.typeName}: ${failure.getErrorMessage()}`);
});
