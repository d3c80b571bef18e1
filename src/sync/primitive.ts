/**
 * What DeferredLock and DeferredSemaphore have in common (Twisted's
 * `_ConcurrencyPrimitive`): `acquire`/`release`, and `run`, which does both around a
 * function call.
 */
import type { Deferred } from '../core/deferred.js';
import { maybeDeferred, type MaybeDeferredResult } from '../core/interop.js';
import { describeValue } from '../core/repr.js';

/**
 * What DeferredLock and DeferredSemaphore share (Twisted's `_ConcurrencyPrimitive`):
 * `run(f, ...args)`, which calls `f` while holding the primitive, and the async
 * context-manager pair.
 */
export abstract class ConcurrencyPrimitive {
  /**
   * A Deferred that fires with this object once it is acquired: already fired if it
   * was free, otherwise when a `release()` hands it on (first come, first served).
   * Cancelling it while it waits takes it out of the line and fails it with
   * `CancelledError`; cancelling it after it fired does nothing (still acquired).
   */
  abstract acquire(): Deferred<this>;

  /**
   * Give back what one successful `acquire()` took. If a Deferred is waiting, it is
   * fired now, inside this call (its callbacks run before `release()` returns).
   * Releasing more often than acquiring throws `OverReleaseError`.
   */
  abstract release(): void;

  /**
   * The `acquire()` Deferreds still waiting, first in line first. A frozen copy made on
   * each read (code ported from Twisted that empties the live list, `.length = 0` or
   * `splice`, throws instead of silently doing nothing): to test or count, read
   * `waitingCount`.
   */
  abstract get waiting(): ReadonlyArray<Deferred<this>>;

  /** How many `acquire()` Deferreds are waiting (`waiting.length`, without the copy). */
  abstract get waitingCount(): number;

  /**
   * Acquire, call `fn(...args)`, release: the Deferred returned fires with what `fn`
   * gives (its value, or what its returned Deferred or Promise gives, or its thrown
   * error as a failure), and the release happens first, whether `fn` succeeded or
   * failed. If this is free, `fn` is called before `run` returns.
   *
   * Cancelling the returned Deferred while it waits to acquire takes it out of the
   * line (`fn` is never called); cancelling it while `fn`'s Deferred is pending
   * cancels that Deferred, and the release follows when it fires.
   */
  run<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Deferred<MaybeDeferredResult<R>> {
    if (typeof fn !== 'function') {
      throw new TypeError(`${this.constructor.name}.run: \`fn\` must be a function, got ${describeValue(fn)}`);
    }
    const releaseAndReturn = (result: unknown): unknown => {
      this.release();
      return result;
    };
    // As in Twisted, the Deferred returned is the acquire Deferred itself, so that
    // cancelling it reaches whichever step it is waiting for.
    return this.acquire().addCallback(() => maybeDeferred(fn, ...args).addBoth(releaseAndReturn)) as Deferred<
      MaybeDeferredResult<R>
    >;
  }
}
