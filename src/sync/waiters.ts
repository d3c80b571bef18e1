/**
 * A line of waiting Deferreds, first come first served, where cancelling a Deferred
 * still in the line takes it out (it then fails with `CancelledError`, as any
 * cancelled Deferred without a result does). This is the `waiting` list and the
 * `_cancelAcquire`/`_cancelGet` canceller shared by Twisted's DeferredLock,
 * DeferredSemaphore and DeferredQueue.
 */
import { Deferred } from '../core/deferred.js';
import { Fifo } from './fifo.js';

export class WaitingLine<T> {
  readonly #line = new Fifo<Deferred<T>>();
  /** One canceller for the whole line: `cancel()` passes the Deferred being cancelled. */
  readonly #leave = (deferred: Deferred<T>): void => {
    this.#line.remove(deferred);
  };

  /** How many Deferreds are waiting. */
  get length(): number {
    return this.#line.length;
  }

  /** A new unfired Deferred, placed at the back of the line. */
  join(): Deferred<T> {
    const deferred = new Deferred<T>(this.#leave);
    this.#line.push(deferred);
    return deferred;
  }

  /**
   * Take the first waiter out of the line, or `undefined` if nobody waits. The caller
   * fires it; once out of the line, cancelling it no longer removes anything.
   */
  next(): Deferred<T> | undefined {
    return this.#line.shift();
  }

  /** The waiting Deferreds, first in line first (a new array). */
  toArray(): Array<Deferred<T>> {
    return this.#line.toArray();
  }
}
