/**
 * The Promise-based queue that DeferredQueue is measured against (`npm run bench`):
 * a small, typical implementation, as one would write it in an application.
 *
 * Two first-in-first-out lines: values put and not yet taken, and the `resolve`
 * functions of getters still waiting. `get()` returns a Promise resolved at once if a
 * value is waiting, else one whose `resolve` is stored; `put(v)` resolves the first
 * waiting getter, or stores `v`.
 *
 * Each line is an array read from a head index (as DeferredQueue's are, src/sync/fifo.ts)
 * and replaced by a new empty array when it has been read to the end. Not
 * `Array.prototype.shift`: V8 copies the rest of the array on `shift` at some lengths
 * (with 100 getters waiting, a `shift`-based queue measured 2–3 times slower per item
 * here), which would measure the array rather than the Promise machinery. Nor a small
 * line class shared by both lines: that measured 30–40% slower than these fields, in
 * line. A line that is never read to the end (a consumer always behind) would keep its
 * read front: this queue is for the bench, where each batch empties it.
 *
 * The queue is written twice, once over native Promise and once over bluebird, rather
 * than once over a Promise constructor passed in: one class used with both would make
 * its call sites see two kinds of promise and slow both down.
 */
import type { BluebirdStatic, BluebirdThenable } from './libs.js';

export class PromiseQueue<T> {
  /** Values put and not yet taken, from index `valuesHead` on. */
  private values: T[] = [];
  private valuesHead = 0;
  /** The `resolve` functions of getters still waiting, from index `resolversHead` on. */
  private resolvers: Array<(value: T) => void> = [];
  private resolversHead = 0;

  get(): Promise<T> {
    if (this.valuesHead < this.values.length) {
      const value = this.values[this.valuesHead] as T;
      this.valuesHead += 1;
      if (this.valuesHead === this.values.length) {
        this.values = [];
        this.valuesHead = 0;
      }
      return Promise.resolve(value);
    }
    return new Promise<T>((resolve) => {
      this.resolvers.push(resolve);
    });
  }

  put(value: T): void {
    if (this.resolversHead < this.resolvers.length) {
      const resolve = this.resolvers[this.resolversHead] as (value: T) => void;
      this.resolversHead += 1;
      if (this.resolversHead === this.resolvers.length) {
        this.resolvers = [];
        this.resolversHead = 0;
      }
      resolve(value);
    } else {
      this.values.push(value);
    }
  }
}

/** PromiseQueue over bluebird (the same code, with `Bluebird` for `Promise`). */
export function makeBluebirdQueueClass(Bluebird: BluebirdStatic) {
  return class BluebirdQueue<T> {
    private values: T[] = [];
    private valuesHead = 0;
    private resolvers: Array<(value: T) => void> = [];
    private resolversHead = 0;

    get(): BluebirdThenable<T> {
      if (this.valuesHead < this.values.length) {
        const value = this.values[this.valuesHead] as T;
        this.valuesHead += 1;
        if (this.valuesHead === this.values.length) {
          this.values = [];
          this.valuesHead = 0;
        }
        return Bluebird.resolve(value);
      }
      return new Bluebird<T>((resolve) => {
        this.resolvers.push(resolve);
      });
    }

    put(value: T): void {
      if (this.resolversHead < this.resolvers.length) {
        const resolve = this.resolvers[this.resolversHead] as (value: T) => void;
        this.resolversHead += 1;
        if (this.resolversHead === this.resolvers.length) {
          this.resolvers = [];
          this.resolversHead = 0;
        }
        resolve(value);
      } else {
        this.values.push(value);
      }
    }
  };
}
