/**
 * gatherResults (twisted.internet.defer.gatherResults): the values of several
 * Deferreds, as one list in input order, or the first failure.
 *
 * As in Twisted, the Deferred returned *is* a `DeferredList` built with
 * `fireOnOneErrback`, with one callback added that keeps only the values. So it fails
 * with `FirstError` (the member's Failure is `failure.value.subFailure`), as soon as
 * the first member fails, and the other members are left alone: not cancelled, and
 * their later results ignored. Cancelling it cancels every member (see
 * `DeferredList.cancel`): usually it then fails with a `FirstError` wrapping
 * `CancelledError`.
 */
import type { Deferred } from '../core/deferred.js';
import { deferredListOf, type DeferredListResultList } from './deferred-list.js';
import { describeValue } from '../core/repr.js';
import { copyDeferreds, type DeferredValue } from './inputs.js';

/** The second argument: Twisted's `consumeErrors` flag, given alone or as `{ consumeErrors }`. */
export type GatherResultsOptions =
  | boolean
  | {
      /** Whether the members' failures are handled by gatherResults (their chains go on with `undefined`). */
      readonly consumeErrors?: boolean | undefined;
    };

/**
 * Gather the results of `deferreds`.
 *
 * @param deferreds any iterable of Deferreds, copied at once. An empty one gives `[]` at once.
 * @param consumeErrors `true` (or `{ consumeErrors: true }`) leaves each failed member
 *   with `undefined` instead of its Failure, so that only the `FirstError` needs
 *   handling; without it, each failed member's Failure is reported as unhandled unless
 *   something else handles it.
 */
export function gatherResults<const D extends readonly Deferred<unknown>[] | []>(
  deferreds: D,
  consumeErrors?: GatherResultsOptions,
): Deferred<{ -readonly [K in keyof D]: DeferredValue<D[K]> }>;
export function gatherResults<D extends Deferred<unknown>>(
  deferreds: Iterable<D>,
  consumeErrors?: GatherResultsOptions,
): Deferred<Array<DeferredValue<D>>>;
export function gatherResults<T>(deferreds: Iterable<Deferred<T>>, consumeErrors?: GatherResultsOptions): Deferred<T[]>;
export function gatherResults<T>(deferreds: Iterable<Deferred<T>>, consumeErrors?: GatherResultsOptions): Deferred<T[]> {
  const members = copyDeferreds(deferreds, 'gatherResults', 'deferredList');
  const list = deferredListOf<T, { fireOnOneErrback: true; consumeErrors: boolean }>(members, {
    fireOnOneErrback: true,
    consumeErrors: readConsumeErrors(consumeErrors),
  });
  // Twisted's shape exactly: the list, then one callback turning its entries into values.
  // (That callback can be seen: a paused gatherResults Deferred holds the entries.)
  return (list as Deferred<DeferredListResultList<T>>).addCallback(valuesOf<T>);
}

/** `[[SUCCESS, v0], [SUCCESS, v1], ...]` to `[v0, v1, ...]` (every entry is a success here). */
function valuesOf<T>(entries: DeferredListResultList<T>): T[] {
  const values = new Array<T>(entries.length);
  for (let index = 0; index < entries.length; index += 1) {
    values[index] = (entries[index] as readonly [true, T])[1];
  }
  return values;
}

function readConsumeErrors(option: unknown): boolean {
  if (option === undefined || typeof option === 'boolean') return option === true;
  if (typeof option === 'object' && option !== null && !Array.isArray(option)) {
    for (const key of Object.keys(option)) {
      if (key !== 'consumeErrors') {
        throw new TypeError(`gatherResults: unknown option \`${key}\` (the only option is consumeErrors)`);
      }
    }
    const value: unknown = (option as { consumeErrors?: unknown }).consumeErrors;
    if (value === undefined || typeof value === 'boolean') return value === true;
    throw new TypeError(`gatherResults: option \`consumeErrors\` must be true or false, got ${describeValue(value)}`);
  }
  throw new TypeError(
    `gatherResults: \`consumeErrors\` must be true, false or { consumeErrors: boolean }, got ${describeValue(option)}`,
  );
}
