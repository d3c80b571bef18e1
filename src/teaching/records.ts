/**
 * What a trace is made of: plain records, one per thing that happened to a traced
 * Deferred, in the order it happened. Records hold descriptions of values, never the
 * values themselves, so a trace can be kept, compared, sent to a page
 * (`JSON.stringify(trace.records)`) and drawn long after the program ran.
 *
 * Every record has a `seq`, one counter across all Deferreds of the trace, so the
 * interleaving of several chains can be read off it, and `deferred`: the number that
 * names the Deferred in `toString()` (`<Deferred #3>`).
 *
 * A `step` record is made when a pair is taken off the chain (its `seq` says when it
 * started) and completed when the pair is done, so records of whatever ran inside it
 * (another Deferred fired from a callback) come after it in the list but before it
 * was finished.
 */

/** Which half of a pair: Twisted's two columns. */
export type Column = 'callback' | 'errback';

/** A value, described for a record: what it was, as text a learner can read. */
export type ValueDescription =
  /** Anything but a Failure or a Deferred: `repr` is Python-like (`'orange'`, `42`, `[1, 2]`, `undefined`). */
  | {
      /** Anything but a Failure or a Deferred. */
      readonly kind: 'value';
      /** The value as text. */
      readonly repr: string;
    }
  /** A Failure: the error's class name (`RangeError`), its message, and `repr` as `Failure(RangeError: no luck)`. */
  | {
      /** A Failure. */
      readonly kind: 'failure';
      /** The class name of the error it holds. */
      readonly type: string;
      /** The error's message. */
      readonly message: string;
      /** `Failure(TYPE: MESSAGE)`. */
      readonly repr: string;
    }
  /** A Deferred (the result while waiting on one): its number. */
  | {
      /** A Deferred. */
      readonly kind: 'deferred';
      /** Its number. */
      readonly id: number;
      /** `<Deferred #N>`. */
      readonly repr: string;
    };

/**
 * The function in one half of a pair, described: its name (`'(anonymous)'` when it has
 * none), `null` for the half that lets the result by (Twisted's `passthru`).
 */
export type FunctionName = string | null;

interface RecordBase {
  /** Position in the trace, from 1, across every Deferred traced. */
  readonly seq: number;
  /** The number of the Deferred the record is about (as in `<Deferred #3>`). */
  readonly deferred: number;
}

/** A Deferred was first seen by the trace (made while tracing, or given to `trace()`). */
export interface CreatedRecord extends RecordBase {
  /** What the record tells of. */
  readonly type: 'created';
  /** A name given with `trace(d, { label })` or `label(d, name)`, else undefined. */
  readonly label?: string;
}

/** A pair was added to the chain. */
export interface AddedRecord extends RecordBase {
  /** What the record tells of. */
  readonly type: 'added';
  /** The pair's position in this Deferred's chain, from 0, counting every pair ever added. */
  readonly pair: number;
  /** The function in the callback half (null: the half lets a value by). */
  readonly callback: FunctionName;
  /** The function in the errback half (null: the half lets a Failure by). */
  readonly errback: FunctionName;
  /**
   * What kind of pair: `'pair'` (addCallback/addErrback/addBoth/addCallbacks), `'chain'`
   * (chainDeferred: the pair fires `target`), `'member'` (a combinator such as
   * DeferredList listening to its member), or `'waiter'`: the marker another Deferred
   * (`target`) put at the end of this one's chain when it began to wait on it (Twisted's
   * `_CONTINUE`); when reached, it hands this Deferred's result to `target`. Both halves
   * of a waiter pair are named `'CONTINUE'`.
   */
  readonly role: 'pair' | 'chain' | 'member' | 'waiter';
  /**
   * For role `'chain'`: the Deferred the link fires; for `'waiter'`: the Deferred waiting;
   * for `'member'`: the combinator (a DeferredList) the member reports to.
   */
  readonly target?: number;
  /** Where the pair was added (one stack line), when debugging is on for this Deferred. */
  readonly at?: string;
}

/** `callback()` or `errback()` was called (or a chainDeferred link fired this one). */
export interface FiredRecord extends RecordBase {
  /** What the record tells of. */
  readonly type: 'fired';
  /** `errback` when it was fired with a Failure. */
  readonly column: Column;
  /** What it was fired with. */
  readonly value: ValueDescription;
  /** The Deferred whose chainDeferred link fired this one, if that is how. */
  readonly by?: number;
}

/** One pair ran, or let the result by. */
export interface StepRecord extends RecordBase {
  /** What the record tells of. */
  readonly type: 'step';
  /** The pair's position (as in its `added` record). */
  readonly pair: number;
  /** The column the result came in on, so the half that was used. */
  readonly column: Column;
  /** The function in that half, or null: the result passed by without running anything. */
  readonly fn: FunctionName;
  /** The result that came in. */
  readonly input: ValueDescription;
  /** The result that went out (a Deferred when the chain now waits on it); undefined until the step is done. */
  output?: ValueDescription;
  /** The column the result went out on; `switched` is true when it differs from `column`. */
  outColumn?: Column;
  /** Whether the result went out on the other column than it came in on. */
  switched?: boolean;
  /** The function threw (the output is the Failure made of what it threw). */
  threw?: boolean;
  /**
   * For a `'chain'` pair, the Deferred the link fired; for a `'waiter'` pair, the Deferred
   * that was handed the result (this Deferred's result is `undefined` afterwards).
   */
  handedTo?: number;
}

/** This Deferred now waits on `on`: a callback returned it (pair) and it had no result yet. */
export interface WaitingRecord extends RecordBase {
  /** What the record tells of. */
  readonly type: 'waiting';
  /** The Deferred it waits on. */
  readonly on: number;
}

/** A Deferred this one waited on handed it its result; the chain goes on with it. */
export interface ResumedRecord extends RecordBase {
  /** What the record tells of. */
  readonly type: 'resumed';
  /** The Deferred it waited on. */
  readonly from: number;
  /** The column the result it was handed goes down. */
  readonly column: Column;
  /** The result it was handed. */
  readonly value: ValueDescription;
}

/** `chainDeferred(target)` was called: a link pair was added that will fire `target`. */
export interface ChainedRecord extends RecordBase {
  /** What the record tells of. */
  readonly type: 'chained';
  /** The Deferred the link will fire. */
  readonly target: number;
}

/** `pause()` or `unpause()`: `count` is the pause counter afterwards. */
export interface PauseRecord extends RecordBase {
  /** What the record tells of. */
  readonly type: 'paused' | 'unpaused';
  /**
   * The pause counter afterwards (`d.paused`): while the Deferred waits on another, one
   * pause belongs to that wait, so the count is one more than the user's pauses.
   */
  readonly count: number;
}

/** `cancel()` was called. */
export interface CancelledRecord extends RecordBase {
  /** What the record tells of. */
  readonly type: 'cancelled';
  /** The canceller's name, or null when the Deferred has none. */
  readonly canceller: FunctionName;
  /** What the Deferred was doing: not fired yet, waiting on another (`cancel` goes on to it), or done (nothing happens). */
  readonly state: 'unfired' | 'waiting' | 'fired';
}

/** A generator run by inlineCallbacks yielded a Deferred (`deferred` is the one inlineCallbacks returned). */
export interface YieldedRecord extends RecordBase {
  /** What the record tells of. */
  readonly type: 'yielded';
  /** The Deferred yielded, or undefined when a plain value was yielded. */
  readonly on?: number;
}

/** Any record of a trace: tell them apart by `type`. */
export type TraceRecord =
  | CreatedRecord
  | AddedRecord
  | FiredRecord
  | StepRecord
  | WaitingRecord
  | ResumedRecord
  | ChainedRecord
  | PauseRecord
  | CancelledRecord
  | YieldedRecord;

/** A record's `type`. */
export type TraceRecordType = TraceRecord['type'];
