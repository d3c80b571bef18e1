/**
 * Deferred (twisted.internet.defer.Deferred): a result that is not there yet, with an
 * explicit chain of callback/errback pairs that will process it.
 *
 * The chain
 * ---------
 * Each `add*` call appends one pair: a success slot and a failure slot. When the
 * Deferred fires, its result goes down the pairs in order: a value goes to the success
 * slot, a Failure to the failure slot, and whatever the slot returns (or throws, as a
 * new Failure) becomes the result for the next pair. A slot that returns a Deferred
 * makes this Deferred wait for that one, and take its result (Twisted's implicit
 * chaining). Callbacks run synchronously, inside `callback()`/`errback()` or inside
 * the `add*` call when the Deferred has already fired.
 *
 * Storage
 * -------
 * A lone pending pair sits in two fields (#success0, #failure0), with no array: most
 * Deferreds hold one pair at a time (one callback, or the marker of a Deferred waiting
 * on this one). From the second pair on, pairs live in one flat array,
 * `[success0, failure0, success1, failure1, ...]`, read from a cursor rather than
 * shifted off the front, so a chain of a million pairs stays linear. A slot is one of:
 *   - a function, called as `fn(result)`;
 *   - a BoundSlot, for a function with extra arguments: `fn(result, ...args)`;
 *   - a MemberSlot, which DeferredList adds to each member: `receiver[MEMBER_RESULT](result, index)`;
 *   - a ChainSlot, which `chainDeferred(other)` adds: fire `other` with the result;
 *   - `null`, meaning "pass the result through" (the other half of addCallback/addErrback);
 *   - a Deferred: the continuation marker that hands this Deferred's result to a
 *     Deferred waiting on it (Twisted's `_CONTINUE`).
 * Twisted's booleans (`called`, `_runningCallbacks`, `_suppressAlreadyCalled`) and its
 * `paused` counter share one number, #flags; the canceller and the rarely needed debug
 * record share #aux. Fewer fields make a smaller object, and the size of a pending
 * Deferred is what long chains of waiting Deferreds cost (docs/performance.md).
 *
 * The run loop is a loop: a Deferred waiting on a Deferred waiting on a Deferred is
 * resolved with an explicit stack, never by recursion, so depth cannot overflow the
 * JavaScript stack (Twisted's `_runCallbacks`). `chainDeferred` links use the same stack:
 * where Twisted's `other.callback(result)` runs `other`'s chain in a nested call, the
 * loop suspends this Deferred (marked running, as it would be inside that call), runs
 * `other`'s chain, and comes back with `undefined` as the link's return value, so a
 * chain of a million links needs no more stack than one.
 *
 * Hostile values
 * --------------
 * Anything can be thrown or returned. This copy's objects are recognised by a private
 * field check (`#x in v`), which no Proxy trap can intercept; another copy's by a guarded
 * read of the shared tag (brand.ts). Building a Failure never throws (failure.ts), and
 * the running flag is cleared before it is built, as Twisted clears `_runningCallbacks`
 * in a `finally`, so nothing a slot throws can leave a Deferred unable to run again.
 */
import { brandKind, DEFERRED_KIND, kindOf } from './brand.js';
import { captureStack, DebugInfo, getDebugging, setDebugging } from './debug.js';
import { adoptCoroutine, type Drivable } from './driver.js';
import { AlreadyCalledError, CancelledError, NoCurrentExceptionError, NotACoroutineError } from './errors.js';
import { Failure, isFailure } from './failure.js';
import type { CancelState, ChainObserver, PairRole } from './observer.js';
import { describeValue, repr } from './repr.js';
import { inspectAsString } from './symbol-method.js';
import type { Scheduler } from './scheduler.js';
import { addTimeoutTo, type OnTimeoutCancel } from './timeout.js';
import { thenOf, type ThenMethod } from './thenable.js';
import { forgetUnhandled, rememberUnhandled, setPendingChecks } from './unhandled.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a slot's function takes any parameters: with unknown[], a (n: number) => void would not be accepted (parameters are contravariant)
type AnyFunction = (...args: any[]) => unknown;

/** The rarely needed parts of a Deferred (see Deferred#aux). */
class Extras {
  debugInfo: DebugInfo | undefined = undefined;
  /** `d.debug` set on this Deferred (Twisted's per-instance `debug`); `undefined` follows setDebugging. */
  debug: boolean | undefined = undefined;
  constructor(public canceller: AnyFunction | null) {}
}

/** A slot's function together with the extra arguments given to `addCallback(fn, ...args)`. */
class BoundSlot {
  constructor(
    readonly fn: AnyFunction,
    readonly args: readonly unknown[],
  ) {}
}

/**
 * The method a MemberSlot calls on its receiver. A symbol, so that it stays out of the
 * receiver's string-named API (the receiver is a DeferredList).
 */
export const MEMBER_RESULT: unique symbol = Symbol('txdefer.memberResult');

/** What a combinator implements to hear from its members through MemberSlots. */
export interface MemberReceiver {
  [MEMBER_RESULT](result: unknown, index: number): unknown;
}

/**
 * A slot for combinators such as DeferredList, which add the same pair to many members:
 * `receiver[MEMBER_RESULT](result, index)` is called instead of a closure made for each
 * member. One small object per member instead of a closure and its context, and the
 * call site in the run loop sees one receiver class, not many closures, so the engine
 * can inline the call (docs/performance.md). The same object fills both halves of the
 * pair, as addBoth's function would.
 */
class MemberSlot {
  constructor(
    readonly receiver: MemberReceiver,
    readonly index: number,
  ) {}
}

/**
 * The pair `chainDeferred(target)` adds: Twisted's `(target.callback, target.errback)`.
 * One object fills both halves; the run loop fires `target` with the result and runs
 * its chain on its own stack (see the file comment), then goes on with `undefined`.
 */
class ChainSlot {
  constructor(readonly target: Deferred<unknown> | ForeignDeferred) {}
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a waiting Deferred of any result type sits in a slot; the chain does not know it
type Slot = AnyFunction | BoundSlot | MemberSlot | ChainSlot | Deferred<any> | null;

/**
 * The value type a Deferred ends up with when a callback returns `U`: returning a
 * Deferred<V> makes the chain wait for V; returning a Failure moves to the errbacks.
 */
export type Unwrap<U> = U extends Failure ? never : U extends Deferred<infer V> ? V : U;

/** A canceller: called with the Deferred by `cancel()` while the Deferred has not fired. */
export type Canceller<T> = (deferred: Deferred<T>) => void;

/** The shape of a Deferred from another copy of txdefer (ESM beside CJS): used through its public API. */
interface ForeignDeferred {
  addBoth(fn: (result: unknown) => unknown): unknown;
  callback(result: unknown): void;
  errback(failure: unknown): void;
  cancel(): void;
}

// The bits of Deferred#flags.
/** `callback()` or `errback()` has been called. */
const CALLED = 1;
/** One of this Deferred's own slots is executing (re-entrancy guard). */
const RUNNING = 2;
/** Set by cancel() without a canceller: swallow the next callback()/errback() once. */
const SUPPRESS_ALREADY_CALLED = 4;
/** The last chain run ended holding a Failure that nothing has handled since (Twisted's `_debugInfo.failResult`). */
const UNHANDLED = 8;
/** This Deferred is in the queue of those to look at when the current job ends (see noteUnhandled). */
const QUEUED = 16;
/** How many bits of Deferred#flags are flags; the pause counter is kept above them. */
const FLAG_BITS = 5;
/** One pause, in Deferred#flags. */
const PAUSE_UNIT = 32; // 1 << FLAG_BITS, written out: bundlers keep a computed top-level constant
/** Whether the pause counter in `flags` is non-zero. */
function isPaused(flags: number): boolean {
  return flags >> FLAG_BITS !== 0;
}
const NO_RESULT: unique symbol = Symbol('no result');
/** What #accept answers when a firing is swallowed (the one late firing after a cancel without canceller). */
const SWALLOWED: unique symbol = Symbol('swallowed');

/** What a slot's object result means for the chain (see Deferred#takeObjectResult). */
const SUCCEEDED = 0;
const FAILED = 1;
const WAITING = 2;
type Outcome = typeof SUCCEEDED | typeof FAILED | typeof WAITING;
const CIRCULAR_CHAIN_MESSAGE =
  'Callback returned the Deferred it was attached to; this breaks the callback chain and will raise an exception in the future.';

/**
 * The observer told what chains do (observer.ts), or null: the normal case, in which each
 * place that would tell it costs one comparison. Set by the teaching entry's tracer.
 */
let observer: ChainObserver | null = null;

/**
 * Install `next` as the chain observer (or remove it, with null) and return the one it
 * replaces. For the teaching entry: there is one observer at a time, and whoever
 * installs one puts the previous one back when done.
 */
export function setChainObserver(next: ChainObserver | null): ChainObserver | null {
  const previous = observer;
  observer = next;
  return previous;
}

/** Tell the observer, if any, that the generator behind `deferred` yielded `value` (for the driver). */
export function noteYield(deferred: Deferred<unknown>, value: unknown): void {
  if (observer !== null) observer.yielded(deferred, value);
}

/** Whether `value` (an object) is a Deferred of this copy: a private-field check that no Proxy trap sees. */
let isOwnDeferred: (value: object) => value is Deferred<unknown>;

/**
 * A new Deferred that follows `thenable` by the Promises/A+ resolution procedure: the
 * first call of either function wins and later calls are ignored, a throw from `then`
 * after a call is ignored, and a value that is itself a Deferred or a thenable is
 * followed in turn. Cancelling it fails it with CancelledError at once and ignores
 * the thenable's later outcome (a Promise cannot be cancelled).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the follower's result type is the thenable's, which its callers know and this helper does not
export let followThenable: (thenable: unknown, then: ThenMethod) => Deferred<any>;

/** Runs a queued Deferred's unhandled-failure check (see Deferred#noteUnhandled). */
let checkUnhandled: (deferred: Deferred<unknown>) => void;

/** The Deferreds whose chains ended holding a Failure during the current job, checked when it ends. */
let uncheckedFailures: Array<Deferred<unknown>> = [];

declare const queueMicrotask: ((task: () => void) => void) | undefined;

/**
 * How many Deferreds may wait for the check: a long synchronous loop checks them in
 * batches of this size rather than holding every one of them until the job ends.
 */
const CHECK_BATCH = 1024;

/** Whether a microtask to run checkQueuedFailures is queued (set only once queueing it has worked). */
let checkQueued = false;

/** Whether the queue has been handed to the unhandled-failure module, to be emptied at exit. */
let queueKnown = false;

function queueUnhandledCheck(deferred: Deferred<unknown>): void {
  if (!queueKnown) {
    queueKnown = true;
    setPendingChecks(checkQueuedFailures);
  }
  if (uncheckedFailures.push(deferred) >= CHECK_BATCH) {
    checkQueuedFailures(); // the queued microtask will find the list empty, or a new batch
  } else if (!checkQueued) {
    if (typeof queueMicrotask === 'function') {
      // Deep in a stack overflow this call itself may throw: then `checkQueued` stays
      // false, and the next Deferred queued tries again, so no check is ever lost.
      queueMicrotask(runQueuedCheck);
      checkQueued = true;
    } else {
      checkQueuedFailures(); // no microtasks here: check at once, as Twisted records at once
    }
  }
}

function runQueuedCheck(): void {
  checkQueued = false;
  checkQueuedFailures();
}

function checkQueuedFailures(): void {
  const batch = uncheckedFailures;
  uncheckedFailures = [];
  for (const deferred of batch) {
    try {
      checkUnhandled(deferred);
    } catch {
      // Only a stack overflow or lack of memory could get here; the others are still checked.
    }
  }
}

/** Lets module-level helpers (`succeed`) set a result without running anything; see `static #init`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- presets a Deferred of any result type (succeed<T>)
let presetResult: (deferred: Deferred<any>, result: unknown) => void;

/** What `takeResultNow` returns for a Deferred whose result is not ready to take. */
export const NOT_READY: unique symbol = Symbol('not ready');
/**
 * For the generator driver: if `addBoth(f)` on `deferred` would call `f` at once with
 * the result (fired, not paused, not running, nothing else in its chain), take that
 * result exactly as such an `f` returning undefined would, without adding a pair, and
 * return it; otherwise return NOT_READY and change nothing.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the driver takes results from Deferreds of any type
export let takeResultNow: (deferred: Deferred<any>) => unknown;

/**
 * For combinators: add to `deferred` what `addBoth((result) => receiver[MEMBER_RESULT](result, index))`
 * would add, as a MemberSlot. A Deferred from another copy of txdefer gets that closure.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- combinators add pairs to members of any result type
export let addMemberPair: (deferred: Deferred<any>, receiver: MemberReceiver, index: number) => void;

export class Deferred<T = unknown> implements PromiseLike<T> {
  /**
   * A lone pending pair is kept in these two fields, without an array: most Deferreds
   * never hold more than one pair at a time (one callback, or the marker of a Deferred
   * waiting on this one). A pair is never (null, null), so both null means "no lone pair".
   * Used only while #callbacks is null.
   */
  #success0: Slot = null;
  #failure0: Slot = null;
  /** Flat list of pending pairs once there are two or more, else null (see the file comment). */
  #callbacks: Slot[] | null = null;
  /** Index in #callbacks of the next pair's success slot. */
  #cursor = 0;
  #result: unknown = undefined;
  /**
   * The bits CALLED | RUNNING | SUPPRESS_ALREADY_CALLED | UNHANDLED | QUEUED, plus the
   * pause counter times PAUSE_UNIT (user pauses, plus one while waiting on another
   * Deferred; non-zero means stopped; Twisted lets it go negative, and so does this:
   * `#flags >> FLAG_BITS` is the count).
   */
  #flags = 0;
  /** The Deferred this one waits on, or the source of a chainDeferred; for toString(). */
  #chainedTo: object | null = null;
  /**
   * What most Deferreds never need, in one field: null; or the canceller alone (until
   * firing); or an Extras record once there is debug information to keep.
   */
  #aux: AnyFunction | Extras | null;

  /**
   * @param canceller called with this Deferred by `cancel()` if it has not fired yet;
   *   it may fire the Deferred itself, otherwise `cancel()` errbacks with `CancelledError`.
   */
  constructor(canceller?: Canceller<T> | null) {
    if (canceller !== undefined && canceller !== null && typeof canceller !== 'function') {
      throw new TypeError(`new Deferred(canceller): \`canceller\` must be a function, got ${describeValue(canceller)}`);
    }
    // Typed loosely so that Deferred<T> stays covariant in T (Deferred<number> is a Deferred<unknown>).
    this.#aux = (canceller as AnyFunction | null | undefined) ?? null;
    if (getDebugging()) this.#ensureDebugInfo().creator = captureStack(new.target);
    // (A Deferred made with debugging off and then given `d.debug = true` records where it
    // is fired, but cannot know where it was made: as in Twisted.)
  }

  /** This Deferred's DebugInfo, if it has one. */
  #debugInfo(): DebugInfo | undefined {
    const aux = this.#aux;
    return aux === null || typeof aux === 'function' ? undefined : aux.debugInfo;
  }

  /** This Deferred's Extras record, made now (holding the canceller, if any) if it has none. */
  #extras(): Extras {
    const aux = this.#aux;
    if (aux !== null && typeof aux !== 'function') return aux;
    const extras = new Extras(aux);
    this.#aux = extras;
    return extras;
  }

  /** This Deferred's DebugInfo, made now if it has none. */
  #ensureDebugInfo(): DebugInfo {
    return (this.#extras().debugInfo ??= new DebugInfo());
  }

  /**
   * Debug mode for this Deferred (Twisted's per-instance `d.debug`): when true, the
   * first firing records where it happened, and `AlreadyCalledError` and the
   * unhandled-failure report show where it was created (if debugging was on then) and
   * first fired. Reads `getDebugging()` until set on this Deferred.
   */
  get debug(): boolean {
    const aux = this.#aux;
    if (aux !== null && typeof aux !== 'function' && aux.debug !== undefined) return aux.debug;
    return getDebugging();
  }

  /** Turn debug mode on or off for this Deferred only (`true` or `false`; anything else is a TypeError). */
  set debug(on: boolean) {
    this.#extras().debug = requireBoolean(on);
  }

  /**
   * Debug mode for every Deferred (Twisted's `Deferred.debug = True`, which is what
   * `setDebugging` sets): the same switch as `setDebugging`/`getDebugging`.
   */
  static get debug(): boolean {
    return getDebugging();
  }

  /** Turn debug mode on or off for every Deferred, as `setDebugging(on)` does. */
  static set debug(on: boolean) {
    setDebugging(requireBoolean(on));
  }

  /**
   * The pairs still to run, as Twisted's `callbacks` list shows them: one
   * `[[callback, args, keywords], [errback, args, keywords]]` entry per pair, with
   * `passthru` in the half that lets the result by, and `CONTINUE` (with the waiting
   * Deferred as its argument) for a Deferred waiting on this one. A frozen copy: it
   * cannot be used to change the chain (assigning to it, or emptying it, throws).
   */
  get callbacks(): ReadonlyArray<CallbackPair> {
    const pairs: CallbackPair[] = [];
    if (this.#callbacks === null) {
      if (this.#success0 !== null || this.#failure0 !== null) pairs.push(describePair(this.#success0, this.#failure0));
    } else {
      const callbacks = this.#callbacks;
      for (let index = this.#cursor; index < callbacks.length; index += 2) {
        pairs.push(describePair(callbacks[index] as Slot, callbacks[index + 1] as Slot));
      }
    }
    return Object.freeze(pairs);
  }

  /** Forget the Failure recorded for the unhandled-error report, if any: it has been handled. */
  #clearFailResult(): void {
    this.#flags &= ~UNHANDLED;
    const info = this.#debugInfo();
    if (info !== undefined) forgetUnhandled(info);
  }

  /**
   * This Deferred's chain run has ended holding a Failure. Twisted records it in its
   * DebugInfo at once; recording it for the report means registering the Deferred with
   * the FinalizationRegistry and turning the failure's stacks into text (so they stop
   * holding this Deferred alive), which costs far more than the chain itself. So the
   * Deferred is only marked here, and looked at when the current job ends: most
   * failures are handled by then (`fail(e).addErrback(h)`), and cost nothing more.
   */
  #noteUnhandled(): void {
    const flags = this.#flags;
    this.#flags = flags | UNHANDLED | QUEUED;
    if ((flags & QUEUED) === 0) queueUnhandledCheck(this);
  }

  /** The check `#noteUnhandled` queued: record the failure for the report if it is still unhandled. */
  #checkUnhandled(): void {
    this.#flags &= ~QUEUED;
    if ((this.#flags & UNHANDLED) === 0) return;
    const failure = this.#result;
    if (isFailure(failure)) rememberUnhandled(this, this.#ensureDebugInfo(), failure);
  }

  /** Whether `callback()` or `errback()` has been called (true also while waiting on another Deferred). */
  get called(): boolean {
    return (this.#flags & CALLED) !== 0;
  }

  /** The pause counter: non-zero means the chain does not run (`pause()` nests). */
  get paused(): number {
    return this.#flags >> FLAG_BITS;
  }

  /**
   * The current result: `undefined` before firing; afterwards the value or Failure the
   * chain has reached; while waiting on another Deferred, that Deferred.
   */
  get result(): T | Failure | Deferred<unknown> | undefined {
    return this.#result as T | Failure | Deferred<unknown> | undefined;
  }

  // ---- adding pairs ----------------------------------------------------------------

  /**
   * Add a callback/errback pair. `callbackArgs`/`errbackArgs` are extra arguments passed
   * after the result. With no errback, failures pass through.
   *
   * Twisted's own positional order is accepted too, so that a call ported line by line
   * keeps its meaning: `addCallbacks(cb, eb, callbackArgs, callbackKeywords, errbackArgs,
   * errbackKeywords)`, recognised by its fifth or sixth argument, or by a fourth that is
   * a keywords object. A non-empty keywords object is passed as one trailing argument
   * (this library's form of Python's keyword arguments).
   */
  addCallbacks<U, V = never, A extends unknown[] = [], B extends unknown[] = []>(
    callback: (result: T, ...args: A) => U,
    errback?: ((failure: Failure, ...args: B) => V) | null,
    callbackArgs?: A | null,
    errbackArgs?: B | null,
  ): Deferred<Unwrap<U> | Unwrap<V>>;
  /** Twisted's positional order: `(callback, errback, callbackArgs, callbackKeywords, errbackArgs, errbackKeywords)`. */
  addCallbacks<U, V = never>(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Twisted's order passes extra arguments of any types, matched at run time only
    callback: (result: T, ...args: any[]) => U,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Twisted's order passes extra arguments of any types, matched at run time only
    errback: ((failure: Failure, ...args: any[]) => V) | null | undefined,
    callbackArgs: readonly unknown[] | null | undefined,
    callbackKeywords: Readonly<Record<string, unknown>> | null | undefined,
    errbackArgs?: readonly unknown[] | null,
    errbackKeywords?: Readonly<Record<string, unknown>> | null,
  ): Deferred<Unwrap<U> | Unwrap<V>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the implementation signature; the overloads above give the result type
  addCallbacks(callback: AnyFunction, errback?: AnyFunction | null, callbackArgs?: unknown, fourth?: unknown, errbackArgs?: unknown, errbackKeywords?: unknown): Deferred<any> {
    let callbackKeywords: unknown;
    if (arguments.length >= 5 || isKeywordsObject(fourth)) {
      // Twisted's order: the fourth argument is callbackKeywords.
      if (Array.isArray(fourth)) {
        throw new TypeError(
          'Deferred.addCallbacks: given more than 4 arguments, they are read in Twisted\'s order ' +
            '(callback, errback, callbackArgs, callbackKeywords, errbackArgs, errbackKeywords), ' +
            `so the fourth must be a keywords object or null, got ${describeValue(fourth)}`,
        );
      }
      callbackKeywords = fourth;
    } else {
      errbackArgs = fourth;
    }
    const success = makeSlot(callback, callbackArgs, callbackKeywords, 'callback', 'callbackArgs', 'callbackKeywords');
    let failure: Slot = null;
    if (errback !== undefined && errback !== null) {
      failure = makeSlot(errback, errbackArgs, errbackKeywords, 'errback', 'errbackArgs', 'errbackKeywords');
    } else {
      refuseOrphanArguments(errbackArgs, 'errbackArgs');
      refuseOrphanArguments(errbackKeywords, 'errbackKeywords');
    }
    return this.#addPair(success, failure);
  }

  // addCallback, addErrback and addBoth are the hottest entry points: they are kept small
  // (so the JIT inlines them into the caller), check their argument in line and leave
  // the error to an out-of-line helper, and read extra arguments through `arguments`
  // forwarded by `apply` (a rest parameter would allocate an array on every call).

  /** Add a callback, called as `callback(result, ...args)`; failures pass it by. */
  addCallback<U, A extends unknown[] = []>(callback: (result: T, ...args: A) => U, ...args: A): Deferred<Unwrap<U>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the implementation signature; the overload above gives the result type
  addCallback(callback: AnyFunction): Deferred<any> {
    if (typeof callback !== 'function') throw notAFunction('addCallback', 'callback', callback);
    // eslint-disable-next-line prefer-rest-params, prefer-spread -- a hot path: a rest parameter would allocate an array on every call (see the comment above addCallback)
    const slot: Slot = arguments.length < 2 ? callback : new BoundSlot(callback, extraArguments.apply(undefined, arguments as never));
    return this.#addPair(slot, null);
  }

  /** Add an errback, called as `errback(failure, ...args)`; values pass it by. */
  addErrback<U, A extends unknown[] = []>(errback: (failure: Failure, ...args: A) => U, ...args: A): Deferred<T | Unwrap<U>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the implementation signature; the overload above gives the result type
  addErrback(errback: AnyFunction): Deferred<any> {
    if (typeof errback !== 'function') throw notAFunction('addErrback', 'errback', errback);
    // eslint-disable-next-line prefer-rest-params, prefer-spread -- a hot path: a rest parameter would allocate an array on every call (see the comment above addCallback)
    const slot: Slot = arguments.length < 2 ? errback : new BoundSlot(errback, extraArguments.apply(undefined, arguments as never));
    return this.#addPair(null, slot);
  }

  /** Add the same function as both callback and errback: it gets the value or the Failure. */
  addBoth<U, A extends unknown[] = []>(fn: (result: T | Failure, ...args: A) => U, ...args: A): Deferred<Unwrap<U>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the implementation signature; the overload above gives the result type
  addBoth(fn: AnyFunction): Deferred<any> {
    if (typeof fn !== 'function') throw notAFunction('addBoth', 'fn', fn);
    // eslint-disable-next-line prefer-rest-params, prefer-spread -- a hot path: a rest parameter would allocate an array on every call (see the comment above addCallback)
    const slot: Slot = arguments.length < 2 ? fn : new BoundSlot(fn, extraArguments.apply(undefined, arguments as never));
    return this.#addPair(slot, slot);
  }

  /**
   * Make `other` fire with this Deferred's result, exactly as Twisted's
   * `addCallbacks(other.callback, other.errback)`: `other` runs its chain inside this
   * one's (an `AlreadyCalledError` if `other` has fired already fails this chain), and
   * this Deferred's own result becomes `undefined` afterwards. Links of any number
   * run without growing the stack (see the file comment).
   */
  chainDeferred(other: Deferred<T>): Deferred<undefined> {
    if (!isDeferred(other)) {
      throw new TypeError(`Deferred.chainDeferred: \`other\` must be a Deferred, got ${describeValue(other)}`);
    }
    if (#flags in other) other.#chainedTo = this;
    const slot = new ChainSlot(other as Deferred<unknown> | ForeignDeferred);
    return this.#addPair(slot, slot);
  }

  // The same object is returned with its type parameter moved on to what the chain now produces.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/prefer-return-this-type -- returns `this` with its type parameter moved on (Deferred<T> becomes Deferred<U>), which the `this` type cannot say
  #addPair(success: Slot, failure: Slot): Deferred<any> {
    this.#append(success, failure);
    if (observer !== null) noteAdded(this, success, failure);
    if ((this.#flags & CALLED) !== 0) this.#runCallbacks();
    return this;
  }

  /** Put a pair at the end of the chain, without running anything. */
  #append(success: Slot, failure: Slot): void {
    const callbacks = this.#callbacks;
    if (callbacks !== null) {
      callbacks.push(success, failure);
    } else if (this.#success0 === null && this.#failure0 === null) {
      this.#success0 = success;
      this.#failure0 = failure;
    } else {
      this.#callbacks = [this.#success0, this.#failure0, success, failure];
      this.#cursor = 0;
      this.#success0 = null;
      this.#failure0 = null;
    }
  }

  // ---- firing ---------------------------------------------------------------------------

  /**
   * Fire the success chain with `result`. Throws `AlreadyCalledError` if this Deferred
   * has already fired. To make a Deferred wait for another, return that one from a
   * callback (or use `chainDeferred`); passing a Deferred here is refused.
   */
  callback(result: T): void {
    if (typeof result === 'object' && result !== null && isDeferred(result)) {
      throw new TypeError(
        'Deferred.callback() was given a Deferred: return it from a callback to make this one wait for it, or use chainDeferred()',
      );
    }
    this.#fire(result);
  }

  /**
   * Fire the errback chain. `error` may be a Failure (used as it is) or any thrown
   * value (wrapped in a new Failure). JavaScript has no "current exception", so the
   * error must be given: the type requires it, and `errback()` with no argument (from
   * JavaScript) throws `NoCurrentExceptionError`.
   */
  errback(error: unknown): void {
    if (arguments.length === 0) {
      throw new NoCurrentExceptionError(
        'Deferred.errback() needs the error to report: JavaScript has no "current exception" to pick up, so pass the caught error or a Failure',
      );
    }
    this.#fire(isFailure(error) ? error : new Failure(error));
  }

  #fire(result: unknown): void {
    const refusal = this.#accept(result);
    if (refusal === undefined) this.#runCallbacks();
    else if (refusal !== SWALLOWED) {
      if (observer !== null) observer.refused(this, refusal);
      throw refusal;
    }
  }

  /**
   * Take `result` as this Deferred's first result, without running anything (the first
   * half of firing; the run loop does the second). Answers `undefined` when taken,
   * SWALLOWED for the one late firing a cancel() without canceller ignores, or the
   * AlreadyCalledError to throw.
   */
  #accept(result: unknown): AlreadyCalledError | typeof SWALLOWED | undefined {
    if ((this.#flags & CALLED) !== 0) {
      if ((this.#flags & SUPPRESS_ALREADY_CALLED) !== 0) {
        // cancel() without a canceller swallows exactly one late firing (Twisted's _suppressAlreadyCalled).
        this.#flags &= ~SUPPRESS_ALREADY_CALLED;
        return SWALLOWED;
      }
      return this.#alreadyCalledError();
    }
    if (this.#aux === null ? getDebugging() : this.debug) {
      this.#ensureDebugInfo().invoker = captureStack(this.#fire);
    }
    this.#flags |= CALLED;
    this.#dropCanceller(); // never called after firing, and not kept alive by us (Twisted 23.8)
    this.#result = result;
    if (observer !== null) observer.fired(this, result);
    return undefined;
  }

  /**
   * Fire with `value` as a slot's return value would be taken: a Deferred or thenable is
   * waited for, a Failure goes down the errbacks (how `followThenable` fires).
   */
  #fireFollowing(value: unknown): void {
    const refusal = this.#accept(value);
    if (refusal !== undefined) return; // only ever fired once, by its own follower
    if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
      if (this.#takeObjectResult(value as object) === WAITING) return; // the inner Deferred resumes this one
    }
    this.#runCallbacks();
  }

  #dropCanceller(): void {
    const aux = this.#aux;
    if (typeof aux === 'function') this.#aux = null;
    else if (aux !== null) aux.canceller = null;
  }

  #alreadyCalledError(): AlreadyCalledError {
    const error = new AlreadyCalledError();
    // Twisted: with `self.debug`, the message shows where this Deferred was created and first fired.
    if (this.debug) {
      const where = this.#ensureDebugInfo().describe();
      if (where !== '') error.message += `\n${where}`;
    }
    return error;
  }

  // ---- pausing and cancelling ---------------------------------------------------------

  /** Stop running callbacks until a matching `unpause()`. Pauses nest. */
  pause(): void {
    this.#flags += PAUSE_UNIT;
    if (observer !== null) observer.pauseChanged(this, true, this.#flags >> FLAG_BITS);
  }

  /** Undo one `pause()`; when the count is back to zero and the Deferred has fired, run on. */
  unpause(): void {
    this.#flags -= PAUSE_UNIT;
    if (observer !== null) observer.pauseChanged(this, false, this.#flags >> FLAG_BITS);
    if (isPaused(this.#flags)) return;
    if ((this.#flags & CALLED) !== 0) this.#runCallbacks();
  }

  /**
   * Cancel this Deferred. If it has not fired: call the canceller (if any); if that did
   * not fire it, errback with `CancelledError` (and, when there was no canceller,
   * ignore the producer's next late `callback`/`errback` once). If it is waiting on
   * another Deferred, cancel that one instead. If it has a result, do nothing.
   * As in Twisted, an exception thrown by the canceller propagates to the caller.
   */
  cancel(): void {
    if (observer !== null) noteCancel(this, this.#cancelState());
    if ((this.#flags & CALLED) === 0) {
      const aux = this.#aux;
      const canceller = aux === null || typeof aux === 'function' ? aux : aux.canceller;
      if (canceller !== null) canceller(this);
      else this.#flags |= SUPPRESS_ALREADY_CALLED;
      if ((this.#flags & CALLED) === 0) this.errback(new Failure(new CancelledError()));
    } else if (isDeferred(this.#result)) {
      (this.#result as ForeignDeferred).cancel();
    }
  }

  /** What cancel() finds, and the canceller it would call (for the observer). */
  #cancelState(): [CancelState, AnyFunction | null] {
    if ((this.#flags & CALLED) === 0) {
      const aux = this.#aux;
      return ['unfired', aux === null || typeof aux === 'function' ? aux : aux.canceller];
    }
    return [isDeferred(this.#result) ? 'waiting' : 'fired', null];
  }

  /**
   * Cancel this Deferred if it has not fired after `timeout` seconds on `clock`, and
   * then fail it with `TimeoutError` instead of `CancelledError` (Twisted's
   * `addTimeout`). Only callbacks added before this call are covered. With
   * `onTimeoutCancel`, that function decides the result after a timeout instead:
   * it gets whatever the result is then, and the seconds allowed.
   */
  addTimeout(timeout: number, clock: Scheduler, onTimeoutCancel?: OnTimeoutCancel): this {
    addTimeoutTo(this, timeout, clock, onTimeoutCancel);
    return this;
  }

  // ---- the run loop ---------------------------------------------------------------------

  #runCallbacks(): void {
    if ((this.#flags & RUNNING) !== 0) return; // called from inside one of our own slots: the outer loop carries on
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the run loop walks from this Deferred to others (`current` changes); it is not a closure's capture
    let current: Deferred<unknown> = this;
    // Deferreds whose chains are interrupted to let another run first (Twisted's `chain`
    // list): below a waiting Deferred, the one that handed it its result; below a
    // `null`, a Deferred whose chainDeferred link is running its target's chain.
    let suspended: Array<Deferred<unknown> | null> | null = null;
    // True when `current` is a linker coming back from its target's chain: it goes on
    // at once, as a slot that returned would, without the checks of a Deferred resumed.
    let returning = false;
    try {
      outer: for (;;) {
        let failed: boolean;
        if (returning) {
          returning = false;
          failed = false;
        } else if (isPaused(current.#flags)) {
          // A paused Deferred stops the whole loop, even those suspended below it (as
          // Twisted does), but only down to a chainDeferred link: there Twisted's nested
          // `other.callback()` returns, and the linker goes on.
          const linker = unwindToLink(suspended);
          if (linker === undefined) return;
          current = linker.#returnFromLink();
          failed = false;
        } else {
          current.#chainedTo = null;
          failed = isFailure(current.#result);
        }
        for (;;) {
          // Take the next pair off the chain (pairs are taken off before they run).
          let slot: Slot | undefined;
          if (current.#success0 !== null || current.#failure0 !== null) {
            slot = failed ? current.#failure0 : current.#success0;
            current.#success0 = null;
            current.#failure0 = null;
          } else {
            const callbacks = current.#callbacks;
            if (callbacks === null) break; // the chain is empty
            const index = current.#cursor;
            slot = failed ? callbacks[index + 1] : callbacks[index];
            if (index + 2 >= callbacks.length) {
              // That was the last pair: drop the array, so pairs added from now on start afresh.
              current.#callbacks = null;
              current.#cursor = 0;
            } else {
              callbacks[index] = null;
              callbacks[index + 1] = null;
              current.#cursor = index + 2;
            }
          }
          if (observer !== null) noteStep(current, failed, slot ?? null, current.#result);
          if (slot === null || slot === undefined) {
            if (observer !== null) observer.stepEnded(current, current.#result, failed, false);
            continue; // pass-through
          }

          // In the catches below, RUNNING is cleared first (Twisted's `finally`) and the
          // thrown value is kept even if building its Failure were to fail (a stack
          // overflow is the one way left): the Deferred is never left unable to run.
          // A plain function, by far the most common slot, has a call site of its own.
          let result: unknown;
          if (typeof slot === 'function') {
            current.#flags |= RUNNING;
            try {
              result = slot(current.#result);
            } catch (thrown) {
              current.#flags &= ~RUNNING;
              result = NO_RESULT;
              current.#result = thrown;
              current.#result = new Failure(thrown);
            }
            current.#flags &= ~RUNNING;
          } else if (slot instanceof MemberSlot || slot instanceof BoundSlot || (slot instanceof ChainSlot && !(#flags in slot.target))) {
            current.#flags |= RUNNING;
            try {
              result = callSlot(slot, current.#result, failed);
            } catch (thrown) {
              current.#flags &= ~RUNNING;
              result = NO_RESULT;
              current.#result = thrown;
              current.#result = new Failure(thrown);
            }
            current.#flags &= ~RUNNING;
          } else if (slot instanceof ChainSlot) {
            const target = slot.target as Deferred<unknown>;
            const refusal = target.#accept(current.#result);
            if (refusal === undefined) {
              // Twisted's `other.callback(result)`, without the nested call: this
              // Deferred stays marked running (it is inside that call), `target`'s
              // chain runs now, and then this one goes on with `undefined`.
              if (observer !== null) observer.stepEnded(current, undefined, false, false);
              current.#flags |= RUNNING;
              (suspended ??= []).push(current, null);
              current = target;
              continue outer;
            }
            if (refusal === SWALLOWED) {
              result = undefined;
            } else {
              result = NO_RESULT;
              current.#result = new Failure(refusal);
            }
          } else {
            // The continuation marker: `slot` is a Deferred waiting on this one. Hand it our
            // result (ours becomes undefined), release its chain pause, and run it first.
            const waiter = slot;
            waiter.#result = current.#result;
            current.#result = undefined;
            if ((current.#flags & UNHANDLED) !== 0 || current.#aux !== null) current.#clearFailResult(); // whatever the result (as Twisted)
            waiter.#flags -= PAUSE_UNIT;
            if (observer !== null) {
              observer.stepEnded(current, undefined, false, false);
              observer.resumed(waiter, current, waiter.#result);
            }
            (suspended ??= []).push(current);
            current = waiter;
            continue outer;
          }

          if (result === NO_RESULT) {
            failed = true;
            if (observer !== null) observer.stepEnded(current, current.#result, true, true);
            continue;
          }
          current.#result = result;
          if ((typeof result !== 'object' || result === null) && typeof result !== 'function') {
            failed = false; // the common case: a plain value, decided without looking at it
            if (observer !== null) observer.stepEnded(current, result, false, false);
            continue;
          }
          const outcome = current.#takeObjectResult(result as object);
          failed = outcome === FAILED;
          if (observer !== null) observer.stepEnded(current, current.#result, failed, false);
          if (outcome === WAITING) break;
        }

        // Finished with `current` (its chain is empty, or it is waiting): note whether it
        // is left holding a Failure nobody has handled yet.
        if (failed) {
          current.#noteUnhandled();
        } else if ((current.#flags & UNHANDLED) !== 0 || current.#aux !== null) {
          current.#clearFailResult();
        }
        if (suspended === null || suspended.length === 0) return;
        const next = suspended.pop() as Deferred<unknown> | null;
        if (next === null) {
          // `current` was the target of a chainDeferred link: back to the linker.
          current = (suspended.pop() as Deferred<unknown>).#returnFromLink();
          returning = true;
        } else {
          current = next;
        }
      }
    } catch (error) {
      // Something escaped the loop (only a stack overflow or an out-of-memory error can):
      // no linker below may be left marked running. The error goes on to the caller.
      this.#releaseLinkers(suspended);
      throw error;
    }
  }

  /**
   * Clear the running mark of every linker in `suspended` (each sits just below a `null`).
   * An instance method only because TypeScript compiles a call to a static private method
   * through the class name into an alias assigned after the class (`_a = Deferred`), a
   * top-level statement that makes bundlers keep this module whether it is used or not.
   */
  #releaseLinkers(suspended: Array<Deferred<unknown> | null> | null): void {
    if (suspended === null) return;
    for (let index = 1; index < suspended.length; index += 1) {
      if (suspended[index] === null) (suspended[index - 1] as Deferred<unknown>).#returnFromLink();
    }
  }

  /** A linker's chainDeferred link has come back: clear its running mark; its result is the link's `undefined`. */
  #returnFromLink(): Deferred<unknown> {
    this.#flags &= ~RUNNING;
    this.#result = undefined;
    return this as Deferred<unknown>;
  }

  /**
   * A slot returned an object, now this Deferred's result: decide what it means (kept
   * out of the run loop, which then stays small). A Failure goes on down the errbacks
   * as the same object; a Deferred with a result has it taken (Twisted's stealing);
   * a Deferred without one makes this Deferred wait on it; a Promise or other thenable
   * is followed as a Deferred would be; anything else is a value.
   */
  #takeObjectResult(result: object): Outcome {
    let inner: Deferred<unknown>;
    if (#flags in result) {
      inner = result as Deferred<unknown>;
    } else {
      if (isFailure(result)) return FAILED;
      if (kindOf(result) === DEFERRED_KIND) return this.#takeForeign(result as ForeignDeferred);
      let then: ThenMethod | undefined;
      try {
        then = thenOf(result);
      } catch (thrown) {
        // Reading `then` threw: fail with that, as `await` and Promise.resolve do.
        this.#result = new Failure(thrown);
        return FAILED;
      }
      if (then === undefined) return SUCCEEDED;
      inner = followThenable(result, then);
    }
    if (inner === this) {
      // Twisted warns and then hangs for ever; we fail the chain instead (docs/differences.md).
      this.#result = new Failure(new TypeError(CIRCULAR_CHAIN_MESSAGE));
      return FAILED;
    }
    const innerFlags = inner.#flags;
    if ((innerFlags & CALLED) === 0 || isPaused(innerFlags) || isDeferred(inner.#result)) {
      // Wait for it: one pause unit belongs to the chain, and a marker at the end of
      // the inner's list will hand its result back (added without running anything).
      this.#flags += PAUSE_UNIT;
      this.#chainedTo = inner;
      this.#result = inner;
      inner.#append(this, this);
      if (observer !== null) observer.waiting(this, inner);
      return WAITING;
    }
    // The inner Deferred already has a result: take it (the inner keeps undefined).
    const taken = inner.#result;
    inner.#result = undefined;
    if ((inner.#flags & UNHANDLED) !== 0 || inner.#aux !== null) inner.#clearFailResult();
    this.#result = taken;
    return isFailure(taken) ? FAILED : SUCCEEDED;
  }

  /**
   * A slot returned a Deferred from another copy of txdefer. Take its result through its
   * public API: now if it has one, else later (resuming this chain then, by recursion:
   * only crossings between copies are not stack-safe).
   */
  #takeForeign(inner: ForeignDeferred): Outcome {
    let attached = false;
    let taken: unknown = NO_RESULT;
    try {
      inner.addBoth((result) => {
        if (!attached) {
          taken = result;
        } else {
          this.#chainedTo = null;
          this.#result = result;
          this.#flags -= PAUSE_UNIT;
          // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- another copy's Deferred: the observer uses only its public API
          if (observer !== null) observer.resumed(this, inner as Deferred<unknown>, result);
          this.#runCallbacks();
        }
        return undefined;
      });
    } catch (thrown) {
      // Something posing as another copy's Deferred, whose addBoth throws.
      this.#result = new Failure(thrown);
      return FAILED;
    }
    attached = true;
    if (taken === NO_RESULT) {
      this.#flags += PAUSE_UNIT;
      this.#chainedTo = inner;
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- another copy's Deferred: the observer uses only its public API
      if (observer !== null) observer.waiting(this, inner as Deferred<unknown>);
      return WAITING;
    }
    this.#result = taken;
    return isFailure(taken) ? FAILED : SUCCEEDED;
  }

  // ---- Promise interop ------------------------------------------------------------------

  /**
   * Makes a Deferred awaitable: `await d` gives its result, or throws its failure's
   * value. As with Twisted's `await`: a Deferred that already has its result keeps it
   * (a failure is marked handled); otherwise the result is taken by the awaiter and
   * the Deferred's later callbacks see `undefined`.
   */
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    let settled: Promise<T>;
    if ((this.#flags & CALLED) !== 0 && !isPaused(this.#flags) && !isDeferred(this.#result)) {
      const result = this.#result;
      if (isFailure(result)) {
        this.#clearFailResult();
        settled = Promise.reject(result.value);
      } else {
        settled = Promise.resolve(result as T);
      }
    } else {
      settled = this.asPromise();
    }
    return settled.then(onfulfilled, onrejected);
  }

  /**
   * A Promise for this Deferred's result (Twisted's `asFuture`). It takes the result:
   * later callbacks on this Deferred see `undefined`. A failure rejects the Promise with
   * the failure's value.
   */
  asPromise(): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.addCallbacks(
        (value) => {
          resolve(value);
        },
        (failure) => {
          reject(failure.value);
        },
      );
    });
  }

  /**
   * A Deferred that fires with the Promise's (or thenable's) outcome (Twisted's
   * `fromFuture`), by the Promises/A+ resolution procedure: the first of the two
   * functions `then` calls wins and later calls are ignored, as is a throw from `then`
   * after one of them was called; a thenable that resolves with a Deferred or another
   * thenable is followed in turn. A native Promise from another realm (a `vm` context,
   * an iframe) is a thenable like any other. Promises cannot be cancelled: cancelling
   * the Deferred fails it with `CancelledError` at once, and the Promise's later
   * outcome is ignored.
   */
  static fromPromise<T>(promise: PromiseLike<T>): Deferred<T> {
    let then: ThenMethod | undefined;
    try {
      then = thenOf(promise);
    } catch (thrown) {
      const failed = new Deferred<T>();
      failed.errback(thrown); // reading `then` threw: the Promise rule is to fail with that
      return failed;
    }
    if (then === undefined) {
      throw new TypeError(`Deferred.fromPromise: \`promise\` must be a Promise or thenable, got ${describeValue(promise)}`);
    }
    return followThenable(promise, then) as Deferred<T>;
  }

  /**
   * A Deferred for a running coroutine (Twisted's `Deferred.fromCoroutine`): a generator
   * object (what calling a `function*` returns) is driven from now on, as `inlineCallbacks`
   * drives one, so it runs up to its first wait before this returns; a Promise or other
   * thenable (what calling an `async function` returns) is followed, as by `fromPromise`.
   * Anything else, a Deferred included, throws `NotACoroutineError("<repr> is not a
   * coroutine")`, a TypeError. `fromCoroutine` and `ensureDeferred` are the same as functions.
   *
   * @example
   * ```ts
   * const d = Deferred.fromCoroutine((function* () {
   *   const n: number = yield succeed(20);
   *   return n + 1;
   * })());
   * d.addCallback((n) => console.log(n)); // 21
   * ```
   */
  static fromCoroutine<T>(coro: Drivable<T> | PromiseLike<T>): Deferred<T> {
    const deferred = adoptCoroutine<T>(coro);
    if (deferred === undefined) throw new NotACoroutineError(`${repr(coro)} is not a coroutine`);
    return deferred;
  }

  // ---- description ----------------------------------------------------------------------

  /**
   * Twisted's repr: `<Deferred #3>`, `<Deferred #3 current result: 'orange'>` or
   * `<Deferred #3 waiting on Deferred #4>` (the number identifies the object).
   */
  toString(): string {
    const name = (this.constructor as { name?: string }).name || 'Deferred';
    let state = '';
    if (this.#chainedTo !== null) state = ` waiting on Deferred #${identify(this.#chainedTo)}`;
    else if ((this.#flags & CALLED) !== 0) state = ` current result: ${repr(this.#result)}`;
    return `<${name} #${identify(this)}${state}>`;
  }

  /** What Node's `util.inspect` (and so `console.log`) shows: the same as `toString()`. */
  static #inspect = /*#__PURE__*/ inspectAsString(this);

  static #kind = /*#__PURE__*/ brandKind(this, DEFERRED_KIND);

  // Sets the module-level helpers above, which need the private fields. A static field
  // annotated as pure rather than a static block: bundlers must keep a static block (and
  // with it the class), but drop this field with the class when nothing uses Deferred;
  // the helpers matter only when something does.
  static #init = /*#__PURE__*/ (() => {
    isOwnDeferred = (value): value is Deferred<unknown> => #flags in value;
    checkUnhandled = (deferred) => {
      deferred.#checkUnhandled();
    };
    followThenable = (thenable, then) => {
      const deferred = new Deferred<unknown>();
      let settled = false;
      const fulfil = (value: unknown): void => {
        if (settled) return;
        settled = true;
        deferred.#fireFollowing(value);
      };
      const reject = (reason: unknown): void => {
        if (settled) return;
        settled = true;
        // Ignored if the Deferred was cancelled (or fired by hand) meanwhile: never an
        // AlreadyCalledError thrown back into the thenable's machinery.
        if (deferred.#accept(isFailure(reason) ? reason : new Failure(reason)) === undefined) deferred.#runCallbacks();
      };
      try {
        then.call(thenable, fulfil, reject);
      } catch (thrown) {
        reject(thrown); // ignored after a call, as the resolution procedure says
      }
      return deferred;
    };
    takeResultNow = (deferred) => {
      if (!(#flags in deferred)) return NOT_READY;
      // CALLED and no other state but the bookkeeping bits: not running, not paused (so not waiting).
      if ((deferred.#flags & ~(SUPPRESS_ALREADY_CALLED | UNHANDLED | QUEUED)) !== CALLED) return NOT_READY;
      if (deferred.#callbacks !== null || deferred.#success0 !== null || deferred.#failure0 !== null) return NOT_READY;
      const result = deferred.#result;
      deferred.#result = undefined;
      deferred.#chainedTo = null;
      if ((deferred.#flags & UNHANDLED) !== 0 || deferred.#aux !== null) deferred.#clearFailResult();
      return result;
    };
    addMemberPair = (deferred, receiver, index) => {
      if (#flags in deferred) {
        const slot = new MemberSlot(receiver, index);
        deferred.#addPair(slot, slot);
      } else {
        (deferred as ForeignDeferred).addBoth((result) => receiver[MEMBER_RESULT](result, index));
      }
    };
    presetResult = (deferred, result) => {
      deferred.#flags |= CALLED;
      deferred.#dropCanceller();
      deferred.#result = result;
      if (observer !== null) observer.fired(deferred, result);
    };
  })();
}

/** Whether `value` is a Deferred, from this copy of txdefer or another (ESM beside CJS). */
export function isDeferred(value: unknown): value is Deferred<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  return isOwnDeferred(value) || kindOf(value) === DEFERRED_KIND;
}

/**
 * A Deferred that has already succeeded with `result` (Twisted's `succeed`). Like
 * Twisted 24.10 it sets the result without running a chain, so a Failure given here
 * goes to the first errback added, and is not reported as unhandled if none is.
 */
export function succeed<T>(result: T): Deferred<T> {
  if (isDeferred(result)) {
    throw new TypeError('succeed() was given a Deferred: return the Deferred itself, or chain on it');
  }
  const deferred = new Deferred<T>();
  presetResult(deferred, result);
  return deferred;
}

/**
 * Call a slot object: a MemberSlot, a BoundSlot, or a ChainSlot whose target is another
 * copy's Deferred (fired through its public API, in a nested call).
 */
function callSlot(slot: MemberSlot | BoundSlot | ChainSlot, result: unknown, failed: boolean): unknown {
  if (slot instanceof MemberSlot) return slot.receiver[MEMBER_RESULT](result, slot.index);
  if (slot instanceof BoundSlot) return slot.fn(result, ...slot.args);
  if (failed) slot.target.errback(result);
  else slot.target.callback(result);
  return undefined;
}

/**
 * Pop `suspended` down to the nearest chainDeferred link and return its linker, or
 * `undefined` (leaving the stack empty) if there is none.
 */
function unwindToLink(suspended: Array<Deferred<unknown> | null> | null): Deferred<unknown> | undefined {
  if (suspended === null) return undefined;
  while (suspended.length > 0) {
    if (suspended.pop() === null) return suspended.pop() as Deferred<unknown>;
  }
  return undefined;
}

/**
 * Return the argument unchanged (Twisted's `passthru`): what fills the half of a pair
 * that lets the result by, as `d.callbacks` shows it.
 */
export function passthru<T>(arg: T): T {
  return arg;
}

/** What `d.callbacks` shows for a Deferred waiting on this one (Twisted's private `_CONTINUE` marker). */
export const CONTINUE: unique symbol = Symbol('CONTINUE');

/** One half of a pair as `d.callbacks` shows it: `[fn, args, keywords]` (keywords are always `{}` here). */
export type CallbackEntry = readonly [fn: AnyFunction | typeof CONTINUE, args: readonly unknown[], keywords: Readonly<Record<string, never>>];

/** One pair as `d.callbacks` shows it: the success half, then the failure half. */
export type CallbackPair = readonly [callback: CallbackEntry, errback: CallbackEntry];

const NO_KEYWORDS: Readonly<Record<string, never>> = /*#__PURE__*/ Object.freeze({});
const NO_ARGUMENTS: readonly unknown[] = /*#__PURE__*/ Object.freeze([]);

function describePair(success: Slot, failure: Slot): CallbackPair {
  return Object.freeze([describeSlot(success, true), describeSlot(failure, false)] as const);
}

function describeSlot(slot: Slot, succeeded: boolean): CallbackEntry {
  let fn: AnyFunction | typeof CONTINUE;
  let args = NO_ARGUMENTS;
  if (slot === null) {
    fn = passthru;
  } else if (typeof slot === 'function') {
    fn = slot;
  } else if (slot instanceof BoundSlot) {
    fn = slot.fn;
    args = Object.freeze(slot.args.slice());
  } else if (slot instanceof MemberSlot) {
    const receiver = slot.receiver;
    fn = (result: unknown, index: number) => receiver[MEMBER_RESULT](result, index);
    args = Object.freeze([slot.index]);
  } else if (slot instanceof ChainSlot) {
    const target = slot.target;
    fn = succeeded ? (result: unknown) => target.callback(result) : (failure: unknown) => target.errback(failure);
  } else {
    fn = CONTINUE;
    args = Object.freeze([slot]);
  }
  return Object.freeze([fn, args, NO_KEYWORDS] as const);
}

/** Tell the observer of a pair added (out of line: only called when there is an observer). */
function noteAdded(deferred: Deferred<unknown>, success: Slot, failure: Slot): void {
  let role: PairRole = 'pair';
  let target: Deferred<unknown> | undefined;
  if (success instanceof ChainSlot) {
    role = 'chain';
    target = success.target as Deferred<unknown>;
  } else if (success instanceof MemberSlot) {
    role = 'member';
    const receiver: unknown = success.receiver;
    if (isDeferred(receiver)) target = receiver; // a DeferredList: the combinator the member reports to
  }
  (observer as ChainObserver).added(deferred, describeSlot(success, true), describeSlot(failure, false), role, target);
}

/** Tell the observer which half of a pair is about to be used (out of line, as noteAdded). */
function noteStep(deferred: Deferred<unknown>, failed: boolean, slot: Slot, input: unknown): void {
  (observer as ChainObserver).stepStarted(deferred, failed, describeSlot(slot, !failed), input);
}

/** Tell the observer of a cancel() (out of line, as noteAdded). */
function noteCancel(deferred: Deferred<unknown>, [state, canceller]: [CancelState, AnyFunction | null]): void {
  (observer as ChainObserver).cancelled(deferred, canceller as ((deferred: Deferred<unknown>) => void) | null, state);
}

/** What `d.debug` and `Deferred.debug` may be set to. */
function requireBoolean(on: unknown): boolean {
  if (typeof on !== 'boolean') throw new TypeError(`Deferred.debug must be set to true or false, got ${describeValue(on)}`);
  return on;
}

/** The arguments after the first: `extraArguments.apply(undefined, arguments)` in an add* method. */
function extraArguments(_first: unknown, ...rest: unknown[]): unknown[] {
  return rest;
}

/** The TypeError for a non-function given to an add* method (out of line, to keep those small). */
function notAFunction(method: string, name: string, fn: unknown): TypeError {
  return new TypeError(`Deferred.${method}: \`${name}\` must be a function, got ${describeValue(fn)}`);
}

function makeSlot(fn: unknown, args: unknown, keywords: unknown, name: string, argsName: string, keywordsName: string): Slot {
  requireFunction(fn, 'addCallbacks', name);
  if (args !== undefined && args !== null && !Array.isArray(args)) {
    throw new TypeError(`Deferred.addCallbacks: \`${argsName}\` must be an array of extra arguments, got ${describeValue(args)}`);
  }
  const extra: unknown[] = args === undefined || args === null ? [] : (args as unknown[]).slice();
  if (keywords !== undefined && keywords !== null) {
    if (!isKeywordsObject(keywords)) {
      throw new TypeError(`Deferred.addCallbacks: \`${keywordsName}\` must be an object of keyword arguments or null, got ${describeValue(keywords)}`);
    }
    if (Object.keys(keywords).length > 0) extra.push(keywords);
  }
  return extra.length === 0 ? fn : new BoundSlot(fn, extra);
}

/**
 * Extra arguments for an errback that was not given: Twisted would pass them to its
 * pass-through errback, which fails when a failure arrives; here the call that made the
 * mistake is refused. Empty ones (`[]`, `{}`) are harmless and accepted.
 */
function refuseOrphanArguments(value: unknown, name: string): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value) ? value.length === 0 : isKeywordsObject(value) && Object.keys(value).length === 0) return;
  throw new TypeError(`Deferred.addCallbacks: \`${name}\` was given without an \`errback\` to pass it to, got ${describeValue(value)}`);
}

/** A plain object, as Python's keyword arguments become (not an array, a function or null). */
function isKeywordsObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireFunction(fn: unknown, method: string, name: string): asserts fn is AnyFunction {
  if (typeof fn !== 'function') throw notAFunction(method, name, fn);
}

const identities = new WeakMap<object, number>();
let lastIdentity = 0;

/**
 * A small number naming an object in toString() output (Twisted prints its address):
 * the same object always gets the same number. The teaching entry names Deferreds by it.
 */
export function identify(object: object): number {
  let id = identities.get(object);
  if (id === undefined) {
    lastIdentity += 1;
    id = lastIdentity;
    identities.set(object, id);
  }
  return id;
}
