/**
 * txdefer: Twisted's Deferred for TypeScript.
 *
 * The public names, grouped as Twisted's `__all__` groups them. Nothing is exported
 * from here by accident: each name below is documented in docs/ and covered by spec/.
 */

/* twisted.internet.defer: the Deferred and ready-made ones */
export { CONTINUE, Deferred, isDeferred, passthru, succeed } from './core/deferred.js';
export type { CallbackEntry, CallbackPair, Canceller, Unwrap } from './core/deferred.js';
export { execute, fail, maybeDeferred } from './core/interop.js';
export type { MaybeDeferredResult } from './core/interop.js';

export type { IDelayedCall, Scheduler } from './core/scheduler.js';
export type { OnTimeoutCancel } from './core/timeout.js';

/* twisted.internet.defer: combining Deferreds */
export { DeferredList, FAILURE, SUCCESS } from './combine/deferred-list.js';
export type {
  DeferredListEntry,
  DeferredListOptions,
  DeferredListResult,
  DeferredListResultList,
  FireOnOneCallbackResult,
  NoDeferredListOptions,
} from './combine/deferred-list.js';
export { gatherResults } from './combine/gather-results.js';
export type { GatherResultsOptions } from './combine/gather-results.js';
export { race } from './combine/race.js';
export type { RaceResult } from './combine/race.js';
export { FailureGroup, FirstError } from './combine/errors.js';
export type { DeferredValue } from './combine/inputs.js';

/* twisted.internet.defer: generators and coroutines */
export { inlineCallbacks } from './generators/inline-callbacks.js';
export { ensureDeferred, fromCoroutine } from './generators/ensure-deferred.js';
export { NotACoroutineError } from './core/errors.js';
export type { Drivable } from './core/driver.js';

/* twisted.internet.defer: synchronisation */
export { DeferredLock } from './sync/lock.js';
export { DeferredSemaphore } from './sync/semaphore.js';
export { DeferredQueue } from './sync/queue.js';
export type { DeferredQueueOptions } from './sync/queue.js';
export type { ConcurrencyPrimitive } from './sync/primitive.js';
export { OverReleaseError, QueueOverflow, QueueUnderflow } from './sync/errors.js';

/* twisted.internet.task: time */
export { Clock } from './time/clock.js';
export { DelayedCall } from './time/delayed-call.js';
export { deferLater } from './time/defer-later.js';
export { LoopingCall } from './time/looping-call.js';
export { RealTimeScheduler, realTimeScheduler } from './time/real-scheduler.js';

/* twisted.internet.task: cooperative multitasking */
export { Cooperator, CooperativeTask, coiterate, cooperate } from './time/cooperator.js';
export type { CooperatorOptions, StepScheduler } from './time/cooperator.js';
export { NotPaused, SchedulerError, SchedulerStopped, TaskDone, TaskFailed, TaskFinished, TaskStopped } from './time/cooperator-errors.js';

/* twisted.internet.error: a delayed call that is no longer scheduled */
export { AlreadyCalled, AlreadyCancelled } from './time/errors.js';

/* twisted.internet.defer: exceptions */
export { AlreadyCalledError, CancelledError, NoCurrentExceptionError, TimeoutError } from './core/errors.js';

/* twisted.python.failure */
export { Failure, isFailure } from './core/failure.js';
export type { ErrorType } from './core/failure.js';

/* debugging and unhandled-failure reporting */
export { getDebugging, setDebugging } from './core/debug.js';
export {
  captureUnhandledErrors,
  getUnhandledErrorHandler,
  logError,
  logFailure,
  reportUnhandledFailure,
  setUnhandledErrorHandler,
  UnhandledErrorLog,
} from './core/unhandled.js';
export type { UnhandledErrorHandler, UnhandledErrorReport } from './core/unhandled.js';
