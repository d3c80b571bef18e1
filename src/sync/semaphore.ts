/**
 * DeferredSemaphore (twisted.internet.defer.DeferredSemaphore): at most `limit`
 * holders at once, for code that waits on Deferreds. Commonly used to cap how many
 * operations run in parallel: `semaphore.run(fetch, url)` for each job.
 */
import { Deferred } from '../core/deferred.js';
import { describeValue } from '../core/repr.js';
import { OverReleaseError } from './errors.js';
import { ConcurrencyPrimitive } from './primitive.js';
import { WaitingLine } from './waiters.js';

/**
 * A semaphore for Deferred-using code (Twisted's `DeferredSemaphore`): at most `limit`
 * holders at once; `acquire()` gives a Deferred that fires once a token is free.
 */
export class DeferredSemaphore extends ConcurrencyPrimitive {
  /** The most holders allowed at once: the `tokens` given to the constructor. */
  readonly limit: number;
  #tokens: number;
  readonly #line = new WaitingLine<DeferredSemaphore>();

  /**
   * @param tokens how many holders are allowed at once: an integer >= 1 (Twisted
   *   raises `ValueError("DeferredSemaphore requires tokens >= 1")`; here it is a
   *   `RangeError`, or a `TypeError` for a value that is not a number).
   */
  constructor(tokens: number) {
    super();
    if (typeof tokens !== 'number') {
      throw new TypeError(`DeferredSemaphore requires tokens >= 1 (an integer), got ${describeValue(tokens)}`);
    }
    if (!Number.isInteger(tokens) || tokens < 1) {
      throw new RangeError(`DeferredSemaphore requires tokens >= 1 (an integer), got ${tokens}`);
    }
    this.limit = tokens;
    this.#tokens = tokens;
  }

  /** How many more holders are allowed now: `limit` minus the current holders. */
  get tokens(): number {
    return this.#tokens;
  }

  get waiting(): ReadonlyArray<Deferred<this>> {
    return Object.freeze(this.#line.toArray() as Array<Deferred<this>>);
  }

  get waitingCount(): number {
    return this.#line.length;
  }

  acquire(): Deferred<this> {
    if (this.#tokens === 0) return this.#line.join() as Deferred<this>;
    this.#tokens -= 1;
    const deferred = new Deferred<this>();
    deferred.callback(this);
    return deferred;
  }

  release(): void {
    if (this.#tokens >= this.limit) {
      throw new OverReleaseError('Someone released me too many times: too many tokens!');
    }
    const next = this.#line.next();
    // A token released while someone waits goes straight to that waiter.
    if (next === undefined) this.#tokens += 1;
    else next.callback(this);
  }
}
