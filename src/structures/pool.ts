/**
 * DeferredPool (post "Graceful shutdown of a Twisted service with outstanding
 * deferreds", and txrdq's pool.py): a set of Deferreds that have not fired yet, and a
 * way to be told when it is empty. A service adds each request's Deferred; to stop, it
 * asks `notifyWhenEmpty()` and waits for that.
 *
 * Kept from the post:
 *   - `add(d)` returns `d` and is transparent: the pair it adds passes the result (value
 *     or Failure) on unchanged, so whoever uses `d` sees no difference, and a failure
 *     nobody handles is still reported, once, as `d`'s own;
 *   - `notifyWhenEmpty(testImmediately = true)`: already fired if the pool is empty and
 *     `testImmediately`; otherwise fired (with `undefined`) the next time the pool
 *     becomes empty, all waiters together, in the order they asked;
 *   - `status()` gives `[pooledCount, waitingCount]`.
 * Fixed: the original added its callback before recording the Deferred, so adding one
 * that had already fired ran the callback at once, which failed to remove what was not
 * there yet (a KeyError put into the caller's Deferred), and then recorded it for ever:
 * the pool never emptied again. Here a Deferred whose chain runs to the pool's pair
 * inside `add` is never counted as pooled, and its result is untouched.
 * Added: cancelling a waiting `notifyWhenEmpty()` Deferred takes it out of the waiters.
 */
import { Deferred, isDeferred, succeed } from '../core/deferred.js';
import { describeValue } from '../core/repr.js';
import { WaitingLine } from '../sync/waiters.js';

/**
 * A pool of pending Deferreds, for a graceful shutdown: `add(d)` watches `d` without
 * changing its result, and `notifyWhenEmpty()` gives a Deferred fired once none is
 * pending (see the file comment and docs/deferred-pool.md).
 *
 * @example
 * const pool = new DeferredPool();
 * const work = pool.add(new Deferred<string>());
 * pool.notifyWhenEmpty().addCallback(() => console.log('all done'));
 * work.callback('ok'); // logs all done
 */
export class DeferredPool {
  readonly #pool = new Set<Deferred<unknown>>();
  #waiting = new WaitingLine<undefined>();

  /**
   * Add `d` to the pool until it fires; returns `d`. If `d` has already fired (its chain
   * reaches the pool's pair at once), it is not pooled at all.
   */
  add<D extends Deferred<unknown>>(d: D): D {
    if (!isDeferred(d)) {
      throw new TypeError(`DeferredPool.add(d): \`d\` must be a Deferred, got ${describeValue(d)}`);
    }
    let settled = false;
    let pooled = false;
    d.addBoth((result: unknown) => {
      settled = true;
      if (pooled) this.#fired(d);
      return result;
    });
    if (!settled) {
      pooled = true;
      this.#pool.add(d);
    }
    return d;
  }

  /**
   * A Deferred that fires with `undefined` when the pool is empty: already fired if it
   * is empty now and `testImmediately` (the default); otherwise the next time a pooled
   * Deferred fires and leaves the pool empty.
   */
  notifyWhenEmpty(testImmediately = true): Deferred<undefined> {
    if (typeof testImmediately !== 'boolean') {
      throw new TypeError(`DeferredPool.notifyWhenEmpty(testImmediately): \`testImmediately\` must be a boolean, got ${describeValue(testImmediately)}`);
    }
    if (testImmediately && this.#pool.size === 0) return succeed(undefined);
    return this.#waiting.join();
  }

  /** `[pooledCount, waitingCount]`: Deferreds in the pool, and `notifyWhenEmpty` Deferreds waiting. */
  status(): [pooled: number, waiting: number] {
    return [this.#pool.size, this.#waiting.length];
  }

  /** A pooled Deferred fired: out of the pool, and if that empties it, every waiter fires. */
  #fired(d: Deferred<unknown>): void {
    if (!this.#pool.delete(d) || this.#pool.size > 0) return;
    const waiting = this.#waiting;
    if (waiting.length === 0) return;
    this.#waiting = new WaitingLine();
    for (let waiter = waiting.next(); waiter !== undefined; waiter = waiting.next()) waiter.callback(undefined);
  }
}
