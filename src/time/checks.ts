/**
 * Argument checks for the time module, each throwing an error that names the method,
 * the argument and the value. Twisted's test Clock takes any float as a delay (a
 * negative one runs on the next `advance`); here a negative or NaN delay is refused,
 * as Twisted's real reactor refuses a negative `callLater` delay.
 */
import { describeValue } from '../core/repr.js';

/** `value` must be a number >= 0; Infinity is allowed (meaning "never") unless `finite`. */
export function requireDelay(value: unknown, where: string, name: string, finite = false): asserts value is number {
  if (typeof value !== 'number') {
    throw new TypeError(`${where}: \`${name}\` must be a number of seconds, got ${describeValue(value)}`);
  }
  if (Number.isNaN(value) || value < 0 || (finite && value === Infinity)) {
    const what = finite ? 'a finite number of seconds >= 0' : 'a number of seconds >= 0';
    throw new RangeError(`${where}: \`${name}\` must be ${what}, got ${value}`);
  }
}

/** `value` must be a finite number (it may be negative). */
export function requireFinite(value: unknown, where: string, name: string): asserts value is number {
  if (typeof value !== 'number') {
    throw new TypeError(`${where}: \`${name}\` must be a number of seconds, got ${describeValue(value)}`);
  }
  if (!Number.isFinite(value)) {
    throw new RangeError(`${where}: \`${name}\` must be a finite number of seconds, got ${value}`);
  }
}

/** `value` must be a function. */
export function requireFunction(value: unknown, where: string, name: string): void {
  if (typeof value !== 'function') {
    throw new TypeError(`${where}: \`${name}\` must be a function, got ${describeValue(value)}`);
  }
}
