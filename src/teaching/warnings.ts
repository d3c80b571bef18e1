/**
 * Teaching warnings: opt-in notes about chains that do something legal but often
 * unintended, for people learning how callback chains behave. Off by default; on with
 * `enableTeachingWarnings()`, which returns the function that turns them off again.
 *
 * What is warned of:
 *   - `errback-returned`: an errback returned normally, so the chain went back to the
 *     callbacks (Twisted's rule: an errback that returns a value recovers). Often a
 *     forgotten re-raise.
 *   - `callback-after-chain`: a callback was added after `chainDeferred(other)`: the link
 *     leaves this Deferred's result `undefined`, so that callback will see `undefined`.
 *   - `yielded-twice`: inlineCallbacks was given the same Deferred twice: the first yield
 *     took its result, the second gets `undefined`.
 *   - `failure-at-exit`: when the program ends (Node's `exit` event, or a call of
 *     `checkTeachingWarnings()`), a Deferred seen while warnings were on holds a Failure
 *     at the end of its chain.
 *   - `fired-from-own-chain`: `callback()`/`errback()` was called on a Deferred from
 *     inside one of its own callbacks: it has fired already (AlreadyCalledError); return
 *     the value instead.
 *
 * Warnings go to the unhandled-error channel (the handler `setUnhandledErrorHandler`
 * sets, heading "Teaching warning (KIND):"), or to a handler of their own.
 */
import { identify } from '../core/deferred.js';
import { brandError } from '../core/errors.js';
import { describeValue } from '../core/repr.js';
import { type Deferred, Failure, isDeferred, isFailure, logFailure } from '../index.js';
import type { CancelState } from '../core/observer.js';
import { describeForTrace } from './describe.js';
import type { FunctionName } from './records.js';
import { attachSink, detach, type PairInfo, type TraceSink } from './trace.js';

/** The kinds of teaching warning. */
export type TeachingWarningKind = 'errback-returned' | 'callback-after-chain' | 'yielded-twice' | 'failure-at-exit' | 'fired-from-own-chain';

/** One teaching warning: an Error, so that it can travel the unhandled-error channel as a Failure. */
export class TeachingWarning extends Error {
  /** What was noticed. */
  readonly kind: TeachingWarningKind;
  /** The number of the Deferred concerned (as in `<Deferred #3>`). */
  readonly deferred: number;

  constructor(kind: TeachingWarningKind, deferred: number, message: string) {
    super(message);
    this.kind = kind;
    this.deferred = deferred;
  }

  static #branded = /*#__PURE__*/ brandError(this, 'TeachingWarning');
}

/** Options of `enableTeachingWarnings`. */
export interface TeachingWarningOptions {
  /** Receives each warning; without it they go to the unhandled-error channel. */
  readonly handler?: (warning: TeachingWarning) => void;
}

declare const process: { once?(event: string, listener: () => void): unknown; removeListener?(event: string, listener: () => void): unknown } | undefined;

/** The warnings that are on (several may be, each with its handler). */
const enabled = new Set<Watcher>();

/** Turn teaching warnings on; returns the function that turns them off (calling it again does nothing). */
export function enableTeachingWarnings(options: TeachingWarningOptions = {}): () => void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`enableTeachingWarnings: \`options\` must be an object, got ${describeValue(options)}`);
  }
  const handler = options.handler;
  if (handler !== undefined && typeof handler !== 'function') {
    throw new TypeError(`enableTeachingWarnings: \`handler\` must be a function, got ${describeValue(handler)}`);
  }
  const watcher = new Watcher(handler ?? toUnhandledChannel);
  enabled.add(watcher);
  attachSink(watcher);
  const atExit = (): void => {
    watcher.checkAtExit();
  };
  if (typeof process === 'object' && typeof process.once === 'function') process.once('exit', atExit);
  return () => {
    if (!enabled.delete(watcher)) return;
    detach(watcher);
    if (typeof process === 'object' && typeof process.removeListener === 'function') process.removeListener('exit', atExit);
  };
}

/**
 * Warn now of every Deferred seen while warnings were on that holds a Failure at the end
 * of its chain (what happens by itself at exit in Node): for a browser, or a test.
 */
export function checkTeachingWarnings(): void {
  for (const watcher of enabled) watcher.checkAtExit();
}

function toUnhandledChannel(warning: TeachingWarning): void {
  logFailure(new Failure(warning), `Teaching warning (${warning.kind}):`);
}

/** What one `enableTeachingWarnings()` watches. */
class Watcher implements TraceSink {
  readonly #warn: (warning: TeachingWarning) => void;
  /** Each Deferred's step in progress: whether it came in failed, and the function's name. */
  readonly #open = new Map<Deferred<unknown>, { failed: boolean; fn: FunctionName }>();
  /** Deferreds that have had a chainDeferred link added. */
  readonly #linked = new WeakMap<Deferred<unknown>, number>();
  /** Deferreds given to inlineCallbacks by a yield. */
  readonly #yielded = new WeakSet<Deferred<unknown>>();
  /** Deferreds whose chain ended holding a Failure (checked at exit, if still alive). */
  readonly #failing = new Set<WeakRef<Deferred<unknown>>>();
  readonly #failingRefs = new WeakMap<Deferred<unknown>, WeakRef<Deferred<unknown>>>();

  constructor(warn: (warning: TeachingWarning) => void) {
    this.#warn = warn;
  }

  #say(kind: TeachingWarningKind, deferred: Deferred<unknown>, message: string): void {
    this.#warn(new TeachingWarning(kind, identify(deferred), message));
  }

  onAdded(deferred: Deferred<unknown>, info: PairInfo): void {
    if (info.role === 'chain' && info.target !== undefined) {
      this.#linked.set(deferred, identify(info.target));
      return;
    }
    const target = this.#linked.get(deferred);
    if (target !== undefined && info.role === 'pair' && info.callback !== null) {
      this.#say(
        'callback-after-chain',
        deferred,
        `${name(deferred)}: callback ${info.callback} was added after chainDeferred(<Deferred #${target}>): ` +
          'the link hands the result on and leaves undefined here, so this callback will see undefined. ' +
          'Add it to the other Deferred, or before the link.',
      );
    }
  }

  onFired(deferred: Deferred<unknown>, result: unknown): void {
    this.#noteEnd(deferred, result);
  }

  onStepStarted(deferred: Deferred<unknown>, info: PairInfo, failed: boolean, fn: FunctionName): void {
    if (info.role === 'pair') this.#open.set(deferred, { failed, fn });
  }

  onStepEnded(deferred: Deferred<unknown>, _info: PairInfo | undefined, result: unknown, failed: boolean): void {
    const open = this.#open.get(deferred);
    this.#open.delete(deferred);
    this.#noteEnd(deferred, result);
    if (open === undefined || !open.failed || open.fn === null || failed) return;
    if (typeof result === 'object' && result !== null && isDeferred(result)) return; // waiting: not decided yet
    this.#say(
      'errback-returned',
      deferred,
      `${name(deferred)}: errback ${open.fn} returned ${describeForTrace(result).repr} instead of raising, so the ` +
        'chain went back to the callbacks. If it meant to pass the failure on, return the failure or throw.',
    );
  }

  onWaiting(): void {
    // Nothing to warn of.
  }

  onResumed(deferred: Deferred<unknown>, _inner: Deferred<unknown>, result: unknown): void {
    this.#noteEnd(deferred, result);
  }

  onPauseChanged(): void {
    // Nothing to warn of.
  }

  onCancelled(_deferred: Deferred<unknown>, _canceller: FunctionName, _state: CancelState): void {
    // Nothing to warn of.
  }

  onYielded(deferred: Deferred<unknown>, value: unknown): void {
    if (typeof value !== 'object' || value === null || !isDeferred(value)) return;
    if (this.#yielded.has(value)) {
      this.#say(
        'yielded-twice',
        deferred,
        `${name(deferred)}: the generator yielded <Deferred #${identify(value)}> a second time: the first yield took ` +
          'its result, so this one gets undefined. Keep the value the first yield gave.',
      );
    }
    this.#yielded.add(value);
  }

  onRefused(deferred: Deferred<unknown>, open: PairInfo | undefined): void {
    if (open === undefined) return;
    const where = open.role === 'pair' ? ` (in ${open.callback ?? open.errback ?? 'a pass-through'})` : '';
    this.#say(
      'fired-from-own-chain',
      deferred,
      `${name(deferred)}: callback()/errback() was called from inside its own chain${where}: it has fired already ` +
        '(AlreadyCalledError). A callback passes a value on by returning it.',
    );
  }

  /** Keep an eye on a Deferred whose result is now a Failure; forget one whose result is not. */
  #noteEnd(deferred: Deferred<unknown>, result: unknown): void {
    const ref = this.#failingRefs.get(deferred);
    if (isFailure(result)) {
      if (ref === undefined) {
        const made = new WeakRef(deferred);
        this.#failingRefs.set(deferred, made);
        this.#failing.add(made);
      }
    } else if (ref !== undefined) {
      this.#failing.delete(ref);
      this.#failingRefs.delete(deferred);
    }
  }

  /** Warn of each Deferred still alive that holds a Failure at the end of its chain. */
  checkAtExit(): void {
    for (const ref of this.#failing) {
      const deferred = ref.deref();
      if (deferred === undefined) {
        this.#failing.delete(ref);
        continue;
      }
      const result = deferred.result;
      if (!isFailure(result) || deferred.callbacks.length > 0 || deferred.paused > 0) continue;
      this.#failing.delete(ref);
      this.#failingRefs.delete(deferred);
      this.#say(
        'failure-at-exit',
        deferred,
        `${name(deferred)} ends holding ${describeForTrace(result).repr}: nothing handled it. ` +
          'Add an errback at the end of the chain (or log it).',
      );
    }
  }
}

function name(deferred: Deferred<unknown>): string {
  return `<Deferred #${identify(deferred)}>`;
}
