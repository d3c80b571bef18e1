/**
 * What a printed TypeScript program records as it runs (the twin of tracer.py, which
 * does the same for the Python rendering on Twisted). Both write the same lines, so
 * that the two traces can be compared as they are; every value goes through `show`,
 * which applies the mappings listed in docs/faithfulness.md (undefined ↔ None,
 * true ↔ True, Failure → `Failure(ErrA: message)`, library errors by name).
 *
 * Trace lines:
 *   `@3`                              step 3 starts
 *   `cb5(1, "a")`                     a callback entered, with its input (and extra argument)
 *   `run2()`                          a function called with no arguments entered
 *   `canceller d1`                    a canceller entered
 *   `raise AlreadyCalledError`        an error thrown at the caller of a step
 *   `d0: called=True paused=0 result=[1]`  a state read (`result=-` before firing)
 *   `gen4 got 1` / `gen4 caught ErrA: m`   what a generator's yield gave back
 *   `logged(heading): Failure(...)`   an error the library logged (DeferredList.cancel)
 *   `loop2("a")`                      a LoopingCall's function entered (each call)
 *   `c0: active=True time=3 called=False cancelled=False`  a DelayedCall read
 *   `l0: running=True starttime=2`    a LoopingCall read
 *   `job3 1` / `job3 end`             a Cooperator's job before its op 1 / after its last
 *   `k0: running=True`                a Cooperator read
 *   `end ...`                         the state of everything at the end
 * and, added by the harness after the program and a garbage collection:
 *   `unhandled: [Failure(...), ...]`  every unhandled-failure report, sorted
 */
import {
  AlreadyCalled,
  AlreadyCalledError,
  AlreadyCancelled,
  CancelledError,
  Clock,
  type Cooperator,
  type CooperativeTask,
  Deferred,
  type DelayedCall,
  DeferredLock,
  DeferredQueue,
  DeferredSemaphore,
  Failure,
  FirstError,
  isDeferred,
  isFailure,
  OverReleaseError,
  QueueOverflow,
  QueueUnderflow,
  SchedulerError,
  TimeoutError,
} from '../../src/index.js';
import { ORPHANED_ITERATION } from '../../src/time/looping-call.js';

export class ErrA extends Error {}
Object.defineProperty(ErrA.prototype, 'name', { value: 'ErrA' });
export class ErrB extends ErrA {}
Object.defineProperty(ErrB.prototype, 'name', { value: 'ErrB' });
export class ErrC extends Error {}
Object.defineProperty(ErrC.prototype, 'name', { value: 'ErrC' });

/**
 * Library errors whose messages differ from Twisted's on purpose (docs/differences.md
 * row 6, 27), and DelayedCall's AlreadyCalled / AlreadyCancelled: shown by name.
 */
const BY_NAME_ONLY: ReadonlyArray<abstract new (...args: never[]) => Error> = [
  AlreadyCalledError,
  CancelledError,
  QueueOverflow,
  QueueUnderflow,
  OverReleaseError,
  AlreadyCalled,
  AlreadyCancelled,
  SchedulerError, // and its subclasses: TaskDone, TaskStopped, TaskFailed, SchedulerStopped, NotPaused
];

/**
 * LoopingCall's start/stop/reset in the wrong state: Twisted asserts (AssertionError),
 * txdefer throws a plain Error with Twisted's message (docs/time.md, "Where this differs
 * from Twisted"). Both show as `AssertionError: <message>`; a plain Error with any other
 * message shows as it is, so a changed message still shows up as a difference.
 */
export const LOOPING_CALL_MESSAGES: readonly string[] = [
  'Tried to start an already running LoopingCall.',
  'Tried to stop a LoopingCall that was not running.',
  'Tried to reset a LoopingCall that was not running.',
];

/**
 * The iteration left over after a stop and restart while the function's Deferred was
 * pending: Twisted's bare `assert d is not None` (AssertionError, no message); txdefer
 * throws ORPHANED_ITERATION (docs/time.md). Shown as Twisted's `AssertionError: `.
 */
const ORPHANED_ITERATION_SHOWN = 'AssertionError: ';

const MAX_DEPTH = 12;

/**
 * Most values one `show` call renders; the rest shows as `...`. Nested DeferredLists
 * over the same members repeat the same lists, and would otherwise grow exponentially.
 * Both tracers visit values in the same order (depth first, left to right), so they cut
 * at the same place.
 */
const MAX_NODES = 300;

/** What is left of one `show` call's MAX_NODES. */
interface Budget {
  left: number;
}

/** What the tracer reads of a LoopingCall (any `LoopingCall<A>`). */
interface LoopState {
  readonly running: boolean;
  readonly starttime: number | undefined;
}

type Primitive = DeferredLock | DeferredSemaphore | DeferredQueue<unknown>;

/**
 * Numbers Failures in the order a trace first shows them (`Failure#2(...)`), so that a
 * trace says when two places hold the very same Failure object.
 */
export class FailureNumbers {
  readonly #numbers = new Map<object, number>();

  numberOf(failure: object): number {
    let number = this.#numbers.get(failure);
    if (number === undefined) {
      number = this.#numbers.size + 1;
      this.#numbers.set(failure, number);
    }
    return number;
  }
}

/**
 * A value as a trace shows it. `names` gives the program's Deferreds and primitives
 * their numbers; any other Deferred shows as `Deferred#internal`. With `failures`,
 * each Failure shows its number (`Failure#1(ErrA: m1)`); without, `Failure(ErrA: m1)`.
 */
export function show(
  value: unknown,
  names: ReadonlyMap<object, string> = new Map(),
  depth = 0,
  failures?: FailureNumbers,
  budget: Budget = { left: MAX_NODES },
): string {
  budget.left -= 1;
  if (depth > MAX_DEPTH || budget.left < 0) return '...';
  if (value === undefined || value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : `float(${value})`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => show(item, names, depth + 1, failures, budget)).join(', ')}]`;
  if (isFailure(value)) {
    const number = failures === undefined ? '' : `#${failures.numberOf(value)}`;
    return `Failure${number}(${showError(value.value, names, depth + 1, failures, budget)})`;
  }
  if (isDeferred(value)) return names.get(value) ?? 'Deferred#internal';
  if (typeof value === 'function') return `class:${(value as { name: string }).name}`;
  if (typeof value === 'object') {
    const name = names.get(value);
    if (name !== undefined) return name;
    if (value instanceof Error) return `exc(${showError(value, names, depth + 1, failures, budget)})`;
    return `<${(value as object).constructor?.name ?? 'object'}>`;
  }
  return `<${typeof value}>`;
}

/** An error (a Failure's value, or what a step threw) as a trace shows it. */
export function showError(
  error: unknown,
  names: ReadonlyMap<object, string> = new Map(),
  depth = 0,
  failures?: FailureNumbers,
  budget: Budget = { left: MAX_NODES },
): string {
  if (!(error instanceof Error)) return `value(${show(error, names, depth, failures, budget)})`;
  const name = error.constructor.name;
  if (error instanceof TimeoutError) return `TimeoutError(${show(error.timeout, names, depth + 1, failures, budget)})`;
  if (error instanceof FirstError) return `FirstError(#${error.index}, ${show(error.subFailure, names, depth + 1, failures, budget)})`;
  if (BY_NAME_ONLY.some((cls) => error instanceof cls)) return name;
  if (error.constructor === Error && LOOPING_CALL_MESSAGES.includes(error.message)) return `AssertionError: ${error.message}`;
  if (error.constructor === Error && error.message === ORPHANED_ITERATION) return ORPHANED_ITERATION_SHOWN;
  // Both run out of stack (a cycle of Deferreds cancelling each other): Python says RecursionError.
  if (error instanceof RangeError && error.message === 'Maximum call stack size exceeded') return 'RecursionError';
  return `${name}: ${error.message}`;
}

function showNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : `float(${value})`;
}

export class Tracer {
  readonly lines: string[] = [];
  #failures = new FailureNumbers();
  #deferreds: Array<Deferred<unknown> | undefined> = [];
  #primitives: Array<{ kind: string; value: Primitive } | undefined> = [];
  #names = new Map<object, string>();
  /** Deferreds whose cancel() is running now (see #guardCancel). */
  #cancelling = new Set<object>();
  #pauses: number[] = [];
  #clock: Clock | undefined;
  #calls: Array<DelayedCall | undefined> = [];
  #loops: Array<LoopState | undefined> = [];
  #loopCalls = new Map<string, number>();
  #cooperators: Array<Cooperator | undefined> = [];

  log(line: string): void {
    this.lines.push(line);
  }

  step(index: number): void {
    this.lines.push(`@${index}`);
  }

  show(value: unknown): string {
    return show(value, this.#names, 0, this.#failures);
  }

  #error(error: unknown): string {
    return showError(error, this.#names, 0, this.#failures);
  }

  /** Give `deferred` its number `d<n>`. */
  register(n: number, deferred: Deferred<unknown>): Deferred<unknown> {
    this.#deferreds[n] = deferred;
    if (!this.#names.has(deferred)) {
      this.#names.set(deferred, `Deferred#${n}`);
      this.#guardCancel(n, deferred);
    }
    return deferred;
  }

  /**
   * Make a cancel() that comes back round to this Deferred while its own cancel() is
   * still running do nothing but log `cancel cycle: d<n>`. Without this, cancelling
   * round a cycle of Deferreds (one waiting on a DeferredList it is a member of, say)
   * recurses until the stack runs out, at a depth that differs between CPython and V8,
   * and through a DeferredList, which catches the error for each member and goes on,
   * it never ends: in Twisted as in txdefer. tracer.py does the same. Everything that
   * passes a cancel() on (a waiting Deferred, a DeferredList, the generator driver,
   * addTimeout's timer) calls the instance's `cancel`, so the rule applies there too.
   */
  #guardCancel(n: number, deferred: Deferred<unknown>): void {
    const original = deferred.cancel.bind(deferred);
    const cancelling = this.#cancelling;
    const lines = this.lines;
    Object.defineProperty(deferred, 'cancel', {
      configurable: true,
      writable: true,
      value(this: Deferred<unknown>): void {
        if (cancelling.has(deferred)) {
          lines.push(`cancel cycle: d${n}`);
          return;
        }
        cancelling.add(deferred);
        try {
          original.call(deferred);
        } finally {
          cancelling.delete(deferred);
        }
      },
    });
  }

  /** Make Deferred `d<n>` with `make`; if that throws, log it and keep a fresh Deferred in its place. */
  make(n: number, make: () => Deferred<unknown>): Deferred<unknown> {
    let deferred: Deferred<unknown>;
    try {
      deferred = make();
    } catch (error) {
      this.lines.push(`raise ${this.#error(error)}`);
      deferred = new Deferred();
    }
    return this.register(n, deferred);
  }

  /** Give a lock, semaphore or queue its number `p<n>`. */
  primitive<P extends Primitive>(n: number, kind: 'lock' | 'semaphore' | 'queue', value: P): P {
    this.#primitives[n] = { kind, value };
    this.#names.set(value, `prim#${n}`);
    return value;
  }

  useClock(clock: Clock): Clock {
    this.#clock = clock;
    return clock;
  }

  /** Give the DelayedCall that `make` schedules its number `c<n>` (if `make` throws, log it; `c<n>` is then missing). */
  delayedCall(n: number, make: () => DelayedCall): DelayedCall {
    let call: DelayedCall | undefined;
    try {
      call = make();
    } catch (error) {
      this.lines.push(`raise ${this.#error(error)}`);
    }
    this.#calls[n] = call;
    return call as DelayedCall;
  }

  /** Give a LoopingCall its number `l<n>` (a value shows as `loop#<n>`). */
  loop<L extends LoopState>(n: number, loop: L): L {
    this.#loops[n] = loop;
    this.#names.set(loop, `loop#${n}`);
    return loop;
  }

  /** A LoopingCall's function was entered: log it, and return how many times it has been now. */
  loopCall(name: string, ...args: unknown[]): number {
    this.enter(name, ...args);
    const count = (this.#loopCalls.get(name) ?? 0) + 1;
    this.#loopCalls.set(name, count);
    return count;
  }

  /** Give a Cooperator its number `k<n>` (a value shows as `coop#<n>`). */
  cooperator(n: number, cooperator: Cooperator): Cooperator {
    this.#cooperators[n] = cooperator;
    this.#names.set(cooperator, `coop#${n}`);
    return cooperator;
  }

  /** Give a task its number `w<n>` (a value shows as `task#<n>`). */
  task<T>(n: number, task: CooperativeTask<T>): CooperativeTask<T> {
    this.#names.set(task, `task#${n}`);
    return task;
  }

  /** Name a job's generator object `job#<id>` (what its task's whenDone() fires with). */
  job<G extends object>(id: number, generator: G): G {
    this.#names.set(generator, `job#${id}`);
    return generator;
  }

  /** A termination predicate factory whose predicates end a tick after `n` units of work. */
  units(n: number): () => () => boolean {
    return () => {
      let count = 0;
      return () => {
        count += 1;
        return count >= n;
      };
    };
  }

  readCooperator(n: number): void {
    this.lines.push(this.#describeCooperator(n));
  }

  #describeCooperator(n: number): string {
    const cooperator = this.#cooperators[n];
    if (cooperator === undefined) return `k${n}: missing`;
    return `k${n}: running=${cooperator.running ? 'True' : 'False'}`;
  }

  readCall(n: number): void {
    this.lines.push(this.#describeCall(n));
  }

  readLoop(n: number): void {
    this.lines.push(this.#describeLoop(n));
  }

  #describeCall(n: number): string {
    const call = this.#calls[n];
    if (call === undefined) return `c${n}: missing`;
    const bool = (value: boolean): string => (value ? 'True' : 'False');
    return `c${n}: active=${bool(call.active())} time=${showNumber(call.getTime())} called=${bool(call.called)} cancelled=${bool(call.cancelled)}`;
  }

  #describeLoop(n: number): string {
    const loop = this.#loops[n];
    if (loop === undefined) return `l${n}: missing`;
    const start = loop.starttime;
    return `l${n}: running=${loop.running ? 'True' : 'False'} starttime=${start === undefined ? 'None' : showNumber(start)}`;
  }

  /** Run one action of a step; an error it throws is logged as `raise ...`. */
  attempt(action: () => unknown): void {
    try {
      action();
    } catch (error) {
      this.lines.push(`raise ${this.#error(error)}`);
    }
  }

  /** A function was entered with these arguments. */
  enter(name: string, ...args: unknown[]): void {
    this.lines.push(`${name}(${args.map((arg) => this.show(arg)).join(', ')})`);
  }

  got(name: string, value: unknown): void {
    this.lines.push(`${name} got ${this.show(value)}`);
  }

  caught(name: string, error: unknown): void {
    this.lines.push(`${name} caught ${this.#error(error)}`);
  }

  pause(n: number, deferred: Deferred<unknown>): void {
    this.#pauses[n] = (this.#pauses[n] ?? 0) + 1;
    deferred.pause();
  }

  /** Unpause only a pause the program made itself (see the `unpause` step in model.ts). */
  unpause(n: number, deferred: Deferred<unknown>): void {
    const pauses = this.#pauses[n] ?? 0;
    if (pauses === 0) {
      this.lines.push('skip');
      return;
    }
    this.#pauses[n] = pauses - 1;
    deferred.unpause();
  }

  read(n: number): void {
    this.lines.push(this.#describe(n));
  }

  #describe(n: number): string {
    const deferred = this.#deferreds[n];
    if (deferred === undefined) return `d${n}: missing`;
    const result = deferred.called ? this.show(deferred.result) : '-';
    return `d${n}: called=${deferred.called ? 'True' : 'False'} paused=${deferred.paused} result=${result}`;
  }

  #describePrimitive(n: number): string {
    const entry = this.#primitives[n];
    if (entry === undefined) return `p${n}: missing`;
    const { value } = entry;
    if (value instanceof DeferredLock) {
      return `p${n} lock: locked=${value.locked ? 'True' : 'False'} waiting=${value.waitingCount}`;
    }
    if (value instanceof DeferredSemaphore) {
      return `p${n} semaphore: tokens=${value.tokens} limit=${value.limit} waiting=${value.waitingCount}`;
    }
    return `p${n} queue: pending=${value.pendingCount} waiting=${value.waitingCount}`;
  }

  readPrimitive(n: number): void {
    this.lines.push(this.#describePrimitive(n));
  }

  /**
   * Log the state of everything at the end, then let go of it all so the garbage
   * collector can find what was left unhandled. Returns the Failures the program's
   * Deferreds hold (the harness uses them to tell which program a report belongs to)
   * and weak references to the Deferreds (to tell when they have all been collected).
   */
  finish(): { held: Failure[]; refs: Array<[number, WeakRef<Deferred<unknown>>]> } {
    this.lines.push('end');
    const held: Failure[] = [];
    const refs: Array<[number, WeakRef<Deferred<unknown>>]> = [];
    this.#deferreds.forEach((deferred, n) => {
      this.lines.push(`end ${this.#describe(n)}`);
      if (deferred === undefined) return;
      if (deferred.called && isFailure(deferred.result)) held.push(deferred.result);
      refs.push([n, new WeakRef(deferred)]);
    });
    this.#primitives.forEach((_, n) => {
      this.lines.push(`end ${this.#describePrimitive(n)}`);
    });
    for (let n = 0; n < this.#calls.length; n += 1) this.lines.push(`end ${this.#describeCall(n)}`);
    for (let n = 0; n < this.#loops.length; n += 1) this.lines.push(`end ${this.#describeLoop(n)}`);
    for (let n = 0; n < this.#cooperators.length; n += 1) this.lines.push(`end ${this.#describeCooperator(n)}`);
    const clock = this.#clock;
    if (clock !== undefined) {
      this.lines.push(`end clock: now=${showNumber(clock.seconds())} calls=${clock.getDelayedCalls().length}`);
    }
    this.#deferreds = [];
    this.#primitives = [];
    this.#names = new Map();
    this.#cancelling = new Set();
    this.#failures = new FailureNumbers();
    this.#clock = undefined;
    this.#calls = [];
    this.#loops = [];
    this.#loopCalls = new Map();
    this.#cooperators = [];
    return { held, refs };
  }
}

export { Failure };
