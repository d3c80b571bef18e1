/**
 * Small helpers shared by the combinator specs.
 */
import { Deferred, Failure, isFailure } from '../../src/index.js';

/** An Error subclass standing in for trial's GenericError. */
export class GenericError extends Error {
  override name = 'GenericError';
}

/**
 * A result with every Failure replaced by `'Failure <TypeName>'`, so a whole
 * DeferredList result can be compared with one deep equality.
 */
export function shown(value: unknown): unknown {
  if (isFailure(value)) return `Failure ${value.typeName}`;
  if (Array.isArray(value)) return value.map(shown);
  return value;
}

/** The Deferred's result now, without taking it (a failure stays a failure); throws if it has none. */
export function peek<T>(deferred: Deferred<T>): T | Failure {
  const seen: Array<T | Failure> = [];
  deferred.addBoth((result) => {
    seen.push(result);
    return result;
  });
  if (seen.length === 0) throw new Error(`peek: ${String(deferred)} has no result yet`);
  return seen[0] as T | Failure;
}

/** A canceller that fires the Deferred with "Callback Result" (Twisted's fakeCallbackCanceller). */
export function cancellerCallsBack(deferred: Deferred<string>): void {
  deferred.callback('Callback Result');
}

/** Whether `value` is a Failure wrapping an instance of `type`. */
export function isFailureOf(value: unknown, type: abstract new (...args: never[]) => unknown): boolean {
  return value instanceof Failure && value.value instanceof type;
}
