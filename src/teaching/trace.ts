/**
 * Tracing: a record of everything a chain does, step by step (records.ts says what each
 * record holds). Opt-in: for one Deferred and everything it waits on (`trace(d)`), or
 * for every Deferred (`traceAll()`, or the global switch `setTracing(true)`).
 *
 * How it hears: the core tells one observer what its chains do (core/observer.ts); while
 * any trace is on, this module listens through the hub (hub.ts), keeps a small book per
 * Deferred (the pairs still to run, numbered in the order they were added, so that a
 * step can say which pair ran), and gives each trace the records of the Deferreds it
 * follows. With no trace on, nothing listens, and the core's cost is a comparison with
 * null at each place it would tell (docs/performance.md, "Tracing off").
 *
 * Tracing never changes what a chain does: listeners only read public state and
 * describe values (describe.ts), and nothing they throw reaches the run loop (hub.ts).
 * The differential run against Twisted passes with tracing on (`npm run test:twisted --
 * --trace`).
 */
import { identify } from '../core/deferred.js';
import { describeValue } from '../core/repr.js';
import { CONTINUE, isDeferred, isFailure, passthru, type CallbackEntry, type Deferred } from '../index.js';
import type { CancelState, PairRole } from '../core/observer.js';
import { describeForTrace, functionName } from './describe.js';
import { listen, type ChainListener } from './hub.js';
import type { AddedRecord, Column, CreatedRecord, FunctionName, StepRecord, TraceRecord } from './records.js';

/** What the book knows of one pair of a Deferred's chain. */
export interface PairInfo {
  readonly index: number;
  readonly role: AddedRecord['role'];
  readonly callback: FunctionName;
  readonly errback: FunctionName;
  /** For a chain link, the Deferred it fires; for a waiter pair, the Deferred waiting. */
  readonly target: Deferred<unknown> | undefined;
  readonly at: string | undefined;
}

/** The book kept for each Deferred seen while tracing: its pairs still to run, in order. */
interface ChainBook {
  nextIndex: number;
  /** The pairs added and not yet taken: `pending[head]` onwards (a cursor, not `shift()`, so a long chain stays linear). */
  pending: PairInfo[];
  head: number;
  /** The pair whose step has started and not yet ended. */
  open: PairInfo | undefined;
}

/** What `JSON.stringify(trace)` writes. */
export interface TraceJSON {
  /** The trace's records, in order. */
  records: TraceRecord[];
}

/** Options of `trace()`. */
export interface TraceOptions {
  /** A name for the Deferred, shown in the `created` record and by the pictures. */
  readonly label?: string;
}

/** A name a Deferred is given for the pictures (`label(d, name)` or `trace(d, { label })`). */
const labels = new WeakMap<Deferred<unknown>, string>();
const books = new WeakMap<Deferred<unknown>, ChainBook>();
/**
 * What hears the tracer's events, with each step's pair looked up in the book: every
 * trace that is on, and the teaching warnings (warnings.ts).
 */
export interface TraceSink {
  onAdded(deferred: Deferred<unknown>, info: PairInfo): void;
  onFired(deferred: Deferred<unknown>, result: unknown, by: Deferred<unknown> | undefined): void;
  onStepStarted(deferred: Deferred<unknown>, info: PairInfo, failed: boolean, fn: FunctionName, input: unknown): void;
  onStepEnded(deferred: Deferred<unknown>, info: PairInfo | undefined, result: unknown, failed: boolean, threw: boolean): void;
  onWaiting(deferred: Deferred<unknown>, inner: Deferred<unknown>, markerInfo: PairInfo): void;
  onResumed(deferred: Deferred<unknown>, inner: Deferred<unknown>, result: unknown): void;
  onPauseChanged(deferred: Deferred<unknown>, paused: boolean, count: number): void;
  onCancelled(deferred: Deferred<unknown>, canceller: FunctionName, state: CancelState): void;
  onYielded(deferred: Deferred<unknown>, value: unknown): void;
  onRefused(deferred: Deferred<unknown>, open: PairInfo | undefined): void;
}

/** Every sink attached: the tracer's listener passes each event to each. */
const activeTraces = new Set<TraceSink>();
/** Stops the tracer's listener; set while any trace is on. */
let stopListening: (() => void) | undefined;
/** The chainDeferred link whose target is being fired now: `[linker, target]`. */
let linkFiring: [Deferred<unknown>, Deferred<unknown>] | undefined;
/** The one trace `setTracing(true)` started. */
let globalTrace: Trace | undefined;

/**
 * A trace: the records of what the Deferreds it follows did while it was on. `records`
 * grows until `stop()`; each record is plain data (`JSON.stringify(trace)` works).
 */
export class Trace {
  readonly #records: TraceRecord[] = [];
  /** The Deferreds this trace follows (those it was given and what they wait on), or null: all. */
  readonly #members: WeakSet<Deferred<unknown>> | null;
  /** Deferreds that have their `created` record in this trace. */
  readonly #seen = new WeakSet<Deferred<unknown>>();
  /** Each followed Deferred's step that has started and not ended. */
  readonly #openSteps = new Map<Deferred<unknown>, StepRecord>();
  #seq = 0;
  #on = true;

  /** @internal Made by `trace()`, `traceAll()` and `setTracing()`. */
  constructor(members: WeakSet<Deferred<unknown>> | null) {
    this.#members = members;
  }

  /** The records, in the order things happened (`seq` 1, 2, 3, ...). */
  get records(): readonly TraceRecord[] {
    return this.#records;
  }

  /** Whether the trace is still recording. */
  get active(): boolean {
    return this.#on;
  }

  /** Stop recording. The records stay; calling it again does nothing. */
  stop(): void {
    if (!this.#on) return;
    this.#on = false;
    this.#openSteps.clear();
    detach(this);
  }

  /** What `JSON.stringify` writes: `{ records: [...] }`, a copy of the records. */
  toJSON(): TraceJSON {
    return { records: this.#records.map((record) => ({ ...record })) };
  }

  /** @internal Start following `deferred` (with its pairs still to run), if it is not followed yet. */
  follow(deferred: Deferred<unknown>): void {
    if (this.#members !== null) this.#members.add(deferred);
    this.#see(deferred);
  }

  /** Whether this trace follows `deferred`; a Deferred seen for the first time gets its `created` record. */
  #follows(deferred: Deferred<unknown>): boolean {
    if (this.#members !== null && !this.#members.has(deferred)) return false;
    this.#see(deferred);
    return true;
  }

  #see(deferred: Deferred<unknown>): void {
    if (this.#seen.has(deferred)) return;
    this.#seen.add(deferred);
    const label = labels.get(deferred);
    const created: CreatedRecord = label === undefined ? this.#make({ type: 'created', deferred: identify(deferred) }) : this.#make({ type: 'created', deferred: identify(deferred), label });
    this.#records.push(created);
    // The pairs it had before this trace saw it, so that every step has its row.
    const book = bookOf(deferred);
    for (let index = book.head; index < book.pending.length; index += 1) this.#records.push(this.#addedRecord(deferred, book.pending[index] as PairInfo));
  }

  #make<R extends { type: TraceRecord['type'] }>(fields: R): R & { seq: number } {
    this.#seq += 1;
    return { seq: this.#seq, ...fields };
  }

  #addedRecord(deferred: Deferred<unknown>, info: PairInfo): AddedRecord {
    const record: AddedRecord = this.#make({
      type: 'added',
      deferred: identify(deferred),
      pair: info.index,
      callback: info.callback,
      errback: info.errback,
      role: info.role,
    });
    const withTarget = info.target === undefined ? record : { ...record, target: identify(info.target) };
    return info.at === undefined ? withTarget : { ...withTarget, at: info.at };
  }

  // ---- events, from the tracer's listener -------------------------------------------

  /** @internal */
  onAdded(deferred: Deferred<unknown>, info: PairInfo): void {
    if (this.#members !== null && info.role === 'chain' && info.target !== undefined && this.#members.has(deferred)) {
      this.#members.add(info.target); // a link's target is part of what this Deferred does
    }
    if (!this.#follows(deferred)) return;
    this.#records.push(this.#addedRecord(deferred, info));
    if (info.role === 'chain' && info.target !== undefined) {
      this.#see(info.target);
      this.#records.push(this.#make({ type: 'chained', deferred: identify(deferred), target: identify(info.target) }));
    }
  }

  /** @internal */
  onFired(deferred: Deferred<unknown>, result: unknown, by: Deferred<unknown> | undefined): void {
    if (!this.#follows(deferred)) return;
    const fields = { type: 'fired' as const, deferred: identify(deferred), column: columnOf(result), value: describeForTrace(result) };
    this.#records.push(by === undefined ? this.#make(fields) : this.#make({ ...fields, by: identify(by) }));
  }

  /** @internal */
  onStepStarted(deferred: Deferred<unknown>, info: PairInfo, failed: boolean, fn: FunctionName, input: unknown): void {
    if (!this.#follows(deferred)) return;
    const record: StepRecord = this.#make({
      type: 'step',
      deferred: identify(deferred),
      pair: info.index,
      column: failed ? 'errback' : 'callback',
      fn,
      input: describeForTrace(input),
    });
    this.#records.push(record);
    this.#openSteps.set(deferred, record);
  }

  /** @internal */
  onStepEnded(deferred: Deferred<unknown>, info: PairInfo | undefined, result: unknown, failed: boolean, threw: boolean): void {
    const record = this.#openSteps.get(deferred);
    if (record === undefined) return;
    this.#openSteps.delete(deferred);
    const outColumn: Column = failed ? 'errback' : 'callback';
    record.output = describeForTrace(result);
    record.outColumn = outColumn;
    record.switched = outColumn !== record.column;
    if (threw) record.threw = true;
    if (info?.target !== undefined && (info.role === 'chain' || info.role === 'waiter')) record.handedTo = identify(info.target);
  }

  /** @internal */
  onWaiting(deferred: Deferred<unknown>, inner: Deferred<unknown>, markerInfo: PairInfo): void {
    if (this.#members !== null && this.#members.has(deferred)) this.#members.add(inner); // it waits on it: follow it
    if (this.#follows(deferred)) {
      this.#records.push(this.#make({ type: 'waiting', deferred: identify(deferred), on: identify(inner) }));
    }
    if (this.#follows(inner)) {
      // The marker pair on the inner Deferred (unless its `created` record just listed it).
      const last = this.#records[this.#records.length - 1];
      if (!(last?.type === 'added' && last.deferred === identify(inner) && last.pair === markerInfo.index)) {
        this.#records.push(this.#addedRecord(inner, markerInfo));
      }
    }
  }

  /** @internal */
  onResumed(deferred: Deferred<unknown>, inner: Deferred<unknown>, result: unknown): void {
    if (!this.#follows(deferred)) return;
    this.#records.push(
      this.#make({ type: 'resumed', deferred: identify(deferred), from: identify(inner), column: columnOf(result), value: describeForTrace(result) }),
    );
  }

  /** @internal */
  onPauseChanged(deferred: Deferred<unknown>, paused: boolean, count: number): void {
    if (!this.#follows(deferred)) return;
    this.#records.push(this.#make({ type: paused ? ('paused' as const) : ('unpaused' as const), deferred: identify(deferred), count }));
  }

  /** @internal */
  onCancelled(deferred: Deferred<unknown>, canceller: FunctionName, state: CancelState): void {
    if (!this.#follows(deferred)) return;
    this.#records.push(this.#make({ type: 'cancelled', deferred: identify(deferred), canceller, state }));
  }

  /** @internal A refused callback()/errback() is not recorded (the teaching warnings hear of it). */
  onRefused(): void {
    // Nothing: the call threw AlreadyCalledError and changed nothing.
  }

  /** @internal */
  onYielded(deferred: Deferred<unknown>, value: unknown): void {
    const yieldedDeferred = typeof value === 'object' && value !== null && isDeferred(value) ? value : undefined;
    if (this.#members !== null && yieldedDeferred !== undefined && this.#members.has(deferred)) this.#members.add(yieldedDeferred);
    if (!this.#follows(deferred)) return;
    const fields = { type: 'yielded' as const, deferred: identify(deferred) };
    this.#records.push(yieldedDeferred === undefined ? this.#make(fields) : this.#make({ ...fields, on: identify(yieldedDeferred) }));
    if (yieldedDeferred !== undefined) this.#follows(yieldedDeferred);
  }
}

/**
 * Trace `deferred` and everything it waits on (Deferreds its callbacks return, the
 * targets of its chainDeferred links, what its generator yields), from now until
 * `stop()`. Its pairs still to run are listed first, so every step has its row.
 *
 * @example
 * ```ts
 * const d = new Deferred<number>();
 * const t = trace(d);
 * d.addCallback((n) => n * 2);
 * d.callback(21);
 * t.stop();
 * console.log(t.records.map((r) => r.type).join(' ')); // created added fired step
 * ```
 */
export function trace(deferred: Deferred<unknown>, options: TraceOptions = {}): Trace {
  if (!isDeferred(deferred)) throw new TypeError(`trace: \`deferred\` must be a Deferred, got ${describeValue(deferred)}`);
  if (typeof options !== 'object' || options === null) throw new TypeError(`trace: \`options\` must be an object, got ${describeValue(options)}`);
  if (options.label !== undefined) label(deferred, options.label);
  const started = start(new WeakSet());
  started.follow(deferred);
  return started;
}

/** Trace every Deferred that does anything from now until `stop()`. */
export function traceAll(): Trace {
  return start(null);
}

/**
 * The global switch: `setTracing(true)` starts one trace of every Deferred (what
 * `getTracing()` returns), `setTracing(false)` stops it (its records stay readable
 * through the Trace `getTracing()` returned). Turning it on when it is on does nothing.
 */
export function setTracing(on: boolean): void {
  if (typeof on !== 'boolean') throw new TypeError(`setTracing: \`on\` must be true or false, got ${describeValue(on)}`);
  if (on) {
    if (globalTrace === undefined || !globalTrace.active) globalTrace = traceAll();
  } else if (globalTrace !== undefined) {
    globalTrace.stop();
    globalTrace = undefined;
  }
}

/** The trace `setTracing(true)` started, while it is on; otherwise `undefined`. */
export function getTracing(): Trace | undefined {
  return globalTrace;
}

/** Name `deferred` in traces and pictures (its `created` record's `label`): a name for a learner to read. */
export function label(deferred: Deferred<unknown>, name: string): void {
  if (!isDeferred(deferred)) throw new TypeError(`label: \`deferred\` must be a Deferred, got ${describeValue(deferred)}`);
  if (typeof name !== 'string') throw new TypeError(`label: \`name\` must be a string, got ${describeValue(name)}`);
  labels.set(deferred, name);
}

function start(members: WeakSet<Deferred<unknown>> | null): Trace {
  const started = new Trace(members);
  attachSink(started);
  return started;
}

/** Start passing the tracer's events to `sink` (listening to the core while any sink is attached). */
export function attachSink(sink: TraceSink): void {
  activeTraces.add(sink);
  stopListening ??= listen(tracer);
}

/** Stop passing events to `sink`; with no sink left, stop listening to the core. */
export function detach(sink: TraceSink): void {
  activeTraces.delete(sink);
  if (activeTraces.size === 0 && stopListening !== undefined) {
    stopListening();
    stopListening = undefined;
    linkFiring = undefined;
  }
}

/** The column a result goes down: errback for a Failure. */
function columnOf(result: unknown): Column {
  return isFailure(result) ? 'errback' : 'callback';
}

/** The name a record gives one half of a pair. */
function entryName(entry: CallbackEntry): FunctionName {
  const fn = entry[0];
  if (fn === passthru) return null;
  if (fn === CONTINUE) return 'CONTINUE';
  return functionName(fn);
}

/** A stack frame in txdefer's own code: its sources (src/core/, src/teaching/, ...) or its build (dist/). */
const TXDEFER_FRAME = /[\\/]src[\\/](core|teaching|combine|generators|structures|sync|time|patterns)[\\/]|[\\/]dist[\\/]|node:internal/;

/** Where a pair is being added: the first frame outside txdefer, when debugging is on for `deferred`. */
function whereAdded(deferred: Deferred<unknown>): string | undefined {
  if (!deferred.debug) return undefined;
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  const outside = frames.find((line) => !TXDEFER_FRAME.test(line));
  return outside?.trim();
}

/**
 * The book of `deferred`, made on first sight from the pairs it has now. The core tells
 * of a pair after adding it, so when the book is made during that event, the last
 * `justAdded` pairs of `callbacks` are left for the event to add.
 */
function bookOf(deferred: Deferred<unknown>, justAdded = 0): ChainBook {
  let book = books.get(deferred);
  if (book === undefined) {
    book = { nextIndex: 0, pending: [], head: 0, open: undefined };
    const pairs = deferred.callbacks;
    for (const [callback, errback] of pairs.slice(0, pairs.length - justAdded)) {
      const waiting = callback[0] === CONTINUE ? (callback[1][0] as Deferred<unknown>) : undefined;
      book.pending.push({
        index: book.nextIndex,
        role: waiting === undefined ? 'pair' : 'waiter',
        callback: entryName(callback),
        errback: entryName(errback),
        target: waiting,
        at: undefined,
      });
      book.nextIndex += 1;
    }
    books.set(deferred, book);
  }
  return book;
}

function pairNames(role: PairRole, callback: CallbackEntry, errback: CallbackEntry, target: Deferred<unknown> | undefined): [FunctionName, FunctionName] {
  if (role === 'chain' && target !== undefined) {
    const name = `<Deferred #${identify(target)}>`;
    return [`${name}.callback`, `${name}.errback`];
  }
  if (role === 'member') {
    const name = `member ${String(callback[1][0])}`;
    return [name, name];
  }
  return [entryName(callback), entryName(errback)];
}

/** The one listener of the teaching tracer: keeps the books, and tells each active trace. */
const tracer: ChainListener = {
  added(deferred, callback, errback, role, target) {
    const book = bookOf(deferred, 1);
    const [callbackName, errbackName] = pairNames(role, callback, errback, target);
    const info: PairInfo = { index: book.nextIndex, role, callback: callbackName, errback: errbackName, target, at: whereAdded(deferred) };
    book.pending.push(info);
    book.nextIndex += 1;
    for (const active of activeTraces) active.onAdded(deferred, info);
  },
  fired(deferred, result) {
    let by: Deferred<unknown> | undefined;
    if (linkFiring !== undefined && linkFiring[1] === deferred) {
      by = linkFiring[0];
      linkFiring = undefined;
    }
    for (const active of activeTraces) active.onFired(deferred, result, by);
  },
  stepStarted(deferred, failed, entry, input) {
    const book = bookOf(deferred);
    let info = book.pending[book.head];
    if (info !== undefined) {
      book.head += 1;
      if (book.head === book.pending.length) {
        book.pending = []; // all taken: start afresh
        book.head = 0;
      }
    }
    if (info === undefined) {
      // A pair taken off before the book knew of it (tracing began in the middle of a run).
      info = { index: book.nextIndex, role: 'pair', callback: null, errback: null, target: undefined, at: undefined };
      book.nextIndex += 1;
    }
    book.open = info;
    if (info.role === 'chain' && info.target !== undefined) linkFiring = [deferred, info.target];
    const fn = info.role === 'pair' ? entryName(entry) : failed ? info.errback : info.callback;
    for (const active of activeTraces) active.onStepStarted(deferred, info, failed, fn, input);
  },
  stepEnded(deferred, result, failed, threw) {
    const book = bookOf(deferred);
    const info = book.open;
    book.open = undefined;
    // A link whose target refused (it had fired) never fires it: hold neither Deferred any longer.
    if (linkFiring !== undefined && linkFiring[0] === deferred) linkFiring = undefined;
    for (const active of activeTraces) active.onStepEnded(deferred, info, result, failed, threw);
  },
  waiting(deferred, inner) {
    const book = bookOf(inner, isDeferredFromHere(inner) ? 1 : 0);
    const info: PairInfo = { index: book.nextIndex, role: 'waiter', callback: 'CONTINUE', errback: 'CONTINUE', target: deferred, at: undefined };
    book.pending.push(info);
    book.nextIndex += 1;
    for (const active of activeTraces) active.onWaiting(deferred, inner, info);
  },
  resumed(deferred, inner, result) {
    for (const active of activeTraces) active.onResumed(deferred, inner, result);
  },
  pauseChanged(deferred, paused, count) {
    for (const active of activeTraces) active.onPauseChanged(deferred, paused, count);
  },
  cancelled(deferred, canceller, state) {
    const name = canceller === null ? null : functionName(canceller);
    for (const active of activeTraces) active.onCancelled(deferred, name, state);
  },
  yielded(deferred, value) {
    for (const active of activeTraces) active.onYielded(deferred, value);
  },
  refused(deferred) {
    const open = books.get(deferred)?.open;
    for (const active of activeTraces) active.onRefused(deferred, open);
  },
};

/**
 * Whether `deferred` is of this copy of txdefer: a Deferred of another copy waited on
 * gets an `addBoth` pair (which that copy's observer hears of), not a marker in its chain.
 */
function isDeferredFromHere(deferred: Deferred<unknown>): boolean {
  const pairs = deferred.callbacks;
  return pairs.length > 0 && pairs[pairs.length - 1]?.[0][0] === CONTINUE;
}
