/**
 * DeferredQueue (twisted.internet.defer.DeferredQueue): a queue whose `get()` gives a
 * Deferred, fired at once if an object is pending, otherwise by the next `put()`.
 *
 * Beyond Twisted: `peek()`, the head without removing it, as the author of "Asynchronous
 * data structures with Twisted Deferreds" proposed in his reply to a reader (comment 8):
 * the head at once if there is one, otherwise a Deferred kept in a list of peekers that
 * the next `put()` fires, every one of them, with the object it puts. That object still
 * goes to a waiting getter or into the queue: a peek never takes anything.
 *
 * Both ends are constant time, as the post's readers asked (a deque, not `list.pop(0)`):
 * the pending objects and the waiting lines are Fifos read from a head index
 * (src/sync/fifo.ts), so a million puts followed by a million gets stay linear.
 */
import { type Deferred, isDeferred, succeed } from '../core/deferred.js';
import { describeValue } from '../core/repr.js';
import { QueueOverflow, QueueUnderflow } from './errors.js';
import { Fifo } from './fifo.js';
import { WaitingLine } from './waiters.js';

/** Twisted's keyword arguments `size` and `backlog`; leaving one out means "no limit". */
export interface DeferredQueueOptions {
  /** The most objects held at once waiting for a `get()`; `put()` beyond it throws `QueueOverflow`. */
  size?: number | undefined;
  /** The most `get()` Deferreds waiting at once; `get()` beyond it throws `QueueUnderflow`. */
  backlog?: number | undefined;
}

/**
 * A queue whose `get()` gives a Deferred (Twisted's `DeferredQueue`): it fires with the
 * next object `put()` in, at once if one is waiting.
 */
export class DeferredQueue<T> {
  /** The most objects held at once, or `undefined` for no limit. `0` means: only hand over to a waiting getter. */
  readonly size: number | undefined;
  /** The most getters waiting at once, or `undefined` for no limit. `0` means: `get()` only what is pending. */
  readonly backlog: number | undefined;
  readonly #pending = new Fifo<T>();
  readonly #line = new WaitingLine<T>();
  /** The `peek()` Deferreds waiting for the next `put()`; replaced by a new line each time a put fires them. */
  #peekers = new WaitingLine<T>();

  constructor(options: DeferredQueueOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(
        `new DeferredQueue(options): \`options\` must be an object such as { size, backlog }, got ${describeValue(options)}`,
      );
    }
    this.size = checkLimit(options.size, 'size');
    this.backlog = checkLimit(options.backlog, 'backlog');
  }

  /**
   * The objects put and not yet taken, oldest first. A frozen copy made on each read, in
   * time proportional to its length (so code that tries to empty it throws): to test
   * or count, read `pendingCount`.
   */
  get pending(): readonly T[] {
    return Object.freeze(this.#pending.toArray());
  }

  /** How many objects are kept, waiting for a `get()` (`pending.length`, without the copy). */
  get pendingCount(): number {
    return this.#pending.length;
  }

  /**
   * The `get()` Deferreds still waiting for an object, first in line first. A frozen
   * copy made on each read (code that tries to empty it throws): to test or count, read
   * `waitingCount`.
   */
  get waiting(): ReadonlyArray<Deferred<T>> {
    return Object.freeze(this.#line.toArray());
  }

  /** How many `get()` Deferreds are waiting (`waiting.length`, without the copy). */
  get waitingCount(): number {
    return this.#line.length;
  }

  /** How many `peek()` Deferreds are waiting for the next `put()`. */
  get peekingCount(): number {
    return this.#peekers.length;
  }

  /**
   * Add `obj`. If a getter is waiting, the first one fires with it now, inside this
   * call (its callbacks run before `put` returns), and nothing is stored. Otherwise
   * `obj` is kept for a later `get()`, unless `size` objects are already pending: then
   * `QueueOverflow` is thrown and `obj` is not added (and no peeker fires).
   *
   * Then every `peek()` waiting fires with `obj`, in the order they were made, still
   * inside this call. The peekers are taken before the getter's callbacks run, so a put
   * made by those callbacks does not reach them first.
   */
  put(obj: T): void {
    if (isDeferred(obj)) {
      // Twisted 22.4 fails too (AssertionError from callback/succeed); docs/sync.md.
      throw new TypeError(
        'DeferredQueue.put() was given a Deferred: a getter would receive the Deferred itself as its result; put its result instead',
      );
    }
    const getter = this.#line.next();
    if (getter === undefined && this.size !== undefined && this.#pending.length >= this.size) {
      throw new QueueOverflow(
        `DeferredQueue.put: the queue is full (size ${this.size}, ${this.#pending.length} pending) and no getter is waiting`,
      );
    }
    const peekers = this.#peekers;
    if (peekers.length === 0) {
      // The common case, kept as short as Twisted's put: hand over or keep.
      if (getter !== undefined) getter.callback(obj);
      else this.#pending.push(obj);
      return;
    }
    this.#peekers = new WaitingLine<T>();
    if (getter !== undefined) getter.callback(obj);
    else this.#pending.push(obj);
    for (let peeker = peekers.next(); peeker !== undefined; peeker = peekers.next()) peeker.callback(obj);
  }

  /**
   * A Deferred for the next object: already fired with the oldest pending object if
   * there is one, otherwise waiting in line for a `put()`. If `backlog` getters are
   * already waiting, throws `QueueUnderflow` instead. Cancelling a waiting get takes it
   * out of the line (it fails with `CancelledError`, and the next `put()` goes to the
   * next getter or is kept); cancelling one that has its object does nothing.
   */
  get(): Deferred<T> {
    if (this.#pending.length > 0) return succeed(this.#pending.shift() as T);
    if (this.backlog === undefined || this.#line.length < this.backlog) return this.#line.join();
    throw new QueueUnderflow(
      `DeferredQueue.get: the queue is empty and ${this.#line.length} getters are already waiting (backlog ${this.backlog})`,
    );
  }

  /**
   * A Deferred for the head of the queue, which stays in the queue: already fired with
   * the oldest pending object if there is one, otherwise fired by the next `put()` with
   * the object it puts (whether that object goes to a waiting getter or into the queue).
   * Each call gives its own Deferred; every waiting peek fires. Cancelling a waiting
   * peek takes it out of the list of peekers (it fails with `CancelledError`). Peekers
   * are not getters: `backlog` does not count them.
   */
  peek(): Deferred<T> {
    if (this.#pending.length > 0) return succeed(this.#pending.peek() as T);
    return this.#peekers.join();
  }
}

/**
 * A `size` or `backlog` option: `undefined`, or an integer >= 0; otherwise a TypeError or
 * RangeError naming `where` (`new DeferredQueue`), the option and the value.
 */
export function checkLimit(value: unknown, name: string, where = 'new DeferredQueue'): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number') {
    throw new TypeError(`${where}: \`${name}\` must be an integer >= 0, or undefined for no limit, got ${describeValue(value)}`);
  }
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${where}: \`${name}\` must be an integer >= 0, or undefined for no limit, got ${value}`);
  }
  return value;
}
