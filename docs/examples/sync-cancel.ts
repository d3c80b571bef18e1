/**
 * Cancelling while waiting for a lock, and releasing a lock nobody holds.
 */
import { CancelledError, DeferredLock } from '../../src/index.js';

const lock = new DeferredLock();
lock.acquire().addCallback(() => console.log('first holder has the lock'));

// This run waits in line; cancelling it takes it out of the line, so its function never runs.
const waiting = lock.run(() => console.log('never printed'));
waiting.addErrback((failure) => {
  failure.trap(CancelledError);
  console.log('the waiting run was cancelled');
});
waiting.cancel();

lock.release();
console.log(`after release, locked: ${lock.locked}`);

try {
  lock.release();
} catch (error) {
  console.log(`${(error as Error).name}: ${(error as Error).message}`);
}
