/**
 * A one-line summary of any Deferred's state, traced or not, in the spirit of Twisted's
 * state diagram: not fired; fired with a value; failed with a Failure; cancelled;
 * waiting on another Deferred; paused (×n); and how many pairs are still to run.
 */
import { identify } from '../core/deferred.js';
import { describeValue } from '../core/repr.js';
import { CancelledError, isDeferred, isFailure, type Deferred } from '../index.js';
import { describeForTrace } from './describe.js';

/**
 * Describe `deferred`'s state in one line, e.g. `<Deferred #3> fired with 'orange'`,
 * `<Deferred #4> waiting on #5, 2 pairs to run`, `<Deferred #6> not fired, paused ×2`.
 */
export function describeState(deferred: Deferred<unknown>): string {
  if (!isDeferred(deferred)) throw new TypeError(`describeState: \`deferred\` must be a Deferred, got ${describeValue(deferred)}`);
  const parts: string[] = [];
  const result = deferred.result;
  let pauses = deferred.paused;
  if (!deferred.called) {
    parts.push('not fired');
  } else if (isDeferred(result)) {
    parts.push(`waiting on #${identify(result)}`);
    pauses -= 1; // one pause belongs to the wait
  } else if (isFailure(result)) {
    parts.push(result.check(CancelledError) === undefined ? `failed with ${describeForTrace(result).repr}` : 'cancelled');
  } else {
    parts.push(`fired with ${describeForTrace(result).repr}`);
  }
  if (pauses > 0) parts.push(`paused ×${pauses}`);
  const pending = deferred.callbacks.length;
  if (pending > 0) parts.push(`${pending} ${pending === 1 ? 'pair' : 'pairs'} to run`);
  return `<Deferred #${identify(deferred)}> ${parts.join(', ')}`;
}
