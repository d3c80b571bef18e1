/**
 * simpleBackoffIterator, from "Twisted code for retrying function calls" (Terry Jones,
 * 2009; later the txretry package): the delays, in seconds, a `RetryingCall` waits
 * before each attempt.
 *
 * Keeps the post's sequence exactly: `0` first when `now` (it counts towards
 * `maxResults`), then `initDelay`, then each delay made from the one before by
 * `incFunc` (doubling by default), every one capped at `maxDelay`; `maxResults` values
 * in all. With the defaults: 0, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56.
 *
 * Differs from the post in checking its input: the post asserts `maxResults > 0` and
 * takes anything else on trust. Here every option is checked when the function is
 * called (not at the first `next()`, as a generator function would), and what
 * `incFunc` returns is checked as it comes.
 */
import { describeValue } from '../core/repr.js';

/** The post's keyword arguments. */
export interface SimpleBackoffOptions {
  /**
   * How many delays to give in all (the leading `0` of `now` included): an integer >= 1.
   * @default 10
   */
  maxResults?: number | undefined;
  /**
   * The longest delay, in seconds: longer ones are cut to it. `Infinity` means no cap.
   * @default 120
   */
  maxDelay?: number | undefined;
  /**
   * Whether the first delay is `0` (the first attempt at once).
   * @default true
   */
  now?: boolean | undefined;
  /**
   * The first delay after the leading `0` (the first delay when `now` is false), in seconds.
   * @default 0.01
   */
  initDelay?: number | undefined;
  /**
   * Makes each delay from the one before (before the cap is applied to what is given).
   * @default (delay) => delay * 2
   */
  incFunc?: ((delay: number) => number) | undefined;
}

const WHERE = 'simpleBackoffIterator';

/**
 * The delays of the post's `simpleBackoffIterator`, as an iterator. Throws a
 * `TypeError` or `RangeError` naming the option for a bad one; the iterator's `next()`
 * throws one naming `incFunc` if `incFunc` gives something other than a number >= 0.
 */
export function simpleBackoffIterator(options: SimpleBackoffOptions = {}): Generator<number, void, undefined> {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `${WHERE}(options): \`options\` must be an object such as { maxResults, maxDelay }, got ${describeValue(options)}`,
    );
  }
  const maxResults = options.maxResults ?? 10;
  if (typeof maxResults !== 'number') throw new TypeError(`${WHERE}: \`maxResults\` must be an integer >= 1, got ${describeValue(maxResults)}`);
  if (!Number.isInteger(maxResults) || maxResults < 1) throw new RangeError(`${WHERE}: \`maxResults\` must be an integer >= 1, got ${maxResults}`);
  const maxDelay = checkSeconds(options.maxDelay ?? 120, 'maxDelay', false);
  const initDelay = checkSeconds(options.initDelay ?? 0.01, 'initDelay', true);
  const now = options.now ?? true;
  if (typeof now !== 'boolean') throw new TypeError(`${WHERE}: \`now\` must be a boolean, got ${describeValue(now)}`);
  const incFunc = options.incFunc ?? double;
  if (typeof incFunc !== 'function') throw new TypeError(`${WHERE}: \`incFunc\` must be a function, got ${describeValue(incFunc)}`);
  return delays(maxResults, maxDelay, now, initDelay, incFunc);
}

function* delays(
  maxResults: number,
  maxDelay: number,
  now: boolean,
  initDelay: number,
  incFunc: (delay: number) => number,
): Generator<number, void, undefined> {
  let remaining = maxResults;
  if (now) {
    yield 0;
    remaining -= 1;
  }
  let delay = initDelay;
  while (remaining > 0) {
    yield delay < maxDelay ? delay : maxDelay;
    remaining -= 1;
    // The post computes the next delay after each yield, the last one included.
    const next: unknown = incFunc(delay);
    if (typeof next !== 'number') {
      throw new TypeError(`${WHERE}: \`incFunc\` must return a number of seconds >= 0, got ${describeValue(next)} for ${delay}`);
    }
    if (Number.isNaN(next) || next < 0) {
      throw new RangeError(`${WHERE}: \`incFunc\` must return a number of seconds >= 0, got ${next} for ${delay}`);
    }
    delay = next;
  }
}

function double(delay: number): number {
  return delay * 2;
}

function checkSeconds(value: unknown, name: string, finite: boolean): number {
  const what = finite ? 'a finite number of seconds >= 0' : 'a number of seconds >= 0';
  if (typeof value !== 'number') throw new TypeError(`${WHERE}: \`${name}\` must be ${what}, got ${describeValue(value)}`);
  if (Number.isNaN(value) || value < 0 || (finite && !Number.isFinite(value))) {
    throw new RangeError(`${WHERE}: \`${name}\` must be ${what}, got ${value}`);
  }
  return value;
}
