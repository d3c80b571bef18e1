/**
 * DeferredList (twisted.internet.defer.DeferredList): one Deferred for a list of
 * Deferreds. It is itself a Deferred (a subclass, as in Twisted), so callbacks,
 * chaining and cancellation work on it as on any other.
 *
 * How it listens
 * --------------
 * The constructor adds one callback/errback pair to the end of each member's chain.
 * That pair records the member's result in `resultList[index]` and then returns it
 * unchanged, so the member keeps its value or its Failure for pairs added after the
 * list was built; with `consumeErrors` a Failure is replaced by `undefined` instead,
 * which is what stops a failed member from being reported as unhandled. Pairs added to
 * a member before the list was built shape what the list sees.
 *
 * When it fires (Twisted's `_cbDeferred`)
 * ---------------------------------------
 *   - by default, once every member has a result: with `resultList` itself, a list of
 *     `[SUCCESS, value]` / `[FAILURE, failure]` entries in input order. It never fails;
 *   - `fireOnOneCallback`: at the first success, with `[value, index]` (and, if every
 *     member fails, with the full list as above: check which shape you got);
 *   - `fireOnOneErrback`: at the first failure, failing with `FirstError(failure, index)`.
 * Members that fire after the list has fired are still recorded in `resultList`, and
 * are left alone (not cancelled). An empty list fires at once with `[]`, except that
 * with `fireOnOneCallback` it never fires (as in Twisted).
 */
import { addMemberPair, Deferred, MEMBER_RESULT, type MemberReceiver } from '../core/deferred.js';
import { defineSymbolMethod } from '../core/symbol-method.js';
import { Failure, isFailure } from '../core/failure.js';
import { logFailure } from '../core/unhandled.js';
import { describeValue } from '../core/repr.js';
import { FirstError } from './errors.js';
import { copyDeferreds, type DeferredValue } from './inputs.js';

/** First element of a `resultList` entry for a member that succeeded (Twisted's `SUCCESS`). */
export const SUCCESS = true;
/** First element of a `resultList` entry for a member that failed (Twisted's `FAILURE`). */
export const FAILURE = false;

/** One member's outcome: `[SUCCESS, value]` or `[FAILURE, failure]` (Twisted's 2-tuple). */
export type DeferredListEntry<T> = readonly [typeof SUCCESS, T] | readonly [typeof FAILURE, Failure];

/** A DeferredList's result by default: one entry per member, in input order. */
export type DeferredListResultList<T> = Array<DeferredListEntry<T>>;

/** The result of a DeferredList fired by `fireOnOneCallback`: the first value and its member's index. */
export type FireOnOneCallbackResult<T> = [value: T, index: number];

/** The keyword arguments of Twisted's constructor; all default to false. */
export interface DeferredListOptions {
  /** Fire with `[value, index]` as soon as one member succeeds. */
  readonly fireOnOneCallback?: boolean | undefined;
  /** Fail with `FirstError` as soon as one member fails. */
  readonly fireOnOneErrback?: boolean | undefined;
  /** Leave each failed member with `undefined` instead of its Failure, so none is reported as unhandled. */
  readonly consumeErrors?: boolean | undefined;
}

/** The options type used when none are given (or when the type arguments are written out). */
export interface NoDeferredListOptions extends DeferredListOptions {
  readonly fireOnOneCallback?: false | undefined;
}

/**
 * What a DeferredList's type parameter `T` says about its members' values: `T` is either
 * the members' value type (`DeferredList<string>`, or a union for a mix), or, as inferred
 * from the argument, the members themselves: a tuple for an array literal
 * (`[Deferred<number>, Deferred<string>]`, each position keeping its own type), or any
 * iterable of Deferreds (the union of their values). (A value type that is itself an
 * iterable of Deferreds reads as members: write the union of values instead.)
 */
export type DeferredListValue<T> = T extends Iterable<infer D extends Deferred<unknown>> ? DeferredValue<D> : T;

/**
 * The result list's type: one entry per member, typed by position when `T` is the
 * members' tuple (`[[boolean, number | Failure], ...]` in effect), else by the one value type.
 */
export type DeferredListEntries<T> = T extends readonly Deferred<unknown>[]
  ? { -readonly [K in keyof T]: DeferredListEntry<DeferredValue<T[K]>> }
  : DeferredListResultList<DeferredListValue<T>>;

/**
 * What a DeferredList built with options `O` succeeds with: the result list, or with
 * `fireOnOneCallback` either `[value, index]` or (every member failed) the result list.
 */
export type DeferredListResult<T, O extends DeferredListOptions = NoDeferredListOptions> = 'fireOnOneCallback' extends keyof O
  ? O['fireOnOneCallback' & keyof O] extends false | undefined
    ? DeferredListEntries<T>
    : FireOnOneCallbackResult<DeferredListValue<T>> | DeferredListEntries<T>
  : DeferredListEntries<T>;

const OPTION_NAMES: ReadonlySet<string> = new Set(['fireOnOneCallback', 'fireOnOneErrback', 'consumeErrors']);

/**
 * A members array that gatherResults has just copied and checked: the constructor takes
 * it as it is rather than copying and checking it a second time (see `deferredListOf`).
 */
let checkedMembers: ReadonlyArray<Deferred<unknown>> | null = null;

/**
 * `new DeferredList(members, options)` for an array the caller has just made with
 * copyDeferreds (so errors name the caller, and the work is not done twice).
 */
export function deferredListOf<T, const O extends DeferredListOptions>(members: Array<Deferred<T>>, options: O): DeferredList<T, O> {
  checkedMembers = members;
  try {
    return new DeferredList<T, O>(members, options);
  } finally {
    checkedMembers = null;
  }
}

/**
 * `new DeferredList(deferreds, { fireOnOneCallback, fireOnOneErrback, consumeErrors })`.
 *
 * Given an array literal of Deferreds of any mix of types, `T` is inferred as those
 * members (`[Deferred<number>, Deferred<string>]`), and the result list is typed by
 * position. `T` may also be written as the members' value type,
 * `new DeferredList<string>(ds)`, or a union for a mix; an iterable of unknown length
 * gives the union of its members' values. `O` is inferred from the options given, so
 * that `{ fireOnOneCallback: true }` gives the `[value, index]` result type.
 */
export class DeferredList<const T = unknown, const O extends DeferredListOptions = NoDeferredListOptions> extends Deferred<
  DeferredListResult<T, O>
> implements MemberReceiver {
  /** The members, for cancel(); let go of once this list has fired, when cancel() does nothing. */
  #deferreds: Array<Deferred<DeferredListValue<T>>> | null;
  readonly #resultList: Array<DeferredListEntry<DeferredListValue<T>> | undefined>;
  #finishedCount = 0;
  readonly #fireOnOneCallback: boolean;
  readonly #fireOnOneErrback: boolean;
  readonly #consumeErrors: boolean;

  /**
   * @param deferreds the members: any iterable of Deferreds, copied at once.
   * @param options `fireOnOneCallback`, `fireOnOneErrback`, `consumeErrors` (all false by default).
   */
  // Two signatures, tried in turn: the first infers T as the members themselves (a tuple for
  // an array literal), the second takes T written out as the value type. One signature with
  // the union of the two would infer T from both at once, and get neither.
  constructor(deferreds: T & Iterable<Deferred<unknown>>, options?: O);
  // eslint-disable-next-line @typescript-eslint/unified-signatures -- see above
  constructor(deferreds: Iterable<Deferred<T>>, options?: O);
  constructor(deferreds: Iterable<Deferred<unknown>>, options?: O) {
    const members = checkedMembers !== null && deferreds === checkedMembers
      ? (deferreds as Array<Deferred<DeferredListValue<T>>>)
      : copyDeferreds(deferreds, 'DeferredList', 'deferredList');
    checkedMembers = null;
    const flags = readOptions(options);
    super();
    this.#deferreds = members as Array<Deferred<DeferredListValue<T>>>;
    this.#resultList = new Array<DeferredListEntry<DeferredListValue<T>> | undefined>(members.length).fill(undefined);
    this.#fireOnOneCallback = flags.fireOnOneCallback;
    this.#fireOnOneErrback = flags.fireOnOneErrback;
    this.#consumeErrors = flags.consumeErrors;
    if (members.length === 0 && !flags.fireOnOneCallback) {
      // A new empty array, not resultList itself, as in Twisted.
      this.#fireWith([]);
      return;
    }
    // Flags and count are set before attaching: members that already fired report now.
    for (let index = 0; index < members.length; index += 1) {
      // addBoth((result) => this[MEMBER_RESULT](result, index)), without a closure per member.
      addMemberPair(members[index] as Deferred<unknown>, this, index);
    }
  }

  /**
   * The members' outcomes so far, in input order: `undefined` for a member that has
   * not fired. By default this very array is the list's result.
   */
  get resultList(): ReadonlyArray<DeferredListEntry<DeferredListValue<T>> | undefined> {
    return this.#resultList;
  }

  /** How many members have fired (counted even after the list itself has fired). */
  get finishedCount(): number {
    return this.#finishedCount;
  }

  /** Whether the list fires with the first success (`[result, index]`), as given when it was made. */
  get fireOnOneCallback(): boolean {
    return this.#fireOnOneCallback;
  }

  /** Whether the list fails with the first failure (as `FirstError`), as given when it was made. */
  get fireOnOneErrback(): boolean {
    return this.#fireOnOneErrback;
  }

  /** Whether the members' failures are handled by the list (their chains go on with `undefined`). */
  get consumeErrors(): boolean {
    return this.#consumeErrors;
  }

  /**
   * Cancel every member (fired or not: cancelling a fired member does nothing unless
   * it waits on another Deferred). The list itself is not failed here: it fires as its
   * members' results make it fire (a list of `[FAILURE, CancelledError]` entries by
   * default). A member's canceller that throws does not stop the others: its error
   * is reported (see `setUnhandledErrorHandler`) with the note "Exception raised from
   * user supplied canceller", as Twisted logs it. If the list has already fired, this
   * does nothing at all.
   */
  override cancel(): void {
    const members = this.#deferreds;
    if (this.called || members === null) return;
    for (const member of members) {
      try {
        member.cancel();
      } catch (error) {
        logFailure(new Failure(error), 'Exception raised from user supplied canceller');
      }
    }
  }

  /**
   * A member fired: record it, maybe fire the list, and hand the member its result back.
   * (Called from the pair added to each member: see MemberSlot in the core.) Defined by
   * the static field below rather than as `[MEMBER_RESULT]() {}`, which would make
   * esbuild keep this class in bundles that do not use it (see core/symbol-method.ts).
   */
  declare [MEMBER_RESULT]: (result: DeferredListValue<T> | Failure, index: number) => DeferredListValue<T> | Failure | undefined;

  static #memberResult = /*#__PURE__*/ defineSymbolMethod(this, MEMBER_RESULT, function (
    this: DeferredList<unknown, DeferredListOptions>,
    result: unknown,
    index: number,
  ): unknown {
    const failed = isFailure(result);
    this.#resultList[index] = failed ? [FAILURE, result] : [SUCCESS, result];
    this.#finishedCount += 1;
    if (!this.called) {
      if (!failed && this.#fireOnOneCallback) {
        this.#fireWith([result, index]);
      } else if (failed && this.#fireOnOneErrback) {
        this.#deferreds = null;
        this.errback(new Failure(new FirstError(result, index)));
      } else if (this.#finishedCount === this.#resultList.length) {
        this.#fireWith(this.#resultList as DeferredListResultList<unknown>);
      }
    }
    return failed && this.#consumeErrors ? undefined : result;
  });

  #fireWith(result: FireOnOneCallbackResult<DeferredListValue<T>> | DeferredListResultList<DeferredListValue<T>>): void {
    this.#deferreds = null;
    this.callback(result as DeferredListResult<T, O>);
  }
}

function readOptions(options: DeferredListOptions | undefined): Required<{ [K in keyof DeferredListOptions]: boolean }> {
  if (options === undefined) return { fireOnOneCallback: false, fireOnOneErrback: false, consumeErrors: false };
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(
      `DeferredList: \`options\` must be an object such as { consumeErrors: true }, got ${describeValue(options)}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.has(key)) {
      throw new TypeError(
        `DeferredList: unknown option \`${key}\` (the options are fireOnOneCallback, fireOnOneErrback and consumeErrors)`,
      );
    }
  }
  return {
    fireOnOneCallback: readFlag(options, 'fireOnOneCallback'),
    fireOnOneErrback: readFlag(options, 'fireOnOneErrback'),
    consumeErrors: readFlag(options, 'consumeErrors'),
  };
}

function readFlag(options: DeferredListOptions, name: keyof DeferredListOptions): boolean {
  const value: unknown = options[name];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    throw new TypeError(`DeferredList: option \`${name}\` must be true or false, got ${describeValue(value)}`);
  }
  return value;
}
