/**
 * DeferredLock (twisted.internet.defer.DeferredLock): a lock for code that waits on
 * Deferreds instead of blocking. `acquire()` gives a Deferred that fires once the
 * lock is held; `release()` hands it to the next waiter.
 */
import { Deferred } from '../core/deferred.js';
import { OverReleaseError } from './errors.js';
import { ConcurrencyPrimitive } from './primitive.js';
import { WaitingLine } from './waiters.js';

/**
 * A lock for Deferred-using code (Twisted's `DeferredLock`): `acquire()` gives a Deferred
 * that fires with the lock once it is held; `release()` hands it to the next waiter.
 */
export class DeferredLock extends ConcurrencyPrimitive {
  #locked = false;
  readonly #line = new WaitingLine<DeferredLock>();

  /** Whether the lock is held. Reading it is the "non-blocking" way to test the lock. */
  get locked(): boolean {
    return this.#locked;
  }

  get waiting(): ReadonlyArray<Deferred<this>> {
    return Object.freeze(this.#line.toArray() as Array<Deferred<this>>);
  }

  get waitingCount(): number {
    return this.#line.length;
  }

  acquire(): Deferred<this> {
    if (this.#locked) return this.#line.join() as Deferred<this>;
    this.#locked = true;
    const deferred = new Deferred<this>();
    deferred.callback(this);
    return deferred;
  }

  release(): void {
    if (!this.#locked) throw new OverReleaseError('Tried to release an unlocked lock');
    const next = this.#line.next();
    // The lock stays held when it goes straight to the next waiter (Twisted: locked
    // becomes False, then True again, before the waiter's callbacks run).
    if (next === undefined) this.#locked = false;
    else next.callback(this);
  }
}
