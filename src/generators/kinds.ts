/**
 * What the generator driver recognises in a yielded value, besides Deferreds (which
 * the core's `isDeferred` recognises, from any copy of txdefer).
 */

/**
 * Whether `value` is a generator object (what calling a `function*` returns), the
 * JavaScript counterpart of Python's `GeneratorType`: a native generator, or one
 * made by a transpiler that marks it the same way (`Symbol.toStringTag` "Generator").
 */
export function isGenerator(value: unknown): value is Generator<unknown, unknown, unknown> {
  return typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object Generator]'
    && typeof (value as { next?: unknown }).next === 'function'
    && typeof (value as { throw?: unknown }).throw === 'function';
}

/** Whether `value` is a Promise or another thenable (an object or function with a `then` method). */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  return typeof (value as { then?: unknown }).then === 'function';
}
