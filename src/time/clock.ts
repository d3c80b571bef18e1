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
import type { Scheduler } from '../core/scheduler.js';
import { DelayedCall, runDelayedCall, type DelayedCallOwner } from './delayed-call.js';
import { requireDelay, requireFunction } from './checks.js';

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

  /** The clock's current time in seconds: 0 when created, moved only by `advance`. */
  seconds(): number {
    return this.#now;
  }

  /**
   * Schedule `fn(...args)` for `delay` seconds from now (`delay` >= 0; Infinity means
   * never). Returns the DelayedCall, which can be cancelled, reset or delayed.
   */
  callLater<A extends unknown[]>(delay: number, fn: (...args: A) => unknown, ...args: A): DelayedCall {
    requireDelay(delay, 'Clock.callLater', 'delay');
    requireFunction(fn, 'Clock.callLater', 'fn');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
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
    requireDelay(amount, 'Clock.advance', 'amount', true);
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
