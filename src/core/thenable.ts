/**
 * Recognising Promises and other thenables (the Promises/A+ rule: an object or function
 * with a callable `then`), without caring which realm or library made them: a native
 * Promise from a `vm` context or an iframe, a Bluebird promise and a hand-written
 * thenable are all recognised the same way, with no Node API (the core stays browser-safe).
 */

/** A `then` method, as read off a thenable. */
export type ThenMethod = (onFulfilled: (value: unknown) => void, onRejected: (reason: unknown) => void) => unknown;

/**
 * The `then` method of `value` if it is a thenable, else `undefined`. Reading `then`
 * may run a getter: whatever it throws is thrown from here, so that the caller can fail
 * with it, as the Promises/A+ resolution procedure (and `await`) does.
 */
export function thenOf(value: unknown): ThenMethod | undefined {
  if ((typeof value !== 'object' || value === null) && typeof value !== 'function') return undefined;
  const then = (value as { then?: unknown }).then;
  return typeof then === 'function' ? (then as ThenMethod) : undefined;
}
