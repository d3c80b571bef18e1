/**
 * race (twisted.internet.defer.race, Twisted 23.8+): the first success among several
 * Deferreds; the others are cancelled.
 *
 * Follows Twisted's:
 *   - the first input to succeed wins, even if inputs before it failed: the race fires
 *     with `[index, value]`, and every other input is cancelled, once each, in input
 *     order (the winner never; an input listed twice counts as the winner twice);
 *   - if every input fails, the race fails with `FailureGroup`, whose `failures` are in
 *     input order, not in the order they failed;
 *   - every input's result is consumed: each input is left with `undefined`, so no
 *     failure of an input is ever reported as unhandled, and nothing an input does
 *     after the race is decided matters;
 *   - cancelling the race cancels every input; if they all fail then (as inputs without
 *     a canceller do), the race fails with `FailureGroup` of their `CancelledError`s,
 *     and if one input's canceller makes it succeed, that input wins;
 *   - a canceller that throws is not caught, exactly as in Twisted: from `race.cancel()`
 *     the error reaches the caller and later inputs are not cancelled; when it is a
 *     losing input's canceller, run because another input won, the error goes down the
 *     winner's chain and the race never fires;
 *   - `race([])` never fires (it has no input that could win or fail), like Twisted's
 *     and like `Promise.race([])`; cancelling it fails it with `CancelledError`.
 * One difference: Twisted iterates its argument twice, so a generator given to it
 * yields nothing the second time and the race never fires; here the argument is
 * copied once and used throughout, so any iterable works.
 */
import { Deferred } from '../core/deferred.js';
import { type Failure, isFailure } from '../core/failure.js';
import { FailureGroup } from './errors.js';
import { copyDeferreds, type DeferredValue } from './inputs.js';

/** What a race succeeds with: the winner's index and its value. */
export type RaceResult<T> = [index: number, value: T];

/**
 * Race `deferreds` (any iterable of Deferreds, copied at once) against each other.
 */
export function race<const D extends readonly Deferred<unknown>[] | []>(deferreds: D): Deferred<RaceResult<DeferredValue<D[number]>>>;
export function race<D extends Deferred<unknown>>(deferreds: Iterable<D>): Deferred<RaceResult<DeferredValue<D>>>;
export function race<T>(deferreds: Iterable<Deferred<T>>): Deferred<RaceResult<T>>;
export function race<T>(deferreds: Iterable<Deferred<T>>): Deferred<RaceResult<T>> {
  const inputs = copyDeferreds(deferreds, 'race', 'deferreds');
  let winner: Deferred<T> | undefined;
  const failures = new Array<Failure | undefined>(inputs.length);
  let failureCount = 0;

  const result = new Deferred<RaceResult<T>>(() => {
    for (const input of inputs) input.cancel();
  });

  const succeeded = (value: T, index: number): void => {
    if (winner !== undefined) return;
    const won = inputs[index] as Deferred<T>;
    winner = won;
    for (const input of inputs) {
      if (input !== won) input.cancel();
    }
    result.callback([index, value]);
  };

  const failed = (failure: Failure, index: number): void => {
    failures[index] = failure;
    failureCount += 1;
    if (failureCount === inputs.length) result.errback(new FailureGroup(failures as Failure[]));
  };

  inputs.forEach((input, index) => {
    input.addBoth((outcome: T | Failure): undefined => {
      if (isFailure(outcome)) failed(outcome, index);
      else succeeded(outcome, index);
      return undefined;
    });
  });
  return result;
}
