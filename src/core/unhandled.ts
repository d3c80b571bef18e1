/**
 * Reporting failures that nobody handled ("Unhandled error in Deferred:").
 *
 * As in Twisted, a Deferred whose chain ends holding a Failure, and that is then
 * garbage-collected with that Failure still there, is reported. The report goes to a
 * handler the user can replace (the default writes to the console). JavaScript has
 * no deterministic finalisation: reports arrive some time after the Deferred became
 * unreachable, when the engine's FinalizationRegistry calls back.
 *
 * The registry holds the Deferred's DebugInfo, never the Deferred itself, so the
 * record survives the Deferred and can say what was left unhandled.
 */
import type { DebugInfo } from './debug.js';
import { type ErrorType, Failure, isFailure } from './failure.js';
import { describeValue } from './repr.js';

/** One unhandled (or logged) failure, as given to the handler. */
export interface UnhandledErrorReport {
  /** The Failure the Deferred's chain ended with (or the one logged). */
  readonly failure: Failure;
  /** The report's first line: "Unhandled error in Deferred:", or what `logFailure` was told. */
  readonly heading: string;
  /** Where the Deferred was created and first fired, when debug mode recorded it; else ''. */
  readonly debugInfo: string;
  /** The whole report as text: "Unhandled error in Deferred:", the debug info, the traceback. */
  readonly message: string;
}

/** Receives each unhandled failure. */
export type UnhandledErrorHandler = (report: UnhandledErrorReport) => void;

declare const console: { error(...args: unknown[]): void };

const defaultHandler: UnhandledErrorHandler = (report) => {
  console.error(report.message);
};

let handler: UnhandledErrorHandler = defaultHandler;

/**
 * Replace the handler that receives unhandled failures; with no argument, restore
 * the default (which writes to the console). Returns the handler that was in place.
 */
export function setUnhandledErrorHandler(newHandler?: UnhandledErrorHandler): UnhandledErrorHandler {
  if (newHandler !== undefined && typeof newHandler !== 'function') {
    throw new TypeError(`setUnhandledErrorHandler: \`handler\` must be a function or undefined, got ${typeof newHandler}`);
  }
  const previous = handler;
  handler = newHandler ?? defaultHandler;
  return previous;
}

/** The handler currently receiving unhandled failures. */
export function getUnhandledErrorHandler(): UnhandledErrorHandler {
  return handler;
}

/**
 * Send one unhandled failure to the handler now, as the garbage-collection report does.
 * A value that is not a Failure (an Error, say) is wrapped in one first.
 */
export function reportUnhandledFailure(failure: Failure | unknown, debugInfo = ''): void {
  if (typeof debugInfo !== 'string') {
    throw new TypeError(`reportUnhandledFailure: \`debugInfo\` must be a string, got ${describeValue(debugInfo)}`);
  }
  deliver(asFailure(failure), 'Unhandled error in Deferred:', debugInfo);
}

/**
 * Send a failure to the same handler with a heading of your own: how the library
 * reports errors it caught and could not hand to anyone (Twisted logs these with
 * `log.failure(heading)`, e.g. "Exception raised from user supplied canceller").
 * A value that is not a Failure (an Error, say) is wrapped in one first, as Twisted's
 * `log.err` wraps an exception.
 */
export function logFailure(failure: Failure | unknown, heading: string): void {
  if (typeof heading !== 'string') {
    throw new TypeError(`logFailure: \`heading\` must be a string, got ${describeValue(heading)}`);
  }
  deliver(asFailure(failure), heading, '');
}

/**
 * Twisted's `logError`: report the failure (heading "Unhandled Error") and return it
 * unchanged, so as an errback it leaves the chain failed. Given a value that is not a
 * Failure, it reports (and returns) a Failure wrapping it.
 */
export function logError(failure: Failure | unknown): Failure {
  const wrapped = asFailure(failure);
  deliver(wrapped, 'Unhandled Error', '');
  return wrapped;
}

/** `value` if it is a Failure (of any copy of txdefer), else a new Failure wrapping it. */
function asFailure(value: unknown): Failure {
  return isFailure(value) ? value : new Failure(value);
}

function deliver(failure: Failure, heading: string, debugInfo: string): void {
  const debugLine = debugInfo === '' ? '' : `(debug: ${debugInfo})\n`;
  let traceback: string;
  try {
    traceback = failure.getTraceback();
  } catch (error) {
    traceback = `(the failure's traceback could not be printed: ${String(error)})\n`;
  }
  const message = `${heading}\n${debugLine}${traceback}`;
  try {
    handler({ failure, heading, debugInfo, message });
  } catch (error) {
    // A broken handler must not lose the report, nor throw from the engine's finaliser.
    console.error(message);
    console.error('(and the unhandled-error handler itself threw:', error, ')');
  }
}

// Annotated as pure: making the registry has no effect of its own, so bundlers can leave it out
// with everything else here when nothing uses rememberUnhandled.
const registry: FinalizationRegistry<DebugInfo> | undefined =
  typeof FinalizationRegistry === 'function' ? /*#__PURE__*/ new FinalizationRegistry<DebugInfo>(reportIfStillUnhandled) : undefined;

function reportIfStillUnhandled(info: DebugInfo): void {
  const failure = info.failResult;
  if (failure === undefined) return;
  info.failResult = undefined;
  reportUnhandledFailure(failure, info.describe());
}

/**
 * Note that `deferred`'s chain has ended holding `failure`: when the Deferred is
 * garbage-collected, report the failure if `info.failResult` still holds it then.
 * Each Deferred is registered at most once; handling its failure later only clears
 * `failResult` (forgetUnhandled).
 */
export function rememberUnhandled(deferred: object, info: DebugInfo, failure: Failure): void {
  if (info.failResult !== failure) {
    info.failResult = failure;
    detachStacks(failure);
  }
  if (info.tracked) return;
  info.tracked = true;
  registry?.register(deferred, info);
}

/** The failure recorded in `info` has been handled: nothing is to be reported for it. */
export function forgetUnhandled(info: DebugInfo): void {
  info.failResult = undefined;
}

/** How many objects detachStacks looks at, at most, for one failure. */
const DETACH_LIMIT = 10_000;

/**
 * V8 keeps an Error's call frames, receivers included, until its `stack` is first
 * read; one of those receivers is often the Deferred whose chain caught it. The record
 * kept for the report holds the failure, so any such Error reachable from it would keep
 * the Deferred alive: it would never be collected, and never reported. So every Error
 * reachable from the failure has its `stack` read (which turns the frames into text),
 * whatever the shape of the graph: `cause`, `AggregateError.errors`, FirstError's
 * `subFailure`, FailureGroup's `failures`, a Failure's `value`, an error kept in a
 * plain object or an array, and cycles among them. Only own data properties are
 * followed (no getter is called), through Errors, Failures, arrays and plain objects,
 * and at most DETACH_LIMIT objects.
 */
function detachStacks(failure: Failure): void {
  const seen = new Set<object>();
  const pending: unknown[] = [failure.value];
  while (pending.length > 0 && seen.size < DETACH_LIMIT) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    try {
      if (!isWalkable(value)) continue;
      void (value as { stack?: unknown }).stack;
      for (const key of Reflect.ownKeys(value)) {
        const property = Object.getOwnPropertyDescriptor(value, key);
        if (property !== undefined && 'value' in property) pending.push(property.value);
      }
    } catch {
      // A value that throws when looked at (a revoked Proxy) holds no frames we can free.
    }
  }
}

/** Whether detachStacks looks inside `value`: an Error (of any realm), a Failure, an array or a plain object. */
function isWalkable(value: object): boolean {
  if (value instanceof Error || Array.isArray(value) || isFailure(value)) return true;
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto === null || proto === Object.prototype) return true;
  return Object.prototype.toString.call(value) === '[object Error]'; // an Error from another realm
}

/**
 * Collects unhandled-failure reports instead of printing them, for tests (the
 * counterpart of trial's `flushLoggedErrors`). Create one with
 * `captureUnhandledErrors()`; call `stop()` to put the previous handler back.
 */
export class UnhandledErrorLog {
  /** The reports received and not yet flushed, oldest first. */
  readonly reports: UnhandledErrorReport[] = [];
  /** The handler that was in place when this log started (or, after an inner log stopped out of order, the one to restore). */
  #previous: UnhandledErrorHandler;
  readonly #handler: UnhandledErrorHandler;
  #stopped = false;

  constructor() {
    this.#handler = (report) => {
      this.reports.push(report);
    };
    this.#previous = setUnhandledErrorHandler(this.#handler);
    activeLogs.push(this);
  }

  /**
   * Remove and return the collected failures whose value matches one of `errorTypes`
   * (all of them when no type is given), oldest first.
   */
  flush(...errorTypes: ErrorType[]): Failure[] {
    const flushed: Failure[] = [];
    for (let i = 0; i < this.reports.length; ) {
      const report = this.reports[i] as UnhandledErrorReport;
      if (errorTypes.length === 0 || report.failure.check(...errorTypes) !== undefined) {
        flushed.push(report.failure);
        this.reports.splice(i, 1);
      } else {
        i += 1;
      }
    }
    return flushed;
  }

  /**
   * Stop collecting. Logs may be stopped in any order: when this one is the handler in
   * place, the handler it replaced comes back; when a log started after it is in place,
   * that log will restore, when it stops, what this one replaced. Either way, once
   * every log is stopped, the handler from before the first is back.
   */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    activeLogs.splice(activeLogs.indexOf(this), 1);
    if (handler === this.#handler) {
      setUnhandledErrorHandler(this.#previous);
      return;
    }
    // Not the handler in place: hand what this log replaced to the log that replaced it.
    for (const log of activeLogs) {
      if (log.#previous === this.#handler) log.#previous = this.#previous;
    }
  }
}

/** The logs started and not yet stopped, in the order they started. */
const activeLogs: UnhandledErrorLog[] = [];

/** Start collecting unhandled-failure reports (see `UnhandledErrorLog`). */
export function captureUnhandledErrors(): UnhandledErrorLog {
  return new UnhandledErrorLog();
}

