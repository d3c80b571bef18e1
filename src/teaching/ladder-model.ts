/**
 * What the pictures draw, worked out once from a trace's records: for each Deferred, its
 * ladder (one row per pair, in the order the pairs were added, with the step that used
 * the pair, if any) and the notes that fall between rows (fired, waiting, resumed,
 * paused, cancelled, ...). The text ladder, the Mermaid diagram and the SVG all draw
 * this model, so they always agree.
 *
 * Linear in the number of records: a chain of a million pairs is modelled in one pass,
 * and the pictures draw a bounded number of its rows (see `keptRows`).
 */
import { describeValue } from '../core/repr.js';
import type { FunctionName, StepRecord, TraceRecord, ValueDescription } from './records.js';
import type { Trace } from './trace.js';

/** One pair of a ladder. */
export interface LadderRow {
  readonly pair: number;
  callback: FunctionName;
  errback: FunctionName;
  role: 'pair' | 'chain' | 'member' | 'waiter';
  /** The link's target, or the waiting Deferred, for `chain` and `waiter` rows. */
  target: number | undefined;
  /** The step that used this pair; undefined if the chain never reached it. */
  step: StepRecord | undefined;
}

/** A note drawn between rows: `before` is the index in `rows` it comes before (rows.length: after the last). */
export interface LadderNote {
  readonly before: number;
  readonly text: string;
  /** Another Deferred the note points to (waiting on it, resumed from it, link target). */
  readonly other?: number;
}

/** One Deferred's ladder. */
export interface Ladder {
  readonly id: number;
  label: string | undefined;
  readonly rows: LadderRow[];
  readonly notes: LadderNote[];
  /** The Deferreds this one waited on, linked to or yielded, in the order it met them. */
  readonly related: number[];
  /** What it ended the trace holding, as far as the trace saw. */
  state: string;
}

/** All the ladders of a trace, and the order to draw them in. */
export interface LadderSet {
  readonly ladders: Map<number, Ladder>;
  /** The Deferred drawn first, then those it waited on (and what they waited on), in order met. */
  readonly order: number[];
}

/** The records of a trace, or of anything with a `records` array. */
export function recordsOf(source: unknown, caller: string): readonly TraceRecord[] {
  if (Array.isArray(source)) return source as readonly TraceRecord[];
  if (typeof source === 'object' && source !== null) {
    const records = (source as Partial<Trace>).records;
    if (Array.isArray(records)) return records as readonly TraceRecord[];
  }
  throw new TypeError(`${caller}: expected a Trace or an array of trace records, got ${describeValue(source)}`);
}

/** Model the ladders of `records`, and the order to draw them in (from `start`, or from every root). */
export function modelLadders(records: readonly TraceRecord[], start?: number): LadderSet {
  const ladders = new Map<number, Ladder>();
  const ladderOf = (id: number): Ladder => {
    let ladder = ladders.get(id);
    if (ladder === undefined) {
      ladder = { id, label: undefined, rows: [], notes: [], related: [], state: 'not fired' };
      ladders.set(id, ladder);
    }
    return ladder;
  };
  /** For each Deferred, row index by pair number (pairs are numbered in order, so mostly rows[pair - first]). */
  const rowIndex = new Map<number, Map<number, number>>();
  const rowFor = (ladder: Ladder, pair: number): LadderRow => {
    let byPair = rowIndex.get(ladder.id);
    if (byPair === undefined) {
      byPair = new Map();
      rowIndex.set(ladder.id, byPair);
    }
    let index = byPair.get(pair);
    if (index === undefined) {
      index = ladder.rows.length;
      byPair.set(pair, index);
      ladder.rows.push({ pair, callback: null, errback: null, role: 'pair', target: undefined, step: undefined });
    }
    return ladder.rows[index] as LadderRow;
  };
  /** How many rows of each ladder have had their step (notes go before the next one). */
  const stepped = new Map<number, number>();
  const note = (ladder: Ladder, text: string, other?: number): void => {
    const before = stepped.get(ladder.id) ?? 0;
    ladder.notes.push(other === undefined ? { before, text } : { before, text, other });
  };
  const relate = (ladder: Ladder, other: number): void => {
    if (other !== ladder.id && !ladder.related.includes(other)) ladder.related.push(other);
  };

  for (const record of records) {
    const ladder = ladderOf(record.deferred);
    switch (record.type) {
      case 'created':
        if (record.label !== undefined) ladder.label = record.label;
        break;
      case 'added': {
        const row = rowFor(ladder, record.pair);
        row.callback = record.callback;
        row.errback = record.errback;
        row.role = record.role;
        row.target = record.target;
        if (record.role === 'chain' && record.target !== undefined) relate(ladder, record.target);
        // A combinator is drawn with its members: it waits on them, though not through its chain.
        if (record.role === 'member' && record.target !== undefined) relate(ladderOf(record.target), record.deferred);
        break;
      }
      case 'fired':
        note(ladder, `fired: ${record.column} ${record.value.repr}${record.by === undefined ? '' : ` (by the link of #${record.by})`}`, record.by);
        ladder.state = `${record.column === 'errback' ? 'failed with' : 'fired with'} ${record.value.repr}`;
        break;
      case 'step': {
        const row = rowFor(ladder, record.pair);
        row.step = record;
        // The row's place among the stepped rows: notes after it come before the next row.
        stepped.set(ladder.id, (rowIndex.get(ladder.id)?.get(record.pair) ?? 0) + 1);
        if (record.output !== undefined) ladder.state = describeHolding(record.output);
        break;
      }
      case 'waiting':
        note(ladder, `waiting on #${record.on}`, record.on);
        relate(ladder, record.on);
        ladder.state = `waiting on #${record.on}`;
        break;
      case 'resumed':
        note(ladder, `resumed from #${record.from}: ${record.column} ${record.value.repr}`, record.from);
        ladder.state = describeHolding(record.value);
        break;
      case 'chained':
        note(ladder, `chainDeferred(#${record.target})`, record.target);
        break;
      case 'paused':
      case 'unpaused':
        note(ladder, `${record.type} (count ${record.count})`);
        break;
      case 'cancelled':
        note(ladder, `cancel() (${record.state}${record.canceller === null ? ', no canceller' : `, canceller ${record.canceller}`})`);
        break;
      case 'yielded':
        if (record.on !== undefined) {
          note(ladder, `yielded #${record.on}`, record.on);
          relate(ladder, record.on);
        } else {
          note(ladder, 'yielded a value');
        }
        break;
    }
  }

  // Draw from `start`; by default from every Deferred nothing else in the trace waits on
  // (a root: a DeferredList rather than its members), in the order the trace met them.
  let roots: number[];
  if (start !== undefined) {
    if (!ladders.has(start)) throw new RangeError(`no Deferred #${start} in this trace (it has ${[...ladders.keys()].map((id) => `#${id}`).join(', ') || 'none'})`);
    roots = [start];
  } else {
    const waitedOn = new Set<number>();
    for (const ladder of ladders.values()) for (const other of ladder.related) waitedOn.add(other);
    roots = [...ladders.keys()].filter((id) => !waitedOn.has(id));
    if (roots.length === 0 && ladders.size > 0) roots = [ladders.keys().next().value as number]; // all in a cycle
  }
  const order: number[] = [];
  const seen = new Set<number>();
  for (const root of roots) {
    if (seen.has(root)) continue;
    seen.add(root);
    const queue = [root];
    while (queue.length > 0) {
      const id = queue.shift() as number;
      order.push(id);
      for (const other of ladders.get(id)?.related ?? []) {
        if (!seen.has(other) && ladders.has(other)) {
          seen.add(other);
          queue.push(other);
        }
      }
    }
  }
  return { ladders, order };
}

/** What a Deferred holds after a step or a resumption: a value, a Failure, or (waiting) another Deferred. */
function describeHolding(value: ValueDescription): string {
  return value.kind === 'deferred' ? `waiting on #${value.id}` : `holding ${value.repr}`;
}

/**
 * Which rows to draw when there are more than `maxRows`: the first half and the last
 * half, and how many were left out in between (0 when all are drawn).
 */
export function keptRows(count: number, maxRows: number): { head: number; tail: number; omitted: number } {
  if (count <= maxRows) return { head: count, tail: 0, omitted: 0 };
  const head = Math.ceil(maxRows / 2);
  const tail = maxRows - head;
  return { head, tail, omitted: count - head - tail };
}

/** Check a `maxRows` option: a whole number of at least 2. */
export function checkMaxRows(maxRows: unknown, caller: string): number {
  if (maxRows === undefined) return DEFAULT_MAX_ROWS;
  if (typeof maxRows !== 'number' || !Number.isInteger(maxRows) || maxRows < 2) {
    throw new RangeError(`${caller}: \`maxRows\` must be a whole number of at least 2, got ${describeValue(maxRows)}`);
  }
  return maxRows;
}

/** How many rows of one ladder a picture draws unless told otherwise. */
export const DEFAULT_MAX_ROWS = 200;

/** Shorten `text` to `width` characters, ending with `…` when cut. */
export function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** A Deferred's heading: `Deferred #3 'page'`. */
export function heading(ladder: Ladder): string {
  return `Deferred #${ladder.id}${ladder.label === undefined ? '' : ` '${ladder.label}'`}`;
}
