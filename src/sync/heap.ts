/**
 * A binary min-heap of entries ordered by `(priority, seq)`: a lower priority number
 * comes out first, and entries of equal priority come out in the order they were
 * pushed (`seq` is a counter the heap gives each push), so the order is stable. Used by
 * DeferredPriorityQueue and ResizableDispatchQueue.
 *
 * Storage: one array of entries, the smallest at index 0, the children of `i` at
 * `2i + 1` and `2i + 2`. Each entry records its own index in the array, so an entry
 * known to the caller (a pending Job) can be removed or given a new priority in
 * O(log n), without searching (txrdq marked such entries invalid and left them in its
 * heap until they surfaced; here nothing removed stays referenced).
 */
import { describeValue } from '../core/repr.js';

/**
 * What the heap orders: an entry with a priority, the heap's sequence number and its
 * place. A caller may use its own class (a dispatch queue's job record is its own heap
 * entry: one object less per job) or HeapEntry.
 */
export interface Orderable {
  /** Lower comes out first. */
  priority: number;
  /** Set by the heap on insertion: the order among equal priorities. */
  seq: number;
  /** Set by the heap: the entry's place in its array, -1 once out of the heap. */
  index: number;
}

/** A value in the heap, with what orders it. The heap owns `index` and `seq`. */
export class HeapEntry<T> implements Orderable {
  index = -1;
  seq = 0;
  constructor(
    readonly value: T,
    public priority: number,
  ) {}
}

export class Heap<E extends Orderable> {
  #entries: E[] = [];
  #nextSeq = 0;

  /** How many entries are in the heap. */
  get length(): number {
    return this.#entries.length;
  }

  /** Add `entry` (ordered by its `priority`, then by when it was pushed); returns it. */
  push(entry: E): E {
    entry.seq = this.#nextSeq;
    this.#nextSeq += 1;
    entry.index = this.#entries.length;
    this.#entries.push(entry);
    this.#up(entry.index);
    return entry;
  }

  /** The first entry (lowest priority number, earliest pushed among equals), left in place. */
  peek(): E | undefined {
    return this.#entries[0];
  }

  /** Take the first entry out, or `undefined` if the heap is empty. */
  pop(): E | undefined {
    const first = this.#entries[0];
    if (first !== undefined) this.remove(first);
    return first;
  }

  /** Take `entry` out, wherever it is; says whether it was in this heap. */
  remove(entry: E): boolean {
    const entries = this.#entries;
    const index = entry.index;
    if (index < 0 || entries[index] !== entry) return false;
    const last = entries.pop() as E;
    entry.index = -1;
    if (last !== entry) {
      place(entries, last, index);
      this.#down(index);
      this.#up(last.index);
    }
    return true;
  }

  /**
   * Give `entry` a new priority. It keeps its place among entries of the new priority
   * by the order in which it was first pushed (as txrdq's reprioritize kept its count).
   */
  reprioritize(entry: E, priority: number): void {
    if (entry.index < 0 || this.#entries[entry.index] !== entry) return;
    entry.priority = priority;
    this.#down(entry.index);
    this.#up(entry.index);
  }

  /** Take every entry out, in the order they would have come out. */
  clear(): E[] {
    const entries = this.#entries;
    this.#entries = [];
    for (const entry of entries) entry.index = -1;
    return entries.sort(compare);
  }

  /** The entries in the order they would come out (a new array, O(n log n)). */
  sorted(): E[] {
    return this.#entries.slice().sort(compare);
  }

  #up(start: number): void {
    const entries = this.#entries;
    let index = start;
    const entry = entries[index] as E;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = entries[parentIndex] as E;
      if (compare(entry, parent) >= 0) break;
      place(entries, parent, index);
      index = parentIndex;
    }
    place(entries, entry, index);
  }

  #down(start: number): void {
    const entries = this.#entries;
    const length = entries.length;
    let index = start;
    const entry = entries[index] as E;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && compare(entries[right] as E, entries[left] as E) < 0) child = right;
      const smaller = entries[child] as E;
      if (compare(smaller, entry) >= 0) break;
      place(entries, smaller, index);
      index = child;
    }
    place(entries, entry, index);
  }
}

/** Put `entry` at `index` of the heap's array, and let it know where it is. */
function place<E extends Orderable>(entries: E[], entry: E, index: number): void {
  entries[index] = entry;
  entry.index = index;
}

function compare(a: Orderable, b: Orderable): number {
  if (a.priority !== b.priority) return a.priority < b.priority ? -1 : 1;
  return a.seq - b.seq;
}

/** A priority must be a number (any, but NaN, which has no order); else a TypeError or RangeError naming `where`. */
export function checkPriority(value: unknown, where: string, name = 'priority'): number {
  if (typeof value !== 'number') {
    throw new TypeError(`${where}: \`${name}\` must be a number (lower comes out first), got ${describeValue(value)}`);
  }
  if (Number.isNaN(value)) throw new RangeError(`${where}: \`${name}\` must be a number that is not NaN, got NaN`);
  return value;
}
