/**
 * Job (txrdq's job.py): one piece of work in a ResizableDispatchQueue, from `put` to
 * its end. What the queue's user reads: the argument, the priority, the state, the
 * times (from the queue's clock), and the result or failure.
 *
 *     pending ──> underway ──> finished
 *        │            ├──────> failed
 *        └────────────┴──────> cancelled
 *
 * Jobs are made by `ResizableDispatchQueue.put`, never directly. The queue keeps a
 * job's working parts (its place in the heap, the function's Deferred, put's
 * Deferred) in a record beside it, and lets go of them when the job ends, so a
 * finished job the user keeps holds its result and times, and nothing of the queue.
 */
import type { Deferred } from '../core/deferred.js';
import type { Failure } from '../core/failure.js';
import { repr } from '../core/repr.js';
import { inspectAsString } from '../core/symbol-method.js';
import type { Orderable } from '../sync/heap.js';

/** Where a job is in its life. */
export type JobState = 'pending' | 'underway' | 'finished' | 'failed' | 'cancelled';

/** The queue's side of a job: its working parts, dropped when the job ends. It is its own entry in the pending heap. */
export class JobRecord<A, R> implements Orderable {
  state: JobState = 'pending';
  startedAt: number | undefined = undefined;
  stoppedAt: number | undefined = undefined;
  result: R | undefined = undefined;
  failure: Failure | undefined = undefined;
  /** The job's place in the pending heap (-1 when not in it), and its order among equal priorities. */
  index = -1;
  seq = 0;
  /** The Job this record is the inside of. */
  job: Job<A, R> | null = null;
  /** What the function returned (as a Deferred), while underway. */
  underlying: Deferred<unknown> | null = null;
  /** The Deferred `put` returned, until the job ends. */
  done: Deferred<Job<A, R>> | null = null;
  /** How to cancel the job, until it ends. */
  cancel: ((job: Job<A, R>) => void) | null = null;
  /** The queue the job is in, until it ends or is handed back by `stop()`. */
  owner: object | null = null;

  constructor(
    readonly arg: A,
    public priority: number,
    readonly queuedAt: number,
  ) {}
}

/** Passed by the queue to the constructor: a Job is never made from outside. */
const MADE_BY_QUEUE: unique symbol = Symbol('made by ResizableDispatchQueue');

/** For the queue: a new Job over `record`. */
export let makeJob: <A, R>(record: JobRecord<A, R>) => Job<A, R>;
/** For the queue: the record of a Job it made, or undefined for anything else. */
export let recordOf: <A, R>(job: Job<A, R>) => JobRecord<A, R> | undefined;

/**
 * One job of a ResizableDispatchQueue: its argument and priority, its state, the times it
 * was queued, started and stopped (on the queue's clock), and its result or failure.
 * Made by the queue's `put`, never by users.
 */
export class Job<A = unknown, R = unknown> {
  readonly #record: JobRecord<A, R>;

  /** Jobs are made by `ResizableDispatchQueue.put`: this constructor refuses anyone else. */
  constructor(token: never, record: never) {
    if ((token as unknown) !== MADE_BY_QUEUE) {
      throw new TypeError('new Job(): jobs are made by ResizableDispatchQueue.put(arg, priority), not directly');
    }
    this.#record = record as JobRecord<A, R>;
  }

  /** The argument the queue's function is (or was, or will be) called with. */
  get arg(): A {
    return this.#record.arg;
  }

  /** The job's priority: lower runs first (changed by `reprioritize`). */
  get priority(): number {
    return this.#record.priority;
  }

  /** `"pending"`, `"underway"`, `"finished"`, `"failed"` or `"cancelled"`. */
  get state(): JobState {
    return this.#record.state;
  }

  /** When `put` queued the job, in the clock's seconds. */
  get queuedAt(): number {
    return this.#record.queuedAt;
  }

  /** When the function was called, or `undefined` if it has not been (pending, or cancelled while pending). */
  get startedAt(): number | undefined {
    return this.#record.startedAt;
  }

  /** When the job finished, failed or was cancelled, or `undefined` while it has not ended. */
  get stoppedAt(): number | undefined {
    return this.#record.stoppedAt;
  }

  /** The function's result, once `state` is `"finished"`. */
  get result(): R | undefined {
    return this.#record.result;
  }

  /** The function's Failure, once `state` is `"failed"`. */
  get failure(): Failure | undefined {
    return this.#record.failure;
  }

  /**
   * Cancel the job, as cancelling put's Deferred does: a pending job is taken out of the
   * queue, an underway one has its function's Deferred cancelled and its place freed.
   * put's Deferred fails with `JobFailed` (state `"cancelled"`). A job that has ended is
   * left as it is.
   */
  cancel(): void {
    this.#record.cancel?.(this);
  }

  /** The argument, short (for messages). */
  describeArg(): string {
    const text = repr(this.#record.arg);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  }

  /** `<Job 'arg' pending, priority 0>`: the argument (short), the state and the priority. */
  toString(): string {
    return `<Job ${this.describeArg()} ${this.#record.state}, priority ${this.#record.priority}>`;
  }

  /** What `console.log` (Node's `util.inspect`) shows: the same as `toString()`. */
  static #inspect = /*#__PURE__*/ inspectAsString(this);

  // A static field annotated as pure rather than a static block (which bundlers must
  // keep): it sets the module-level helpers above, which need the private field.
  static #init = /*#__PURE__*/ (() => {
    makeJob = <A, R>(record: JobRecord<A, R>): Job<A, R> => {
      const job = new Job<A, R>(MADE_BY_QUEUE as never, record as never);
      record.job = job;
      return job;
    };
    recordOf = <A, R>(job: Job<A, R>): JobRecord<A, R> | undefined => (#record in job ? job.#record : undefined);
  })();
}
