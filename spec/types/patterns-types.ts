/**
 * Type-level tests for the patterns of the source posts, checked by `npx tsc -p
 * tsconfig.json` (the file is never run). Each assignment must compile; each line
 * after a `// @ts-expect-error` must not. Everything sits in functions nobody calls.
 */
import {
  altInlineCallbacks,
  ControllableDeferred,
  Deferred,
  DeferredParallelCommandExecutor,
  type Failure,
  instantiate,
  queueUntilReady,
  RetryingCall,
  strictChainDeferred,
  succeed,
} from '../../src/index.js';
import { callback, errback } from '../../src/decorators.js';

export function altInlineCallbacksTypeTests(): void {
  // A generator function: the Deferred carries what the generator returns.
  const fromGenerator: (id: number) => Deferred<string> = altInlineCallbacks(function* (id: number) {
    const page: string = yield succeed(`page ${id}`);
    return page.toUpperCase();
  });
  // A plain function: the Deferred carries its return value.
  const fromPlain: (a: number, b: number) => Deferred<number> = altInlineCallbacks((a: number, b: number) => a + b);
  // A returned Deferred or Promise is waited for: the Deferred carries its value.
  const fromDeferred: () => Deferred<boolean> = altInlineCallbacks(() => succeed(true));
  const fromAsync: () => Deferred<number> = altInlineCallbacks(async () => 1);
  // `this` is typed through.
  const method = altInlineCallbacks(function (this: { base: number }, x: number) {
    return this.base + x;
  });
  const withThis: Deferred<number> = method.call({ base: 1 }, 2);

  // @ts-expect-error the arguments are the function's
  fromPlain('one', 2);
  // @ts-expect-error a generator returning a string gives a Deferred<string>, not a Deferred<number>
  const wrongGenerator: (id: number) => Deferred<number> = altInlineCallbacks(function* (id: number) {
    yield succeed(id);
    return 'text';
  });
  // @ts-expect-error a plain function returning a number gives a Deferred<number>, not a Deferred<string>
  const wrongPlain: () => Deferred<string> = altInlineCallbacks(() => 1);
  // @ts-expect-error `this` must be the one the function declares
  method.call({ other: 1 }, 2);
  // @ts-expect-error only functions can be decorated
  altInlineCallbacks(42);

  void [fromGenerator, fromPlain, fromDeferred, fromAsync, withThis, wrongGenerator, wrongPlain];
}

export function strictChainDeferredTypeTests(): void {
  const source = new Deferred<number>();
  // The source comes back with its own type: its chain goes on with the value.
  const same: Deferred<number> = strictChainDeferred(source, new Deferred<number>());
  // @ts-expect-error the target must take the source's type
  strictChainDeferred(source, new Deferred<string>());
  // @ts-expect-error the source's chain goes on with a number, not undefined as with chainDeferred
  const likeChainDeferred: Deferred<undefined> = strictChainDeferred(source, new Deferred<number>());
  void [same, likeChainDeferred];
}

export function decoratorTypeTests(): void {
  const getPage = (url: string): Deferred<string> => succeed(url);
  const cleanup = callback((page: string, width: number) => page.slice(0, width));
  const errcheck = errback((failure: Failure, fallback: string) => fallback);

  // A Deferred<T> stands for a T parameter, and the result is a Deferred of the return type.
  const cleaned: Deferred<string> = cleanup(getPage('u'), 10);
  const plain: Deferred<string> = cleanup('text', succeed(3));
  const fromPromise: Deferred<string> = cleanup(Promise.resolve('text'), 3);
  // errback: the checked value's type, or what the handler returns.
  const checked: Deferred<string> = errcheck(getPage('u'), 'fallback');
  const nested: Deferred<string> = cleanup(errcheck(getPage('u'), 'fallback'), 3);
  const recovered: Deferred<number | string> = errback((f: Failure) => f.getErrorMessage())(succeed(1));
  // A function returning a Deferred or a Promise: the result carries its value.
  const waits: Deferred<boolean> = callback((n: number) => succeed(n > 0))(1);
  // Mixed Deferred arguments (issue 14): each parameter takes its own type.
  const mixed: Deferred<string> = callback((n: number, s: string, b: boolean) => `${n}${s}${String(b)}`)(succeed(1), succeed('a'), succeed(true));
  // @ts-expect-error the second argument must give a string
  callback((n: number, s: string) => `${n}${s}`)(succeed(1), succeed(2));
  void mixed;
  const follows: Deferred<number> = callback(async (n: number) => n)(1);

  // @ts-expect-error a Deferred<number> cannot stand for a string parameter
  cleanup(succeed(1), 10);
  // @ts-expect-error a plain number cannot stand for a string parameter
  cleanup(1, 10);
  // @ts-expect-error the decorated function takes the same number of arguments
  cleanup(getPage('u'));
  // @ts-expect-error the result is a Deferred of a string, not of a number
  const wrongResult: Deferred<number> = cleanup(getPage('u'), 10);
  // @ts-expect-error errback's own arguments are typed too
  errcheck(getPage('u'), 42);
  // @ts-expect-error errback's result may be the handler's number, so it is not a Deferred<string>
  const notOnlyString: Deferred<string> = errback(() => 0)(getPage('u'));
  // @ts-expect-error only functions can be decorated
  callback('not a function');
  // @ts-expect-error an errback handler takes the Failure first
  errback((n: number) => n);

  void [cleaned, plain, fromPromise, checked, nested, recovered, waits, follows, wrongResult, notOnlyString];
}

export function deferredInitTypeTests(): void {
  class Store {
    constructor(ready: Deferred<void>) {
      // A class names its own Deferred-returning methods from its constructor.
      queueUntilReady(this, ready, 'get', 'put');
      // @ts-expect-error size() returns a number: while queued it would return a Deferred, so it may not be named
      queueUntilReady(this, ready, 'size');
      // @ts-expect-error there is no method of that name
      queueUntilReady(this, ready, 'gett');
    }
    get(key: string): Deferred<string> {
      return succeed(key);
    }
    put(key: string): Deferred<void> {
      return succeed(undefined).addCallback(() => void key);
    }
    size(): number {
      return 0;
    }
  }

  class Table {
    constructor(readonly name: string, readonly rows: number) {}
    init(): Deferred<boolean> {
      return succeed(true);
    }
  }
  const built: Deferred<[Table, boolean]> = instantiate(Table, 'users', 3);
  const fromPromise: Deferred<[{ init(): Promise<number> }, number]> = instantiate(class { async init(): Promise<number> { return 1; } });
  // @ts-expect-error the constructor's arguments are checked
  instantiate(Table, 'users', 'three');
  // @ts-expect-error init gives a boolean, not a string
  const wrongResult: Deferred<[Table, string]> = instantiate(Table, 'users', 3);
  // @ts-expect-error a class without init() cannot be instantiated this way
  instantiate(class NoInit {}); // eslint-disable-line @typescript-eslint/no-extraneous-class -- an empty class is the point

  void [Store, built, fromPromise, wrongResult];
}

export function retryAndExecutorTypeTests(): void {
  // RetryingCall: the arguments are the function's, the Deferred carries its value.
  const retried: Deferred<number> = new RetryingCall((a: number, b: number) => succeed(a + b), 1, 2).start();
  // @ts-expect-error the arguments must fit the function
  new RetryingCall((a: number) => a, 'one');
  // @ts-expect-error a failure tester returns undefined or a Failure
  new RetryingCall(() => 1).start({ failureTester: () => true });

  // The executor: functions returning the value, a Deferred or a Promise of it.
  const executor = new DeferredParallelCommandExecutor<[string], number>();
  executor.registerFunction((key) => key.length);
  executor.registerFunction((key) => succeed(key.length));
  executor.registerFunction(async (key) => key.length);
  const fastest: Deferred<number> = executor.execute('key');
  // @ts-expect-error a function computing a string cannot be registered for numbers
  executor.registerFunction((key) => key);
  // @ts-expect-error execute takes the functions' arguments
  executor.execute(1);

  // ControllableDeferred: a Deferred of the original's type; the holder fires it with that type.
  const controlled: Deferred<number> = new ControllableDeferred(succeed(1));
  // @ts-expect-error the holder's value has the original's type
  new ControllableDeferred(succeed(1)).callback('one');

  void [retried, fastest, controlled];
}
