/**
 * The errors of the Cooperator (twisted.internet.task): `SchedulerError` and its
 * subclasses, in Twisted's hierarchy.
 *
 *   SchedulerError
 *     SchedulerStopped    the Cooperator was stopped (before or while the task ran)
 *     TaskFinished        the task can do no more work:
 *       TaskDone            its iterator is exhausted
 *       TaskStopped         `stop()` was called on it
 *       TaskFailed          its iterator threw, or a Deferred it yielded failed
 *     NotPaused           `resume()` on a task that is not paused
 *
 * Twisted's are raised without a message; these say what happened. Each class carries
 * the core's `ERROR_NAME` tag, so `Failure.check` matches it against the same class from
 * another copy of txdefer (ESM beside CJS).
 */
import { brandError } from '../core/errors.js';

/** A Cooperator or one of its tasks was in a state that does not allow the operation. */
export class SchedulerError extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'SchedulerError');
  constructor(message = 'the Cooperator or its task cannot do this now') {
    super(message);
  }
}

/** The Cooperator was stopped: its tasks' `whenDone()` Deferreds fail with this. */
export class SchedulerStopped extends SchedulerError {
  static #branded = /*#__PURE__*/ brandError(this, 'SchedulerStopped');
  constructor(message = 'the Cooperator was stopped') {
    super(message);
  }
}

/** The task has finished (done, stopped or failed): it cannot be paused or stopped any more. */
export class TaskFinished extends SchedulerError {
  static #branded = /*#__PURE__*/ brandError(this, 'TaskFinished');
  constructor(message = 'the task has finished') {
    super(message);
  }
}

/** The task's iterator is exhausted. */
export class TaskDone extends TaskFinished {
  static #branded = /*#__PURE__*/ brandError(this, 'TaskDone');
  constructor(message = 'the task is done: its iterator is exhausted') {
    super(message);
  }
}

/** The task was stopped by `stop()`: its `whenDone()` Deferreds fail with this. */
export class TaskStopped extends TaskFinished {
  static #branded = /*#__PURE__*/ brandError(this, 'TaskStopped');
  constructor(message = 'the task was stopped') {
    super(message);
  }
}

/** The task's iterator threw, or a Deferred it yielded failed. */
export class TaskFailed extends TaskFinished {
  static #branded = /*#__PURE__*/ brandError(this, 'TaskFailed');
  constructor(message = 'the task failed: its iterator threw, or a Deferred it yielded failed') {
    super(message);
  }
}

/** `resume()` was called on a task that was not paused. */
export class NotPaused extends SchedulerError {
  static #branded = /*#__PURE__*/ brandError(this, 'NotPaused');
  constructor(message = 'resume() was called on a task that is not paused') {
    super(message);
  }
}
