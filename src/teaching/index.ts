/**
 * txdefer/teaching: making the chain visible. Tracing (what each pair did, in order),
 * teaching warnings, and the pictures drawn from a trace. Kept out of the package root
 * so that an application's bundle does not grow: the core tells this entry what its
 * chains do through one small observer hook (core/observer.ts), which costs nothing
 * measurable while no trace is on (docs/performance.md).
 */
export { getTracing, label, setTracing, Trace, trace, traceAll } from './trace.js';
export type { TraceJSON, TraceOptions } from './trace.js';
export { checkTeachingWarnings, enableTeachingWarnings, TeachingWarning } from './warnings.js';
export type { TeachingWarningKind, TeachingWarningOptions } from './warnings.js';
export { drawLadder } from './ladder.js';
export type { LadderOptions } from './ladder.js';
export { drawMermaid } from './mermaid.js';
export type { MermaidOptions } from './mermaid.js';
export { drawSvg } from './svg.js';
export type { SvgOptions } from './svg.js';
export { describeState } from './summary.js';
export { renumbered } from './renumber.js';
export { draw, UnknownPictureFormatError } from './draw.js';
export type { PictureFormat } from './draw.js';
export type * from './records.js';
