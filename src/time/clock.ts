/**
 * Clock (twisted.internet.task.Clock): a deterministic scheduler for tests. Time
 * stands still until `advance()` moves it; then every call that has come due runs,
 * synchronously, inside `advance()`.
 *
 * The order is Twisted's: calls are kept sorted by due time with a stable sort, so
 * calls due at the same time run in the order they were scheduled. `advance` moves
 * the time first and then runs due calls one by one, re-sorting after each, so:
 *   - inside a call, `seconds()` is the advanced time, not the call's own due time;
 *   - a call scheduled during `advance` that is already due (`callLater(0, ...)`)
 *     runs in the same `advance` (a function that keeps rescheduling itself with
 *     delay 0 never lets `advance` return, as in Twisted);
 *   - an exception thrown by a call propagates out of `advance` at once; the other
 *     due calls stay scheduled and run on the next `advance`.
 */
import { describeValue } from '../core/repr.js';
import type { Scheduler } from '../core/scheduler.js';
import { DelayedCall, runDelayedCall, type DelayedCallOwner } from './delayed-call.js';
import { requireAmount, requireDelay, requireFunction } from './checks.js';

export class Clock implements Scheduler {
  #now = 0;
  /**
   * Pending calls (Twisted's `calls`). Sorted, stably, by due time at the same moments
   * as Twisted sorts it (in `callLater`, and in `advance` before each call), so that
   * calls due at the same time come out in exactly Twisted's order. `#sorted` only
   * skips sorting a list that is known to be in order already.
   */
  #calls: DelayedCall[] = [];
  #sorted = true;
  readonly #owner: DelayedCallOwner = {
    seconds: () => this.#now,
    forget: (call) => {
      const index = this.#calls.indexOf(call);
      if (index !== -1) this.#calls.splice(index, 1);
    },
    moved: () => {
      this.#sorted = false;
    },
  };

  /** The clock's current time in seconds: 0 when created, moved by `advance` (or by setting `rightNow`). */
  seconds(): number {
    return this.#now;
  }

  /**
   * The current time, as Twisted's Clock keeps it in its `rightNow` attribute. Setting it
   * moves time there at once without running anything (what ported trial tests do to
   * start a clock at some time); the calls that are then due run at the next `advance`.
   */
  get rightNow(): number {
    return this.#now;
  }

  /** Move the clock to `seconds` at once, running nothing (a finite number; see the getter). */
  set rightNow(seconds: number) {
    if (typeof seconds !== 'number') {
      throw new TypeError(`Clock.rightNow must be a number of seconds, got ${describeValue(seconds)}`);
    }
    if (!Number.isFinite(seconds)) {
      throw new RangeError(`Clock.rightNow must be a finite number of seconds, got ${seconds}`);
    }
    this.#now = seconds;
  }

  /**
   * The pending calls in the clock's order, as Twisted's `calls` list (what ported tests
   * read: `clock.calls.length`, `clock.calls[0].getTime()`). A frozen copy: changing the
   * schedule goes through the calls themselves (`cancel`, `reset`, `delay`), and code
   * that tries to empty or assign the list throws instead of silently doing nothing.
   */
  get calls(): readonly DelayedCall[] {
    return Object.freeze(this.#calls.slice());
  }

  /**
   * Schedule `fn(...args)` for `delay` seconds from now (Infinity means never; a
   * negative delay is already due, and runs at the next `advance`, as in Twisted).
   * Returns the DelayedCall, which can be cancelled, reset or delayed.
   */
  callLater<A extends unknown[]>(delay: number, fn: (...args: A) => unknown, ...args: A): DelayedCall {
    requireDelay(delay, 'Clock.callLater', 'delay');
    requireFunction(fn, 'Clock.callLater', 'fn');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the DelayedCall stores a function of any parameters; its arguments were checked against them by callLater's signature
    const call = new DelayedCall(this.#now + delay, fn as (...args: any[]) => unknown, args, this.#owner);
    const calls = this.#calls;
    const last = calls[calls.length - 1];
    calls.push(call);
    if (last !== undefined && last.getTime() > call.getTime()) this.#sorted = false;
    this.#sort();
    return call;
  }

  /**
   * The calls still pending (not run, not cancelled), as a new array, in the clock's
   * order: by due time as of the last `callLater` or `advance` (a `reset` or `delay`
   * since then is taken into account by the next of those, as in Twisted).
   */
  getDelayedCalls(): DelayedCall[] {
    return this.#calls.slice();
  }

  /**
   * Move time forward by `amount` seconds (a finite number >= 0) and run every call
   * that is then due, earliest first.
   */
  advance(amount: number): void {
    requireAmount(amount, 'Clock.advance', 'amount');
    this.#now += amount;
    for (;;) {
      this.#sort();
      const first = this.#calls[0];
      if (first === undefined || first.getTime() > this.#now) return;
      this.#calls.shift();
      runDelayedCall(first);
    }
  }

  /** `advance(t)` for each `t` of `timings`, in order. */
  pump(timings: Iterable<number>): void {
    if (typeof (timings as Partial<Iterable<number>> | null | undefined)?.[Symbol.iterator] !== 'function') {
      throw new TypeError('Clock.pump: `timings` must be an iterable of numbers of seconds (e.g. an array)');
    }
    for (const amount of timings) this.advance(amount);
  }

  #sort(): void {
    if (this.#sorted) return;
    // Array.prototype.sort is stable: calls due at the same time keep their order.
    this.#calls.sort(byTime);
    this.#sorted = true;
  }
}

function byTime(a: DelayedCall, b: DelayedCall): number {
  const x = a.getTime();
  const y = b.getTime();
  return x < y ? -1 : x > y ? 1 : 0;
}
