/**
 * instantiate, from "A Python metaclass for Twisted allowing __init__ to return a
 * Deferred" (Terry Jones, 2008): build an object whose initialisation is asynchronous,
 * and get it only once that is done.
 *
 * The post's metaclass let `__init__` return a Deferred: making an instance only stored
 * the arguments, and `instance.__instantiate__()` then ran the real `__init__` through
 * `maybeDeferred` and gave a Deferred of `(instance, result)`. A JavaScript constructor
 * cannot return a Deferred (a returned object replaces the instance), so here the
 * asynchronous part is a method of its own, `init()`, and `instantiate` is the factory:
 *
 *     instantiate(Table, pool).addCallback(([table, created]) => ...)
 *
 * runs `new Table(pool)` (the synchronous part), then `table.init()`, and fires with
 * `[table, what init's Deferred fired with]` once that Deferred has fired. Nobody gets
 * the instance before it is ready. As with the post's `maybeDeferred`, `init` may also
 * return a plain value, a Promise, or throw; a constructor that throws fails the Deferred
 * too. Cancelling the Deferred while `init`'s is pending cancels that one; its result is
 * taken (as returning a Deferred from a callback takes it), so a failure of `init` is
 * reported once at most, by the Deferred `instantiate` returned.
 *
 * A class without an `init` method is refused at once with a TypeError (the metaclass
 * made a missing `__init__` a no-op; here that would only hide a typo), and so is a
 * `cls` that is not a class.
 */
import { type Deferred, succeed } from '../core/deferred.js';
import { fail, maybeDeferred, type MaybeDeferredResult } from '../core/interop.js';
import { describeValue } from '../core/repr.js';

/** What `instantiate` needs of an instance: an `init()` method, which may return a Deferred. */
export interface DeferredInit {
  /** The asynchronous part of making the instance: may give a Deferred, a Promise or a value. */
  init(): unknown;
}

/** What an instance's `init()` gives once it has fired (its Deferred's or Promise's value). */
export type InitResult<I extends DeferredInit> = MaybeDeferredResult<ReturnType<I['init']>>;

/**
 * Make `new cls(...args)`, run its `init()`, and fire with `[instance, result]` once
 * `init`'s Deferred (or Promise, or plain value) is there (see the file comment).
 */
export function instantiate<A extends unknown[], I extends DeferredInit>(
  cls: new (...args: A) => I,
  ...args: A
): Deferred<[instance: I, result: InitResult<I>]> {
  if (typeof cls !== 'function') {
    throw new TypeError(`instantiate: \`cls\` must be a class, got ${describeValue(cls)}`);
  }
  const inherited = typeof (cls.prototype as Partial<DeferredInit> | undefined)?.init === 'function';
  let instance: I;
  try {
    instance = new cls(...args);
  } catch (thrown) {
    return fail(thrown);
  }
  if (!inherited && typeof (instance as Partial<DeferredInit> | null)?.init !== 'function') {
    throw new TypeError(`instantiate: instances of ${cls.name || 'the class'} need an init() method (their asynchronous initialisation)`);
  }
  return succeed(undefined)
    .addCallback(() => maybeDeferred(() => instance.init() as ReturnType<I['init']>))
    .addCallback((result): [instance: I, result: InitResult<I>] => [instance, result as InitResult<I>]);
}
