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
 * Pairs live in one flat array, `[success0, failure0, success1, failure1, ...]`, read
 * from a cursor rather than shifted off the front, so a chain of a million pairs stays
 * linear. A slot is one of:
 *   - a function, called as `fn(result)`;
 *   - a BoundSlot, for a function with extra arguments: `fn(result, ...args)`;
 *   - `null`, meaning "pass the result through" (the other half of addCallback/addErrback);
 *   - a Deferred: the continuation marker that hands this Deferred's result to a
 *     Deferred waiting on it (Twisted's `_CONTINUE`).
 *
 * The run loop is a loop: a Deferred waiting on a Deferred waiting on a Deferred is
 * resolved with an explicit stack, never by recursion, so depth cannot overflow the
 * JavaScript stack (Twisted's `_runCallbacks`).
 */
import { DEFERRED_KIND, FAILURE_KIND, KIND, kindOf } from './brand.js';
import { captureStack, DebugInfo, getDebugging } from './debug.js';
import { AlreadyCalledError, CancelledError, NoCurrentExceptionError } from './errors.js';
import { Failure } from './failure.js';
import { repr } from './repr.js';
import type { Scheduler } from './scheduler.js';
import { addTimeoutTo, type OnTimeoutCancel } from './timeout.js';
import { rememberUnhandled } from './unhandled.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFunction = (...args: any[]) => unknown;

/** A slot's function together with the extra arguments given to `addCallback(fn, ...args)`. */
class BoundSlot {
  constructor(
    readonly fn: AnyFunction,
    readonly args: readonly unknown[],
  ) {}
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Slot = AnyFunction | BoundSlot | Deferred<any> | null;

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
const NO_RESULT: unique symbol = Symbol('no result');
const CIRCULAR_CHAIN_MESSAGE =
  'Callback returned the Deferred it was attached to; this breaks the callback chain and will raise an exception in the future.';

/** Lets module-level helpers (`succeed`) set a result without running anything; see the static block. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let presetResult: (deferred: Deferred<any>, result: unknown) => void;

export class Deferred<T = unknown> implements PromiseLike<T> {
  /** Flat list of pending pairs, or null when there are none (see the file comment). */
  #callbacks: Slot[] | null = null;
  /** Index in #callbacks of the next pair's success slot. */
  #cursor = 0;
  #result: unknown = undefined;
  #called = false;
  /** Pause counter: user pauses, plus one while waiting on another Deferred. Non-zero means stopped. */
  #paused = 0;
  /** True only while one of this Deferred's own slots is executing (re-entrancy guard). */
  #running = false;
  /** Set by cancel() without a canceller: swallow the next callback()/errback() once. */
  #suppressAlreadyCalled = false;
  // Typed loosely so that Deferred<T> stays covariant in T (Deferred<number> is a Deferred<unknown>).
  #canceller: AnyFunction | null;
  /** The Deferred this one waits on, or the source of a chainDeferred; for toString(). */
  #chainedTo: object | null = null;
  #debugInfo: DebugInfo | undefined = undefined;

  /**
   * @param canceller called with this Deferred by `cancel()` if it has not fired yet;
   *   it may fire the Deferred itself, otherwise `cancel()` errbacks with `CancelledError`.
   */
  constructor(canceller?: Canceller<T> | null) {
    if (canceller !== undefined && canceller !== null && typeof canceller !== 'function') {
      throw new TypeError(`new Deferred(canceller): \`canceller\` must be a function, got ${describe(canceller)}`);
    }
    this.#canceller = canceller ?? null;
    if (getDebugging()) {
      const info = new DebugInfo();
      info.creator = captureStack(new.target);
      this.#debugInfo = info;
    }
  }

  /** Whether `callback()` or `errback()` has been called (true also while waiting on another Deferred). */
  get called(): boolean {
    return this.#called;
  }

  /** The pause counter: non-zero means the chain does not run (`pause()` nests). */
  get paused(): number {
    return this.#paused;
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

  /** Add a callback, called as `callback(result, ...args)`; failures pass it by. */
  addCallback<U, A extends unknown[] = []>(callback: (result: T, ...args: A) => U, ...args: A): Deferred<Unwrap<U>> {
    requireFunction(callback, 'addCallback', 'callback');
    return this.#addPair(args.length === 0 ? callback : new BoundSlot(callback, args), null);
  }

  /** Add an errback, called as `errback(failure, ...args)`; values pass it by. */
  addErrback<U, A extends unknown[] = []>(errback: (failure: Failure, ...args: A) => U, ...args: A): Deferred<T | Unwrap<U>> {
    requireFunction(errback, 'addErrback', 'errback');
    return this.#addPair(null, args.length === 0 ? errback : new BoundSlot(errback, args));
  }

  /** Add the same function as both callback and errback: it gets the value or the Failure. */
  addBoth<U, A extends unknown[] = []>(fn: (result: T | Failure, ...args: A) => U, ...args: A): Deferred<Unwrap<U>> {
    requireFunction(fn, 'addBoth', 'fn');
    const slot = args.length === 0 ? fn : new BoundSlot(fn, args);
    return this.#addPair(slot, slot);
  }

  /**
   * Make `other` fire with this Deferred's result, exactly as Twisted's
   * `addCallbacks(other.callback, other.errback)`: `other` runs its chain inside this
   * one's, and this Deferred's own result becomes `undefined` afterwards.
   */
  chainDeferred(other: Deferred<T>): Deferred<undefined> {
    if (kindOf(other) !== DEFERRED_KIND) {
      throw new TypeError(`Deferred.chainDeferred: \`other\` must be a Deferred, got ${describe(other)}`);
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
    const callbacks = this.#callbacks;
    if (callbacks === null) this.#callbacks = [success, failure];
    else callbacks.push(success, failure);
    if (this.#called) this.#runCallbacks();
    return this;
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
   * error must be given: `errback()` with no argument throws `NoCurrentExceptionError`.
   */
  errback(error?: unknown): void {
    if (arguments.length === 0) {
      throw new NoCurrentExceptionError(
        'Deferred.errback() needs the error to report: JavaScript has no "current exception" to pick up, so pass the caught error or a Failure',
      );
    }
    this.#fire(kindOf(error) === FAILURE_KIND ? error : new Failure(error));
  }

  #fire(result: unknown): void {
    if (this.#called) {
      if (this.#suppressAlreadyCalled) {
        // cancel() without a canceller swallows exactly one late firing (Twisted's _suppressAlreadyCalled).
        this.#suppressAlreadyCalled = false;
        return;
      }
      throw this.#alreadyCalledError();
    }
    if (getDebugging()) {
      const info = (this.#debugInfo ??= new DebugInfo());
      info.invoker = captureStack(this.#fire);
    }
    this.#called = true;
    this.#canceller = null; // never called after firing, and not kept alive by us (Twisted 23.8)
    this.#result = result;
    this.#runCallbacks();
  }

  #alreadyCalledError(): AlreadyCalledError {
    const error = new AlreadyCalledError();
    if (getDebugging() && this.#debugInfo !== undefined) {
      error.message += `\n${this.#debugInfo.describe()}`;
    }
    return error;
  }

  // ---- pausing and cancelling ---------------------------------------------------------

  /** Stop running callbacks until a matching `unpause()`. Pauses nest. */
  pause(): void {
    this.#paused += 1;
  }

  /** Undo one `pause()`; when the count is back to zero and the Deferred has fired, run on. */
  unpause(): void {
    this.#paused -= 1;
    if (this.#paused !== 0) return;
    if (this.#called) this.#runCallbacks();
  }

  /**
   * Cancel this Deferred. If it has not fired: call the canceller (if any); if that did
   * not fire it, errback with `CancelledError` (and, when there was no canceller,
   * ignore the producer's next late `callback`/`errback` once). If it is waiting on
   * another Deferred, cancel that one instead. If it has a result, do nothing.
   * As in Twisted, an exception thrown by the canceller propagates to the caller.
   */
  cancel(): void {
    if (!this.#called) {
      const canceller = this.#canceller;
      if (canceller !== null) canceller(this);
      else this.#suppressAlreadyCalled = true;
      if (!this.#called) this.errback(new Failure(new CancelledError()));
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
    if (this.#running) return; // called from inside one of our own slots: the outer loop carries on
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let current: Deferred<unknown> = this;
    // Deferreds whose chains are interrupted to let a waiting Deferred run first (Twisted's `chain` list).
    let suspended: Deferred<unknown>[] | null = null;
    outer: for (;;) {
      // A paused Deferred stops the whole loop, even those suspended below it (as Twisted does).
      if (current.#paused !== 0) return;
      current.#chainedTo = null;
      let failed = kindOf(current.#result) === FAILURE_KIND;
      let callbacks = current.#callbacks;
      while (callbacks !== null) {
        const index = current.#cursor;
        if (index >= callbacks.length) {
          current.#callbacks = null;
          current.#cursor = 0;
          break;
        }
        const slot = failed ? callbacks[index + 1] : callbacks[index];
        // Pairs are taken off the chain before they run.
        callbacks[index] = null;
        callbacks[index + 1] = null;
        current.#cursor = index + 2;
        if (slot === null || slot === undefined) continue; // pass-through

        let result: unknown;
        if (typeof slot === 'function') {
          current.#running = true;
          try {
            result = slot(current.#result);
          } catch (thrown) {
            result = NO_RESULT;
            current.#result = new Failure(thrown);
          }
          current.#running = false;
        } else if (slot instanceof BoundSlot) {
          current.#running = true;
          try {
            result = slot.fn(current.#result, ...slot.args);
          } catch (thrown) {
            result = NO_RESULT;
            current.#result = new Failure(thrown);
          }
          current.#running = false;
        } else {
          // The continuation marker: `slot` is a Deferred waiting on this one. Hand it our
          // result (ours becomes undefined), release its chain pause, and run it first.
          const waiter = slot;
          waiter.#result = current.#result;
          current.#result = undefined;
          if (failed && current.#debugInfo !== undefined) current.#debugInfo.failResult = undefined;
          waiter.#paused -= 1;
          (suspended ??= []).push(current);
          current = waiter;
          continue outer;
        }

        callbacks = current.#callbacks; // the slot may have added pairs, or drained them in a nested run
        if (result === NO_RESULT) {
          failed = true;
          continue;
        }
        current.#result = result;
        const kind = kindOf(result);
        if (kind === undefined) {
          failed = false;
        } else if (kind === FAILURE_KIND) {
          failed = true; // a returned Failure goes on as the same object
        } else if (kind !== DEFERRED_KIND) {
          failed = false;
        } else if (result === current) {
          // Twisted warns and then hangs for ever; we fail the chain instead (docs/differences.md).
          current.#result = new Failure(new TypeError(CIRCULAR_CHAIN_MESSAGE));
          failed = true;
        } else if (result instanceof Deferred) {
          const inner: Deferred<unknown> = result;
          if (inner.#called && inner.#paused === 0 && kindOf(inner.#result) !== DEFERRED_KIND) {
            // The inner Deferred already has a result: take it (the inner keeps undefined).
            const taken = inner.#result;
            inner.#result = undefined;
            if (inner.#debugInfo !== undefined) inner.#debugInfo.failResult = undefined;
            current.#result = taken;
            failed = kindOf(taken) === FAILURE_KIND;
          } else {
            // Wait for it: one pause unit belongs to the chain, and a marker at the end of
            // the inner's list will hand its result back (added without running anything).
            current.#paused += 1;
            current.#chainedTo = inner;
            const innerCallbacks = inner.#callbacks;
            if (innerCallbacks === null) inner.#callbacks = [current, current];
            else innerCallbacks.push(current, current);
            failed = false;
            break;
          }
        } else {
          const taken = current.#waitForForeign(result as ForeignDeferred);
          if (taken === NO_RESULT) {
            failed = false;
            break;
          }
          current.#result = taken;
          failed = kindOf(taken) === FAILURE_KIND;
        }
      }

      // Finished with `current` (its chain is empty, or it is waiting): note whether it
      // is left holding a Failure nobody has handled yet.
      if (failed) {
        rememberUnhandled(current, (current.#debugInfo ??= new DebugInfo()), current.#result as Failure);
      } else if (current.#debugInfo !== undefined) {
        current.#debugInfo.failResult = undefined;
      }
      if (suspended === null || suspended.length === 0) return;
      current = suspended.pop() as Deferred<unknown>;
    }
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
        this.#paused -= 1;
        this.#runCallbacks();
      }
      return undefined;
    });
    attached = true;
    if (taken === NO_RESULT) {
      this.#paused += 1;
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
      if (this.#called && this.#paused === 0 && kindOf(this.#result) !== DEFERRED_KIND) {
        const result = this.#result;
        if (kindOf(result) === FAILURE_KIND) {
          if (this.#debugInfo !== undefined) this.#debugInfo.failResult = undefined;
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
      throw new TypeError(`Deferred.fromPromise: \`promise\` must be a Promise or thenable, got ${describe(promise)}`);
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
    else if (this.#called) state = ` current result: ${repr(this.#result)}`;
    return `<${name} #${identify(this)}${state}>`;
  }

  [INSPECT](): string {
    return this.toString();
  }

  static {
    presetResult = (deferred, result) => {
      deferred.#called = true;
      deferred.#canceller = null;
      deferred.#result = result;
    };
  }
}

Object.defineProperty(Deferred.prototype, KIND, { value: DEFERRED_KIND });

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

function makeSlot(fn: unknown, args: unknown, method: string, name: string, argsName: string): Slot {
  requireFunction(fn, method, name);
  if (args === undefined || args === null) return fn;
  if (!Array.isArray(args)) {
    throw new TypeError(`Deferred.${method}: \`${argsName}\` must be an array of extra arguments, got ${describe(args)}`);
  }
  return args.length === 0 ? fn : new BoundSlot(fn, args);
}

function requireFunction(fn: unknown, method: string, name: string): asserts fn is AnyFunction {
  if (typeof fn !== 'function') {
    throw new TypeError(`Deferred.${method}: \`${name}\` must be a function, got ${describe(fn)}`);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  return `${typeof value} ${repr(value)}`;
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
