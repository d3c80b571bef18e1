/**
 * How txdefer recognises its own objects across copies of the library.
 *
 * An ESM copy and a CommonJS copy loaded in one process define different classes, so
 * `instanceof` cannot tell whether a value is "a Deferred" or "a Failure". Every such
 * object instead carries a tag under a registry-wide symbol, which both copies share.
 *
 * This copy's own objects are recognised first by a private-field check (`#x in v`),
 * which no Proxy trap can see or break; the tag is read only for what is left, and that
 * read is guarded, because a hostile value (a Proxy whose `get` trap throws, a revoked
 * Proxy) may throw on any property read.
 */

/** The shared tag key: `Symbol.for`, so every copy of txdefer sees the same symbol. */
export const KIND: unique symbol = Symbol.for('txdefer.kind') as never;

/** The tag values. */
export const DEFERRED_KIND = 'Deferred';
export const FAILURE_KIND = 'Failure';

/**
 * The tag of `value`, or `undefined` for anything that is not a txdefer object
 * (including a value that throws when its tag is read).
 */
export function kindOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    const kind = (value as { [KIND]?: unknown })[KIND];
    return typeof kind === 'string' ? kind : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Tag the instances of `cls` with `kind`: a read-only, non-enumerable `KIND` property on
 * its prototype. Called from a private static field of the class, annotated as pure, so
 * that the module has no top-level effect and bundlers drop an unused class:
 * `static #kind = brandKind(this, DEFERRED_KIND)`.
 */
export function brandKind(cls: { prototype: object }, kind: string): void {
  Object.defineProperty(cls.prototype, KIND, { value: kind });
}
