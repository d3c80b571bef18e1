/**
 * The one hook through which the core tells an observer what its chains do: the
 * teaching entry (`txdefer/teaching`) installs one to trace chains and to give teaching
 * warnings. The core knows nothing of what the observer does with what it hears; with
 * no observer installed (the normal case) each place that would tell it costs one
 * comparison with null.
 *
 * An observer must not change what a chain does: it is called in the middle of the run
 * loop, so it must not throw (the core does not guard the calls), fire, pause or add to
 * any Deferred, or read `then` of a result. It may read a Deferred's public state and
 * keep descriptions of the values it is given.
 */
import type { CallbackEntry, Deferred } from './deferred.js';

/** What kind of pair was added: a plain pair, a chainDeferred link, or a combinator's member pair. */
export type PairRole = 'pair' | 'chain' | 'member';

/** What `cancel()` found: not fired yet, waiting on another Deferred (which it cancels), or done. */
export type CancelState = 'unfired' | 'waiting' | 'fired';

export interface ChainObserver {
  /**
   * A pair was added to `deferred`'s chain by an `add*` method or `chainDeferred` (for
   * role `'chain'`, `target` is the Deferred the link fires; for `'member'`, the
   * combinator the member reports to, when it is a Deferred such as a DeferredList). Not called for the marker
   * a waiting Deferred puts on the one it waits on: that is `waiting`.
   */
  added(deferred: Deferred<unknown>, callback: CallbackEntry, errback: CallbackEntry, role: PairRole, target: Deferred<unknown> | undefined): void;
  /** `deferred` took its first result (callback, errback, a chainDeferred link, a followed Promise, `succeed`). */
  fired(deferred: Deferred<unknown>, result: unknown): void;
  /**
   * The run loop took `deferred`'s next pair off its chain and is about to use the half
   * `failed` selects, holding `input`. `entry` describes that half (its function is
   * `passthru` when the half lets the result by, `CONTINUE` for the marker of a Deferred
   * waiting on this one). Every `stepStarted` is followed by one `stepEnded` for the
   * same Deferred, with other calls (for other Deferreds) possibly in between.
   */
  stepStarted(deferred: Deferred<unknown>, failed: boolean, entry: CallbackEntry, input: unknown): void;
  /** The pair `stepStarted` announced is done: `result` is `deferred`'s result now; `failed` says which column it is in; `threw` whether the function threw. */
  stepEnded(deferred: Deferred<unknown>, result: unknown, failed: boolean, threw: boolean): void;
  /** `deferred` now waits on `inner` (a callback returned it before it had a result). */
  waiting(deferred: Deferred<unknown>, inner: Deferred<unknown>): void;
  /** `inner`, which `deferred` waited on, handed it `result`: `deferred`'s chain goes on. */
  resumed(deferred: Deferred<unknown>, inner: Deferred<unknown>, result: unknown): void;
  /** `pause()` (`paused` true) or `unpause()`: `count` is the pause counter afterwards. */
  pauseChanged(deferred: Deferred<unknown>, paused: boolean, count: number): void;
  /** `cancel()` was called; `canceller` is the Deferred's canceller, if it has one. */
  cancelled(deferred: Deferred<unknown>, canceller: ((deferred: Deferred<unknown>) => void) | null, state: CancelState): void;
  /** `callback()` or `errback()` was refused with `error` (AlreadyCalledError): the Deferred had fired already. */
  refused(deferred: Deferred<unknown>, error: Error): void;
  /** A generator driven by inlineCallbacks (whose Deferred is `deferred`) yielded `value`. */
  yielded(deferred: Deferred<unknown>, value: unknown): void;
}
