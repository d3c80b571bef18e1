/**
 * RealTimeScheduler: the `Scheduler` that runs calls in real time, over the host's
 * `setTimeout`/`clearTimeout` (Twisted's reactor, as far as time goes). Works in
 * Node and in browsers. `realTimeScheduler` is the default instance, used wherever
 * a clock is optional (LoopingCall's `clock`); tests pass a `Clock` instead.
 *
 * Like Twisted's reactor, it never runs a call before its due time: if a timer
 * fires early, or the call was moved later by `reset`/`delay`, it waits again. A
 * delay longer than the host's timer limit (about 24.8 days) is waited for in
 * several steps, and an infinite delay sets no timer at all.
 *
 * An exception thrown by a call escapes from the timer to the host, which reports it
 * as an uncaught error (Twisted's reactor logs it and carries on).
 */
import type { Scheduler } from '../core/scheduler.js';
import { DelayedCall, runDelayedCall, type DelayedCallOwner } from './delayed-call.js';
import { requireDelay, requireFunction } from './checks.js';

// The library has no DOM or Node types: declare just what is used, present in both.
declare const setTimeout: (handler: () => void, milliseconds: number) => unknown;
declare const clearTimeout: (handle: unknown) => void;
declare const performance: { now(): number; readonly timeOrigin?: number } | undefined;

/** The longest delay hosts accept for one timer (2^31 - 1 ms); longer ones fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

export class RealTimeScheduler implements Scheduler {
  /** The host timer of each pending call (undefined for a call due at Infinity). */
  readonly #timers = new Map<DelayedCall, unknown>();
  readonly #owner: DelayedCallOwner = {
    seconds: () => this.seconds(),
    forget: (call) => {
      this.#clearTimer(call);
      this.#timers.delete(call);
    },
    moved: (call) => {
      this.#clearTimer(call);
      this.#arm(call);
    },
  };

  /**
   * The current time in seconds since the Unix epoch (with sub-millisecond
   * precision where the host has `performance.now()`, which does not jump when the
   * system clock is set).
   */
  seconds(): number {
    if (typeof performance === 'object' && performance !== null && typeof performance.now === 'function' && typeof performance.timeOrigin === 'number') {
      return (performance.timeOrigin + performance.now()) / 1000;
    }
    return Date.now() / 1000;
  }

  /**
   * Run `fn(...args)` after `delay` seconds (`delay` >= 0; Infinity means never).
   * Returns the DelayedCall, which can be cancelled, reset or delayed.
   */
  callLater<A extends unknown[]>(delay: number, fn: (...args: A) => unknown, ...args: A): DelayedCall {
    requireDelay(delay, 'RealTimeScheduler.callLater', 'delay');
    requireFunction(fn, 'RealTimeScheduler.callLater', 'fn');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the DelayedCall stores a function of any parameters; its arguments were checked against them by callLater's signature
    const call = new DelayedCall(this.seconds() + delay, fn as (...args: any[]) => unknown, args, this.#owner);
    this.#arm(call);
    return call;
  }

  /** The calls still pending (not run, not cancelled), as a new array, earliest due first. */
  getDelayedCalls(): DelayedCall[] {
    return [...this.#timers.keys()].sort((a, b) => a.getTime() - b.getTime() || 0);
  }

  /** Set a host timer for the call's due time (or the longest allowed step towards it). */
  #arm(call: DelayedCall): void {
    const wait = (call.getTime() - this.seconds()) * 1000;
    if (wait === Infinity) {
      this.#timers.set(call, undefined);
      return;
    }
    const milliseconds = Math.min(Math.max(Math.ceil(wait), 0), MAX_TIMER_MS);
    this.#timers.set(call, setTimeout(() => this.#wake(call), milliseconds));
  }

  #wake(call: DelayedCall): void {
    if (!this.#timers.has(call)) return;
    if (this.seconds() < call.getTime()) {
      // Early (timers are rounded to milliseconds) or one step of a very long wait.
      this.#arm(call);
      return;
    }
    this.#timers.delete(call);
    runDelayedCall(call);
  }

  #clearTimer(call: DelayedCall): void {
    const handle = this.#timers.get(call);
    if (handle !== undefined) clearTimeout(handle);
  }
}

/** The default real-time scheduler: what LoopingCall uses until given another clock. */
export const realTimeScheduler: RealTimeScheduler = /*#__PURE__*/ new RealTimeScheduler();
