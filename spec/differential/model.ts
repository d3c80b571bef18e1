/**
 * The program model of the differential tester: a small program over txdefer (or
 * Twisted) written down as data, so that it can be generated, shrunk, printed as
 * TypeScript and as Python, and run on both.
 *
 * A program is a list of steps. Deferreds are numbered in the order the steps that
 * make them run (`d0`, `d1`, ...): `new`, `list`, `gather`, `inline`, `deferLater`,
 * `acquire`, `run`, `get`, `loopStart` and `maybe` each make exactly one, even when the
 * call throws (the printed program then keeps a fresh, never-fired Deferred in that
 * place, so the numbering never depends on what happened at run time). A `maybe` step
 * whose function returns a Deferred of the program gets that very Deferred back
 * (maybeDeferred returns it as it is): its number is then a second name for the same
 * object, which keeps the name it was first given in the trace (`Deferred#k`).
 * Locks, semaphores and queues are numbered the same way in their own sequence (`p0`,
 * `p1`, ...), the DelayedCalls that `later` steps make in theirs (`c0`, `c1`, ...), and
 * LoopingCalls in theirs (`l0`, `l1`, ...), Cooperators in theirs (`k0`, ...) and their tasks
 * in theirs (`w0`, ...). A program that uses time has one `Clock`, and every LoopingCall
 * and Cooperator runs on it.
 *
 * References always point backwards: a step may only name Deferreds and primitives
 * made by earlier steps. This is what keeps every generated program valid, and what
 * the shrinker maintains when it removes a step (shrink.ts).
 *
 * Deliberate differences between txdefer and Twisted (docs/differences.md) and the
 * differences between Twisted 22.4 and 24.10 (reference appendix Z) are kept out of
 * the generated programs by construction; docs/faithfulness.md lists how each is avoided.
 */

/** A plain value: a small integer, a short string, or `null` for Python's None / JavaScript's undefined. */
export type Val = number | string | null;

/** The error classes programs throw: ErrB is a subclass of ErrA; ErrC is unrelated. */
export type ErrClass = 'ErrA' | 'ErrB' | 'ErrC';

/** An error to throw or errback with: `new ErrA("m1")` / `ErrA("m1")`. */
export interface ErrSpec {
  readonly cls: ErrClass;
  readonly msg: string;
}

/** Classes an errback may `trap`: the program's own and the library's. */
export type TrapClass = ErrClass | 'CancelledError' | 'TimeoutError' | 'FirstError' | 'AlreadyCalledError';

/**
 * What the body of a callback, errback, thunk or canceller-free function does with its
 * input `x` (a thunk's input is None/undefined).
 */
export type Behaviour =
  /** return a constant */
  | { readonly k: 'value'; readonly v: Val }
  /** return the input transformed: `["t", x]` */
  | { readonly k: 'wrap' }
  /** return the input as it is (on the errback path: return the Failure itself) */
  | { readonly k: 'pass' }
  /** throw an error */
  | { readonly k: 'throw'; readonly e: ErrSpec }
  /** return a new Failure: `return new Failure(e)` (the chain goes on down the errback path with it) */
  | { readonly k: 'failure'; readonly e: ErrSpec }
  /** return an already-fired Deferred: `succeed(v)` */
  | { readonly k: 'succeed'; readonly v: Val }
  /** return an already-failed Deferred: `fail(e)` */
  | { readonly k: 'fail'; readonly e: ErrSpec }
  /** return a Deferred of the program (never the one the function is attached to) */
  | { readonly k: 'deferred'; readonly d: number }
  /** if the input is a Failure, `return x.trap(...classes)`; otherwise return the input */
  | { readonly k: 'trap'; readonly classes: readonly TrapClass[] }
  /** call back a Deferred of the program, then return the input (re-entrancy) */
  | { readonly k: 'fire'; readonly d: number; readonly v: Val }
  /** errback a Deferred of the program, then return the input */
  | { readonly k: 'failD'; readonly d: number; readonly e: ErrSpec }
  /** cancel a Deferred of the program, then return the input */
  | { readonly k: 'cancel'; readonly d: number }
  /** pause a Deferred of the program (perhaps the one running), then return the input */
  | { readonly k: 'pause'; readonly d: number }
  /** undo one of the program's pauses of a Deferred (see the `unpause` step), then return the input */
  | { readonly k: 'unpause'; readonly d: number }
  /** `c<c>.cancel()` on a DelayedCall of the program (errors go down the chain), then return the input */
  | { readonly k: 'callCancel'; readonly c: number }
  /** `l<l>.stop()` on a LoopingCall of the program (errors go down the chain), then return the input */
  | { readonly k: 'loopStop'; readonly l: number }
  /** `return l<l>.start(interval, now)`: the chain waits on the loop's (unnumbered) start() Deferred */
  | { readonly k: 'loopStart'; readonly l: number; readonly interval: number; readonly now: boolean }
  /** `l<l>.interval = interval` on a LoopingCall of the program (perhaps the one running), then return the input */
  | { readonly k: 'loopInterval'; readonly l: number; readonly interval: number };

/** A callback, errback or addBoth function: logs `name(input[, extra])` on entry, then runs its body. */
export interface Fn {
  /** Unique in the program; the function is called `cb<id>` in the trace and the renderings. */
  readonly id: number;
  /** An extra positional argument passed after the result (`addCallback(fn, extra)`), if any. */
  readonly extra?: Val | undefined;
  readonly body: Behaviour;
}

/** A function called with no arguments (deferLater's callable, lock.run's function): logs `name()`. */
export interface Thunk {
  readonly id: number;
  readonly body: Behaviour;
}

/**
 * The function given to `maybeDeferred`, `md<id>`: logs `md<id>()` (or `md<id>(a)`) and
 * runs its body, whose input is its argument (`maybeDeferred(md<id>, extra)`) if it has
 * one, and None/undefined otherwise.
 */
export interface MaybeFn {
  readonly id: number;
  /** One positional argument given to `maybeDeferred(fn, extra)`, if any. */
  readonly extra?: Val | undefined;
  readonly body: Behaviour;
}

/** A canceller given to `new Deferred(canceller)`; it logs `canceller d<n>` and then does this. */
export type Canceller =
  | { readonly k: 'none' }
  | { readonly k: 'noop' }
  | { readonly k: 'callback'; readonly v: Val }
  | { readonly k: 'errback'; readonly e: ErrSpec }
  | { readonly k: 'throw'; readonly e: ErrSpec };

/** One statement of an inlineCallbacks generator. */
export type GenOp =
  /** `last = yield d<n>` (inside try/catch when `catch`) */
  | { readonly g: 'yieldD'; readonly d: number; readonly catch: boolean }
  /** `last = yield <value>`: a plain value is sent straight back */
  | { readonly g: 'yieldValue'; readonly v: Val }
  /** `last = yield succeed(v)` */
  | { readonly g: 'yieldSucceed'; readonly v: Val }
  /** `last = yield fail(e)` (inside try/catch when `catch`) */
  | { readonly g: 'yieldFail'; readonly e: ErrSpec; readonly catch: boolean }
  /** `d<n>.callback(v)` from inside the generator */
  | { readonly g: 'fire'; readonly d: number; readonly v: Val }
  /** `d<n>.cancel()` from inside the generator */
  | { readonly g: 'cancel'; readonly d: number }
  /** `throw e` (ends the generator) */
  | { readonly g: 'throw'; readonly e: ErrSpec }
  /** `return v` (ends the generator) */
  | { readonly g: 'return'; readonly v: Val }
  /** `return last`: the last value a yield gave back (ends the generator) */
  | { readonly g: 'returnLast' };

/**
 * What a delayed call scheduled with `clock.callLater` does when it runs. The DelayedCall
 * it names may be its own (`c` equal to the number its `later` step gives it).
 */
export type TimedAction =
  | { readonly a: 'callback'; readonly d: number; readonly v: Val }
  | { readonly a: 'errback'; readonly d: number; readonly e: ErrSpec }
  | { readonly a: 'cancel'; readonly d: number }
  /** `c<c>.cancel()` */
  | { readonly a: 'callCancel'; readonly c: number }
  /** `c<c>.reset(t)` */
  | { readonly a: 'callReset'; readonly c: number; readonly t: number }
  /** `c<c>.delay(t)` */
  | { readonly a: 'callDelay'; readonly c: number; readonly t: number }
  /** `l<l>.stop()` */
  | { readonly a: 'loopStop'; readonly l: number };

/**
 * The function of a LoopingCall, `loop<id>`: logs `loop<id>(extra)` (with `withCount`,
 * `loop<id>(count)`) on each call; on its `stopAt`-th call (1-based) it first calls its
 * own loop's `stop()`; then it runs its body (whose input is None/undefined), so it may
 * return a value, throw, return a fired or failed Deferred, or a Deferred of the program.
 */
export interface LoopFn {
  readonly id: number;
  /** One positional argument given to `new LoopingCall(fn, extra)`, if any (never with `withCount`). */
  readonly extra?: Val | undefined;
  /**
   * Made with `LoopingCall.withCount(fn)`: the function gets the number of intervals
   * that came due since its last call (and is not called when none did).
   */
  readonly withCount?: boolean | undefined;
  readonly stopAt: number | null;
  readonly body: Behaviour;
}

/**
 * One unit of work of a Cooperator's job `job<id>`: the job logs `job<id> <i>` before the
 * i-th op, and `job<id> end` once it has run them all (then its iterator is exhausted).
 */
export type JobOp =
  /** `yield v`: a value, which the Cooperator ignores */
  | { readonly j: 'value'; readonly v: Val }
  /** `yield d<d>`: the task waits for that Deferred of the program */
  | { readonly j: 'wait'; readonly d: number }
  /** `throw e` (ends the job: the task fails) */
  | { readonly j: 'throw'; readonly e: ErrSpec };

/** A generator function given to a Cooperator, `job<id>`; its generator object shows as `job#<id>`. */
export interface Job {
  readonly id: number;
  readonly ops: readonly JobOp[];
}

export type Step =
  // ---- the core --------------------------------------------------------------------
  /** make a Deferred, with or without a canceller */
  | { readonly s: 'new'; readonly canceller: Canceller }
  | { readonly s: 'addCallback'; readonly d: number; readonly fn: Fn }
  | { readonly s: 'addErrback'; readonly d: number; readonly fn: Fn }
  | { readonly s: 'addBoth'; readonly d: number; readonly fn: Fn }
  | { readonly s: 'addCallbacks'; readonly d: number; readonly cb: Fn; readonly eb: Fn | null }
  | { readonly s: 'callback'; readonly d: number; readonly v: Val }
  /**
   * `d.errback(e)`; with `as: 'failure'`, `d.errback(new Failure(e))`; with
   * `as: 'callback'`, `d.callback(new Failure(e))` (which Twisted treats as an errback).
   */
  | { readonly s: 'errback'; readonly d: number; readonly e: ErrSpec; readonly as?: 'failure' | 'callback' | undefined }
  | { readonly s: 'cancel'; readonly d: number }
  | { readonly s: 'pause'; readonly d: number }
  /**
   * Undo one of the program's own pauses of this Deferred (a `pause` step or behaviour).
   * When none is left to undo, the step only logs `skip`: an unmatched unpause can make
   * a chain hand a Deferred on as a plain value, which is difference 1 of
   * docs/differences.md.
   */
  | { readonly s: 'unpause'; readonly d: number }
  /** `d<d>.chainDeferred(d<to>)` */
  | { readonly s: 'chain'; readonly d: number; readonly to: number }
  /** log `d<n>: called=.. paused=.. result=..` */
  | { readonly s: 'read'; readonly d: number }
  /** `d<n> = maybeDeferred(md<id>[, extra])` */
  | { readonly s: 'maybe'; readonly fn: MaybeFn }
  // ---- combining -------------------------------------------------------------------
  | {
      readonly s: 'list';
      readonly ds: readonly number[];
      readonly fireOnOneCallback: boolean;
      readonly fireOnOneErrback: boolean;
      readonly consumeErrors: boolean;
    }
  | { readonly s: 'gather'; readonly ds: readonly number[]; readonly consumeErrors: boolean }
  // ---- generators ------------------------------------------------------------------
  /**
   * Define a generator function `gen<id>` and run it once: decorated with
   * inlineCallbacks, or (`via: 'ensureDeferred'`) a plain generator given to ensureDeferred.
   */
  | { readonly s: 'inline'; readonly id: number; readonly ops: readonly GenOp[]; readonly via?: 'ensureDeferred' | undefined }
  // ---- time ------------------------------------------------------------------------
  | { readonly s: 'deferLater'; readonly delay: number; readonly fn: Thunk | null }
  /** `d.addTimeout(t, clock)`, or with an `onTimeoutCancel` that logs and returns "over" */
  | { readonly s: 'addTimeout'; readonly d: number; readonly t: number; readonly custom: boolean }
  | { readonly s: 'advance'; readonly t: number }
  /** `c<n> = clock.callLater(delay, action)`: the action's exceptions escape from `advance` */
  | { readonly s: 'later'; readonly delay: number; readonly action: TimedAction }
  /** `c<c>.cancel()` (AlreadyCalled / AlreadyCancelled when it has run or was cancelled) */
  | { readonly s: 'callCancel'; readonly c: number }
  /** `c<c>.reset(t)`, t >= 0 (a negative one is refused by txdefer: docs/time.md) */
  | { readonly s: 'callReset'; readonly c: number; readonly t: number }
  /** `c<c>.delay(t)` (t may be negative) */
  | { readonly s: 'callDelay'; readonly c: number; readonly t: number }
  /** log `c<c>: active=.. time=.. called=.. cancelled=..` */
  | { readonly s: 'callRead'; readonly c: number }
  /** `l<n> = new LoopingCall(loop<id>[, extra])` with `clock` set to the program's Clock */
  | { readonly s: 'loop'; readonly fn: LoopFn }
  /** `d<n> = l<l>.start(interval, now)` (interval > 0: with 0 a loop would never let `advance` return) */
  | { readonly s: 'loopStart'; readonly l: number; readonly interval: number; readonly now: boolean }
  | { readonly s: 'loopStop'; readonly l: number }
  | { readonly s: 'loopReset'; readonly l: number }
  /** `l<l>.interval = interval` (interval > 0, as for `loopStart`); running or not */
  | { readonly s: 'loopInterval'; readonly l: number; readonly interval: number }
  /** log `l<l>: running=.. starttime=..` */
  | { readonly s: 'loopRead'; readonly l: number }
  // ---- the Cooperator (on the program's Clock) ---------------------------------------
  /** `k<n> = new Cooperator(...)`: ticks `clock.callLater(0.25, tick)`, each of `perTick` units of work */
  | { readonly s: 'coop'; readonly perTick: number }
  /** `w<n> = k<k>.cooperate(job<id>())` */
  | { readonly s: 'cooperate'; readonly k: number; readonly job: Job }
  /** `d<n> = k<k>.coiterate(job<id>())` */
  | { readonly s: 'coiterate'; readonly k: number; readonly job: Job }
  /** `d<n> = w<w>.whenDone()` */
  | { readonly s: 'whenDone'; readonly w: number }
  /** `w<w>.pause()`, `.resume()`, `.stop()` (errors logged) */
  | { readonly s: 'taskPause' | 'taskResume' | 'taskStop'; readonly w: number }
  /**
   * `k<k>.stop()`, drawn only while at most one task was ever made on `k<k>`: Twisted 22.4
   * skips every other task when it stops with several (docs/differences.md, row 36).
   */
  | { readonly s: 'coopStop'; readonly k: number }
  | { readonly s: 'coopStart'; readonly k: number }
  /** log `k<k>: running=..` */
  | { readonly s: 'coopRead'; readonly k: number }
  // ---- synchronisation -------------------------------------------------------------
  | { readonly s: 'lock' }
  | { readonly s: 'semaphore'; readonly tokens: number }
  | { readonly s: 'queue'; readonly size: number | null; readonly backlog: number | null }
  | { readonly s: 'acquire'; readonly p: number }
  | { readonly s: 'release'; readonly p: number }
  | { readonly s: 'run'; readonly p: number; readonly fn: Thunk }
  | { readonly s: 'put'; readonly p: number; readonly v: Val }
  | { readonly s: 'get'; readonly p: number }
  /** log the primitive's state */
  | { readonly s: 'readPrim'; readonly p: number };

export interface Program {
  readonly steps: readonly Step[];
}

export type StepKind = Step['s'];

/** Steps that make a Deferred (and so take the next `d<n>` number). */
export const DEFERRED_MAKERS: ReadonlySet<StepKind> = new Set<StepKind>([
  'new',
  'list',
  'gather',
  'inline',
  'deferLater',
  'acquire',
  'run',
  'get',
  'loopStart',
  'maybe',
  'coiterate',
  'whenDone',
]);

/** Steps that make a lock, semaphore or queue (and so take the next `p<n>` number). */
export const PRIMITIVE_MAKERS: ReadonlySet<StepKind> = new Set<StepKind>(['lock', 'semaphore', 'queue']);

/** Steps that make a DelayedCall (`c<n>`) and a LoopingCall (`l<n>`). */
export const CALL_MAKERS: ReadonlySet<StepKind> = new Set<StepKind>(['later']);
export const LOOP_MAKERS: ReadonlySet<StepKind> = new Set<StepKind>(['loop']);

/** Steps that make a Cooperator (`k<n>`) and a CooperativeTask (`w<n>`). */
export const COOPERATOR_MAKERS: ReadonlySet<StepKind> = new Set<StepKind>(['coop']);
export const TASK_MAKERS: ReadonlySet<StepKind> = new Set<StepKind>(['cooperate']);

/** Steps that need the program's Clock. */
export const CLOCK_USERS: ReadonlySet<StepKind> = new Set<StepKind>([
  'deferLater',
  'addTimeout',
  'advance',
  'later',
  'callCancel',
  'callReset',
  'callDelay',
  'callRead',
  'loop',
  'loopStart',
  'loopStop',
  'loopReset',
  'loopInterval',
  'loopRead',
  'coop',
]);

export function makesDeferred(step: Step): boolean {
  return DEFERRED_MAKERS.has(step.s);
}

export function makesPrimitive(step: Step): boolean {
  return PRIMITIVE_MAKERS.has(step.s);
}

export function makesCall(step: Step): boolean {
  return CALL_MAKERS.has(step.s);
}

export function makesLoop(step: Step): boolean {
  return LOOP_MAKERS.has(step.s);
}

export function makesCooperator(step: Step): boolean {
  return COOPERATOR_MAKERS.has(step.s);
}

export function makesTask(step: Step): boolean {
  return TASK_MAKERS.has(step.s);
}

export function usesClock(program: Program): boolean {
  return program.steps.some((step) => CLOCK_USERS.has(step.s));
}

/** The kind of each primitive, in `p<n>` order. */
export function primitiveKinds(program: Program): Array<'lock' | 'semaphore' | 'queue'> {
  const kinds: Array<'lock' | 'semaphore' | 'queue'> = [];
  for (const step of program.steps) {
    if (step.s === 'lock' || step.s === 'semaphore' || step.s === 'queue') kinds.push(step.s);
  }
  return kinds;
}

/** The number `d<n>` each Deferred-making step gives its Deferred (by step index). */
export function deferredNumbers(program: Program): Map<number, number> {
  const numbers = new Map<number, number>();
  let next = 0;
  program.steps.forEach((step, index) => {
    if (makesDeferred(step)) numbers.set(index, next++);
  });
  return numbers;
}

/** The number `p<n>` each primitive-making step gives its primitive (by step index). */
export function primitiveNumbers(program: Program): Map<number, number> {
  return numbersOf(program, makesPrimitive);
}

/** The number `c<n>` each `later` step gives its DelayedCall (by step index). */
export function callNumbers(program: Program): Map<number, number> {
  return numbersOf(program, makesCall);
}

/** The number `l<n>` each `loop` step gives its LoopingCall (by step index). */
export function loopNumbers(program: Program): Map<number, number> {
  return numbersOf(program, makesLoop);
}

/** The number `k<n>` each `coop` step gives its Cooperator (by step index). */
export function cooperatorNumbers(program: Program): Map<number, number> {
  return numbersOf(program, makesCooperator);
}

/** The number `w<n>` each `cooperate` step gives its task (by step index). */
export function taskNumbers(program: Program): Map<number, number> {
  return numbersOf(program, makesTask);
}

function numbersOf(program: Program, makes: (step: Step) => boolean): Map<number, number> {
  const numbers = new Map<number, number>();
  let next = 0;
  program.steps.forEach((step, index) => {
    if (makes(step)) numbers.set(index, next++);
  });
  return numbers;
}
