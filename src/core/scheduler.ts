/**
 * How time enters the library (Twisted's IReactorTime): anything with `callLater`
 * and `seconds`. The core's `addTimeout`, and every structure that waits, takes one;
 * tests pass a virtual `Clock`, programs a real-time scheduler.
 */

/** A call scheduled by `callLater` (Twisted's IDelayedCall, the part the core uses). */
export interface IDelayedCall {
  /** Stop the call from happening. */
  cancel(): void;
  /** Whether the call is still scheduled (not yet run, not cancelled). */
  active(): boolean;
}

/** Something that can run a function later (Twisted's IReactorTime). */
export interface Scheduler {
  /** Run `fn(...args)` after `delay` seconds. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any function must be schedulable: with unknown[], a (n: number) => void would not be accepted (parameters are contravariant)
  callLater(delay: number, fn: (...args: any[]) => unknown, ...args: unknown[]): IDelayedCall;
  /** The current time, in seconds. */
  seconds(): number;
}
