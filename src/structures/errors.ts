/**
 * The errors of the structures room.
 *
 * `QueueStopped` is txrdq's class: `put` or `resume` on a ResizableDispatchQueue after
 * `stop()`. `JobFailed` is what a put's Deferred fails with when its job failed or was
 * cancelled: txrdq failed it with the Job itself as the failure's value; here the value
 * is an Error (with a message and a stack) that carries the Job. `JobNotPending` is
 * txrdq's KeyError/RuntimeError from `reprioritize`: the job is not waiting in this queue.
 *
 * Each class carries the core's `ERROR_NAME` tag, so `Failure.check` matches it
 * against the same class from another copy of txdefer (ESM beside CJS).
 */
import { brandError } from '../core/errors.js';
import type { Job } from './job.js';

/** The ResizableDispatchQueue has been stopped: it takes no more jobs and does not resume. */
export class QueueStopped extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'QueueStopped');
  constructor(message = 'the ResizableDispatchQueue has been stopped') {
    super(message);
  }
}

/**
 * A job failed (`job.state` is `"failed"`, `job.failure` holds the function's Failure)
 * or was cancelled (`job.state` is `"cancelled"`). `job` is the Job, with its argument
 * and times.
 */
export class JobFailed extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'JobFailed');
  /** The job that failed or was cancelled. */
  readonly job: Job<unknown, unknown>;

  constructor(job: Job<unknown, unknown>) {
    const why = job.state === 'cancelled' ? 'was cancelled' : `failed: ${job.failure?.getErrorMessage() ?? 'no failure recorded'}`;
    super(`job ${job.describeArg()} ${why}`);
    this.job = job;
  }
}

/** `reprioritize` was given a job that is not pending in this queue (underway, done, or another queue's). */
export class JobNotPending extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'JobNotPending');
}
