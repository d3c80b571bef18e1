/**
 * ControllableDeferred, from "Yet another cancelable Twisted deferred class" (Terry
 * Jones, 2013; first written for the Twisted list in 2010): a Deferred standing in for
 * another one (the original) that its holder may fire at will, whatever the original
 * is doing.
 *
 * Keeps the post's rules:
 *   - `new ControllableDeferred(original)`; the holder can fire it at any time with
 *     `callback(value)`, `errback(error)` or `cancel()` (which fails it with
 *     `CancelledError`); after that the original is cancelled and its late result is
 *     ignored;
 *   - if the original fires first, its result (value or failure) passes through;
 *   - whatever comes second is ignored: the holder's call after the original fired, or
 *     the original's result after the holder's call. Firing twice is not an error here,
 *     as it is for a plain Deferred: that is the point of the class.
 * The post's object copies the add-methods and pause/unpause of a Deferred it keeps
 * inside. Here the ControllableDeferred *is* that Deferred (a subclass), so those
 * methods are the Deferred's own, and it can be returned from a callback, yielded in
 * inlineCallbacks, given to `race` or a DeferredList, awaited, or timed out
 * (`addTimeout`'s cancel is the holder's cancel).
 *
 * Results are taken from the original, as Twisted's `chainDeferred` takes them: the
 * original is left holding `undefined`. So a failure of the original is reported (if
 * nobody handles it) by the ControllableDeferred alone, never twice; and the late
 * result the original gets after the holder fired, its CancelledError included, is
 * dropped without a report.
 */
import { Deferred, isDeferred } from '../core/deferred.js';
import { CancelledError } from '../core/errors.js';
import { Failure, isFailure } from '../core/failure.js';
import { describeValue } from '../core/repr.js';

export class ControllableDeferred<T> extends Deferred<T> {
  readonly #original: Deferred<T>;
  /** Set by the first to fire this Deferred: the holder, or the original. */
  #decided = false;

  /** A Deferred standing in for `original`, fired by `original` or by its holder, whichever comes first. */
  constructor(original: Deferred<T>) {
    super();
    if (!isDeferred(original)) {
      throw new TypeError(`new ControllableDeferred(original): \`original\` must be a Deferred, got ${describeValue(original)}`);
    }
    this.#original = original;
    original.addBoth((result: T | Failure): undefined => {
      if (!this.#decided) {
        this.#decided = true;
        if (isFailure(result)) super.errback(result);
        else super.callback(result);
      }
      return undefined; // taken: a late result (the holder decided first) goes nowhere
    });
  }

  /** The Deferred this one stands in for. */
  get original(): Deferred<T> {
    return this.#original;
  }

  /**
   * Fire with `result` now, unless this Deferred has already been fired (by the
   * original or by an earlier call: then nothing happens); then cancel the original.
   * A Deferred is refused, as `Deferred.callback` refuses it.
   */
  override callback(result: T): void {
    if (isDeferred(result)) {
      throw new TypeError(
        'ControllableDeferred.callback() was given a Deferred: make a ControllableDeferred of that Deferred instead, or give its result',
      );
    }
    if (!this.#decide()) return;
    super.callback(result);
    this.#original.cancel();
  }

  /**
   * Fail with `error` (a Failure, or any value to wrap in one) now, unless this
   * Deferred has already been fired; then cancel the original.
   */
  override errback(error: unknown): void {
    if (arguments.length === 0) {
      // Called from JavaScript with no argument: Deferred.errback throws NoCurrentExceptionError.
      (super.errback as (this: this) => void).call(this);
      return;
    }
    if (!this.#decide()) return;
    super.errback(isFailure(error) ? error : new Failure(error));
    this.#original.cancel();
  }

  /**
   * Fail with `CancelledError` now, unless this Deferred has already been fired; then
   * cancel the original. Once fired, this is `Deferred.cancel`: if a callback made this
   * Deferred wait on another one, that one is cancelled.
   */
  override cancel(): void {
    if (!this.#decide()) {
      super.cancel();
      return;
    }
    super.errback(new Failure(new CancelledError()));
    this.#original.cancel();
  }

  /** Claim the right to fire: true for the first caller only. */
  #decide(): boolean {
    if (this.#decided) return false;
    this.#decided = true;
    return true;
  }
}
