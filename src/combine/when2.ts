/**
 * when2 (jQuery-when2, "a more flexible way to work with jQuery deferreds"), on
 * Deferreds: one Deferred for a list of Deferreds and plain values, with the three
 * behaviours the post wanted from `jQuery.when`.
 *
 *   - `failOnFirstError` (default true): at the first failure, fail with
 *     `FirstError` (`index`, `subFailure`), as `gatherResults` does;
 *   - `resolveOnFirstSuccess` (default false): at the first success, fire with
 *     `[index, value]`;
 *   - otherwise, once every item is done, fire with `[success, valueOrFailure]` for each
 *     item, in input order (`[true, value]` or `[false, failure]`, the shape of a
 *     DeferredList's entries).
 * With both options set, whichever comes first decides. With `resolveOnFirstSuccess`
 * and not `failOnFirstError`, failures are waited out; if every item fails, when2
 * fails with `FailureGroup` (the class `race` uses), holding every failure in input
 * order.
 *
 * Items are looked at in input order. A plain value counts as an item that has already
 * succeeded (a Failure given as a plain value, as one that has already failed, as
 * `succeed` would treat it); a native Promise is followed (`Deferred.fromPromise`).
 * An empty list fires `[]` at once, whatever the options.
 *
 * Fixed from the original:
 *   - it never hangs: the original counted what was left to do while still looking
 *     through the list, so an already-resolved item followed by a plain value brought
 *     the count to zero before the end and nothing fired, ever; here the result is
 *     decided only after every item has been looked at, or by an event that decides it;
 *   - the caller can tell a failure from a value in the full list (the original mixed
 *     rejection reasons in with the values), and "every item failed" under
 *     `resolveOnFirstSuccess` is a failure (the original resolved with the raw errors).
 *
 * Failures: a failure that ends up in when2's result (in the list, in `FirstError`, in
 * `FailureGroup`) is taken from its item (the item is left with `undefined`), and so is
 * one that `resolveOnFirstSuccess` ignores before the first success: each failure is
 * reported, if nobody handles it, once, as when2's. Values stay on their items. Once
 * when2 has fired, later results are left alone: a failure then stays its item's own.
 * Cancelling when2's Deferred cancels every item that has not fired, in input order,
 * which then decides the result as any failure would.
 */
import { Deferred, isDeferred } from '../core/deferred.js';
import { Failure, isFailure } from '../core/failure.js';
import { describeValue } from '../core/repr.js';
import type { DeferredListEntry } from './deferred-list.js';
import { FailureGroup, FirstError } from './errors.js';

/** The options of `when2(items, options)`. */
export interface When2Options {
  /** Fire with `[index, value]` at the first success. @default false */
  readonly resolveOnFirstSuccess?: boolean | undefined;
  /** Fail with `FirstError` at the first failure. @default true */
  readonly failOnFirstError?: boolean | undefined;
}

/** What an item of when2 yields: a Deferred's value, a Promise's, or the plain value itself. */
export type When2Value<I> = I extends Deferred<infer V> ? V : I extends PromiseLike<infer V> ? V : I;

/** What when2 fires with when `resolveOnFirstSuccess` is set: the index of the first success and its value. */
export type When2FirstSuccess<T> = [index: number, value: T];

/** What when2 fires with otherwise: one entry per item, in input order. */
export type When2Entries<T> = Array<DeferredListEntry<T>>;

/** The entries for an array literal of items: one per position, each keeping its item's type. */
export type When2EntriesOf<I extends readonly unknown[]> = { -readonly [K in keyof I]: DeferredListEntry<When2Value<I[K]>> };

/**
 * What `when2(items, options)` fires with, by its options: `T` is the union of the items'
 * values, `E` the entries (typed by position when the items are an array literal).
 */
export type When2Result<T, O extends When2Options, E = When2Entries<T>> = O extends FirstSuccessOption<true>
  ? When2FirstSuccess<T>
  : O extends FirstSuccessOption<false>
    ? E
    : O extends FirstSuccessOption<boolean>
      ? When2FirstSuccess<T> | E
      : E;

/** Options whose `resolveOnFirstSuccess` is known to be `B` (how When2Result tells the result's shape). */
export interface FirstSuccessOption<B extends boolean> {
  /** Fire with `[index, value]` at the first success. */
  readonly resolveOnFirstSuccess: B;
}

const OPTION_NAMES: ReadonlySet<string> = new Set(['resolveOnFirstSuccess', 'failOnFirstError']);

/**
 * One Deferred for many items (Deferreds, Promises or plain values), from the jQuery-when2
 * post: by default it fires with every item's `[success, valueOrFailure]` entry once all
 * are done, and fails with `FirstError` at the first failure; `resolveOnFirstSuccess`
 * fires with `[index, value]` at the first success; `failOnFirstError: false` waits
 * failures out. An array literal's entries are typed by position. See docs/when2.md.
 *
 * @example
 * when2([succeed(1), 'two']).addCallback((entries) => console.log(entries)); // [[true, 1], [true, 'two']]
 */
export function when2<const I extends readonly unknown[], const O extends When2Options = FirstSuccessOption<false>>(
  items: I,
  options?: O,
): Deferred<When2Result<When2Value<I[number]>, O, When2EntriesOf<I>>>;
/** `when2` over any iterable: the entries are typed by the union of the items' values. */
export function when2<I, const O extends When2Options = FirstSuccessOption<false>>(
  items: Iterable<I>,
  options?: O,
): Deferred<When2Result<When2Value<I>, O>>;
export function when2(items: Iterable<unknown>, options: When2Options = {}): Deferred<unknown> {
  if (typeof (items as { [Symbol.iterator]?: unknown } | null | undefined)?.[Symbol.iterator] !== 'function') {
    throw new TypeError(`when2(items): \`items\` must be an iterable of Deferreds and values (an array, say), got ${describeValue(items)}`);
  }
  const { resolveOnFirstSuccess, failOnFirstError } = readOptions(options);
  const inputs = Array.from(items, (item) => (item instanceof Promise ? Deferred.fromPromise(item) : item));
  const total = inputs.length;
  const entries = new Array<DeferredListEntry<unknown> | undefined>(total);
  let settledCount = 0;
  let looked = 0; // items looked at so far: the result is not decided by a count before all are
  let fired = false;

  const result = new Deferred<unknown>(() => {
    for (const input of inputs) {
      if (isDeferred(input) && !input.called) input.cancel();
    }
  });

  const decide = (): void => {
    if (fired || looked < total || settledCount < total) return;
    fired = true;
    if (resolveOnFirstSuccess && !failOnFirstError && total > 0) {
      // No success came (it would have decided): every item failed.
      result.errback(new FailureGroup(entries.map((entry) => (entry as DeferredListEntry<unknown>)[1] as Failure)));
    } else {
      result.callback(entries as Array<DeferredListEntry<unknown>>);
    }
  };

  /** Record item `index`'s outcome; returns what the item keeps (undefined for a failure taken). */
  const settle = (index: number, outcome: unknown): unknown => {
    if (fired) return outcome;
    settledCount += 1;
    if (isFailure(outcome)) {
      entries[index] = [false, outcome];
      if (failOnFirstError) {
        fired = true;
        result.errback(new FirstError(outcome, index));
      } else {
        decide();
      }
      return undefined;
    }
    entries[index] = [true, outcome];
    if (resolveOnFirstSuccess) {
      fired = true;
      result.callback([index, outcome]);
    } else {
      decide();
    }
    return outcome;
  };

  for (let index = 0; index < total && !fired; index += 1) {
    const input = inputs[index];
    looked = index + 1;
    if (isDeferred(input)) {
      input.addBoth((outcome: unknown) => settle(index, outcome));
    } else {
      settle(index, input);
    }
  }
  looked = total;
  decide();
  return result;
}

function readOptions(options: When2Options): { resolveOnFirstSuccess: boolean; failOnFirstError: boolean } {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `when2(items, options): \`options\` must be an object such as { resolveOnFirstSuccess, failOnFirstError }, got ${describeValue(options)}`,
    );
  }
  for (const name of Object.keys(options)) {
    if (!OPTION_NAMES.has(name)) {
      throw new TypeError(`when2: unknown option \`${name}\`; the options are resolveOnFirstSuccess and failOnFirstError`);
    }
  }
  const resolveOnFirstSuccess = options.resolveOnFirstSuccess ?? false;
  const failOnFirstError = options.failOnFirstError ?? true;
  if (typeof resolveOnFirstSuccess !== 'boolean') {
    throw new TypeError(`when2: \`resolveOnFirstSuccess\` must be a boolean, got ${describeValue(resolveOnFirstSuccess)}`);
  }
  if (typeof failOnFirstError !== 'boolean') {
    throw new TypeError(`when2: \`failOnFirstError\` must be a boolean, got ${describeValue(failOnFirstError)}`);
  }
  return { resolveOnFirstSuccess, failOnFirstError };
}
