/**
 * How a bad argument is named in the synchronisation primitives' error messages.
 */
import { repr } from '../core/repr.js';

/** "undefined", "null" or "number 42": what a bad argument was. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  return `${typeof value} ${repr(value)}`;
}
