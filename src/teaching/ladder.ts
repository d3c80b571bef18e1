/**
 * The two-column ladder of Twisted's "Deferred Reference" and of Dave Peticolas's
 * tutorial, as text for a terminal. Each pair is a row: callback on the left, errback
 * on the right. The half that ran is marked `*`, with the value that came in and the
 * one that went out written after the row; a half that lets the result by is `-`. The
 * path of the result is drawn down the rows (`|`), and where it switches columns a
 * line crosses over (`'---.` to the errbacks, `.---'` back to the callbacks). Notes
 * between rows say when the Deferred fired, waited on another, was resumed, paused or
 * cancelled. The Deferreds it waited on are drawn beside it (or below, when they would
 * not fit in `width`).
 *
 * ```text
 * Deferred #1 'page'
 *        callback                  errback
 *        ~ fired: callback 'oops'
 *        |
 *    0   [parse]*                  -                         'oops' -> Failure(SyntaxError: not a page)
 *        '-------------------------.
 *    1   -                         [useDefault]*             Failure(SyntaxError: not a page) -> 0
 *        .-------------------------'
 *    2   [report]*                 -                         0 -> undefined
 *        |
 *        holding undefined
 * ```
 */
import { describeValue } from '../core/repr.js';
import { checkMaxRows, fit, heading, keptRows, type Ladder, type LadderRow, modelLadders, recordsOf } from './ladder-model.js';
import type { Column } from './records.js';

/** Options of `drawLadder`. */
export interface LadderOptions {
  /** The Deferred to draw first (its number), and those it waited on; default: every Deferred nothing else waited on, each followed by what it waited on. */
  readonly deferred?: number;
  /** Most rows drawn for one Deferred (default 200): beyond, the middle rows are left out, and a line says how many. */
  readonly maxRows?: number;
  /** Widest a line may be before ladders are drawn one below the other instead of side by side (default 160). */
  readonly width?: number;
  /** Draw only the first Deferred, not those it waited on (default false). */
  readonly alone?: boolean;
}

/** Width of a column's cell (a function's name in brackets). */
const CELL = 26;
/** Where the callback column starts (after the pair number). */
const LEFT = 7;
/**
 * Where the values start, after the errback column: LEFT + 2 * CELL, written out because
 * bundlers keep a computed top-level constant, and with it this module, even when unused.
 */
const VALUES = 59;
/** Widest a value description is drawn. */
const VALUE_WIDTH = 60;

/** Draw a trace as the two-column ladder, as text (lines joined with `\n`). */
export function drawLadder(trace: unknown, options: LadderOptions = {}): string {
  const records = recordsOf(trace, 'drawLadder');
  if (typeof options !== 'object' || options === null) throw new TypeError(`drawLadder: \`options\` must be an object, got ${describeValue(options)}`);
  const maxRows = checkMaxRows(options.maxRows, 'drawLadder');
  const width = options.width ?? 160;
  if (typeof width !== 'number' || !(width > 0)) throw new RangeError(`drawLadder: \`width\` must be a positive number, got ${describeValue(width)}`);
  const { ladders, order } = modelLadders(records, options.deferred);
  if (order.length === 0) return '(an empty trace: nothing happened while it was on)';
  const drawn = (options.alone === true ? order.slice(0, 1) : order).map((id) => ladderLines(ladders.get(id) as Ladder, maxRows));
  return arrange(drawn, width).join('\n');
}

/** Put the ladders side by side while they fit in `width`, else one below the other. */
function arrange(drawn: string[][], width: number): string[] {
  const lines: string[] = [];
  let group: string[][] = [];
  let groupWidth = 0;
  const flush = (): void => {
    if (group.length === 0) return;
    if (lines.length > 0) lines.push('');
    lines.push(...besideEachOther(group));
    group = [];
    groupWidth = 0;
  };
  for (const ladder of drawn) {
    const ladderWidth = Math.max(...ladder.map((line) => line.length)) + 4;
    if (group.length > 0 && groupWidth + ladderWidth > width) flush();
    group.push(ladder);
    groupWidth += ladderWidth;
  }
  flush();
  return lines;
}

function besideEachOther(group: string[][]): string[] {
  const widths = group.map((ladder) => Math.max(...ladder.map((line) => line.length)) + 4);
  const height = Math.max(...group.map((ladder) => ladder.length));
  const lines: string[] = [];
  for (let row = 0; row < height; row += 1) {
    lines.push(
      group
        .map((ladder, index) => (index === group.length - 1 ? (ladder[row] ?? '') : (ladder[row] ?? '').padEnd(widths[index] as number)))
        .join('')
        .trimEnd(),
    );
  }
  return lines;
}

/** One Deferred's ladder as lines. */
function ladderLines(ladder: Ladder, maxRows: number): string[] {
  const lines = [heading(ladder), `${' '.repeat(LEFT)}${'callback'.padEnd(CELL)}errback`];
  const { head, tail, omitted } = keptRows(ladder.rows.length, maxRows);
  const notesBefore = groupNotes(ladder);
  /**
   * Where the path is: the column of the box that ran last (or of a firing's value);
   * `out`, the column that box sent the result down, which the path crosses to.
   */
  let column: Column | undefined;
  let out: Column | undefined;
  const drawRow = (index: number): void => {
    for (const text of notesBefore.get(index) ?? []) {
      if (column !== undefined && out !== undefined && out !== column) {
        lines.push(connector(column, out));
        column = out;
      }
      lines.push(`${' '.repeat(LEFT)}~ ${text}`);
      column = columnAfterNote(text, column);
      out = column;
    }
    const row = ladder.rows[index] as LadderRow;
    const step = row.step;
    if (step !== undefined) {
      lines.push(connector(column, step.column));
      column = step.column;
      out = step.outColumn ?? step.column;
    } else {
      column = undefined; // the chain stopped before this row: no path from here
      out = undefined;
    }
    lines.push(rowLine(row));
  };
  for (let index = 0; index < head; index += 1) drawRow(index);
  if (omitted > 0) {
    lines.push(`${' '.repeat(LEFT)}... ${omitted} rows left out (rows ${head} to ${head + omitted - 1}) ...`);
    // Where the path is after the rows left out: the column the last of them sent the result down.
    const lastLeftOut = ladder.rows[head + omitted - 1]?.step;
    column = lastLeftOut?.outColumn ?? lastLeftOut?.column;
    out = column;
  }
  for (let index = ladder.rows.length - tail; index < ladder.rows.length; index += 1) drawRow(index);
  for (const text of notesBefore.get(ladder.rows.length) ?? []) {
    if (column !== undefined && out !== undefined && out !== column) {
      lines.push(connector(column, out));
      column = out;
    }
    lines.push(`${' '.repeat(LEFT)}~ ${text}`);
    column = columnAfterNote(text, column);
    out = column;
  }
  if (column !== undefined && out !== undefined) lines.push(connector(column, out));
  lines.push(`${' '.repeat(LEFT)}${ladder.state}`);
  return lines;
}

/** The notes of a ladder, by the row they come before. */
function groupNotes(ladder: Ladder): Map<number, string[]> {
  const byRow = new Map<number, string[]>();
  for (const note of ladder.notes) {
    const list = byRow.get(note.before);
    if (list === undefined) byRow.set(note.before, [note.text]);
    else list.push(note.text);
  }
  return byRow;
}

/** After a note, the column the path runs in: firing and resuming put the result in a column; waiting stops it. */
function columnAfterNote(text: string, column: Column | undefined): Column | undefined {
  const match = /^(?:fired|resumed from #\d+): (callback|errback) /.exec(text);
  if (match !== null) return match[1] as Column;
  if (text.startsWith('waiting on #')) return undefined;
  return column;
}

/** The path line between two rows: straight down, across to the errbacks, or back to the callbacks. */
function connector(from: Column | undefined, to: Column): string {
  const left = ' '.repeat(LEFT);
  if (from === undefined || from === to) return to === 'callback' ? `${left}|` : `${left}${' '.repeat(CELL)}|`;
  if (to === 'errback') return `${left}'${'-'.repeat(CELL - 1)}.`;
  return `${left}.${'-'.repeat(CELL - 1)}'`;
}

function rowLine(row: LadderRow): string {
  const step = row.step;
  const cell = (name: string | null, column: Column): string => {
    const used = step !== undefined && step.column === column;
    let text: string;
    if (name === null) text = used ? '|' : '-';
    else text = `[${fit(name, CELL - 4)}]${used ? '*' : ''}`;
    return text.padEnd(CELL);
  };
  const number = String(row.pair).padStart(4);
  let values: string;
  if (step !== undefined) {
    const output = step.output === undefined ? '(running)' : fit(step.output.repr, VALUE_WIDTH);
    values = `${fit(step.input.repr, VALUE_WIDTH)} -> ${output}${step.threw === true ? ' (threw)' : ''}${step.handedTo === undefined ? '' : ` (to #${step.handedTo})`}`;
  } else {
    values = 'not run';
  }
  const line = `${number}   ${cell(row.callback, 'callback')}${cell(row.errback, 'errback')}${values}`;
  return line.length > VALUES ? line : line.trimEnd();
}
