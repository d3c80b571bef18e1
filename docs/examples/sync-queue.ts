/**
 * DeferredQueue: a consumer that gets one job at a time, a producer that puts them,
 * a bounded buffer, and a cancelled get.
 */
import { CancelledError, DeferredQueue, QueueOverflow } from '../../src/index.js';

const queue = new DeferredQueue<string>({ size: 2 });

function consume(): void {
  queue.get().addCallback((job) => {
    console.log(`consumer got ${job}`);
    if (job !== 'stop') consume();
  });
}

consume();
console.log(`waiting getters: ${queue.waitingCount}`);
queue.put('job 1'); // handed to the waiting consumer before put returns
console.log('put job 1 returned');

// The consumer takes 'stop' and gets no more: later puts are kept, up to `size`.
queue.put('stop');
queue.put('job 2');
queue.put('job 3');
console.log(`pending: ${queue.pending.join(', ')}`);
try {
  queue.put('job 4');
} catch (error) {
  if (!(error instanceof QueueOverflow)) throw error;
  console.log(`job 4 refused: ${error.message}`);
}

// A get on the kept objects fires at once.
queue.get().addCallback((job) => console.log(`late get got ${job}`));

// A get that waits can be cancelled; the next put then goes to the next getter, or is kept.
const empty = new DeferredQueue<string>();
const impatient = empty.get();
impatient.addErrback((failure) => {
  failure.trap(CancelledError);
  console.log('impatient get cancelled');
});
impatient.cancel();
empty.put('job 5');
console.log(`kept for the next get: ${empty.pending.join(', ')}`);
