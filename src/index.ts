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
  DeferredListEntries,
  DeferredListResult,
  DeferredListResultList,
  DeferredListValue,
  FireOnOneCallbackResult,
  NoDeferredListOptions,
} from './combine/deferred-list.js';
export { gatherResults } from './combine/gather-results.js';
export type { GatherResultsOptions } from './combine/gather-results.js';
export { race } from './combine/race.js';
export type { RaceResult } from './combine/race.js';
export { FailureGroup, FirstError } from './combine/errors.js';
export type { DeferredValue } from './combine/inputs.js';

/* the source posts: combining and observing (txdlo, jQuery-when2) */
export { DeferredListObserver } from './combine/observer.js';
export type { DeferredListObserverOptions, DeferredObserverFn, ObserveOptions, ObservedEvent } from './combine/observer.js';
export { NoHistoryError } from './combine/errors.js';
export { when2 } from './combine/when2.js';
export type { FirstSuccessOption, When2Entries, When2EntriesOf, When2FirstSuccess, When2Options, When2Result, When2Value } from './combine/when2.js';

/* twisted.internet.defer: generators and coroutines */
export { inlineCallbacks } from './generators/inline-callbacks.js';
export { altInlineCallbacks } from './generators/alt-inline-callbacks.js';
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
/* (from the source posts: txrdq's priority queue) */
export { DeferredPriorityQueue } from './sync/priority-queue.js';

/* the source posts: asynchronous data structures */
export { DeferredDict } from './structures/dict.js';
export { DeferredPool } from './structures/pool.js';
export { memoize } from './structures/memoize.js';
export type { Memoized, MemoizeOptions } from './structures/memoize.js';
export { ResizableDispatchQueue } from './structures/dispatch-queue.js';
export type { JobFunction, ResizableDispatchQueueOptions } from './structures/dispatch-queue.js';
export { Job } from './structures/job.js';
export type { JobState } from './structures/job.js';
export { JobFailed, JobNotPending, QueueStopped } from './structures/errors.js';

/* patterns from the source posts (the decorators have their own entry: txdefer/decorators) */
export { RetryingCall } from './patterns/retrying-call.js';
export type { FailureTester, RetryingCallOptions } from './patterns/retrying-call.js';
export { simpleBackoffIterator } from './patterns/simple-backoff-iterator.js';
export type { SimpleBackoffOptions } from './patterns/simple-backoff-iterator.js';
export { ControllableDeferred } from './patterns/controllable-deferred.js';
export { DeferredParallelCommandExecutor } from './patterns/parallel-executor.js';
export { strictChainDeferred } from './patterns/strict-chain-deferred.js';
export { queueUntilReady } from './patterns/queue-until-ready.js';
export type { DeferredMethods } from './patterns/queue-until-ready.js';
export { instantiate } from './patterns/instantiate.js';
export type { DeferredInit, InitResult } from './patterns/instantiate.js';
export {
  AlreadyChainedError,
  NoAttemptsError,
  NoFunctionsRegisteredError,
  ParallelCommandException,
} from './patterns/errors.js';

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
