/**
 * DeferredQueue.peek, as the author of "Asynchronous data structures with Twisted
 * Deferreds" answered a reader who asked for one (comment 8): a peek on an empty queue
 * waits, and the next put fires every waiting peek with the object it puts. The object
 * still goes to a waiting getter, or into the queue.
 */
import { DeferredQueue } from '../../src/index.js';

const queue = new DeferredQueue<string>();

queue.peek().addCallback((head) => console.log(`monitor 1 saw ${head} arrive`));
queue.peek().addCallback((head) => console.log(`monitor 2 saw ${head} arrive`));
console.log(`peekers waiting: ${queue.peekingCount}`);

queue.put('first job'); // fires both peeks; the job is kept, since nobody is getting
console.log(`pending: ${queue.pending.join(', ')}`);

// A peek on a queue holding objects fires at once with the head, and takes nothing.
queue.put('second job');
queue.peek().addCallback((head) => console.log(`the head is ${head}`));
queue.get().addCallback((job) => console.log(`worker took ${job}`));
queue.peek().addCallback((head) => console.log(`the head is now ${head}`));

// With a getter waiting, the put goes to the getter, and the peekers see it go by.
const empty = new DeferredQueue<string>();
empty.get().addCallback((job) => console.log(`worker took ${job} straight away`));
empty.peek().addCallback((head) => console.log(`monitor saw ${head} go by`));
empty.put('urgent job');
console.log(`pending after the hand-off: ${empty.pendingCount}`);
