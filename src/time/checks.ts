/**
 * Argument checks for the time module, each throwing an error that names the method,
 * the argument and the value. Delays follow the library's one rule (core/delay.ts):
 * any number but NaN, a negative one meaning "already due", as on Twisted's Clock.
 */
import { describeValue } from '../core/repr.js';

export { requireDelay } from '../core/delay.js';

/**
 * `value` must be a finite number of seconds >= 0: the amount `Clock.advance` moves
 * time by (time never goes backwards on a Clock here; Twisted's lets it).
 */
export function requireAmount(value: unknown, where: string, name: string): asserts value is number {
  if (typeof value !== 'number') {
    throw new TypeError(`${where}: \`${name}\` must be a number of seconds, got ${describeValue(value)}`);
  }
  if (!(value >= 0) || value === Infinity) {
    throw new RangeError(`${where}: \`${name}\` must be a finite number of seconds >= 0, got ${value}`);
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
