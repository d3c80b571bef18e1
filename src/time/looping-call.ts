/**
 * LoopingCall (twisted.internet.task.LoopingCall): call a function every `interval`
 * seconds on a clock, until stopped or until the function fails.
 *
 * The rules, all Twisted's:
 *   - `start()` returns a Deferred that fires with the LoopingCall when `stop()` ends
 *     the loop, or fails with the function's failure when it throws (or returns a
 *     Deferred that fails); either way the loop is then no longer running.
 *   - A function that returns a Deferred (or a Promise) is not called again until
 *     that settles; the next call is then scheduled from that moment.
 *   - Calls are due at `starttime + k * interval`. When the clock has jumped past
 *     some of those (a slow function, a busy host, a big `advance`), the missed
 *     ones are skipped, not made up: the next call is at the next such time that
 *     is still in the future. `withCount` tells the function how many were due.
 *   - `stop()` while the function is still working (its Deferred pending, or from
 *     inside the function) fires the `start()` Deferred when that call completes.
 */
import { Deferred } from '../core/deferred.js';
import type { Failure } from '../core/failure.js';
import { maybeDeferred } from '../core/interop.js';
import { repr } from '../core/repr.js';
import { inspectAsString } from '../core/symbol-method.js';
import type { IDelayedCall, Scheduler } from '../core/scheduler.js';
import { realTimeScheduler } from './real-scheduler.js';
import { requireFunction } from './checks.js';

/**
 * The message of the error thrown when an iteration left over from an earlier start()
 * finishes with the loop stopped and no start() Deferred to fire (see #fire).
 */
export const ORPHANED_ITERATION =
  'LoopingCall: an iteration finished with no start() Deferred to fire (the loop was stopped and started again while its function\'s Deferred was pending)';

/**
 * Calls a function every `interval` seconds on a clock (Twisted's `LoopingCall`): `start()`
 * begins, `stop()` ends; the rules are in this module's header.
 */
export class LoopingCall<A extends unknown[] = unknown[]> {
  /** The function called on each iteration. */
  readonly f: (...args: A) => unknown;
  /** The arguments it is called with. */
  readonly a: A;
  #clock: Scheduler = realTimeScheduler;
  #running = false;
  #interval: number | undefined = undefined;
  #starttime: number | undefined = undefined;
  #runAtStart = false;
  /** The next iteration, while one is scheduled. */
  #call: IDelayedCall | undefined = undefined;
  /** The Deferred returned by start(), until it is fired. */
  #deferred: Deferred<this> | undefined = undefined;

  /** Prepare to call `f(...a)` repeatedly; nothing happens until `start()`. */
  constructor(f: (...args: A) => unknown, ...a: A) {
    requireFunction(f, 'new LoopingCall', 'f');
    this.f = f;
    this.a = a;
  }

  /**
   * A LoopingCall whose function is `countCallable(count)`, where `count` is the
   * number of intervals that have come due since the previous call (normally 1;
   * more when the clock jumped or the previous call's Deferred took longer). When
   * less than a whole interval has passed, `countCallable` is not called that time.
   * With interval 0 the count is always 1.
   */
  static withCount(countCallable: (count: number) => unknown): LoopingCall<[]> {
    requireFunction(countCallable, 'LoopingCall.withCount', 'countCallable');
    // When the count was last taken; undefined until the first call.
    let lastTime: number | undefined;
    const loop: LoopingCall<[]> = new LoopingCall(() => {
      const now = loop.#clock.seconds();
      const interval = loop.#interval as number;
      if (interval === 0) {
        lastTime = now;
        return countCallable(1);
      }
      let since = lastTime;
      if (since === undefined) {
        since = loop.#starttime as number;
        // Started with now=true: the first call counts as one interval.
        if (loop.#runAtStart) since -= interval;
      }
      const count = loop.#intervalsAt(now) - loop.#intervalsAt(since);
      if (count > 0) {
        lastTime = now;
        return countCallable(count);
      }
      return undefined;
    });
    return loop;
  }

  /** The clock the loop runs on: `realTimeScheduler` unless set (set it before `start()`). */
  get clock(): Scheduler {
    return this.#clock;
  }

  /** Run the loop on `clock` (something with `callLater` and `seconds`: a `Clock` in tests). */
  set clock(clock: Scheduler) {
    const candidate = clock as Partial<Scheduler> | null | undefined;
    if (typeof candidate?.callLater !== 'function' || typeof candidate.seconds !== 'function') {
      throw new TypeError('LoopingCall.clock must have callLater(delay, fn) and seconds() methods (a Clock or a scheduler)');
    }
    this.#clock = clock;
  }

  /** True from `start()` until `stop()`, or until the function fails. */
  get running(): boolean {
    return this.#running;
  }

  /**
   * Seconds between calls, as given to `start()` (undefined before). It may be
   * changed while running: the next scheduling uses the new value.
   */
  get interval(): number | undefined {
    return this.#interval;
  }

  /** Change the interval: the next iteration is scheduled with it (a number >= 0). */
  set interval(interval: number | undefined) {
    if (interval !== undefined) checkInterval(interval, 'LoopingCall.interval');
    this.#interval = interval;
  }

  /** The clock's time when the loop was started (or last `reset()`); undefined before. */
  get starttime(): number | undefined {
    return this.#starttime;
  }

  /** The scheduled next iteration, if one is scheduled now. */
  get call(): IDelayedCall | undefined {
    return this.#call;
  }

  /**
   * The Deferred `start()` returned, until it fires; `undefined` before `start()` and once
   * it has fired (Twisted's `deferred` attribute).
   *
   * @deprecated As in Twisted (deprecated in 16.0.0): use the Deferred `start()` returns.
   */
  get deferred(): Deferred<this> | undefined {
    return this.#deferred;
  }

  /**
   * Start calling the function every `interval` seconds: now and then every
   * interval, or (with `now` false) first after one interval. Returns a Deferred that
   * fires with this LoopingCall when the loop is stopped, or fails with the
   * function's failure. Throws if the loop is already running, and a RangeError
   * "interval must be >= 0" for a negative interval.
   */
  start(interval: number, now = true): Deferred<this> {
    if (this.#running) throw new Error('Tried to start an already running LoopingCall.');
    checkInterval(interval, 'LoopingCall.start');
    this.#running = true;
    // Kept locally: if the first call fails, #deferred is already cleared when we return.
    const deferred = new Deferred<this>();
    this.#deferred = deferred;
    this.#starttime = this.#clock.seconds();
    this.#interval = interval;
    this.#runAtStart = Boolean(now);
    if (now) this.#iterate();
    else this.#scheduleFrom(this.#starttime);
    return deferred;
  }

  /**
   * Stop the loop. If the next call is scheduled, it is cancelled and the `start()`
   * Deferred fires now; if the function is running (or its Deferred is pending),
   * the `start()` Deferred fires when it completes. Throws if not running.
   */
  stop(): void {
    if (!this.#running) throw new Error('Tried to stop a LoopingCall that was not running.');
    this.#running = false;
    const call = this.#call;
    if (call !== undefined) {
      call.cancel();
      this.#call = undefined;
      this.#fire().callback(this);
    }
  }

  /**
   * Skip the next call and restart the timing from now: the next call comes one
   * interval from now. Does nothing while the function is in progress. Throws if not
   * running.
   */
  reset(): void {
    if (!this.#running) throw new Error('Tried to reset a LoopingCall that was not running.');
    const call = this.#call;
    if (call !== undefined) {
      call.cancel();
      this.#call = undefined;
      this.#starttime = this.#clock.seconds();
      this.#scheduleFrom(this.#starttime);
    }
  }

  /** One iteration (Twisted's `__call__`). */
  #iterate(): void {
    this.#call = undefined;
    maybeDeferred(this.f, ...this.a)
      .addCallback(() => {
        if (this.#running) this.#scheduleFrom(this.#clock.seconds());
        else this.#fire().callback(this);
      })
      .addErrback((failure: Failure) => {
        this.#running = false;
        this.#fire().errback(failure);
      });
  }

  /**
   * Take the start() Deferred, to fire it. There may be none left, as in Twisted: stop
   * the loop from inside its function while the Deferred that function returned is
   * pending, start it again, and two iterations are under way; the one left over still
   * runs, finds the loop stopped and its Deferred gone. Twisted's `assert d is not None`
   * fails there (AssertionError, no message); this throws ORPHANED_ITERATION instead.
   */
  #fire(): Deferred<this> {
    const deferred = this.#deferred;
    this.#deferred = undefined;
    if (deferred === undefined) throw new Error(ORPHANED_ITERATION);
    return deferred;
  }

  /** Schedule the next iteration: at the next multiple of the interval after `when`. */
  #scheduleFrom(when: number): void {
    this.#call = this.#clock.callLater(this.#delayFrom(when), () => {
      this.#iterate();
    });
  }

  #delayFrom(when: number): number {
    const interval = this.#interval as number;
    if (interval === 0) return 0;
    const untilNext = interval - pythonModulo(when - (this.#starttime as number), interval);
    // So small that adding it changes nothing: that interval is over; wait a whole one.
    if (when === when + untilNext) return interval;
    return untilNext;
  }

  /** How many whole intervals have passed between starttime and `time` (truncated). */
  #intervalsAt(time: number): number {
    return Math.trunc((time - (this.#starttime as number)) / (this.#interval as number));
  }

  /** Twisted's repr: `LoopingCall<0.5>(tick, 1, 'a')` (the interval, the function, its arguments). */
  toString(): string {
    const args = this.a.map((arg) => repr(arg));
    return `LoopingCall<${repr(this.#interval)}>(${[this.f.name || '(anonymous)', ...args].join(', ')})`;
  }

  /** What `console.log` (Node's `util.inspect`) shows: the same as `toString()`. */
  static #inspect = /*#__PURE__*/ inspectAsString(this);
}

function checkInterval(interval: unknown, where: string): asserts interval is number {
  if (typeof interval !== 'number' || Number.isNaN(interval)) {
    throw new TypeError(`${where}: \`interval\` must be a number of seconds, got ${typeof interval === 'number' ? 'NaN' : typeof interval}`);
  }
  // Twisted's ValueError message, unchanged.
  if (interval < 0) throw new RangeError('interval must be >= 0');
}

/** Python's `%` for floats: the result has the sign of the divisor. */
function pythonModulo(x: number, y: number): number {
  const m = x % y;
  return m !== 0 && m < 0 !== y < 0 ? m + y : m;
}
