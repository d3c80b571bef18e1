/**
 * DeferredPriorityQueue (txrdq's; post "A resizable dispatch queue for Twisted"): a
 * DeferredQueue whose objects come out by priority. `put(obj, priority)`: a lower
 * priority number comes out first, and objects of equal priority come out in the
 * order they were put. `get()` gives a Deferred, fired at once if an object is
 * pending, otherwise by the next `put()`, first getter first, whatever the priority.
 *
 * Kept from txrdq: `size` and `backlog` with DeferredQueue's meaning and errors
 * (`QueueOverflow`, `QueueUnderflow`, thrown at once), and a cancellable `get()`.
 * Not kept: txrdq refused to hold the same object twice (its `delete` and
 * `reprioritize` found entries by object); here any object may be put any number of
 * times. The objects are in a binary heap (src/sync/heap.ts): put and get are O(log n).
 */
import { type Deferred, isDeferred, succeed } from '../core/deferred.js';
import { describeValue } from '../core/repr.js';
import { QueueOverflow, QueueUnderflow } from './errors.js';
import { checkPriority, Heap, HeapEntry } from './heap.js';
import { checkLimit, type DeferredQueueOptions } from './queue.js';
import { WaitingLine } from './waiters.js';

/**
 * A DeferredQueue whose objects come out by priority: a lower number first, equal
 * priorities in the order they were put (see the file comment and docs/dispatch-queue.md).
 *
 * @example
 * const queue = new DeferredPriorityQueue<string>();
 * queue.put('later', 5);
 * queue.put('sooner', 1);
 * queue.get().addCallback((item) => console.log(item)); // sooner
 */
export class DeferredPriorityQueue<T> {
  /** The most objects held at once, or `undefined` for no limit. */
  readonly size: number | undefined;
  /** The most getters waiting at once, or `undefined` for no limit. */
  readonly backlog: number | undefined;
  readonly #pending = new Heap<HeapEntry<T>>();
  readonly #line = new WaitingLine<T>();

  /** `options`: `{ size, backlog }`, as for DeferredQueue. */
  constructor(options: DeferredQueueOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(
        `new DeferredPriorityQueue(options): \`options\` must be an object such as { size, backlog }, got ${describeValue(options)}`,
      );
    }
    this.size = checkLimit(options.size, 'size', 'new DeferredPriorityQueue');
    this.backlog = checkLimit(options.backlog, 'backlog', 'new DeferredPriorityQueue');
  }

  /** The objects put and not yet taken, in the order `get()` would take them (a new array, O(n log n)). */
  get pending(): readonly T[] {
    return this.#pending.sorted().map((entry) => entry.value);
  }

  /** How many objects are kept, waiting for a `get()`. */
  get pendingCount(): number {
    return this.#pending.length;
  }

  /** How many `get()` Deferreds are waiting. */
  get waitingCount(): number {
    return this.#line.length;
  }

  /**
   * Add `obj` with `priority` (a number, default 0; lower comes out first). If a getter
   * is waiting, the first one fires with it now, inside this call, and nothing is
   * stored. Otherwise `obj` is kept, unless `size` objects are already pending: then
   * `QueueOverflow` is thrown and `obj` is not added.
   */
  put(obj: T, priority = 0): void {
    if (isDeferred(obj)) {
      throw new TypeError(
        'DeferredPriorityQueue.put() was given a Deferred: a getter would receive the Deferred itself as its result; put its result instead',
      );
    }
    checkPriority(priority, 'DeferredPriorityQueue.put');
    const getter = this.#line.next();
    if (getter !== undefined) {
      getter.callback(obj);
    } else if (this.size === undefined || this.#pending.length < this.size) {
      this.#pending.push(new HeapEntry(obj, priority));
    } else {
      throw new QueueOverflow(
        `DeferredPriorityQueue.put: the queue is full (size ${this.size}, ${this.#pending.length} pending) and no getter is waiting`,
      );
    }
  }

  /**
   * A Deferred for the next object: already fired with the most important pending
   * object (lowest priority number, earliest put among equals) if there is one,
   * otherwise waiting in line for a `put()`. If `backlog` getters are already waiting,
   * throws `QueueUnderflow`. Cancelling a waiting get takes it out of the line.
   */
  get(): Deferred<T> {
    const first = this.#pending.pop();
    if (first !== undefined) return succeed(first.value);
    if (this.backlog === undefined || this.#line.length < this.backlog) return this.#line.join();
    throw new QueueUnderflow(
      `DeferredPriorityQueue.get: the queue is empty and ${this.#line.length} getters are already waiting (backlog ${this.backlog})`,
    );
  }
}
