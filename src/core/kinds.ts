/**
 * What the generator driver recognises in a yielded value, besides Deferreds (which
 * the core's `isDeferred` recognises, from any copy of txdefer).
 */
import { thenOf } from './thenable.js';

/**
 * Whether `value` is a generator object (what calling a `function*` returns), the
 * JavaScript counterpart of Python's `GeneratorType`: a native generator, or one
 * made by a transpiler that marks it the same way (`Symbol.toStringTag` "Generator").
 */
export function isGenerator(value: unknown): value is Generator<unknown, unknown, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return Object.prototype.toString.call(value) === '[object Generator]'
      && typeof (value as { next?: unknown }).next === 'function'
      && typeof (value as { throw?: unknown }).throw === 'function';
  } catch {
    return false; // a value that throws when looked at (a revoked Proxy) is not a generator
  }
}

/**
 * Whether `value` is a Promise or another thenable (an object or function with a `then`
 * method); `false` for a value whose `then` cannot be read.
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  try {
    return thenOf(value) !== undefined;
  } catch {
    return false;
  }
}
