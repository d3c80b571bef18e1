/**
 * DeferredDict (post "How to asynchronously exchange a dictionary using Twisted
 * deferreds", and exercise 5 of "Deferreds En Masse"): a Map whose `get(key)` gives a
 * Deferred, fired with the value at once if the key is there, otherwise when
 * `set(key, value)` happens. A producer sets entries in its own order; a consumer asks
 * for them in its own.
 *
 * Kept from the post:
 *   - `get` of a key that is there gives an already-fired Deferred (the post's `succeed`);
 *   - `set` of a key with waiters fires them before it stores the value: inside their
 *     callbacks, `has(key)` is still false;
 *   - deleting a key has nothing to do with waiters: a key that has a value has none.
 * Fixed or added:
 *   - the post kept waiters in a `set`, so they fired in no particular order; here they
 *     fire in the order the gets were made, each exactly once;
 *   - a `get` made by a waiter's callback while `set` fires them (the value not stored
 *     yet) is fired by that same `set` once the value is stored, instead of waiting for
 *     a later one (in the post it changed the set being iterated, a RuntimeError);
 *   - cancelling a waiting get takes it out (it fails with `CancelledError`); when a
 *     key's last waiter goes, the key's entry in the waiting table goes too, so nothing
 *     fired or cancelled stays referenced;
 *   - every `get` gives the caller a Deferred of its own, so one caller's callbacks never
 *     change what another caller sees;
 *   - a Deferred is refused as a value (it would be chained into, not handed over).
 * Map-like otherwise: `has`, `delete` (false for a missing key, where Python raised
 * KeyError), `clear`, `size`, and iteration over the stored entries.
 */
import { Deferred, isDeferred, succeed } from '../core/deferred.js';
import { describeValue } from '../core/repr.js';

/** A key's waiting gets: one Deferred, or several in the order they were made. */
type Line<V> = Deferred<V> | Array<Deferred<V>>;

/**
 * A Map whose `get(key)` gives a Deferred, fired with the value now or when
 * `set(key, value)` happens (see the file comment and docs/deferred-dict.md).
 *
 * @example
 * const dict = new DeferredDict<string, number>();
 * dict.get('answer').addCallback((value) => console.log(value)); // 42, once set
 * dict.set('answer', 42);
 */
export class DeferredDict<K, V> implements Iterable<[K, V]> {
  readonly #values = new Map<K, V>();
  /**
   * The waiting gets of each key without a value, in the order they were made: one
   * Deferred alone (the usual case, no array), or an array of them from the second on.
   */
  readonly #waiters = new Map<K, Line<V>>();
  #waitingCount = 0;
  /** Counts every get that waits: `set` compares it before and after firing, to see whether a callback made one. */
  #waitSerial = 0;

  /** `entries`: initial `[key, value]` pairs (any iterable, a Map included). */
  constructor(entries?: Iterable<readonly [K, V]> | null) {
    if (entries === undefined || entries === null) return;
    if (typeof (entries as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
      throw new TypeError(`new DeferredDict(entries): \`entries\` must be an iterable of [key, value] pairs, got ${describeValue(entries)}`);
    }
    for (const entry of entries) {
      if (!Array.isArray(entry)) {
        throw new TypeError(`new DeferredDict(entries): each entry must be a [key, value] pair, got ${describeValue(entry)}`);
      }
      const [key, value] = entry as readonly [K, V];
      this.set(key, value);
    }
  }

  /** How many keys have a value. */
  get size(): number {
    return this.#values.size;
  }

  /** How many `get()` Deferreds are waiting, all keys together. */
  get waitingCount(): number {
    return this.#waitingCount;
  }

  /** The keys that have waiting gets (a new array, in the order they were first asked for). */
  waitingKeys(): K[] {
    return [...this.#waiters.keys()];
  }

  /**
   * A Deferred of your own for `key`'s value: already fired if the key has one,
   * otherwise fired by the next `set(key, ...)`. Cancelling it while it waits takes it
   * out of the waiters (it fails with `CancelledError`).
   */
  get(key: K): Deferred<V> {
    const value = this.#values.get(key);
    if (value !== undefined || this.#values.has(key)) return succeed(value as V);
    const waiting = new Deferred<V>((cancelled) => this.#leave(key, cancelled));
    const line = this.#waiters.get(key);
    if (line === undefined) this.#waiters.set(key, waiting);
    else if (Array.isArray(line)) line.push(waiting);
    else this.#waiters.set(key, [line, waiting]);
    this.#waitingCount += 1;
    this.#waitSerial += 1;
    return waiting;
  }

  /**
   * Give `key` the value `value`. If gets are waiting for it, they fire first, in the
   * order they were made, inside this call (the key has no value yet while their
   * callbacks run); then the value is stored. Gets made by those callbacks fire with
   * it after it is stored. Returns this dictionary, as `Map.set` does.
   */
  set(key: K, value: V): this {
    if (isDeferred(value)) {
      throw new TypeError(
        `DeferredDict.set(key, value): \`value\` is a Deferred (for key ${describeValue(key)}): a waiting get would chain into it instead of receiving it; set its result instead`,
      );
    }
    const waiters = this.#waiters.get(key);
    if (waiters === undefined) {
      this.#values.set(key, value);
      return this;
    }
    const serial = this.#waitSerial;
    this.#fire(key, waiters, value);
    this.#values.set(key, value);
    // A get made by one of those callbacks waits for this value: give it now.
    const late = this.#waitSerial === serial ? undefined : this.#waiters.get(key);
    if (late !== undefined) this.#fire(key, late, value);
    return this;
  }

  /** Whether `key` has a value. */
  has(key: K): boolean {
    return this.#values.has(key);
  }

  /** Remove `key`'s value; says whether it had one. Waiting gets are not affected (a key with a value has none). */
  delete(key: K): boolean {
    return this.#values.delete(key);
  }

  /** Remove every value. Waiting gets keep waiting. */
  clear(): void {
    this.#values.clear();
  }

  /** The stored `[key, value]` pairs, in the order the keys were first set. */
  entries(): IterableIterator<[K, V]> {
    return this.#values.entries();
  }

  /** The keys that have a value. */
  keys(): IterableIterator<K> {
    return this.#values.keys();
  }

  /** The stored values. */
  values(): IterableIterator<V> {
    return this.#values.values();
  }

  /** The stored `[key, value]` pairs, in the order the keys were first set (as a Map). */
  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.#values.entries();
  }

  /** Fire, in order, the gets waiting for `key` (`line`), and forget them. */
  #fire(key: K, line: Line<V>, value: V): void {
    this.#waiters.delete(key);
    if (!Array.isArray(line)) {
      this.#waitingCount -= 1;
      line.callback(value);
      return;
    }
    for (const waiting of line) {
      this.#waitingCount -= 1;
      // A callback may have cancelled a later waiter of this line (its canceller no longer
      // finds the line in the table): it has its CancelledError, and is skipped.
      if (!waiting.called) waiting.callback(value);
    }
  }

  /** The canceller of a waiting get: out of its key's line, and the key out of the table once none is left. */
  #leave(key: K, waiting: Deferred<V>): void {
    const line = this.#waiters.get(key);
    if (line === waiting) {
      this.#waiters.delete(key);
      this.#waitingCount -= 1;
      return;
    }
    if (!Array.isArray(line)) return;
    const index = line.indexOf(waiting);
    if (index < 0) return;
    line.splice(index, 1);
    this.#waitingCount -= 1;
    if (line.length === 0) this.#waiters.delete(key);
  }
}
