import { AlreadyCancelled, Clock } from '../../src/index.js';

// A Clock stands still until the test moves it: nothing runs before advance().
const clock = new Clock();
const log = (what: string): void => {
  console.log(`t=${clock.seconds()}: ${what}`);
};

clock.callLater(2, log, 'due at 2');
clock.callLater(1, log, 'due at 1');
clock.callLater(1, log, 'also due at 1, scheduled later, so it runs later');
const never = clock.callLater(5, log, 'cancelled before its time');
console.log(`${clock.getDelayedCalls().length} calls scheduled, none run yet`);

clock.advance(1);
clock.advance(1);

never.cancel();
try {
  never.cancel();
} catch (error) {
  console.log(`cancelling twice: ${(error as AlreadyCancelled).name}: ${(error as Error).message}`);
}

// Inside a call, seconds() is the time advanced to; a zero-delay call made there runs in
// the same advance().
clock.callLater(3, () => {
  log('due at 5, run by a jump to 12');
  clock.callLater(0, log, 'scheduled with delay 0 during advance()');
});
clock.advance(10);
console.log(`${clock.getDelayedCalls().length} calls left`);
