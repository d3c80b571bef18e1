/**
 * queueUntilReady, from "A mixin class allowing Python __init__ methods to work with
 * Twisted deferreds" (Terry Jones, 2009; `deferredInitMixin.wrap(self, d, 'f1', 'f2')`):
 * an object whose initialisation is still under way hands out Deferreds from the
 * methods that depend on it, and runs them once it is done.
 *
 * Keeps the post's rules:
 *   - the named methods of the instance are swapped for stand-ins; a call to one while
 *     the initialising Deferred has not fired returns a Deferred at once and is queued;
 *   - when the initialising Deferred succeeds, the original methods are put back first
 *     (so there is no check left on later calls), then the queued calls run, in the order
 *     they were made, each firing its Deferred with what the method returns (a returned
 *     Deferred or Promise is waited for; a throw fails it). Each starts as soon as the one
 *     before it has been called, without waiting for its result, as in the post;
 *   - if it has fired already when the methods are named, they are simply left as they are.
 * Closes the original's gap:
 *   - if the initialisation fails, the queued calls fail with that same failure, and so
 *     does every later call of those methods (the stand-ins stay: the instance never
 *     became ready). The post's queued Deferreds never fired.
 * Also: cancelling a queued call takes it out of the queue (its method is never called;
 * it fails with CancelledError); the initialising Deferred keeps its own result, so its
 * owner's later callbacks see it (a failure nobody handles there is reported, as any is);
 * a method that was the instance's own property is put back as such, one it inherited is
 * simply uncovered again.
 *
 * The post advises naming only methods that return Deferreds anyway, so that callers get
 * a Deferred whether or not the instance was ready: the types enforce it.
 */
import { type Deferred, Deferred as DeferredClass, isDeferred } from '../core/deferred.js';
import { type Failure, isFailure } from '../core/failure.js';
import { fail, maybeDeferred } from '../core/interop.js';
import { describeValue, repr } from '../core/repr.js';

/**
 * What `queueUntilReady` needs of an instance for the method names `K`: each is a method
 * returning a Deferred (written this way, rather than as a list of `T`'s method names,
 * so that a class can name its own methods from its constructor, where `T` is `this`).
 */
export type DeferredMethods<K extends PropertyKey> = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [P in K]: (...args: any[]) => Deferred<any>;
};

/** One method swapped for a stand-in, and how to put it back. */
interface Swapped {
  readonly name: PropertyKey;
  readonly original: (...args: unknown[]) => unknown;
  /** Its own property descriptor before the swap, or undefined if it was inherited. */
  readonly own: PropertyDescriptor | undefined;
  readonly standIn: (...args: unknown[]) => unknown;
}

/**
 * Until `initialising` fires, queue the calls to `instance`'s methods named by
 * `methodNames` (see the file comment). Throws a TypeError, changing nothing, if
 * `instance` is not an object, `initialising` not a Deferred, or a name not one of the
 * instance's methods.
 */
// T, used once, keeps K from being inferred from every key of the instance (K comes from the names alone).
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- see the line above
export function queueUntilReady<K extends PropertyKey, T extends DeferredMethods<K>>(
  instance: T,
  initialising: Deferred<unknown>,
  ...methodNames: K[]
): void {
  if ((typeof instance !== 'object' && typeof instance !== 'function') || instance === null) {
    throw new TypeError(`queueUntilReady: \`instance\` must be an object, got ${describeValue(instance)}`);
  }
  if (!isDeferred(initialising)) {
    throw new TypeError(`queueUntilReady: \`initialising\` must be a Deferred, got ${describeValue(initialising)}`);
  }
  const target = instance as Record<PropertyKey, unknown>;
  for (const name of methodNames) {
    if (typeof target[name] !== 'function') {
      throw new TypeError(`queueUntilReady: ${repr(String(name))} is not a method of \`instance\` (got ${describeValue(target[name])})`);
    }
  }

  const queue: Array<Deferred<unknown>> = [];
  let failure: Failure | undefined;
  const swapped: Swapped[] = [...new Set(methodNames)].map((name) => {
    const original = target[name] as (...args: unknown[]) => unknown;
    const standIn = (...args: unknown[]): Deferred<unknown> => {
      if (failure !== undefined) return fail(failure);
      const call: Deferred<unknown> = new DeferredClass<unknown>((cancelled) => {
        queue.splice(queue.indexOf(cancelled), 1); // leaves the queue; cancel() fails it with CancelledError
      });
      call.addCallback(() => maybeDeferred(() => original.apply(instance, args)));
      queue.push(call);
      return call;
    };
    const entry: Swapped = { name, original, own: Object.getOwnPropertyDescriptor(instance, name), standIn };
    Object.defineProperty(instance, name, { value: standIn, writable: true, configurable: true, enumerable: false });
    return entry;
  });

  initialising.addBoth((result: unknown): unknown => {
    const waiting = queue.splice(0);
    if (isFailure(result)) {
      failure = result;
      for (const call of waiting) call.errback(result);
    } else {
      for (const entry of swapped) putBack(instance, entry);
      for (const call of waiting) call.callback(undefined);
    }
    return result; // the initialising Deferred keeps its result for its owner
  });
}

/** Put the original method back, unless something else has replaced the stand-in meanwhile. */
function putBack(instance: object, entry: Swapped): void {
  const current = Object.getOwnPropertyDescriptor(instance, entry.name);
  if (current?.value !== entry.standIn) return;
  if (entry.own === undefined) Reflect.deleteProperty(instance, entry.name);
  else Object.defineProperty(instance, entry.name, entry.own);
}
