/**
 * DeferredListObserver (txdlo, "txdlo – a Twisted deferred list observer"): watch a
 * growing list of Deferreds and hear of each one firing, as `(index, success, value)`.
 * A building block for combinators: DeferredList as a function, "the first N
 * successes", "the first success, else every error" (docs/observer.md builds them).
 *
 * Kept from txdlo:
 *   - `append(d)` at any time, fired or not (a fired one is reported inside `append`);
 *     it returns `d`; indices count from 0 in append order;
 *   - observers get `(index, success, value)`, `value` being the Failure on failure;
 *     they are called in the order they were added, events in the order the Deferreds
 *     fire;
 *   - `maintainHistory` keeps every event as `[index, success, value]`, in firing
 *     order, in `history`; `observe(fn, { replayHistory: true })` first sends a new
 *     observer the events so far; replay without history throws `NoHistoryError`;
 *   - `pendingCount`, `successCount`, `failureCount`;
 *   - it never consumes a failure: the pair `append` adds passes every result on, so the
 *     Deferred's own later callbacks see what they would have seen. (Pairs added to `d`
 *     after `append` are not observed; those added before shape what is observed.)
 * Fixed: in txdlo an observer that raised turned the observed Deferred's result into
 * its exception and kept the remaining observers from hearing of the event. Here each
 * observer is called on its own: one that throws is reported through the
 * unhandled-error handler (`logFailure`, heading "Exception raised by a
 * DeferredListObserver observer"), and the Deferred and the other observers are
 * unaffected. An observer added while an event is being delivered hears of later
 * events only (and, with replay, of that one through the history).
 */
import { type Deferred, isDeferred } from '../core/deferred.js';
import { Failure, isFailure } from '../core/failure.js';
import { describeValue } from '../core/repr.js';
import { logFailure } from '../core/unhandled.js';
import { NoHistoryError } from './errors.js';

/** One firing: the Deferred's index, whether it succeeded, and its value or Failure. */
export type ObservedEvent<T> = readonly [index: number, success: true, value: T] | readonly [index: number, success: false, value: Failure];

/** Called for each firing; `value` is the Failure when `success` is false. */
export type DeferredObserverFn<T> = (index: number, success: boolean, value: T | Failure) => void;

/** The options of `new DeferredListObserver(options)`. */
export interface DeferredListObserverOptions {
  /** Keep every event in `history`, so that late observers can be sent them. @default false */
  readonly maintainHistory?: boolean | undefined;
}

/** The options of `observer.observe(fn, options)`. */
export interface ObserveOptions {
  /** Send the observer the events so far (from `history`) before later ones. @default false */
  readonly replayHistory?: boolean | undefined;
}

/**
 * Watches a list of Deferreds that may grow at any time (the txdlo post): every firing is
 * sent to the observers as `(index, success, value)`, in firing order, without taking
 * anything from the observed Deferreds. See docs/observer.md.
 *
 * @example
 * const observer = new DeferredListObserver<number>({ maintainHistory: true });
 * observer.observe((index, success, value) => console.log(index, success, value));
 * observer.append(succeed(1)); // logs 0 true 1
 */
export class DeferredListObserver<T = unknown> {
  #pendingCount = 0;
  #successCount = 0;
  #failureCount = 0;
  readonly #history: Array<ObservedEvent<T>> | undefined;
  #observers: Array<DeferredObserverFn<T>> = [];

  constructor(options: DeferredListObserverOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`new DeferredListObserver(options): \`options\` must be an object such as { maintainHistory: true }, got ${describeValue(options)}`);
    }
    const maintainHistory = options.maintainHistory ?? false;
    if (typeof maintainHistory !== 'boolean') {
      throw new TypeError(`new DeferredListObserver: \`maintainHistory\` must be a boolean, got ${describeValue(maintainHistory)}`);
    }
    this.#history = maintainHistory ? [] : undefined;
  }

  /** Whether events are kept in `history`. */
  get maintainHistory(): boolean {
    return this.#history !== undefined;
  }

  /**
   * The events so far, `[index, success, value]` in firing order (a new array), or
   * `undefined` for an observer made without `maintainHistory`.
   */
  get history(): Array<ObservedEvent<T>> | undefined {
    return this.#history?.slice();
  }

  /** Appended Deferreds that have not fired yet. */
  get pendingCount(): number {
    return this.#pendingCount;
  }

  /** Appended Deferreds that succeeded. */
  get successCount(): number {
    return this.#successCount;
  }

  /** Appended Deferreds that failed. */
  get failureCount(): number {
    return this.#failureCount;
  }

  /**
   * Watch `d`, whose index is the number of Deferreds appended before it. Returns `d`.
   * If `d` has already fired, its event is delivered now, inside this call.
   */
  append<D extends Deferred<T>>(d: D): D {
    if (!isDeferred(d)) {
      throw new TypeError(`DeferredListObserver.append(d): \`d\` must be a Deferred, got ${describeValue(d)}`);
    }
    const index = this.#pendingCount + this.#successCount + this.#failureCount;
    this.#pendingCount += 1;
    d.addBoth((result: T | Failure) => {
      this.#pendingCount -= 1;
      if (isFailure(result)) {
        this.#failureCount += 1;
        this.#deliver([index, false, result]);
      } else {
        this.#successCount += 1;
        this.#deliver([index, true, result]);
      }
      return result;
    });
    return d;
  }

  /**
   * Call `fn(index, success, value)` for each later firing. With `replayHistory`, first
   * for each event in `history` (throws `NoHistoryError` if no history is kept).
   */
  observe(fn: DeferredObserverFn<T>, options: ObserveOptions = {}): void {
    if (typeof fn !== 'function') {
      throw new TypeError(`DeferredListObserver.observe(fn): \`fn\` must be a function, got ${describeValue(fn)}`);
    }
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`DeferredListObserver.observe(fn, options): \`options\` must be an object such as { replayHistory: true }, got ${describeValue(options)}`);
    }
    const replay = options.replayHistory ?? false;
    if (typeof replay !== 'boolean') {
      throw new TypeError(`DeferredListObserver.observe: \`replayHistory\` must be a boolean, got ${describeValue(replay)}`);
    }
    if (replay) {
      if (this.#history === undefined) {
        throw new NoHistoryError(
          'DeferredListObserver.observe: cannot replay the history to a new observer: this observer was made without maintainHistory',
        );
      }
      for (const event of this.#history.slice()) callObserver(fn, event);
    }
    this.#observers.push(fn);
  }

  #deliver(event: ObservedEvent<T>): void {
    this.#history?.push(event);
    const observers = this.#observers;
    // Observers added from inside an observer do not hear of this event (see the file comment).
    for (let i = 0, n = observers.length; i < n; i += 1) callObserver(observers[i] as DeferredObserverFn<T>, event);
  }
}

function callObserver<T>(fn: DeferredObserverFn<T>, event: ObservedEvent<T>): void {
  try {
    fn(event[0], event[1], event[2]);
  } catch (error) {
    logFailure(new Failure(error), 'Exception raised by a DeferredListObserver observer');
  }
}
