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
 * JavaScript stack (Twisted's `_runCallbacks`).
 */
import { brandKind, DEFERRED_KIND, FAILURE_KIND, kindOf } from './brand.js';
import { captureStack, DebugInfo, getDebugging } from './debug.js';
import { AlreadyCalledError, CancelledError, NoCurrentExceptionError } from './errors.js';
import { Failure, isFailure } from './failure.js';
import { describeValue, repr } from './repr.js';
import type { Scheduler } from './scheduler.js';
import { addTimeoutTo, type OnTimeoutCancel } from './timeout.js';
import { rememberUnhandled } from './unhandled.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFunction = (...args: any[]) => unknown;

/** The rarely needed parts of a Deferred (see Deferred#aux). */
class Extras {
  debugInfo: DebugInfo | undefined = undefined;
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Slot = AnyFunction | BoundSlot | MemberSlot | Deferred<any> | null;

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
  cancel(): void;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

// The bits of Deferred#flags.
/** `callback()` or `errback()` has been called. */
const CALLED = 1;
/** One of this Deferred's own slots is executing (re-entrancy guard). */
const RUNNING = 2;
/** Set by cancel() without a canceller: swallow the next callback()/errback() once. */
const SUPPRESS_ALREADY_CALLED = 4;
/** One pause, in Deferred#flags: the pause counter is kept above the three bits. */
const PAUSE_UNIT = 8;
/** Whether the pause counter in `flags` is non-zero. */
function isPaused(flags: number): boolean {
  return flags >> 3 !== 0;
}
const NO_RESULT: unique symbol = Symbol('no result');

/** What a slot's object result means for the chain (see Deferred#takeObjectResult). */
const SUCCEEDED = 0;
const FAILED = 1;
const WAITING = 2;
type Outcome = typeof SUCCEEDED | typeof FAILED | typeof WAITING;
const CIRCULAR_CHAIN_MESSAGE =
  'Callback returned the Deferred it was attached to; this breaks the callback chain and will raise an exception in the future.';

/** Lets module-level helpers (`succeed`) set a result without running anything; see `static #init`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let presetResult: (deferred: Deferred<any>, result: unknown) => void;

/** What `takeResultNow` returns for a Deferred whose result is not ready to take. */
export const NOT_READY: unique symbol = Symbol('not ready');
/**
 * For the generator driver: if `addBoth(f)` on `deferred` would call `f` at once with
 * the result (fired, not paused, not running, nothing else in its chain), take that
 * result exactly as such an `f` returning undefined would, without adding a pair, and
 * return it; otherwise return NOT_READY and change nothing.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export let takeResultNow: (deferred: Deferred<any>) => unknown;

/**
 * For combinators: add to `deferred` what `addBoth((result) => receiver[MEMBER_RESULT](result, index))`
 * would add, as a MemberSlot. A Deferred from another copy of txdefer gets that closure.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
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
   * The bits CALLED | RUNNING | SUPPRESS_ALREADY_CALLED, plus the pause counter times
   * PAUSE_UNIT (user pauses, plus one while waiting on another Deferred; non-zero means
   * stopped; Twisted lets it go negative, and so does this: `#flags >> 3` is the count).
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
  }

  /** This Deferred's DebugInfo, if it has one. */
  #debugInfo(): DebugInfo | undefined {
    const aux = this.#aux;
    return aux === null || typeof aux === 'function' ? undefined : aux.debugInfo;
  }

  /** This Deferred's DebugInfo, made now if it has none. */
  #ensureDebugInfo(): DebugInfo {
    let aux = this.#aux;
    if (aux === null || typeof aux === 'function') {
      const extras = new Extras(aux);
      this.#aux = extras;
      aux = extras;
    }
    return (aux.debugInfo ??= new DebugInfo());
  }

  /** Forget the Failure recorded for the unhandled-error report, if any: it has been handled. */
  #clearFailResult(): void {
    const info = this.#debugInfo();
    if (info !== undefined) info.failResult = undefined;
  }

  /** Whether `callback()` or `errback()` has been called (true also while waiting on another Deferred). */
  get called(): boolean {
    return (this.#flags & CALLED) !== 0;
  }

  /** The pause counter: non-zero means the chain does not run (`pause()` nests). */
  get paused(): number {
    return this.#flags >> 3;
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
   */
  addCallbacks<U, V = never, A extends unknown[] = [], B extends unknown[] = []>(
    callback: (result: T, ...args: A) => U,
    errback?: ((failure: Failure, ...args: B) => V) | null,
    callbackArgs?: A | null,
    errbackArgs?: B | null,
  ): Deferred<Unwrap<U> | Unwrap<V>> {
    const success = makeSlot(callback, callbackArgs, 'addCallbacks', 'callback', 'callbackArgs');
    const failure = errback === undefined || errback === null
      ? null
      : makeSlot(errback, errbackArgs, 'addCallbacks', 'errback', 'errbackArgs');
    return this.#addPair(success, failure);
  }

  // addCallback, addErrback and addBoth are the hottest entry points: they are kept small
  // (so the JIT inlines them into the caller), check their argument in line and leave
  // the error to an out-of-line helper, and read extra arguments through `arguments`
  // forwarded by `apply` (a rest parameter would allocate an array on every call).

  /** Add a callback, called as `callback(result, ...args)`; failures pass it by. */
  addCallback<U, A extends unknown[] = []>(callback: (result: T, ...args: A) => U, ...args: A): Deferred<Unwrap<U>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  addCallback(callback: AnyFunction): Deferred<any> {
    if (typeof callback !== 'function') throw notAFunction('addCallback', 'callback', callback);
    // eslint-disable-next-line prefer-rest-params
    const slot: Slot = arguments.length < 2 ? callback : new BoundSlot(callback, extraArguments.apply(undefined, arguments as never));
    return this.#addPair(slot, null);
  }

  /** Add an errback, called as `errback(failure, ...args)`; values pass it by. */
  addErrback<U, A extends unknown[] = []>(errback: (failure: Failure, ...args: A) => U, ...args: A): Deferred<T | Unwrap<U>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  addErrback(errback: AnyFunction): Deferred<any> {
    if (typeof errback !== 'function') throw notAFunction('addErrback', 'errback', errback);
    // eslint-disable-next-line prefer-rest-params
    const slot: Slot = arguments.length < 2 ? errback : new BoundSlot(errback, extraArguments.apply(undefined, arguments as never));
    return this.#addPair(null, slot);
  }

  /** Add the same function as both callback and errback: it gets the value or the Failure. */
  addBoth<U, A extends unknown[] = []>(fn: (result: T | Failure, ...args: A) => U, ...args: A): Deferred<Unwrap<U>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  addBoth(fn: AnyFunction): Deferred<any> {
    if (typeof fn !== 'function') throw notAFunction('addBoth', 'fn', fn);
    // eslint-disable-next-line prefer-rest-params
    const slot: Slot = arguments.length < 2 ? fn : new BoundSlot(fn, extraArguments.apply(undefined, arguments as never));
    return this.#addPair(slot, slot);
  }

  /**
   * Make `other` fire with this Deferred's result, exactly as Twisted's
   * `addCallbacks(other.callback, other.errback)`: `other` runs its chain inside this
   * one's, and this Deferred's own result becomes `undefined` afterwards.
   */
  chainDeferred(other: Deferred<T>): Deferred<undefined> {
    if (kindOf(other) !== DEFERRED_KIND) {
      throw new TypeError(`Deferred.chainDeferred: \`other\` must be a Deferred, got ${describeValue(other)}`);
    }
    if (other instanceof Deferred) other.#chainedTo = this;
    return this.addCallbacks(
      (result: T): undefined => {
        other.callback(result);
        return undefined;
      },
      (failure: Failure): undefined => {
        other.errback(failure);
        return undefined;
      },
    );
  }

  // The same object is returned with its type parameter moved on to what the chain now produces.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  #addPair(success: Slot, failure: Slot): Deferred<any> {
    this.#append(success, failure);
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
    if (kindOf(result) === DEFERRED_KIND) {
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
    if ((this.#flags & CALLED) !== 0) {
      if ((this.#flags & SUPPRESS_ALREADY_CALLED) !== 0) {
        // cancel() without a canceller swallows exactly one late firing (Twisted's _suppressAlreadyCalled).
        this.#flags &= ~SUPPRESS_ALREADY_CALLED;
        return;
      }
      throw this.#alreadyCalledError();
    }
    if (getDebugging()) {
      this.#ensureDebugInfo().invoker = captureStack(this.#fire);
    }
    this.#flags |= CALLED;
    this.#dropCanceller(); // never called after firing, and not kept alive by us (Twisted 23.8)
    this.#result = result;
    this.#runCallbacks();
  }

  #dropCanceller(): void {
    const aux = this.#aux;
    if (typeof aux === 'function') this.#aux = null;
    else if (aux !== null) aux.canceller = null;
  }

  #alreadyCalledError(): AlreadyCalledError {
    const error = new AlreadyCalledError();
    const info = this.#debugInfo();
    if (getDebugging() && info !== undefined) {
      error.message += `\n${info.describe()}`;
    }
    return error;
  }

  // ---- pausing and cancelling ---------------------------------------------------------

  /** Stop running callbacks until a matching `unpause()`. Pauses nest. */
  pause(): void {
    this.#flags += PAUSE_UNIT;
  }

  /** Undo one `pause()`; when the count is back to zero and the Deferred has fired, run on. */
  unpause(): void {
    this.#flags -= PAUSE_UNIT;
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
    if ((this.#flags & CALLED) === 0) {
      const aux = this.#aux;
      const canceller = aux === null || typeof aux === 'function' ? aux : aux.canceller;
      if (canceller !== null) canceller(this);
      else this.#flags |= SUPPRESS_ALREADY_CALLED;
      if ((this.#flags & CALLED) === 0) this.errback(new Failure(new CancelledError()));
    } else if (kindOf(this.#result) === DEFERRED_KIND) {
      (this.#result as ForeignDeferred).cancel();
    }
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
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let current: Deferred<unknown> = this;
    // Deferreds whose chains are interrupted to let a waiting Deferred run first (Twisted's `chain` list).
    let suspended: Deferred<unknown>[] | null = null;
    outer: for (;;) {
      // A paused Deferred stops the whole loop, even those suspended below it (as Twisted does).
      if (isPaused(current.#flags)) return;
      current.#chainedTo = null;
      let failed = isFailure(current.#result);
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
        if (slot === null || slot === undefined) continue; // pass-through

        let result: unknown;
        if (typeof slot === 'function') {
          current.#flags |= RUNNING;
          try {
            result = slot(current.#result);
          } catch (thrown) {
            result = NO_RESULT;
            current.#result = new Failure(thrown);
          }
          current.#flags &= ~RUNNING;
        } else if (slot instanceof MemberSlot) {
          current.#flags |= RUNNING;
          try {
            result = slot.receiver[MEMBER_RESULT](current.#result, slot.index);
          } catch (thrown) {
            result = NO_RESULT;
            current.#result = new Failure(thrown);
          }
          current.#flags &= ~RUNNING;
        } else if (slot instanceof BoundSlot) {
          current.#flags |= RUNNING;
          try {
            result = slot.fn(current.#result, ...slot.args);
          } catch (thrown) {
            result = NO_RESULT;
            current.#result = new Failure(thrown);
          }
          current.#flags &= ~RUNNING;
        } else {
          // The continuation marker: `slot` is a Deferred waiting on this one. Hand it our
          // result (ours becomes undefined), release its chain pause, and run it first.
          const waiter = slot;
          waiter.#result = current.#result;
          current.#result = undefined;
          if (current.#aux !== null) current.#clearFailResult(); // whatever the result (as Twisted)
          waiter.#flags -= PAUSE_UNIT;
          (suspended ??= []).push(current);
          current = waiter;
          continue outer;
        }

        if (result === NO_RESULT) {
          failed = true;
          continue;
        }
        current.#result = result;
        if (typeof result !== 'object' || result === null) {
          failed = false; // the common case: a plain value, decided without looking up the brand
          continue;
        }
        const outcome = current.#takeObjectResult(result);
        if (outcome === WAITING) {
          failed = false;
          break;
        }
        failed = outcome === FAILED;
      }

      // Finished with `current` (its chain is empty, or it is waiting): note whether it
      // is left holding a Failure nobody has handled yet.
      if (failed) {
        rememberUnhandled(current, current.#ensureDebugInfo(), current.#result as Failure);
      } else if (current.#aux !== null) {
        current.#clearFailResult();
      }
      if (suspended === null || suspended.length === 0) return;
      current = suspended.pop() as Deferred<unknown>;
    }
  }

  /**
   * A slot returned an object, now this Deferred's result: decide what it means (kept
   * out of the run loop, which then stays small). A Failure goes on down the errbacks
   * as the same object; a Deferred with a result has it taken (Twisted's stealing);
   * a Deferred without one makes this Deferred wait on it; anything else is a value.
   */
  #takeObjectResult(result: object): Outcome {
    const own = result instanceof Deferred;
    if (!own) {
      if (result instanceof Failure) return FAILED; // without the brand lookup (see isFailure)
      const kind = kindOf(result);
      if (kind === FAILURE_KIND) return FAILED;
      if (kind !== DEFERRED_KIND) return SUCCEEDED;
    }
    if (result === this) {
      // Twisted warns and then hangs for ever; we fail the chain instead (docs/differences.md).
      this.#result = new Failure(new TypeError(CIRCULAR_CHAIN_MESSAGE));
      return FAILED;
    }
    let taken: unknown;
    if (own) {
      const inner = result as Deferred<unknown>;
      const innerFlags = inner.#flags;
      if ((innerFlags & CALLED) === 0 || isPaused(innerFlags) || kindOf(inner.#result) === DEFERRED_KIND) {
        // Wait for it: one pause unit belongs to the chain, and a marker at the end of
        // the inner's list will hand its result back (added without running anything).
        this.#flags += PAUSE_UNIT;
        this.#chainedTo = inner;
        inner.#append(this, this);
        return WAITING;
      }
      // The inner Deferred already has a result: take it (the inner keeps undefined).
      taken = inner.#result;
      inner.#result = undefined;
      if (inner.#aux !== null) inner.#clearFailResult();
    } else {
      taken = this.#waitForForeign(result as ForeignDeferred);
      if (taken === NO_RESULT) return WAITING;
    }
    this.#result = taken;
    return isFailure(taken) ? FAILED : SUCCEEDED;
  }

  /**
   * A slot returned a Deferred from another copy of txdefer. Take its result through its
   * public API: now if it has one, else later (resuming this chain then, by recursion:
   * only crossings between copies are not stack-safe).
   */
  #waitForForeign(inner: ForeignDeferred): unknown {
    let attached = false;
    let taken: unknown = NO_RESULT;
    inner.addBoth((result) => {
      if (!attached) {
        taken = result;
      } else {
        this.#chainedTo = null;
        this.#result = result;
        this.#flags -= PAUSE_UNIT;
        this.#runCallbacks();
      }
      return undefined;
    });
    attached = true;
    if (taken === NO_RESULT) {
      this.#flags += PAUSE_UNIT;
      this.#chainedTo = inner;
    }
    return taken;
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
    const settled = new Promise<T>((resolve, reject) => {
      if ((this.#flags & CALLED) !== 0 && !isPaused(this.#flags) && kindOf(this.#result) !== DEFERRED_KIND) {
        const result = this.#result;
        if (kindOf(result) === FAILURE_KIND) {
          if (this.#aux !== null) this.#clearFailResult();
          reject((result as Failure).value);
        } else {
          resolve(result as T);
        }
      } else {
        this.addCallbacks(
          (value) => {
            resolve(value);
          },
          (failure) => {
            reject(failure.value);
          },
        );
      }
    });
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
   * `fromFuture`). Promises cannot be cancelled: cancelling the Deferred fails it with
   * `CancelledError` at once, and the Promise's later outcome is ignored.
   */
  static fromPromise<T>(promise: PromiseLike<T>): Deferred<T> {
    if (typeof (promise as { then?: unknown } | null | undefined)?.then !== 'function') {
      throw new TypeError(`Deferred.fromPromise: \`promise\` must be a Promise or thenable, got ${describeValue(promise)}`);
    }
    const deferred = new Deferred<T>();
    promise.then(
      (value) => {
        deferred.callback(value);
      },
      (error: unknown) => {
        deferred.errback(error);
      },
    );
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

  [INSPECT](): string {
    return this.toString();
  }

  static #kind = /*#__PURE__*/ brandKind(this, DEFERRED_KIND);

  // Sets the module-level helpers above, which need the private fields. A static field
  // annotated as pure rather than a static block: bundlers must keep a static block (and
  // with it the class), but drop this field with the class when nothing uses Deferred;
  // the helpers matter only when something does.
  static #init = /*#__PURE__*/ (() => {
    takeResultNow = (deferred) => {
      if (!(deferred instanceof Deferred)) return NOT_READY;
      // CALLED and nothing else but perhaps SUPPRESS_ALREADY_CALLED: not running, not paused (so not waiting).
      if ((deferred.#flags & ~SUPPRESS_ALREADY_CALLED) !== CALLED) return NOT_READY;
      if (deferred.#callbacks !== null || deferred.#success0 !== null || deferred.#failure0 !== null) return NOT_READY;
      const result = deferred.#result;
      deferred.#result = undefined;
      deferred.#chainedTo = null;
      if (deferred.#aux !== null) deferred.#clearFailResult();
      return result;
    };
    addMemberPair = (deferred, receiver, index) => {
      if (deferred instanceof Deferred) {
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
    };
  })();
}

/** Whether `value` is a Deferred, from this copy of txdefer or another (ESM beside CJS). */
export function isDeferred(value: unknown): value is Deferred<unknown> {
  return kindOf(value) === DEFERRED_KIND;
}

/**
 * A Deferred that has already succeeded with `result` (Twisted's `succeed`). Like
 * Twisted 24.10 it sets the result without running a chain, so a Failure given here
 * goes to the first errback added, and is not reported as unhandled if none is.
 */
export function succeed<T>(result: T): Deferred<T> {
  if (kindOf(result) === DEFERRED_KIND) {
    throw new TypeError('succeed() was given a Deferred: return the Deferred itself, or chain on it');
  }
  const deferred = new Deferred<T>();
  presetResult(deferred, result);
  return deferred;
}

/** The arguments after the first: `extraArguments.apply(undefined, arguments)` in an add* method. */
function extraArguments(_first: unknown, ...rest: unknown[]): unknown[] {
  return rest;
}

/** The TypeError for a non-function given to an add* method (out of line, to keep those small). */
function notAFunction(method: string, name: string, fn: unknown): TypeError {
  return new TypeError(`Deferred.${method}: \`${name}\` must be a function, got ${describeValue(fn)}`);
}

function makeSlot(fn: unknown, args: unknown, method: string, name: string, argsName: string): Slot {
  requireFunction(fn, method, name);
  if (args === undefined || args === null) return fn;
  if (!Array.isArray(args)) {
    throw new TypeError(`Deferred.${method}: \`${argsName}\` must be an array of extra arguments, got ${describeValue(args)}`);
  }
  return args.length === 0 ? fn : new BoundSlot(fn, args);
}

function requireFunction(fn: unknown, method: string, name: string): asserts fn is AnyFunction {
  if (typeof fn !== 'function') throw notAFunction(method, name, fn);
}

const identities = new WeakMap<object, number>();
let lastIdentity = 0;

/** A small number naming an object in toString() output (Twisted prints its address). */
function identify(object: object): number {
  let id = identities.get(object);
  if (id === undefined) {
    lastIdentity += 1;
    id = lastIdentity;
    identities.set(object, id);
  }
  return id;
}
