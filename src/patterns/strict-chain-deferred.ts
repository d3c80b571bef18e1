/**
 * strictChainDeferred, from "Twisted's Deferred class chainDeferred method is too
 * simplistic?" (Terry Jones, 2010; the patched defer.py of fluidinfo's
 * chainDeferredExamples, "tdefer"): an opt-in, stricter `chainDeferred`, beside the
 * faithful `source.chainDeferred(target)` of the core, which stays as Twisted's.
 *
 * `strictChainDeferred(source, target)` makes `target` fire with `source`'s result,
 * and fixes the five surprises of the post's examples:
 *   1. a cancelled target is skipped: the source's result no longer makes it fire a
 *      second time (Twisted: AlreadyCalledError in the source's chain);
 *   2. firing the target directly, once chained, is refused at once with
 *      `AlreadyChainedError` (Twisted: accepted, and the source's firing fails later);
 *   3. cancelling the source cancels the target, so the target's canceller runs too
 *      (Twisted: the target just gets whatever the source's chain makes of the
 *      cancellation, and its own canceller never runs);
 *   4. the source's later callbacks see the value (Twisted: `undefined`, since the
 *      target's `callback` returns nothing);
 *   5. one source chained to two targets gives both the value (Twisted: the second
 *      gets `undefined`).
 * A target that has already fired, or that another strict chain already feeds, is
 * refused when chaining.
 *
 * A failure goes to the target and on down the source's chain, as a value does. The
 * same Failure is then on two (or, with several targets, more) chains, and each could
 * report it as unhandled: tdefer's risk. Here it is reported at most once, and not at
 * all if it was handled where it first arrived. When the failure arrives, a last step is
 * added to the end of each chain as it stands then. The first of these steps to run (on
 * the first target, unless that one is paused or waiting) settles it for all: that
 * chain goes on as it is, keeping the failure if nothing handled it (so it is reported
 * if nothing handles it later), or with whatever its errbacks made of it. Every other
 * chain still holding the failure at its step goes on with `undefined` instead, as
 * Twisted leaves a source after `chainDeferred`. So the target owns the failure, as
 * with `chainDeferred`; the callbacks added before it arrived see it on every chain,
 * and only callbacks added to a chain after that may see `undefined`.
 *
 * How: the core has no hook for "was this Deferred cancelled?" nor for "may this one be
 * fired directly?", so the target's `callback`, `errback` and `cancel`, and the
 * source's `cancel`, are wrapped by own (non-enumerable) properties on those two
 * objects. The wrappers call the methods they replace; only a direct firing of a
 * chained target that has not fired yet is refused.
 */
import { Deferred, isDeferred } from '../core/deferred.js';
import { AlreadyCalledError } from '../core/errors.js';
import { type Failure, isFailure } from '../core/failure.js';
import { describeValue } from '../core/repr.js';
import { AlreadyChainedError } from './errors.js';

/** What a strict chain knows about one Deferred it touches, source or target. */
interface Watched {
  /** The methods the wrappers replace, called by the chain itself. */
  readonly callback: (result: unknown) => void;
  readonly errback: (error?: unknown) => void;
  readonly cancel: () => void;
  /** `cancel()` was called while the Deferred had no result yet (or was waiting on another). */
  cancelled: boolean;
  /** Inside `cancel()`: its canceller, and cancel() itself, may fire the Deferred. */
  cancelling: boolean;
  /** A strict chain feeds this Deferred: it may not be fired directly. */
  chained: boolean;
}

const watched = /*#__PURE__*/ new WeakMap<object, Watched>();

/** Failures shared by a strict chain whose first chain has come to its end (see the file comment). */
const settled = /*#__PURE__*/ new WeakSet<Failure>();

/**
 * Make `target` fire with `source`'s result, strictly (see the file comment), and
 * return `source`, whose own chain goes on with that result.
 */
export function strictChainDeferred<T>(source: Deferred<T>, target: Deferred<T>): Deferred<T> {
  if (!isDeferred(source)) {
    throw new TypeError(`strictChainDeferred: \`source\` must be a Deferred, got ${describeValue(source)}`);
  }
  if (!isDeferred(target)) {
    throw new TypeError(`strictChainDeferred: \`target\` must be a Deferred, got ${describeValue(target)}`);
  }
  if (source === target) {
    throw new TypeError('strictChainDeferred: `source` and `target` are the same Deferred; it cannot fire itself');
  }
  if (target.called) {
    throw new AlreadyCalledError('strictChainDeferred: `target` has already fired; a strict chain needs a target that only its source fires');
  }
  const feeding = watch(target);
  if (feeding.chained) throw new AlreadyChainedError('strictChainDeferred: `target` is already the target of another strict chain');
  feeding.chained = true;
  const from = watch(source);
  source.addBoth((result: T | Failure): T | Failure => {
    if (target.called) return result; // cancelled (or fired behind the wrappers' backs): skipped
    if (from.cancelled) {
      target.cancel();
    } else if (isFailure(result)) {
      feeding.errback.call(target, result);
      keepOnce(target, result);
      keepOnce(source, result);
    } else {
      feeding.callback.call(target, result);
    }
    return result;
  });
  return source;
}

/**
 * Add, at the end of `deferred`'s chain as it stands, the step that decides who keeps
 * `failure`: the first such step to run settles it (its chain goes on with whatever it
 * has, `failure` or what the chain made of it); every later one lets `failure` go.
 */
function keepOnce(deferred: Deferred<unknown>, failure: Failure): void {
  deferred.addBoth((result: unknown): unknown => {
    if (!settled.has(failure)) {
      settled.add(failure);
      return result;
    }
    return result === failure ? undefined : result; // another chain has settled it: this one lets it go
  });
}

/** The wrappers of `deferred`'s cancel, callback and errback, installed once. */
function watch(deferred: Deferred<unknown>): Watched {
  const known = watched.get(deferred);
  if (known !== undefined) return known;
  // The originals are kept to be called with `deferred` as `this` (see the wrappers below).
  /* eslint-disable @typescript-eslint/unbound-method -- taken off to be called later as deferred's own */
  const state: Watched = {
    callback: deferred.callback,
    errback: deferred.errback,
    cancel: deferred.cancel,
    cancelled: false,
    cancelling: false,
    chained: false,
  };
  /* eslint-enable @typescript-eslint/unbound-method */
  watched.set(deferred, state);
  const refuseIfChained = (): void => {
    if (state.chained && !state.cancelling && !deferred.called) throw new AlreadyChainedError();
  };
  define(deferred, 'callback', function callback(this: unknown, result: unknown): void {
    refuseIfChained();
    state.callback.call(deferred, result);
  });
  define(deferred, 'errback', function errback(this: unknown, ...error: unknown[]): void {
    refuseIfChained();
    state.errback.apply(deferred, error as [unknown]); // with no argument, as given (it throws NoCurrentExceptionError)
  });
  define(deferred, 'cancel', function cancel(this: unknown): void {
    if (!deferred.called || isDeferred(deferred.result)) state.cancelled = true;
    const outer = state.cancelling;
    state.cancelling = true;
    try {
      state.cancel.call(deferred);
    } finally {
      state.cancelling = outer;
    }
  });
  return state;
}

function define(deferred: Deferred<unknown>, name: 'callback' | 'errback' | 'cancel', fn: (...args: never[]) => void): void {
  Object.defineProperty(deferred, name, { value: fn, writable: true, configurable: true, enumerable: false });
}
