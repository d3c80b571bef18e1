/**
 * Methods under symbol keys, added so that bundlers can still drop an unused class.
 *
 * A class body with a computed key, `[Symbol.for('nodejs.util.inspect.custom')]() {}`,
 * makes esbuild keep the class in every bundle that imports its module, used or not:
 * it cannot tell that evaluating the key runs no code. So such methods are added from a
 * private static field annotated as pure, the pattern `brandKind` and `brandError` use:
 *
 *     static #inspect = /*#__PURE__*\/ inspectAsString(this);
 *
 * The call runs when the class is defined; a bundler that finds the class unused drops
 * it, field and all. The method ends up where the class body would have put it: on the
 * prototype, not enumerable.
 */

/** Node's key for a custom `util.inspect` (what `console.log` shows): shared by every copy. */
export const INSPECT: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;

/**
 * Put `method` on the prototype of `cls` under `key`, as `[key]() {}` in the class body
 * would. Call it from a static field annotated as pure (see the top of this file).
 */
export function defineSymbolMethod<This>(
  cls: { prototype: This },
  key: symbol,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any method shape: the class declares the method's real type
  method: (this: This, ...args: any[]) => unknown,
): void {
  Object.defineProperty(cls.prototype, key, { value: method, writable: true, configurable: true });
}

/** Make `console.log` (Node's `util.inspect`) show instances of `cls` as their `toString()`. */
export function inspectAsString(cls: { prototype: { toString(): string } }): void {
  defineSymbolMethod(cls, INSPECT, function (this: { toString(): string }) {
    return this.toString();
  });
}
