/**
 * RetryingCall, from "Twisted code for retrying function calls" (Terry Jones, 2009;
 * later the txretry package): call a function until it succeeds, waiting longer
 * between attempts, and let a failure tester decide which failures are worth a retry.
 *
 * Keeps the post's rules:
 *   - each attempt waits the next delay from the back-off iterable (any iterable of
 *     seconds; `simpleBackoffIterator()` by default), on the clock, then calls
 *     `fn(...args)` as `maybeDeferred` would: a throw is a failure, a returned Deferred
 *     or Promise is waited for. A delay of 0 still goes through the clock, as the
 *     post's `deferLater` does: on a `Clock`, the first attempt runs at `advance(0)`;
 *   - the first success fires `start()`'s Deferred with its value;
 *   - each failure goes to the failure tester: returning nothing means "retry"; returning
 *     a Failure, or throwing, means "give up", and `start()`'s Deferred fails with that;
 *   - when the delays run out, it fails with the *first* failure;
 *   - every failure is kept, in order, in `failures`.
 * Closes the original's gaps:
 *   - the clock is an option (the post used the global reactor), so tests run on a `Clock`;
 *   - cancelling `start()`'s Deferred stops the retries: the attempt in flight is
 *     cancelled (its timer, or the Deferred its call returned), no other is made, and
 *     the Deferred fails with `CancelledError`; what the cancelled attempt then does
 *     is ignored, so nothing is left on the clock;
 *   - an empty delay list means "no attempt": `start()` returns a Deferred failed with
 *     `NoAttemptsError` (the post silently used its default delays instead, since an
 *     empty list is false in Python);
 *   - bad input is refused where it is given: `start()` throws for a bad option, for a
 *     back-off iterable that is not one or throws at once, or whose first delay is not
 *     a finite number >= 0. A later delay that is bad, or a back-off iterator that
 *     throws later, or a failure tester that returns anything but `undefined` or a
 *     Failure, fails the Deferred with a `TypeError`/`RangeError` naming the culprit.
 *
 * Failures are never lost or reported twice: the ones the tester let pass are consumed
 * (they are in `failures`), and the one the Deferred fails with is reported by that
 * Deferred alone if nobody handles it.
 */
import { Deferred } from '../core/deferred.js';
import { fail, type MaybeDeferredResult } from '../core/interop.js';
import { Failure, isFailure } from '../core/failure.js';
import { describeValue } from '../core/repr.js';
import type { Scheduler } from '../core/scheduler.js';
import { deferLater } from '../time/defer-later.js';
import { realTimeScheduler } from '../time/real-scheduler.js';
import { NoAttemptsError } from './errors.js';
import { simpleBackoffIterator } from './simple-backoff-iterator.js';

/**
 * Decides about one failure: return nothing (`undefined`) to try again, or return a
 * Failure (or throw) to give up with it.
 */
// `void` too, so that a tester written as a function with no `return` (the post's style) type-checks.
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- a function that returns nothing is a "retry"
export type FailureTester = (failure: Failure) => Failure | undefined | void;

/** The options of `RetryingCall.start` (the post's keyword arguments, plus the clock). */
export interface RetryingCallOptions {
  /**
   * The delays before each attempt, in seconds: any iterable (an array, a generator),
   * read one delay at a time as attempts are made. Each must be a finite number >= 0.
   * @default simpleBackoffIterator()
   */
  backoffIterator?: Iterable<number> | undefined;
  /**
   * Called with each failure: return nothing to retry, a Failure (or throw) to give up.
   * @default () => undefined (retry every failure)
   */
  failureTester?: FailureTester | undefined;
  /**
   * The scheduler the delays are waited on.
   * @default realTimeScheduler
   */
  clock?: Scheduler | undefined;
}

const WHERE = 'RetryingCall.start';

/** One run of `start()`: what it needs until its Deferred fires. */
class Run<R> {
  readonly result: Deferred<R>;
  /** The attempt being waited for (its delay, then the call), while the run goes on. */
  inFlight: Deferred<unknown> | undefined = undefined;
  /** Set when the run is over (success, give-up, or cancel): later news is ignored. */
  over = false;

  constructor(
    readonly delays: Iterator<unknown>,
    readonly failureTester: FailureTester,
    readonly clock: Scheduler,
    readonly failures: Failure[],
  ) {
    this.result = new Deferred<R>(() => {
      this.over = true;
      const attempt = this.inFlight;
      this.inFlight = undefined;
      attempt?.cancel(); // its outcome is ignored: cancel() then fails the result with CancelledError
    });
  }
}

/**
 * Call a function until it succeeds, waiting the next delay of a back-off iterable
 * between attempts, with a failure tester deciding which failures are worth a retry
 * (see the file comment and docs/retrying-call.md).
 *
 * @example
 * new RetryingCall(fetchPage, url)
 *   .start({ backoffIterator: [0, 1, 2], clock })
 *   .addCallback((page) => console.log(page));
 */
export class RetryingCall<A extends unknown[], R> {
  readonly #fn: (...args: A) => R;
  readonly #args: A;
  #failures: Failure[] = [];
  #running = false;

  /** Prepare to call `fn(...args)`; nothing happens until `start()`. */
  constructor(fn: (...args: A) => R, ...args: A) {
    if (typeof fn !== 'function') {
      throw new TypeError(`new RetryingCall(fn, ...args): \`fn\` must be a function, got ${describeValue(fn)}`);
    }
    this.#fn = fn;
    this.#args = args;
  }

  /**
   * The failures of the current (or last) run, oldest first: each attempt's failure,
   * whether the tester let it pass or not. A new array on each read.
   */
  get failures(): Failure[] {
    return this.#failures.slice();
  }

  /** Whether a run started by `start()` is still going (its Deferred has not fired). */
  get running(): boolean {
    return this.#running;
  }

  /**
   * Start calling: returns a Deferred that fires with the first successful result, or
   * fails as the class comment says. The first attempt is scheduled inside this call,
   * after the first delay. Throws if a run is still going (its Deferred has not fired),
   * and for bad options (see the class comment).
   */
  start(options: RetryingCallOptions = {}): Deferred<MaybeDeferredResult<R>> {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(
        `${WHERE}(options): \`options\` must be an object such as { backoffIterator, failureTester, clock }, got ${describeValue(options)}`,
      );
    }
    const { backoffIterator, failureTester, clock = realTimeScheduler } = options;
    if (failureTester !== undefined && typeof failureTester !== 'function') {
      throw new TypeError(`${WHERE}: \`failureTester\` must be a function, got ${describeValue(failureTester)}`);
    }
    if (typeof (clock as Partial<Scheduler> | null)?.callLater !== 'function') {
      throw new TypeError(`${WHERE}: \`clock\` must have a callLater(delay, fn) method (a Clock or a scheduler), got ${describeValue(clock)}`);
    }
    if (this.#running) {
      throw new Error(`${WHERE}: this RetryingCall is already running; wait for its Deferred, or cancel it, before starting again`);
    }
    const delays = iterate(backoffIterator ?? simpleBackoffIterator());
    const first = nextDelay(delays, 1);
    if (first instanceof Failure) throw first.value; // refused at the call that received it
    this.#failures = [];
    if (first === undefined) return fail(new NoAttemptsError());
    const run = new Run<MaybeDeferredResult<R>>(delays, failureTester ?? retryEverything, clock, this.#failures);
    this.#running = true;
    run.result.addBoth((result) => {
      this.#running = false;
      return result;
    });
    this.#attempt(run, first);
    return run.result;
  }

  /** Wait `delay` on the run's clock, then call the function; hear how it went. */
  #attempt(run: Run<unknown>, delay: number): void {
    const attempt = deferLater(run.clock, delay, this.#fn, ...this.#args);
    run.inFlight = attempt;
    attempt.addBoth((outcome: unknown): undefined => {
      if (run.over) return undefined; // cancelled meanwhile: the outcome is ignored
      run.inFlight = undefined;
      if (isFailure(outcome)) this.#failed(run, outcome);
      else finish(run, outcome);
      return undefined; // the attempt's result is taken: its failure is ours to report or keep
    });
  }

  #failed(run: Run<unknown>, failure: Failure): void {
    run.failures.push(failure);
    let verdict: unknown;
    try {
      verdict = run.failureTester(failure);
    } catch (thrown) {
      finish(run, new Failure(thrown));
      return;
    }
    if (isFailure(verdict)) {
      finish(run, verdict);
      return;
    }
    if (verdict !== undefined) {
      finish(run, new Failure(new TypeError(
        `RetryingCall: \`failureTester\` must return undefined (to retry) or a Failure (to give up), got ${describeValue(verdict)}`,
      )));
      return;
    }
    const next = nextDelay(run.delays, run.failures.length + 1);
    if (next === undefined) finish(run, run.failures[0] as Failure); // out of delays: the first failure
    else if (next instanceof Failure) finish(run, next);
    else this.#attempt(run, next);
  }
}

function retryEverything(): undefined {
  return undefined;
}

/** Fire the run's Deferred with a value or a Failure, once. */
function finish(run: Run<unknown>, outcome: unknown): void {
  run.over = true;
  if (isFailure(outcome)) run.result.errback(outcome);
  else run.result.callback(outcome);
}

/** The iterator of the back-off iterable, or a TypeError naming it. */
function iterate(iterable: unknown): Iterator<unknown> {
  const method = (iterable as { [Symbol.iterator]?: unknown } | null | undefined)?.[Symbol.iterator];
  if (typeof method !== 'function') {
    throw new TypeError(`${WHERE}: \`backoffIterator\` must be an iterable of delays in seconds, got ${describeValue(iterable)}`);
  }
  let iterator: unknown;
  try {
    iterator = method.call(iterable);
  } catch (thrown) {
    throw new TypeError(`${WHERE}: \`backoffIterator\` threw when asked for its iterator: ${describeValue(thrown)}`, { cause: thrown });
  }
  if (typeof (iterator as { next?: unknown } | null)?.next !== 'function') {
    throw new TypeError(`${WHERE}: \`backoffIterator\`'s iterator has no next() method, got ${describeValue(iterator)}`);
  }
  return iterator as Iterator<unknown>;
}

/**
 * The delay before attempt number `attempt`; `undefined` when the iterator is done; or
 * a Failure of a TypeError/RangeError saying what was wrong with the iterator.
 */
function nextDelay(delays: Iterator<unknown>, attempt: number): number | undefined | Failure {
  let step: IteratorResult<unknown>;
  try {
    step = delays.next();
  } catch (thrown) {
    return new Failure(new TypeError(
      `${WHERE}: \`backoffIterator\` threw when asked for delay #${attempt}: ${describeValue(thrown)}`,
      { cause: thrown },
    ));
  }
  if (typeof step !== 'object' || step === null) {
    return new Failure(new TypeError(`${WHERE}: \`backoffIterator\`'s next() must return an iterator result, got ${describeValue(step)}`));
  }
  if (step.done === true) return undefined;
  const delay = step.value;
  if (typeof delay !== 'number') {
    return new Failure(new TypeError(
      `${WHERE}: \`backoffIterator\` must give finite numbers of seconds >= 0, got ${describeValue(delay)} as delay #${attempt}`,
    ));
  }
  if (!Number.isFinite(delay) || delay < 0) {
    return new Failure(new RangeError(
      `${WHERE}: \`backoffIterator\` must give finite numbers of seconds >= 0, got ${delay} as delay #${attempt}`,
    ));
  }
  return delay;
}
