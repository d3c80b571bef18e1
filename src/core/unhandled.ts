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
import type { ErrorType, Failure } from './failure.js';

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

/** Send one unhandled failure to the handler now, as the garbage-collection report does. */
export function reportUnhandledFailure(failure: Failure, debugInfo = ''): void {
  deliver(failure, 'Unhandled error in Deferred:', debugInfo);
}

/**
 * Send a failure to the same handler with a heading of your own: how the library
 * reports errors it caught and could not hand to anyone (Twisted logs these with
 * `log.failure(heading)`, e.g. "Exception raised from user supplied canceller").
 */
export function logFailure(failure: Failure, heading: string): void {
  deliver(failure, heading, '');
}

/**
 * Twisted's `logError`: report the failure (heading "Unhandled Error") and return it
 * unchanged, so as an errback it leaves the chain failed.
 */
export function logError(failure: Failure): Failure {
  deliver(failure, 'Unhandled Error', '');
  return failure;
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
 * `failResult`.
 */
export function rememberUnhandled(deferred: object, info: DebugInfo, failure: Failure): void {
  if (info.failResult !== failure) {
    info.failResult = failure;
    detachStack(failure.value);
  }
  if (info.tracked) return;
  info.tracked = true;
  registry?.register(deferred, info);
}

/**
 * V8 keeps an Error's call frames, receivers included, until its `stack` is first
 * read; one of those receivers is the Deferred whose chain caught it. Reading the
 * stack turns it into a string, so the record kept for the report does not keep
 * the Deferred alive (which would mean it is never collected, and never reported).
 */
function detachStack(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  try {
    void (value as { stack?: unknown }).stack;
  } catch {
    // A value whose `stack` getter throws has no frames to keep alive.
  }
}

/**
 * Collects unhandled-failure reports instead of printing them, for tests (the
 * counterpart of trial's `flushLoggedErrors`). Create one with
 * `captureUnhandledErrors()`; call `stop()` to put the previous handler back.
 */
export class UnhandledErrorLog {
  /** The reports received and not yet flushed, oldest first. */
  readonly reports: UnhandledErrorReport[] = [];
  readonly #previous: UnhandledErrorHandler;
  #stopped = false;

  constructor() {
    this.#previous = setUnhandledErrorHandler((report) => {
      this.reports.push(report);
    });
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

  /** Stop collecting and restore the handler that was in place before. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    setUnhandledErrorHandler(this.#previous);
  }
}

/** Start collecting unhandled-failure reports (see `UnhandledErrorLog`). */
export function captureUnhandledErrors(): UnhandledErrorLog {
  return new UnhandledErrorLog();
}

