import { CancelledError, Clock, deferLater } from '../../src/index.js';

const clock = new Clock();

// deferLater calls the function when the delay is over and fires with what it returns.
const greeting = deferLater(clock, 3, (name: string) => `hello, ${name}`, 'world');
greeting.addCallback((text) => {
  console.log(`t=${clock.seconds()}: ${text}`);
});
clock.advance(2);
console.log(`t=${clock.seconds()}: still waiting`);
clock.advance(1);

// Cancelling it before then cancels the delayed call: the function never runs.
const chore = deferLater(clock, 1, () => {
  console.log('this never runs');
});
chore.addErrback((failure) => {
  failure.trap(CancelledError);
  console.log(`cancelled; delayed calls left: ${clock.getDelayedCalls().length}`);
});
chore.cancel();
clock.advance(5);
