/**
 * A trace as a standalone SVG document: the ladder of each Deferred as a panel of two
 * columns of boxes (callback left, errback right), the boxes that ran filled, with the
 * value in and out beside them, the path of the result drawn through them, and the
 * Deferreds waited on as panels to the right, a dashed arrow from the box that waited.
 * No external resources: the document can be saved as a file or put in a page.
 */
import { describeValue } from '../core/repr.js';
import { checkMaxRows, fit, heading, keptRows, type Ladder, type LadderRow, modelLadders, recordsOf } from './ladder-model.js';
import type { Column } from './records.js';

/** Options of `drawSvg`. */
export interface SvgOptions {
  /** The Deferred to draw first (its number), and those it waited on; default: every Deferred nothing else waited on, each followed by what it waited on. */
  readonly deferred?: number;
  /** Most rows drawn for one Deferred (default 200): beyond, the middle rows are left out, and a line says how many. */
  readonly maxRows?: number;
}

const BOX_W = 150;
const BOX_H = 28;
const ROW_H = 48;
const GAP = 20;
/**
 * Two boxes, the gap, 300 for the values and a 40 margin: 2 * BOX_W + GAP + 300 + 40, written
 * out because bundlers keep a computed top-level constant, and with it this module.
 */
const PANEL_W = 660;
const TOP = 70;

/** Draw a trace as an SVG document (a string starting `<svg`). */
export function drawSvg(trace: unknown, options: SvgOptions = {}): string {
  const records = recordsOf(trace, 'drawSvg');
  if (typeof options !== 'object' || options === null) throw new TypeError(`drawSvg: \`options\` must be an object, got ${describeValue(options)}`);
  const maxRows = checkMaxRows(options.maxRows, 'drawSvg');
  const { ladders, order } = modelLadders(records, options.deferred);
  const body: string[] = [];
  const panelX = new Map<number, number>();
  order.forEach((id, position) => panelX.set(id, 20 + position * (PANEL_W + 40)));
  let height = TOP + ROW_H;
  const waits: Array<{ fromX: number; fromY: number; to: number; label: string }> = [];
  for (const id of order) {
    const ladder = ladders.get(id) as Ladder;
    const x = panelX.get(id) as number;
    const drawnHeight = drawPanel(ladder, x, maxRows, body, waits);
    height = Math.max(height, drawnHeight);
  }
  for (const wait of waits) {
    const toX = panelX.get(wait.to);
    if (toX === undefined) continue;
    body.push(
      `<path class="wait" d="M ${wait.fromX} ${wait.fromY} C ${wait.fromX + 60} ${wait.fromY}, ${toX - 60} ${TOP - 20}, ${toX} ${TOP - 20}" marker-end="url(#arrow)"/>`,
      `<text class="note" x="${wait.fromX + 10}" y="${wait.fromY - 6}">${escapeXml(wait.label)}</text>`,
    );
  }
  const width = 40 + order.length * (PANEL_W + 40);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height + 20}" width="${width}" height="${height + 20}" font-family="monospace" font-size="12">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>',
    '<style>.box{fill:#f4f4f4;stroke:#aaa}.ran{fill:#d8f0d8;stroke:#2a7a2a;stroke-width:2}.name{fill:#222}.idle{fill:#888}' +
      '.path{fill:none;stroke:#2a7a2a;stroke-width:3;opacity:.6}.wait{fill:none;stroke:#555;stroke-dasharray:5 4}.note{fill:#8a6d00}.title{font-weight:bold;font-size:14px}.value{fill:#333}</style>',
    ...body,
    '</svg>',
  ].join('\n');
}

function drawPanel(ladder: Ladder, x: number, maxRows: number, body: string[], waits: Array<{ fromX: number; fromY: number; to: number; label: string }>): number {
  const cbX = x;
  const ebX = x + BOX_W + GAP;
  const valuesX = ebX + BOX_W + 16;
  body.push(`<g class="deferred" data-deferred="${ladder.id}">`);
  const pathAt = body.length; // the path goes under the boxes
  body.push(`<text class="title" x="${x}" y="24">${escapeXml(heading(ladder))}</text>`);
  body.push(`<text x="${cbX}" y="${TOP - 28}">callback</text><text x="${ebX}" y="${TOP - 28}">errback</text>`);
  const fired = ladder.notes.find((note) => note.text.startsWith('fired: '));
  body.push(`<text class="note" x="${valuesX}" y="${TOP - 28}">${escapeXml(fired === undefined ? 'not fired' : fit(fired.text, 44))}</text>`);
  const { head, tail, omitted } = keptRows(ladder.rows.length, maxRows);
  const indices: number[] = [];
  for (let index = 0; index < head; index += 1) indices.push(index);
  const tailStart = ladder.rows.length - tail;
  for (let index = tailStart; index < ladder.rows.length; index += 1) indices.push(index);
  const path: string[] = [];
  let y = TOP;
  for (const index of indices) {
    if (omitted > 0 && index === tailStart) {
      body.push(`<text class="note" x="${cbX}" y="${y + 18}">… ${omitted} rows left out …</text>`);
      y += ROW_H;
    }
    const row = ladder.rows[index] as LadderRow;
    const step = row.step;
    for (const column of ['callback', 'errback'] as const) {
      const boxX = column === 'callback' ? cbX : ebX;
      const ran = step !== undefined && step.column === column;
      const name = column === 'callback' ? row.callback : row.errback;
      body.push(
        `<rect class="${ran ? 'box ran' : 'box'}" data-pair="${row.pair}" data-column="${column}" data-ran="${ran}" x="${boxX}" y="${y}" width="${BOX_W}" height="${BOX_H}" rx="4"/>`,
        `<text class="${ran ? 'name' : 'idle'}" x="${boxX + 6}" y="${y + 18}">${escapeXml(`${row.pair} ${name === null ? '(pass)' : fit(name, 16)}`)}</text>`,
      );
    }
    if (step !== undefined) {
      const centre = (column: Column): number => (column === 'callback' ? cbX : ebX) + BOX_W / 2;
      path.push(`${path.length === 0 ? 'M' : 'L'} ${centre(step.column)} ${y + BOX_H / 2}`);
      const values = `${fit(step.input.repr, 30)} → ${step.output === undefined ? '…' : fit(step.output.repr, 30)}${step.threw === true ? ' (threw)' : ''}`;
      body.push(`<text class="value" data-pair="${row.pair}" x="${valuesX}" y="${y + 18}">${escapeXml(values)}</text>`);
      if (step.output?.kind === 'deferred') waits.push({ fromX: centre(step.column) + BOX_W / 2, fromY: y + BOX_H / 2, to: step.output.id, label: `waits on #${step.output.id}` });
    } else {
      body.push(`<text class="idle" x="${valuesX}" y="${y + 18}">not run</text>`);
    }
    y += ROW_H;
  }
  if (path.length > 0) body.splice(pathAt, 0, `<path class="path" d="${path.join(' ')}"/>`);
  body.push(`<text class="note" x="${cbX}" y="${y + 10}">${escapeXml(fit(ladder.state, 60))}</text>`);
  body.push('</g>');
  return y + 20;
}

/** Text safe in SVG (XML) text and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
