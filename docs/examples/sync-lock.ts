/**
 * DeferredLock.run: two slow writes to one log, one at a time, in the order asked.
 * Without the lock, the shorter write 'b' would finish first. A Clock stands in for
 * real time, so the program prints the same lines on every run.
 */
import { Clock, deferLater, type Deferred, DeferredLock } from '../../src/index.js';

const clock = new Clock();
const lock = new DeferredLock();
const written: string[] = [];

/** A pretend slow write: its Deferred fires after `seconds` on the clock. */
function writeSlowly(line: string, seconds: number): Deferred<string> {
  console.log(`t=${clock.seconds()}: start writing ${line}`);
  return deferLater(clock, seconds, () => {
    written.push(line);
    console.log(`t=${clock.seconds()}: done writing ${line}`);
    return line;
  });
}

lock.run(writeSlowly, 'a', 3);
lock.run(writeSlowly, 'b', 1).addCallback((line) => {
  console.log(`run gave ${line}; the log holds ${written.join(', ')}`);
});
console.log(`locked: ${lock.locked}, waiting: ${lock.waitingCount}`);

while (clock.getDelayedCalls().length > 0) clock.advance(1);
console.log(`locked: ${lock.locked}`);
