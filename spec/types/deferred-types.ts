/**
 * Type-level tests for Deferred's chain, checked by `npx tsc -p tsconfig.json` (the
 * file is never run). Each assignment must compile; each line after a
 * `// @ts-expect-error` must not. Everything sits in a function that nobody calls,
 * so nothing here executes even if the file is imported.
 */
import { Deferred, fail, Failure, maybeDeferred, succeed } from '../../src/index.js';

export function deferredTypeTests(): void {
  // ---- addCallback moves the type parameter on to what the callback returns -------
  const s: Deferred<string> = new Deferred<number>().addCallback((x) => String(x));
  const n: Deferred<number> = new Deferred<string>().addCallback((x) => x.length).addCallback((x) => x * 2);

  // A callback returning a Deferred<V> makes the chain produce V.
  const waited: Deferred<boolean> = new Deferred<number>().addCallback((x) => succeed(x > 0));

  // A callback returning a Failure moves to the errbacks: it produces nothing (never).
  const failed: Deferred<never> = new Deferred<number>().addCallback((x) => new Failure(x));

  // Extra arguments are typed after the result.
  const withArgs: Deferred<string> = new Deferred<number>().addCallback((x, prefix: string, times: number) => prefix.repeat(times) + String(x), '>', 2);
  // @ts-expect-error an extra argument of the wrong type
  new Deferred<number>().addCallback((x, prefix: string) => prefix + String(x), 42);
  // @ts-expect-error a required extra argument is missing
  new Deferred<number>().addCallback((x, prefix: string) => prefix + String(x));
  // @ts-expect-error the callback expects a string, the Deferred produces a number
  new Deferred<number>().addCallback((x: string) => x);
  // @ts-expect-error a callback must be a function
  new Deferred<number>().addCallback(42);
  // @ts-expect-error the chain now produces a string, not a number
  const wrong: Deferred<number> = new Deferred<number>().addCallback((x) => String(x));

  // ---- addErrback keeps T and adds what the errback returns -------------------------
  const recovered: Deferred<number | string> = new Deferred<number>().addErrback((f: Failure) => f.getErrorMessage());
  // @ts-expect-error the errback may produce a string
  const notRecovered: Deferred<number> = new Deferred<number>().addErrback(() => 'fallback');
  const trapped: Deferred<number | typeof RangeError> = new Deferred<number>().addErrback((f) => f.trap(RangeError));
  // @ts-expect-error an errback receives a Failure, not the value
  new Deferred<number>().addErrback((x: number) => x);

  // ---- addBoth's function gets the value or the Failure ----------------------------
  const both: Deferred<string> = new Deferred<number>().addBoth((r) => (r instanceof Failure ? 'failed' : String(r)));
  const bothWithArg: Deferred<string> = new Deferred<number>().addBoth((r: number | Failure, label: string) => label + String(r), 'r=');
  // @ts-expect-error the function must accept a Failure too
  new Deferred<number>().addBoth((r: number) => r);

  // ---- addCallbacks ------------------------------------------------------------------
  const pair: Deferred<string | boolean> = new Deferred<number>().addCallbacks((x) => String(x), () => true);
  const onlyCallback: Deferred<string> = new Deferred<number>().addCallbacks((x) => String(x));
  const nullErrback: Deferred<string> = new Deferred<number>().addCallbacks((x) => String(x), null, null, null);
  const pairArgs: Deferred<string | number> = new Deferred<number>().addCallbacks(
    (x, suffix: string) => String(x) + suffix,
    (f, code: number) => code,
    ['!'],
    [7],
  );
  // @ts-expect-error callbackArgs must match the callback's extra parameters
  new Deferred<number>().addCallbacks((x, suffix: string) => String(x) + suffix, null, [1]);

  // ---- firing --------------------------------------------------------------------------
  new Deferred<number>().callback(1);
  // @ts-expect-error callback() takes the Deferred's own type
  new Deferred<number>().callback('one');
  new Deferred<number>().errback(new Error('any thrown value'));
  new Deferred<number>().errback(new Failure(new Error('or a Failure')));

  // ---- readable state --------------------------------------------------------------
  const called: boolean = new Deferred<number>().called;
  const paused: number = new Deferred<number>().paused;
  const result: number | Failure | Deferred<unknown> | undefined = new Deferred<number>().result;
  // @ts-expect-error result may be a Failure, a Deferred or undefined, not only the value
  const onlyValue: number = new Deferred<number>().result;

  // ---- chainDeferred and cancellers ----------------------------------------------------
  const chained: Deferred<undefined> = new Deferred<number>().chainDeferred(new Deferred<number>());
  // @ts-expect-error the target must take the source's type
  new Deferred<number>().chainDeferred(new Deferred<string>());
  new Deferred<number>((d) => d.callback(1));
  // @ts-expect-error the canceller's Deferred takes the same type
  new Deferred<number>((d) => d.callback('one'));

  // ---- variance, await, ready-made Deferreds ---------------------------------------
  const widened: Deferred<unknown> = new Deferred<number>();
  // @ts-expect-error a Deferred<unknown> is not a Deferred<number>
  const narrowed: Deferred<number> = new Deferred<unknown>();
  const awaited = async (): Promise<number> => await new Deferred<number>();
  const ready: Deferred<string> = succeed('x');
  const failing: Deferred<number> = fail(new Error('x'));
  const maybe: Deferred<number> = maybeDeferred(() => 1);
  const maybeWaits: Deferred<string> = maybeDeferred(() => succeed('x'));
  const maybeFollows: Deferred<number> = maybeDeferred(async () => 1);
  const maybeArgs: Deferred<number> = maybeDeferred((x: number, y: number) => x + y, 1, 2);
  // @ts-expect-error maybeDeferred's extra arguments are typed
  maybeDeferred((x: number) => x, 'one');

  void [s, n, waited, failed, withArgs, wrong, recovered, notRecovered, trapped, both, bothWithArg];
  void [pair, onlyCallback, nullErrback, pairArgs, called, paused, result, onlyValue, chained];
  void [widened, narrowed, awaited, ready, failing, maybe, maybeWaits, maybeFollows, maybeArgs];
}
