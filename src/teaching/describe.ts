/**
 * Values described for trace records (records.ts): text a learner can read, never the
 * value itself, so that a trace holds nothing alive and can be turned into JSON. Never
 * throws, whatever the value (repr guards every read).
 */
import { identify } from '../core/deferred.js';
import { repr } from '../core/repr.js';
import { isDeferred, isFailure } from '../index.js';
import type { ValueDescription } from './records.js';

/** How long a value's `repr` may be in a record: longer ones are cut, with `...` at the end. */
const MAX_REPR = 120;

/** Describe any value for a record: a Failure by its error, a Deferred by its number, anything else by its repr. */
export function describeForTrace(value: unknown): ValueDescription {
  if (isFailure(value)) {
    const type = value.typeName;
    const message = shorten(value.getErrorMessage());
    return { kind: 'failure', type, message, repr: `Failure(${type}: ${message})` };
  }
  if (typeof value === 'object' && value !== null && isDeferred(value)) {
    const id = identify(value);
    return { kind: 'deferred', id, repr: `<Deferred #${id}>` };
  }
  return { kind: 'value', repr: shorten(repr(value)) };
}

/** The name of a function for a record: its `name`, or `(anonymous)`. */
export function functionName(fn: unknown): string {
  try {
    const name = (fn as { name?: unknown }).name;
    return typeof name === 'string' && name !== '' ? name.replace(/^bound /, '') : '(anonymous)';
  } catch {
    return '(anonymous)';
  }
}

function shorten(text: string): string {
  return text.length <= MAX_REPR ? text : `${text.slice(0, MAX_REPR - 3)}...`;
}
