/**
 * A trace as a Mermaid flowchart (text to paste into a Markdown page that renders
 * Mermaid, or into mermaid.live): one subgraph per Deferred, two boxes per pair
 * (callback left, errback right), the boxes that ran drawn as `ran`, the path of the
 * result as arrows labelled with the value carried, and dotted arrows for a wait on
 * another Deferred and for the hand-over of its result.
 */
import { describeValue } from '../core/repr.js';
import { checkMaxRows, fit, heading, keptRows, type Ladder, type LadderRow, modelLadders, recordsOf } from './ladder-model.js';
import type { Column } from './records.js';

/** Options of `drawMermaid`. */
export interface MermaidOptions {
  /** The Deferred to draw first (its number), and those it waited on; default: every Deferred nothing else waited on, each followed by what it waited on. */
  readonly deferred?: number;
  /** Most rows drawn for one Deferred (default 200): beyond, the middle rows are left out, and a box says how many. */
  readonly maxRows?: number;
}

/** Widest a label is drawn. */
const LABEL_WIDTH = 48;

/** Draw a trace as a Mermaid flowchart (lines joined with `\n`). */
export function drawMermaid(trace: unknown, options: MermaidOptions = {}): string {
  const records = recordsOf(trace, 'drawMermaid');
  if (typeof options !== 'object' || options === null) throw new TypeError(`drawMermaid: \`options\` must be an object, got ${describeValue(options)}`);
  const maxRows = checkMaxRows(options.maxRows, 'drawMermaid');
  const { ladders, order } = modelLadders(records, options.deferred);
  const lines = ['flowchart TD'];
  const edges: string[] = [];
  for (const id of order) drawOne(ladders.get(id) as Ladder, maxRows, lines, edges, new Set(order));
  lines.push(...edges);
  lines.push('  classDef ran fill:#d8f0d8,stroke:#2a7a2a,stroke-width:2px');
  lines.push('  classDef idle fill:#f4f4f4,stroke:#aaaaaa,color:#777777');
  lines.push('  classDef note fill:#fff8dc,stroke:#b8a040');
  return lines.join('\n');
}

function drawOne(ladder: Ladder, maxRows: number, lines: string[], edges: string[], drawn: ReadonlySet<number>): void {
  const d = `d${ladder.id}`;
  lines.push(`  subgraph ${d}["${escape(heading(ladder))}"]`);
  lines.push('    direction TB');
  const start = `${d}_start`;
  const fired = ladder.notes.find((note) => note.text.startsWith('fired: '));
  lines.push(`    ${start}(["${escape(fired === undefined ? 'not fired' : fit(fired.text, LABEL_WIDTH))}"]):::note`);
  const { head, tail, omitted } = keptRows(ladder.rows.length, maxRows);
  const shown: Array<[number, LadderRow]> = [];
  for (let index = 0; index < head; index += 1) shown.push([index, ladder.rows[index] as LadderRow]);
  const startOfTail = ladder.rows.length - tail;
  for (let index = startOfTail; index < ladder.rows.length; index += 1) shown.push([index, ladder.rows[index] as LadderRow]);

  let previous = start;
  let carried = '';
  for (const [index, row] of shown) {
    if (omitted > 0 && index === startOfTail) {
      const gap = `${d}_gap`;
      lines.push(`    ${gap}["... ${omitted} rows left out ..."]:::idle`);
      edges.push(`  ${previous} --> ${gap}`);
      previous = gap;
      carried = '';
    }
    const cb = `${d}_${row.pair}c`;
    const eb = `${d}_${row.pair}e`;
    lines.push(`    ${cb}["${escape(boxLabel(row, 'callback'))}"]:::${row.step?.column === 'callback' ? 'ran' : 'idle'}`);
    lines.push(`    ${eb}["${escape(boxLabel(row, 'errback'))}"]:::${row.step?.column === 'errback' ? 'ran' : 'idle'}`);
    // Keep each pair's two boxes on one row, callback left of errback.
    lines.push(`    ${cb} ~~~ ${eb}`);
    const step = row.step;
    if (step !== undefined) {
      const box = step.column === 'callback' ? cb : eb;
      edges.push(carried === '' ? `  ${previous} --> ${box}` : `  ${previous} -- "${escape(carried)}" --> ${box}`);
      previous = box;
      carried = step.output === undefined ? '' : fit(step.output.repr, LABEL_WIDTH);
      if (step.output?.kind === 'deferred') {
        // The chain waits: what goes down the path is what the other Deferred hands back.
        const resumed = ladder.notes.find((note) => note.before === index + 1 && note.text.startsWith('resumed from #'));
        carried = resumed === undefined ? '' : fit(resumed.text.replace(/^resumed from #\d+: (callback|errback) /, ''), LABEL_WIDTH);
      }
      if (step.output?.kind === 'deferred' && drawn.has(step.output.id)) {
        edges.push(`  ${box} -. "waits on" .-> d${step.output.id}_start`);
      }
      if (step.handedTo !== undefined && drawn.has(step.handedTo)) {
        edges.push(`  ${box} -. "hands ${escape(fit(step.input.repr, LABEL_WIDTH))} to" .-> d${step.handedTo}`);
      }
    }
  }
  const end = `${d}_end`;
  lines.push(`    ${end}(["${escape(fit(ladder.state, LABEL_WIDTH))}"]):::note`);
  edges.push(carried === '' ? `  ${previous} --> ${end}` : `  ${previous} -- "${escape(carried)}" --> ${end}`);
  lines.push('  end');
}

function boxLabel(row: LadderRow, column: Column): string {
  const name = column === 'callback' ? row.callback : row.errback;
  const text = name === null ? 'pass' : fit(name, LABEL_WIDTH);
  return `${row.pair} ${column === 'callback' ? 'cb' : 'eb'}: ${text}`;
}

/** Make text safe inside a quoted Mermaid label: quotes and angle brackets become entity codes. */
function escape(text: string): string {
  return text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/[\r\n]+/g, ' ');
}
