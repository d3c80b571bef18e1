/**
 * A first-in, first-out list with a constant-time `shift` at any length, used for the
 * waiting lines and the pending objects of the synchronisation primitives (Twisted
 * uses a Python list and `pop(0)`; `Array.prototype.shift` is linear on long arrays).
 *
 * Items live in one array read from a cursor; the consumed front is dropped when it is
 * at least half of the array, so memory stays proportional to what is still queued.
 */

/** Drop the consumed front only once it is this long, so short queues never copy. */
const COMPACT_AFTER = 1024;

export class Fifo<T> {
  #items: Array<T | undefined> = [];
  #head = 0;

  /** How many items are queued. */
  get length(): number {
    return this.#items.length - this.#head;
  }

  /** Add `item` at the back. */
  push(item: T): void {
    this.#items.push(item);
  }

  /** The front item, left in place. Check `length` first: an empty Fifo returns `undefined`. */
  peek(): T | undefined {
    return this.#items[this.#head];
  }

  /** Take the front item out. Check `length` first: an empty Fifo returns `undefined`. */
  shift(): T | undefined {
    const items = this.#items;
    const head = this.#head;
    if (head >= items.length) return undefined;
    const item = items[head];
    items[head] = undefined; // let the item be collected
    const next = head + 1;
    if (next >= COMPACT_AFTER && next * 2 >= items.length) {
      items.splice(0, next);
      this.#head = 0;
    } else {
      this.#head = next;
    }
    return item;
  }

  /** Take the first occurrence of `item` out, wherever it is; says whether it was there. */
  remove(item: T): boolean {
    const items = this.#items;
    const index = items.indexOf(item, this.#head);
    if (index < 0) return false;
    items.splice(index, 1);
    if (this.#head === items.length) {
      items.length = 0;
      this.#head = 0;
    }
    return true;
  }

  /** A new array of the queued items, front first. */
  toArray(): T[] {
    return this.#items.slice(this.#head) as T[];
  }
}
