/**
 * The generator driver behind inlineCallbacks, ensureDeferred and fromCoroutine
 * (Twisted's `_inlineCallbacks` and `_cancellableInlineCallbacks`). It lives in the core,
 * as in Twisted's defer.py, because `Deferred.fromCoroutine` is a method of the class.
 *
 * `drive(gen)` runs the generator at once, up to its first wait, and returns the
 * Deferred (D) that will fire with what the generator returns or throws. Each value
 * the generator yields is answered:
 *   - a Deferred: the generator waits for it and gets its result back (a failure is
 *     thrown in, as its value). The driver takes the result, as Twisted's does: the
 *     yielded Deferred is left holding `undefined`, and a failure counts as handled;
 *   - a generator: driven as a sub-task with its own D, which is then waited for
 *     (Twisted 24.7; 22.4 sent it back as a plain value);
 *   - a Promise or other thenable: waited for through `Deferred.fromPromise`'s rules
 *     (a `then` that throws, or cannot be read, throws back in at that yield);
 *   - a Failure: its value is thrown straight back in (Twisted decides between send
 *     and throw by looking at the value it delivers, so a yielded Failure is thrown);
 *   - anything else: sent straight back.
 *
 * The loop is iterative: a yielded Deferred that already has its result hands it over
 * at once (the core's `takeResultNow`, which takes it exactly as an `addBoth` would;
 * or, for a Deferred from another copy of txdefer, inside `addBoth`, the `waiting` flag
 * telling the callback it ran synchronously), and the loop goes on with no recursion
 * and nothing kept per step. Only a Deferred that is still pending leaves the callback
 * attached; when it fires, the callback starts a new loop from inside its chain.
 *
 * Cancellation (reference C.7.4): D's canceller fails D with a private error, as Twisted's
 * does. D's first pair, an errback added when D is made, traps it, makes a fresh Deferred the place the
 * generator's outcome will go, cancels the Deferred the generator waits on (so the
 * generator sees CancelledError there, or whatever that Deferred's canceller produced)
 * and returns the fresh Deferred, so D waits on it: D is `called` at once, and fires
 * with whatever the generator finally does. Twisted inserts its pair at cancel time;
 * putting it first from the start is the same, since nobody else can add to D before D
 * is returned.
 */
import { Deferred, followThenable, isDeferred, NOT_READY, noteYield, takeResultNow } from './deferred.js';
import { Failure, isFailure } from './failure.js';
import { repr } from './repr.js';
import { thenOf, type ThenMethod } from './thenable.js';
import { isGenerator, isThenable } from './kinds.js';

/** A generator the driver can run: it may yield anything and be sent anything. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- what a yield takes back is any value the driver sends in; `unknown` would make every `const x: T = yield d` an error
export type Drivable<R> = Generator<unknown, R, any>;

/**
 * What D's canceller fails D with; D's first pair traps it. Like Twisted's private
 * `_InternalInlineCallbacksCancelledError` (same name, empty message), it can be seen
 * by whoever looks at D while D is paused, or takes D's result mid-cancellation.
 */
class _InternalInlineCallbacksCancelledError extends Error {
  // A field, not a call after the class: no top-level effect, for bundlers (see brandError).
  static #named = /*#__PURE__*/ nameErrorClass(this, '_InternalInlineCallbacksCancelledError');
  constructor() {
    super('');
  }
}

/** Give the class's prototype its `name` (so stacks and messages say which error it is). */
function nameErrorClass(cls: { prototype: Error }, name: string): void {
  Object.defineProperty(cls.prototype, 'name', { value: name });
}

class Driver {
  /** Where the generator's outcome goes: D, or after a cancel() the Deferred D waits on. */
  deferred: Deferred<unknown>;
  /** The marker of a cancel() in progress: only this very error is intercepted (a leaked one is not). */
  cancelling: Error | undefined = undefined;
  /** The last Deferred the generator had to wait for (Twisted's `status.waitingOn`). */
  waitingOn: Deferred<unknown> | null = null;
  /** True while `addBoth(resume)` may still run `resume` synchronously. */
  waiting = false;
  /** The result `resume` took synchronously. */
  taken: unknown = undefined;
  readonly gen: Drivable<unknown>;
  /** The one callback this driver ever attaches: made once, so the loop allocates no closures. */
  readonly resume: (result: unknown) => undefined;

  constructor(gen: Drivable<unknown>, deferred: Deferred<unknown>) {
    this.gen = gen;
    this.deferred = deferred;
    this.resume = (result) => {
      if (this.waiting) {
        this.waiting = false;
        this.taken = result;
      } else {
        step(this, result);
      }
      return undefined; // the driver takes the result: the yielded Deferred is left with undefined
    };
  }
}

/**
 * A Deferred for a coroutine, or `undefined` if `coro` is not one: a generator object
 * is driven from now on; a Promise or other thenable (what an `async function` returns) is
 * followed by `Deferred.fromPromise`'s rules. A Deferred is not a coroutine (it is a
 * thenable, so it is refused first), as in Twisted.
 */
export function adoptCoroutine<T>(coro: unknown): Deferred<T> | undefined {
  if (isDeferred(coro)) return undefined;
  if (isGenerator(coro)) return drive(coro as Drivable<T>);
  if (isThenable(coro)) return Deferred.fromPromise(coro as PromiseLike<T>);
  return undefined;
}

/** Run `gen` up to its first wait and return the Deferred of its outcome. */
export function drive<R>(gen: Drivable<R>): Deferred<R> {
  const deferred = new Deferred<unknown>((d) => {
    cancelDriven(d, driver);
  });
  const driver = new Driver(gen, deferred);
  deferred.addErrback(interceptCancel, driver);
  step(driver, undefined);
  return deferred as Deferred<R>;
}

function cancelDriven(deferred: Deferred<unknown>, driver: Driver): void {
  const marker = new _InternalInlineCallbacksCancelledError();
  driver.cancelling = marker;
  deferred.errback(marker);
}

/** D's first pair (an errback): on the cancel marker, hand the outcome to a fresh Deferred and cancel the wait. */
function interceptCancel(failure: Failure, driver: Driver): unknown {
  // Twisted adds its handler at cancel time, so only that cancel's marker is trapped; a
  // marker that leaked out earlier and comes back as the generator's failure passes on.
  if (failure.value !== driver.cancelling) return failure;
  driver.cancelling = undefined;
  const replacement = new Deferred<unknown>((d) => {
    cancelDriven(d, driver);
  });
  replacement.addErrback(interceptCancel, driver);
  driver.deferred = replacement;
  // Cancelling the Deferred the generator waits on resumes it (synchronously, when
  // that Deferred's canceller or CancelledError fires it). If the generator is running
  // right now (it cancelled its own D), that Deferred has fired already and this does
  // nothing: the generator carries on and its outcome reaches D through `replacement`.
  driver.waitingOn?.cancel();
  return replacement;
}

function step(driver: Driver, value: unknown): void {
  const gen = driver.gen;
  for (;;) {
    let next: IteratorResult<unknown, unknown>;
    try {
      next = isFailure(value) ? gen.throw(value.value) : gen.next(value);
    } catch (error) {
      driver.deferred.errback(error); // what the generator threw, even before its first yield
      return;
    }
    if (next.done === true) {
      finish(driver, next.value);
      return;
    }
    let yielded = next.value;
    noteYield(driver.deferred, yielded); // for the teaching entry's tracer, if one is on
    if (!isDeferred(yielded)) {
      if (isGenerator(yielded)) {
        yielded = drive(yielded);
      } else {
        let then: ThenMethod | undefined;
        try {
          then = thenOf(yielded);
        } catch (error) {
          value = new Failure(error); // reading `then` threw: thrown back in at this yield
          continue;
        }
        if (then === undefined) {
          value = yielded; // sent straight back (a Failure is thrown back in by the next turn)
          continue;
        }
        // Followed by the Promise rules: a `then` that throws fails this wait, so the
        // generator gets the error back at this very yield.
        yielded = followThenable(yielded, then);
      }
    }
    const awaited = yielded as Deferred<unknown>;
    // Already fired (the common case in loops over ready results): take its result
    // now, as the addBoth below would, without adding and running a pair.
    const ready = takeResultNow(awaited);
    if (ready !== NOT_READY) {
      value = ready;
      continue;
    }
    driver.waiting = true;
    awaited.addBoth(driver.resume);
    if (driver.waiting) {
      // Not fired yet: `resume` will start a new loop when it is.
      driver.waiting = false;
      driver.waitingOn = awaited;
      return;
    }
    value = driver.taken;
    driver.taken = undefined;
  }
}

function finish(driver: Driver, result: unknown): void {
  if (isDeferred(result)) {
    // Twisted 24.7 makes a returned Deferred the plain result (22.4 raised AssertionError);
    // a Deferred cannot be a result here (docs/differences.md), so say what to do instead.
    driver.deferred.errback(
      new TypeError(
        `inlineCallbacks: the generator returned a Deferred (${repr(result)}); a Deferred cannot be a result: ` +
          'yield it to wait for its result (`return yield d;`)',
      ),
    );
    return;
  }
  driver.deferred.callback(result);
}
