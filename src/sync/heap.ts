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

/** One item in the heap, with what orders it. The heap owns `index`; read `priority`, `value`. */
export class HeapEntry<T> {
  /** Where the entry sits in the heap's array; -1 once it is out of the heap. */
  index = -1;
  constructor(
    readonly value: T,
    public priority: number,
    public seq: number,
  ) {}
}

export class Heap<T> {
  #entries: Array<HeapEntry<T>> = [];
  #nextSeq = 0;

  /** How many entries are in the heap. */
  get length(): number {
    return this.#entries.length;
  }

  /** Add `value` with `priority`; returns its entry (for `remove` and `reprioritize`). */
  push(value: T, priority: number): HeapEntry<T> {
    const entry = new HeapEntry(value, priority, this.#nextSeq);
    this.#nextSeq += 1;
    entry.index = this.#entries.length;
    this.#entries.push(entry);
    this.#up(entry.index);
    return entry;
  }

  /** The first entry (lowest priority number, earliest pushed among equals), left in place. */
  peek(): HeapEntry<T> | undefined {
    return this.#entries[0];
  }

  /** Take the first entry out, or `undefined` if the heap is empty. */
  pop(): HeapEntry<T> | undefined {
    const first = this.#entries[0];
    if (first !== undefined) this.remove(first);
    return first;
  }

  /** Take `entry` out, wherever it is; says whether it was in this heap. */
  remove(entry: HeapEntry<T>): boolean {
    const entries = this.#entries;
    const index = entry.index;
    if (index < 0 || entries[index] !== entry) return false;
    const last = entries.pop() as HeapEntry<T>;
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
  reprioritize(entry: HeapEntry<T>, priority: number): void {
    if (entry.index < 0 || this.#entries[entry.index] !== entry) return;
    entry.priority = priority;
    this.#down(entry.index);
    this.#up(entry.index);
  }

  /** Take every entry out, in the order they would have come out. */
  clear(): Array<HeapEntry<T>> {
    const entries = this.#entries;
    this.#entries = [];
    for (const entry of entries) entry.index = -1;
    return entries.sort(compare);
  }

  /** The values in the order they would come out (a new array, O(n log n)). */
  sortedValues(): T[] {
    return this.#entries.slice().sort(compare).map((entry) => entry.value);
  }

  #up(start: number): void {
    const entries = this.#entries;
    let index = start;
    const entry = entries[index] as HeapEntry<T>;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = entries[parentIndex] as HeapEntry<T>;
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
    const entry = entries[index] as HeapEntry<T>;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && compare(entries[right] as HeapEntry<T>, entries[left] as HeapEntry<T>) < 0) child = right;
      const smaller = entries[child] as HeapEntry<T>;
      if (compare(smaller, entry) >= 0) break;
      place(entries, smaller, index);
      index = child;
    }
    place(entries, entry, index);
  }
}

/** Put `entry` at `index` of the heap's array, and let it know where it is. */
function place<T>(entries: Array<HeapEntry<T>>, entry: HeapEntry<T>, index: number): void {
  entries[index] = entry;
  entry.index = index;
}

function compare<T>(a: HeapEntry<T>, b: HeapEntry<T>): number {
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
