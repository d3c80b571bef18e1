/**
 * Cooperator, CooperativeTask, cooperate and coiterate (twisted.internet.task): run
 * long jobs written as iterators a little at a time, sharing the host with everything
 * else, each step of a job being one `next()` of its iterator.
 *
 * What follows Twisted 22.4, rule by rule:
 *   - A tick is scheduled (with the `scheduler` option) whenever the Cooperator has a
 *     task that can work and no tick is scheduled. A tick asks the termination predicate
 *     factory for a fresh predicate, then does one unit of work for each task in turn,
 *     round-robin, asking the predicate after each unit; when it answers true the tick
 *     ends and the next one is scheduled. The round goes on where it stopped: the tasks
 *     are visited through one iterator over the live list of tasks, which picks up tasks
 *     added since and, like Python's list iterator, skips the task after one that left
 *     the list while the round was at it; when the round ends, a new one starts.
 *   - One unit of work is one `next()` of the task's iterator. An exhausted iterator
 *     (`done: true`) completes the task: its `whenDone()` Deferreds fire with the
 *     iterator. A `next()` that throws completes it as failed: they fail with what was
 *     thrown, and the Cooperator goes on with its other tasks. A yielded Deferred pauses
 *     the task until the Deferred fires: its success resumes the task, its failure
 *     completes the task as failed with that failure (which is then handled). Anything
 *     else yielded (a Promise too, as in Twisted) is a value and ignored.
 *   - `pause()`/`resume()` nest; a paused task is out of the round. `stop()` completes
 *     the task with `TaskStopped`. A finished task throws its completion (`TaskDone`,
 *     `TaskStopped`, `TaskFailed`, `SchedulerStopped`: the same error object each time)
 *     from `pause()` and `stop()`; `resume()` of a task not paused throws `NotPaused`.
 *   - `whenDone()` after completion gives a Deferred that has already fired the same way.
 *   - `stop()` on the Cooperator completes its tasks with `SchedulerStopped` and cancels
 *     the scheduled tick; a task added afterwards (or a paused one resumed) completes
 *     with `SchedulerStopped` at once. `start()` undoes `stop()`, and starts a Cooperator
 *     made with `started: false`, which collects tasks without scheduling a tick.
 *
 * One deliberate difference (docs/differences.md): Twisted 22.4's `Cooperator.stop()`
 * walks its list of tasks while completing them removes each from that same list, so it
 * completes every other task and forgets the rest, whose `whenDone()` Deferreds never
 * fire. Here every task in the list is completed with `SchedulerStopped`.
 *
 * The defaults are Twisted's: ticks scheduled on the real-time scheduler a hundred-
 * millionth of a second apart (Twisted's `reactor.callLater(_EPSILON, tick)`), and a
 * predicate that ends a tick after 10 ms of real time. Tests pass a `Clock` as the
 * scheduler and a predicate of their own (`() => () => true`: one unit of work per tick).
 */
import { Deferred, isDeferred } from '../core/deferred.js';
import { Failure } from '../core/failure.js';
import { describeValue } from '../core/repr.js';
import type { IDelayedCall, Scheduler } from '../core/scheduler.js';
import { NotPaused, SchedulerError, SchedulerStopped, TaskDone, TaskFailed, TaskStopped } from './cooperator-errors.js';
import { realTimeScheduler } from './real-scheduler.js';

/** How long after the current moment a tick is scheduled (Twisted's `_EPSILON`). */
const EPSILON = 0.00000001;
/** The default termination predicate ends a tick after this many seconds (Twisted's `_Timer.MAX_SLICE`). */
const MAX_SLICE = 0.01;

/** Schedules a tick: Twisted's form of the `scheduler` option, returning the delayed call. */
export type StepScheduler = (step: () => void) => IDelayedCall;

/** The options of `new Cooperator(options)`, each Twisted's constructor argument of the same name. */
export interface CooperatorOptions {
  /**
   * How ticks are scheduled: a `Scheduler` (a `Clock`, a `RealTimeScheduler`), on which each
   * tick is `callLater(1e-8, tick)`, or a function that takes the tick and schedules it,
   * returning the delayed call (Twisted's form). Default: the real-time scheduler.
   */
  scheduler?: Scheduler | StepScheduler | undefined;
  /**
   * Called at the start of each tick; returns the predicate asked after each unit of
   * work, which answers `true` to end the tick. Default: a predicate that answers `true`
   * once 10 ms of real time have passed since the tick began.
   */
  terminationPredicateFactory?: (() => () => boolean) | undefined;
  /**
   * Whether ticks are scheduled from the start (default `true`); with `false`, tasks are
   * collected and nothing runs until `start()`.
   * @default true
   */
  started?: boolean | undefined;
}

/** What a task's `whenDone()` Deferreds fire with: its iterator, or a Failure. */
type Completion = Iterator<unknown> | Failure;

/** Does one unit of a task's work: the Cooperator reaches it through this, users cannot. */
let workOnce: (task: CooperativeTask<unknown>) => void;
/** Completes a task (with an error for later calls, and what its Deferreds get). */
let completeTask: (task: CooperativeTask<unknown>, state: SchedulerError, result: Completion) => void;

/**
 * A task inside a Cooperator, made by `cooperate(iterator)`: it can be paused, resumed
 * and stopped, and `whenDone()` tells when it has finished.
 */
export class CooperativeTask<T = unknown> {
  readonly #iterator: Iterator<T>;
  readonly #cooperator: Cooperator;
  /** The Deferreds `whenDone()` gave out while the task was running. */
  readonly #deferreds: Array<Deferred<Iterator<T>>> = [];
  #pauseCount = 0;
  /** Why the task finished (thrown by later pause()/stop()), or null while it has not. */
  #completionState: SchedulerError | null = null;
  #completionResult: Completion | undefined = undefined;

  /**
   * A task running `iterator` in `cooperator`: what `cooperator.cooperate(iterator)` makes,
   * and what it should be made with (Twisted's constructor is private too).
   */
  constructor(iterator: Iterator<T>, cooperator: Cooperator) {
    requireIterator(iterator, 'new CooperativeTask');
    if (!(cooperator instanceof Cooperator)) {
      throw new TypeError(`new CooperativeTask: \`cooperator\` must be a Cooperator, got ${describeValue(cooperator)}`);
    }
    this.#iterator = iterator;
    this.#cooperator = cooperator;
    addTask(cooperator, this as CooperativeTask<unknown>);
  }

  /**
   * A Deferred that fires with the task's iterator when the iterator is exhausted, or
   * fails with what its `next()` threw (or with the failure of a Deferred it yielded),
   * with `TaskStopped` after `stop()`, or with `SchedulerStopped` when the Cooperator
   * stops. A new Deferred on each call; after the task has finished, one that has fired.
   */
  whenDone(): Deferred<Iterator<T>> {
    const deferred = new Deferred<Iterator<T>>();
    if (this.#completionState === null) this.#deferreds.push(deferred);
    else deferred.callback(this.#completionResult as Iterator<T>); // a Failure goes down the errbacks
    return deferred;
  }

  /**
   * Stop doing this task's work until `resume()`; pauses nest (as many `resume()`s as
   * `pause()`s). Throws the task's completion (`TaskDone`, `TaskStopped`, ...) if it has
   * finished.
   */
  pause(): void {
    this.#checkFinish();
    this.#pauseCount += 1;
    if (this.#pauseCount === 1) removeTask(this.#cooperator, this as CooperativeTask<unknown>);
  }

  /** Undo one `pause()`. Throws `NotPaused` if the task is not paused. */
  resume(): void {
    if (this.#pauseCount === 0) throw new NotPaused();
    this.#pauseCount -= 1;
    if (this.#pauseCount === 0 && this.#completionState === null) addTask(this.#cooperator, this as CooperativeTask<unknown>);
  }

  /**
   * Stop the task for good: its `whenDone()` Deferreds fail with `TaskStopped`, now.
   * Throws the task's completion if it has already finished.
   */
  stop(): void {
    this.#checkFinish();
    this.#completeWith(new TaskStopped(), new Failure(new TaskStopped()));
  }

  #checkFinish(): void {
    // The same error object each time, as Twisted raises its stored exception.
    if (this.#completionState !== null) throw this.#completionState;
  }

  #completeWith(state: SchedulerError, result: Completion): void {
    this.#completionState = state;
    this.#completionResult = result;
    if (this.#pauseCount === 0) removeTask(this.#cooperator, this as CooperativeTask<unknown>);
    // Kept, as in Twisted: a Deferred the task yielded that fails after the task was
    // stopped completes it again, and firing these a second time throws AlreadyCalledError
    // into that Deferred's chain, as Twisted's does.
    for (const deferred of this.#deferreds) deferred.callback(result as Iterator<T>); // a Failure goes down the errbacks
  }

  #oneWorkUnit(): void {
    let step: IteratorResult<T>;
    try {
      step = this.#iterator.next();
      if ((typeof step !== 'object' || step === null) && typeof step !== 'function') {
        throw new TypeError(`the task's iterator.next() returned ${describeValue(step)}, not an iterator result ({ value, done })`);
      }
      if (step.done === true) {
        this.#completeWith(new TaskDone(), this.#iterator as Iterator<unknown>);
        return;
      }
    } catch (thrown) {
      this.#completeWith(new TaskFailed(), new Failure(thrown));
      return;
    }
    const value: unknown = step.value;
    if (isDeferred(value)) {
      this.pause();
      value.addCallbacks(
        () => {
          this.resume();
        },
        (failure: Failure) => {
          this.#completeWith(new TaskFailed(), failure);
        },
      );
    }
  }

  static #init = /*#__PURE__*/ (() => {
    workOnce = (task) => {
      task.#oneWorkUnit();
    };
    completeTask = (task, state, result) => {
      task.#completeWith(state, result);
    };
  })();
}

/** Adds a task to a Cooperator's round (a task made, or resumed); set by the Cooperator class. */
let addTask: (cooperator: Cooperator, task: CooperativeTask<unknown>) => void;
/** Takes a task out of a Cooperator's round (paused, or finished); set by the Cooperator class. */
let removeTask: (cooperator: Cooperator, task: CooperativeTask<unknown>) => void;

/**
 * A cooperative task scheduler (Twisted's `Cooperator`): runs iterators a step at a time,
 * sharing each tick among its tasks, round-robin, until a termination predicate ends
 * the tick. Tasks are added by `cooperate(iterator)` (which gives a `CooperativeTask`) or
 * `coiterate(iterator)` (which gives a Deferred of its end).
 *
 * @example
 * ```ts
 * const clock = new Clock();
 * const cooperator = new Cooperator({ scheduler: clock, terminationPredicateFactory: () => () => true });
 * const task = cooperator.cooperate(['a', 'b'].values());
 * task.whenDone().addCallback(() => console.log('done'));
 * clock.advance(1); // one unit of work: 'a'
 * clock.advance(1); // 'b'
 * clock.advance(1); // the iterator is exhausted: prints done
 * ```
 */
export class Cooperator {
  /** The tasks that can work now (not paused, not finished), in the order of the round. */
  #tasks: Array<CooperativeTask<unknown>> = [];
  /** Where the round is: an iterator over the live list of tasks (see the file comment). */
  #round: Iterator<CooperativeTask<unknown>> = [][Symbol.iterator]();
  readonly #terminationPredicateFactory: () => () => boolean;
  readonly #scheduler: StepScheduler;
  #delayedCall: IDelayedCall | null = null;
  #stopped = false;
  #started: boolean;
  /** A task arrived before `start()`: schedule a tick then. */
  #mustScheduleOnStart = false;

  /** A Cooperator; see `CooperatorOptions` for the scheduler, the termination predicate and `started`. */
  constructor(options: CooperatorOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`new Cooperator(options): \`options\` must be an object, got ${describeValue(options)}`);
    }
    const { scheduler, terminationPredicateFactory, started } = options;
    this.#scheduler = stepScheduler(scheduler);
    if (terminationPredicateFactory !== undefined && typeof terminationPredicateFactory !== 'function') {
      throw new TypeError(
        `new Cooperator: \`terminationPredicateFactory\` must be a function returning the predicate, got ${describeValue(terminationPredicateFactory)}`,
      );
    }
    this.#terminationPredicateFactory = terminationPredicateFactory ?? timeSlice;
    if (started !== undefined && typeof started !== 'boolean') {
      throw new TypeError(`new Cooperator: \`started\` must be true or false, got ${describeValue(started)}`);
    }
    this.#started = started ?? true;
  }

  /**
   * Run `iterator` as a task of this Cooperator and return a Deferred that fires with the
   * iterator when it is exhausted, or fails as the task's `whenDone()` does. With
   * `doneDeferred`, that Deferred is fired instead, and returned.
   */
  coiterate<T>(iterator: Iterator<T>, doneDeferred?: Deferred<Iterator<T>>): Deferred<Iterator<T>> {
    if (doneDeferred !== undefined && !isDeferred(doneDeferred)) {
      throw new TypeError(`Cooperator.coiterate: \`doneDeferred\` must be a Deferred, got ${describeValue(doneDeferred)}`);
    }
    const task = this.#makeTask(iterator, 'Cooperator.coiterate');
    const done = doneDeferred ?? new Deferred<Iterator<T>>();
    task.whenDone().chainDeferred(done);
    return done;
  }

  /**
   * Run `iterator` as a task of this Cooperator: one `next()` per unit of work, from the
   * next tick on. Returns the task, to pause, resume, stop or wait for (`whenDone()`).
   */
  cooperate<T>(iterator: Iterator<T>): CooperativeTask<T> {
    return this.#makeTask(iterator, 'Cooperator.cooperate');
  }

  #makeTask<T>(iterator: Iterator<T>, where: string): CooperativeTask<T> {
    requireIterator(iterator, where);
    return new CooperativeTask(iterator, this);
  }

  /** Start scheduling ticks (a Cooperator made with `started: false`, or one stopped). */
  start(): void {
    this.#stopped = false;
    this.#started = true;
    if (this.#mustScheduleOnStart) {
      this.#mustScheduleOnStart = false;
      this.#reschedule();
    }
  }

  /**
   * Stop: every task in the round fails its `whenDone()` Deferreds with
   * `SchedulerStopped`, now, and is forgotten; the scheduled tick is cancelled. A task
   * added (or resumed) afterwards fails the same way at once, until `start()`.
   */
  stop(): void {
    this.#stopped = true;
    const tasks = this.#tasks;
    for (const task of tasks.slice()) completeTask(task, new SchedulerStopped(), new Failure(new SchedulerStopped()));
    this.#tasks = [];
    this.#cancelTick();
  }

  /** Whether the Cooperator is running: started and not stopped. */
  get running(): boolean {
    return this.#started && !this.#stopped;
  }

  #add(task: CooperativeTask<unknown>): void {
    this.#tasks.push(task);
    if (this.#stopped) {
      completeTask(task, new SchedulerStopped(), new Failure(new SchedulerStopped()));
    } else {
      this.#reschedule();
    }
  }

  #remove(task: CooperativeTask<unknown>): void {
    const index = this.#tasks.indexOf(task);
    if (index !== -1) this.#tasks.splice(index, 1);
    if (this.#tasks.length === 0) this.#cancelTick();
  }

  #cancelTick(): void {
    const call = this.#delayedCall;
    this.#delayedCall = null;
    if (call !== null) call.cancel();
  }

  /** One tick: units of work, round-robin, until the predicate says stop or no task is left. */
  #tick(): void {
    this.#delayedCall = null;
    const terminate = this.#terminationPredicateFactory();
    if (typeof terminate !== 'function') {
      throw new TypeError(`Cooperator: the terminationPredicateFactory returned ${describeValue(terminate)}, not a function`);
    }
    ticking: while (this.#tasks.length > 0) {
      for (let next = this.#round.next(); next.done !== true; next = this.#round.next()) {
        workOnce(next.value);
        if (terminate()) break ticking;
      }
      this.#round = this.#tasks[Symbol.iterator]();
    }
    this.#reschedule();
  }

  #reschedule(): void {
    if (!this.#started) {
      this.#mustScheduleOnStart = true;
      return;
    }
    if (this.#delayedCall === null && this.#tasks.length > 0) {
      this.#delayedCall = this.#scheduler(() => {
        this.#tick();
      });
    }
  }

  static #init = /*#__PURE__*/ (() => {
    addTask = (cooperator, task) => {
      cooperator.#add(task);
    };
    removeTask = (cooperator, task) => {
      cooperator.#remove(task);
    };
  })();
}

/** The `scheduler` option as Twisted's one-argument form. */
function stepScheduler(scheduler: Scheduler | StepScheduler | undefined): StepScheduler {
  if (scheduler === undefined) return (step) => realTimeScheduler.callLater(EPSILON, step);
  if (typeof scheduler === 'function') return scheduler;
  if (typeof (scheduler as Partial<Scheduler> | null)?.callLater === 'function') {
    return (step) => scheduler.callLater(EPSILON, step);
  }
  throw new TypeError(
    `new Cooperator: \`scheduler\` must be a Scheduler (a Clock) or a function that schedules a step, got ${describeValue(scheduler)}`,
  );
}

/** The default termination predicate factory: each tick may run for MAX_SLICE seconds of real time. */
function timeSlice(): () => boolean {
  const end = realTimeScheduler.seconds() + MAX_SLICE;
  return () => realTimeScheduler.seconds() >= end;
}

function requireIterator(iterator: unknown, where: string): void {
  let next: unknown;
  try {
    next = (iterator as { next?: unknown } | null | undefined)?.next;
  } catch {
    next = undefined;
  }
  if (typeof next === 'function') return;
  let hint = '';
  try {
    if (typeof (iterator as { [Symbol.iterator]?: unknown } | null | undefined)?.[Symbol.iterator] === 'function') {
      hint = ' (this is iterable, not an iterator: pass its iterator, e.g. array.values())';
    }
  } catch {
    // described as it is
  }
  throw new TypeError(`${where}: \`iterator\` must be an iterator (an object with a next() method), got ${describeValue(iterator)}${hint}`);
}

/** The Cooperator behind `cooperate` and `coiterate`, made when first needed (no top-level effect). */
let theCooperator: Cooperator | undefined;

function globalCooperator(): Cooperator {
  return (theCooperator ??= new Cooperator());
}

/**
 * Run `iterator` as a task of the global Cooperator (real time, 10 ms slices) and return
 * the task (Twisted's `task.cooperate`).
 */
export function cooperate<T>(iterator: Iterator<T>): CooperativeTask<T> {
  requireIterator(iterator, 'cooperate');
  return globalCooperator().cooperate(iterator);
}

/**
 * Run `iterator` as a task of the global Cooperator and return a Deferred that fires with
 * the iterator when it is exhausted (Twisted's `task.coiterate`).
 *
 * @example
 * ```ts
 * function* work() {
 *   for (let i = 0; i < 3; i += 1) yield deferLater(realTimeScheduler, 0.01);
 * }
 * coiterate(work()).addCallback(() => console.log('finished'));
 * ```
 */
export function coiterate<T>(iterator: Iterator<T>): Deferred<Iterator<T>> {
  requireIterator(iterator, 'coiterate');
  return globalCooperator().coiterate(iterator);
}
