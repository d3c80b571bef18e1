/**
 * inlineCallbacks (twisted.internet.defer.inlineCallbacks): write Deferred-using code
 * as a generator function. Inside it, `yield d` waits for the Deferred `d` and gives
 * its result (or throws its failure's value where the `yield` is); `return v` fires the
 * returned Deferred with `v`; a throw fails it. How yielded values are answered, and
 * cancellation: see core/driver.ts.
 *
 * It is also a standard (TC39) method decorator, as `@defer.inlineCallbacks` decorates a
 * method in Python: `@inlineCallbacks *fetch() { ... }` makes `fetch` return a Deferred,
 * with `this` the object the method is called on. TypeScript's standard decorators
 * cannot change the type of the member they decorate, so TypeScript still gives such a
 * method its generator type; where the callers' types matter, write the method as a field,
 * `fetch = inlineCallbacks(function* (this: Client) { ... })`, whose type is inferred
 * (docs/porting.md, "Methods").
 *
 * TypeScript types every `yield` expression as `any` (a generator's sent-in type is one
 * type for all its yields), so annotate what you take: `const n: number = yield d;`.
 */
import type { Deferred } from '../core/deferred.js';
import { drive, type Drivable } from '../core/driver.js';
import { isGenerator } from '../core/kinds.js';
import { describeValue, repr } from '../core/repr.js';

/**
 * Used as a standard (TC39) decorator on a generator method: `@inlineCallbacks *fetch() {}`.
 * At run time the method returns a Deferred, with `this` the object it is called on; for
 * TypeScript it keeps its generator type, since a standard decorator cannot change the
 * type of what it decorates (see the file comment for the form whose type is inferred).
 */
export function inlineCallbacks<This, A extends unknown[], G extends Drivable<unknown>>(
  method: (this: This, ...args: A) => G,
  context: ClassMethodDecoratorContext<This, (this: This, ...args: A) => G>,
): (this: This, ...args: A) => G;
/**
 * Decorate a generator function: the result, called with the same arguments (and the
 * same `this`), runs the generator and returns a Deferred of what it returns.
 *
 * As in Twisted, the check that `fn` makes a generator happens when the decorated
 * function is called: if `fn` returns anything else, the call throws
 * `TypeError("inlineCallbacks requires <function fn> to produce a generator; instead got ...")`.
 * What the generator throws, even before its first `yield`, fails the returned Deferred
 * instead of being thrown.
 *
 * @example
 * ```ts
 * const double = inlineCallbacks(function* (d: Deferred<number>) {
 *   const n: number = yield d;
 *   return n * 2;
 * });
 * double(succeed(21)).addCallback((n) => console.log(n)); // 42
 * ```
 */
export function inlineCallbacks<This, A extends unknown[], R>(
  fn: (this: This, ...args: A) => Drivable<R>,
): (this: This, ...args: A) => Deferred<R>;
export function inlineCallbacks(fn: (...args: unknown[]) => unknown, context?: unknown): (...args: unknown[]) => unknown {
  if (typeof fn !== 'function') {
    throw new TypeError(`inlineCallbacks: \`fn\` must be a generator function, got ${fn === null ? 'null' : `${typeof fn} ${repr(fn)}`}`);
  }
  let name = fn.name;
  if (context !== undefined) {
    const kind = (context as { kind?: unknown } | null)?.kind;
    if (kind !== 'method') {
      throw new TypeError(
        `@inlineCallbacks decorates generator methods, not ${typeof kind === 'string' ? `a ${kind}` : describeValue(context)}`,
      );
    }
    const methodName = (context as ClassMethodDecoratorContext).name;
    if (typeof methodName === 'string') name = methodName;
  }
  const decorated = function (this: unknown, ...args: unknown[]): Deferred<unknown> {
    const gen: unknown = fn.apply(this, args);
    if (!isGenerator(gen)) {
      throw new TypeError(`inlineCallbacks requires ${repr(fn)} to produce a generator; instead got ${repr(gen)}`);
    }
    return drive(gen as Drivable<unknown>);
  };
  // Like functools.wraps: the decorated function keeps the generator function's name.
  Object.defineProperty(decorated, 'name', { value: name, configurable: true });
  return decorated;
}
