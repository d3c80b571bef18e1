/**
 * DelayedCall (twisted.internet.base.DelayedCall): one call scheduled by `callLater`
 * on a `Clock` or a `RealTimeScheduler`, which can be cancelled, moved, or asked
 * whether it is still pending.
 *
 * Its due time is kept in two parts, as in Twisted: `time` (when it was scheduled
 * for) plus `delayedTime` (how much later it has been pushed since). `getTime()` is
 * their sum. This matters only for floating-point rounding, which then matches
 * Twisted's exactly.
 */
import type { IDelayedCall } from '../core/scheduler.js';
import { repr } from '../core/repr.js';
import { inspectAsString } from '../core/symbol-method.js';
import { AlreadyCalled, AlreadyCancelled } from './errors.js';
import { requireDelay, requireFinite } from './checks.js';

/** What a scheduler gives each of its calls: its time source and how to hear of changes. */
export interface DelayedCallOwner {
  /** The scheduler's current time, in seconds. */
  seconds(): number;
  /** The call is being cancelled: forget it (called before it is marked cancelled). */
  forget(call: DelayedCall): void;
  /** The call's due time changed (by `reset` or `delay`). */
  moved(call: DelayedCall): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a function of any parameters: with unknown[], a (n: number) => void would not be accepted (parameters are contravariant)
type AnyFunction = (...args: any[]) => unknown;

/** Runs a due call; the schedulers reach it through `runDelayedCall`, users cannot. */
let run: (call: DelayedCall) => void;

let lastId = 0;

const NO_KEYWORDS: Readonly<Record<string, never>> = /*#__PURE__*/ Object.freeze({});

export class DelayedCall implements IDelayedCall {
  #time: number;
  #delayedTime = 0;
  #fn: AnyFunction | undefined;
  #args: readonly unknown[] | undefined;
  #called = false;
  #cancelled = false;
  readonly #owner: DelayedCallOwner;
  readonly #id: number;

  /**
   * Made by a scheduler's `callLater`, not by users.
   * @param time the absolute time (on the owner's clock) at which to call `fn(...args)`.
   */
  constructor(time: number, fn: AnyFunction, args: readonly unknown[], owner: DelayedCallOwner) {
    this.#time = time;
    this.#fn = fn;
    this.#args = args;
    this.#owner = owner;
    lastId += 1;
    this.#id = lastId;
  }

  /** Whether the call has been made (true from the moment it starts running). */
  get called(): boolean {
    return this.#called;
  }

  /** Whether the call was cancelled. */
  get cancelled(): boolean {
    return this.#cancelled;
  }

  /** The absolute time, in the scheduler's seconds, at which the call is due. */
  getTime(): number {
    return this.#time + this.#delayedTime;
  }

  /**
   * Twisted's `time` attribute: the time the call was scheduled for, not counting how
   * much later `delay`/`reset` have pushed it since (`getTime()` is the sum). Read-only.
   */
  get time(): number {
    return this.#time;
  }

  /** Twisted's `delayed_time` (its name kept, for ported tests): how much later than `time` the call is now due. Read-only. */
  get delayed_time(): number {
    return this.#delayedTime;
  }

  /** The function to be called (Twisted's `func`); `undefined` once cancelled, as Twisted deletes it. */
  get func(): AnyFunction | undefined {
    return this.#fn;
  }

  /** The arguments it will be called with (Twisted's `args`), frozen; `undefined` once cancelled. */
  get args(): readonly unknown[] | undefined {
    const args = this.#args;
    return args === undefined ? undefined : Object.freeze(args.slice());
  }

  /** Twisted's `kw`: always empty here (Python's keyword arguments are a trailing argument), `undefined` once cancelled. */
  get kw(): Readonly<Record<string, never>> | undefined {
    return this.#fn === undefined ? undefined : NO_KEYWORDS;
  }

  /** Whether the call is still pending: neither made nor cancelled. */
  active(): boolean {
    return !(this.#cancelled || this.#called);
  }

  /**
   * Unschedule the call. Throws `AlreadyCancelled` if it was cancelled before,
   * `AlreadyCalled` if it has run or is running (so a call cannot cancel itself).
   */
  cancel(): void {
    this.#checkPending();
    this.#owner.forget(this);
    this.#cancelled = true;
    // Drop the function and its arguments, as Twisted does, so they can be collected.
    this.#fn = undefined;
    this.#args = undefined;
  }

  /**
   * Reschedule the call for `secondsFromNow` seconds after the scheduler's current
   * time, earlier or later than before (a negative number makes it already due). Same
   * errors as `cancel()`.
   */
  reset(secondsFromNow: number): void {
    this.#checkPending();
    requireDelay(secondsFromNow, 'DelayedCall.reset', 'secondsFromNow');
    const newTime = this.#owner.seconds() + secondsFromNow;
    if (newTime < this.#time) {
      this.#delayedTime = 0;
      this.#time = newTime;
    } else {
      this.#delayedTime = newTime - this.#time;
    }
    this.#owner.moved(this);
  }

  /**
   * Push the call `secondsLater` seconds later than it is due now (a negative number
   * brings it forward). Same errors as `cancel()`.
   */
  delay(secondsLater: number): void {
    this.#checkPending();
    requireFinite(secondsLater, 'DelayedCall.delay', 'secondsLater');
    this.#delayedTime += secondsLater;
    if (this.#delayedTime < 0) {
      this.#time += this.#delayedTime;
      this.#delayedTime = 0;
    }
    this.#owner.moved(this);
  }

  #checkPending(): void {
    if (this.#cancelled) throw new AlreadyCancelled();
    if (this.#called) throw new AlreadyCalled();
  }

  /**
   * Twisted's repr, with a per-object number for the address:
   * `<DelayedCall #4 [1.5s] called=0 cancelled=0 tick(1, 'a')>`, where the seconds
   * are how far the scheduled time is from now.
   */
  toString(): string {
    const when = this.#time - this.#owner.seconds();
    let text = `<DelayedCall #${this.#id} [${when}s] called=${Number(this.#called)} cancelled=${Number(this.#cancelled)}`;
    const fn = this.#fn;
    if (fn !== undefined) {
      const args = (this.#args ?? []).map((arg) => repr(arg)).join(', ');
      text += ` ${fn.name || '(anonymous)'}(${args})`;
    }
    return `${text}>`;
  }

  /** What `console.log` (Node's `util.inspect`) shows: the same as `toString()`. */
  static #inspect = /*#__PURE__*/ inspectAsString(this);

  // Sets `run`, which needs the private fields. A static field annotated as pure rather
  // than a static block: bundlers must keep a static block, but drop this field with the
  // class when nothing uses DelayedCall (and `run` matters only if something does).
  static #init = /*#__PURE__*/ (() => {
    run = (call) => {
      // Marked called before running, so cancelling it from inside raises AlreadyCalled (Twisted's Clock).
      call.#called = true;
      const fn = call.#fn as AnyFunction;
      const args = call.#args as readonly unknown[];
      fn(...args);
    };
  })();
}

/**
 * Make a due call (for the schedulers in this folder): mark it called, then run it.
 * Whatever the function throws propagates to the caller.
 */
export function runDelayedCall(call: DelayedCall): void {
  run(call);
}
