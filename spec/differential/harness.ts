/**
 * Runs programs on txdefer, in this process, and returns their traces.
 *
 * Each program is printed as JavaScript (print.ts: the TypeScript rendering without
 * its type annotations) and compiled with `new Function`, so what runs is what the
 * printed TypeScript says. After a batch of programs has run, the garbage collector is
 * forced (node --expose-gc) and the unhandled-failure reports are handed to the program
 * they belong to: a report is matched to a program by its Failure, which the program's
 * Deferreds still held when it ended (Tracer.finish). If any report cannot be matched
 * (a Failure left in a Deferred the program did not name), the batch is run again one
 * program at a time, with a collection after each, which needs no matching.
 */
import { traceAll } from '../../src/teaching/index.js';
import * as lib from '../../src/index.js';
import { type Failure, setUnhandledErrorHandler, type UnhandledErrorReport } from '../../src/index.js';
import type { Program } from './model.js';
import { LIBRARY_NAMES, printBody } from './print.js';
import { ErrA, ErrB, ErrC, show, Tracer } from './tracer.js';

type Compiled = (library: Record<string, unknown>, t: Tracer) => void;

const LIBRARY: Record<string, unknown> = { ErrA, ErrB, ErrC };
for (const name of LIBRARY_NAMES) LIBRARY[name] = (lib as Record<string, unknown>)[name];

const PRELUDE = `"use strict";\nconst { ${[...LIBRARY_NAMES, 'ErrA', 'ErrB', 'ErrC'].join(', ')} } = library;\n`;

/** The program as a JavaScript function of (library, t). */
export function compile(program: Program): Compiled {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the tester runs the TypeScript rendering of a generated program (printed as JavaScript), the one it shows on a mismatch
  return new Function('library', 't', PRELUDE + printBody(program, 'js').join('\n')) as Compiled;
}

declare const gc: (() => void) | undefined;

export function gcAvailable(): boolean {
  return typeof gc === 'function';
}

/** Counters for tuning: batches run, batches run again one program at a time, collections. */
export const harnessStats = { batches: 0, fallbacks: 0, collections: 0 };

/** Most collections to wait for a program's Deferreds to be collected. */
const MAX_ROUNDS = 30;

type Refs = ReadonlyArray<readonly [number, WeakRef<object>]>;

/**
 * Force full collections until every Deferred in `refs` has been collected, and let
 * the FinalizationRegistry callbacks (the reports) run. One collection is not always
 * enough: a Deferred can stay reachable through the record another dead Deferred left
 * with the registry (its failure's error keeps its stack frames), which is released
 * only when that one's own callback has run. Returns the numbers of the Deferreds
 * still alive after MAX_ROUNDS collections (a leak: they would never be reported).
 */
export async function collect(refs: Refs = []): Promise<number[]> {
  if (typeof gc !== 'function') throw new Error('the differential harness needs node --expose-gc');
  const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  let alive: Refs = refs;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    // A new job first: deref() keeps its target alive until the end of the job that called it.
    await turn();
    gc();
    harnessStats.collections += 1;
    await turn(); // the FinalizationRegistry callbacks of this collection
    alive = alive.filter(([, ref]) => ref.deref() !== undefined);
    if (alive.length === 0) break;
  }
  await turn();
  return alive.map(([n]) => n);
}

/** The trace line for Deferreds that were never collected (tracer.py prints the same). */
export function leakLine(numbers: readonly number[]): string | undefined {
  return numbers.length === 0 ? undefined : `LEAK: ${numbers.map((n) => `d${n}`).join(', ')} never collected`;
}

/** The unhandled-failure line every trace ends with (the same text as tracer.py's). */
export function unhandledLine(reports: readonly string[]): string {
  return `unhandled: [${[...reports].sort().join(', ')}]`;
}

interface Capture {
  current: Tracer | undefined;
  reports: Failure[];
}

function runOne(
  compiled: Compiled | Error,
  capture: Capture,
): { tracer: Tracer; held: Failure[]; refs: Array<[number, WeakRef<object>]> } {
  const tracer = new Tracer();
  capture.current = tracer;
  try {
    if (compiled instanceof Error) throw compiled;
    compiled(LIBRARY, tracer);
  } catch (error) {
    // A crash of the program itself (not an error a step caught): show it in the trace.
    tracer.log(`PROGRAM CRASHED: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  return finishRun(tracer, capture);
}

function finishRun(tracer: Tracer, capture: Capture): { tracer: Tracer; held: Failure[]; refs: Array<[number, WeakRef<object>]> } {
  const { held, refs } = tracer.finish();
  capture.current = undefined;
  return { tracer, held, refs };
}

function install(capture: Capture): () => void {
  const previous = setUnhandledErrorHandler((report: UnhandledErrorReport) => {
    if (report.heading === 'Unhandled error in Deferred:') {
      capture.reports.push(report.failure);
    } else if (capture.current !== undefined) {
      capture.current.log(`logged(${report.heading}): ${show(report.failure)}`);
    } else {
      capture.reports.push(report.failure);
    }
  });
  return () => {
    setUnhandledErrorHandler(previous);
  };
}

function compileSafely(program: Program): Compiled | Error {
  try {
    return compile(program);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export interface TxdeferRunOptions {
  /** Programs run between two garbage collections (default 250). */
  readonly batchSize?: number | undefined;
  /** Called with each batch's traces; when given, runOnTxdefer keeps no traces itself. */
  readonly onBatch?: ((start: number, traces: string[][]) => void | Promise<void>) | undefined;
}

/**
 * Run the programs on txdefer and return one trace per program, each ending with its
 * `unhandled: [...]` line (or, with `onBatch`, hand them over batch by batch).
 */
/**
 * Whether each batch runs under a trace of every Deferred (`npm run test:twisted -- --trace`):
 * tracing must not change what a chain does, so the traces compared stay the same.
 */
let tracingBatches = false;
/** How many trace records the traced batches made (to show that tracing was on). */
let tracedRecords = 0;

/** Trace every Deferred of every batch from now on (`--trace`). */
export function traceEveryBatch(): void {
  tracingBatches = true;
}

/** How many trace records the traced batches have made so far. */
export function traceRecordCount(): number {
  return tracedRecords;
}

export async function runOnTxdefer(programs: readonly Program[], options: TxdeferRunOptions = {}): Promise<string[][]> {
  const batchSize = options.batchSize ?? 250;
  const capture: Capture = { current: undefined, reports: [] };
  const restore = install(capture);
  const traces: string[][] = [];
  try {
    await collect(); // reports from whatever ran before do not belong to these programs
    capture.reports = [];
    for (let start = 0; start < programs.length; start += batchSize) {
      const batch = programs.slice(start, start + batchSize).map(compileSafely);
      const tracing = tracingBatches ? traceAll() : undefined;
      let batchTraces: string[][];
      try {
        batchTraces = await runBatch(batch, capture);
      } finally {
        if (tracing !== undefined) {
          tracing.stop();
          tracedRecords += tracing.records.length;
        }
      }
      if (options.onBatch === undefined) traces.push(...batchTraces);
      else await options.onBatch(start, batchTraces);
    }
  } finally {
    restore();
  }
  return traces;
}

function withEnd(lines: readonly string[], leaked: readonly number[], reports: readonly string[]): string[] {
  const leak = leakLine(leaked);
  return [...lines, ...(leak === undefined ? [] : [leak]), unhandledLine(reports)];
}

/**
 * Run a batch and hand each unhandled-failure report to its program. When a report
 * cannot be matched (its Failure was in a Deferred the program did not name) or
 * something was never collected, the batch is split in two and each half run again:
 * a batch of one program needs no matching.
 */
async function runBatch(batch: ReadonlyArray<Compiled | Error>, capture: Capture): Promise<string[][]> {
  const owner = new WeakMap<Failure, number>();
  const allRefs: Array<[number, WeakRef<object>]> = [];
  const runs = batch.map((compiled, index) => {
    const { tracer, held, refs } = runOne(compiled, capture);
    for (const failure of held) owner.set(failure, index);
    for (const [n, ref] of refs) allRefs.push([batch.length === 1 ? n : index, ref]);
    return tracer.lines;
  });
  const leaked = await collect(allRefs);
  const reports = capture.reports;
  capture.reports = [];
  harnessStats.batches += 1;
  if (batch.length === 1) return [withEnd(runs[0] as string[], leaked, reports.map((failure) => show(failure)))];
  const perProgram: string[][] = runs.map(() => []);
  let matched = leaked.length === 0;
  for (const failure of reports) {
    if (!matched) break;
    const index = owner.get(failure);
    if (index === undefined) matched = false;
    else (perProgram[index] as string[]).push(show(failure));
  }
  if (matched) return runs.map((lines, index) => withEnd(lines, [], perProgram[index] as string[]));
  harnessStats.fallbacks += 1;
  const half = Math.ceil(batch.length / 2);
  return [...(await runBatch(batch.slice(0, half), capture)), ...(await runBatch(batch.slice(half), capture))];
}

/**
 * Run one printed program function (as `tsModule` prints it) and return its trace:
 * what a regression spec or a standalone run compares with Twisted's.
 */
export async function traceOf(program: (t: Tracer) => void): Promise<string[]> {
  const capture: Capture = { current: undefined, reports: [] };
  const restore = install(capture);
  try {
    await collect();
    capture.reports = [];
    const { tracer, refs } = runOne((_library, t) => program(t), capture);
    const leaked = await collect(refs);
    return withEnd(tracer.lines, leaked, capture.reports.map((failure) => show(failure)));
  } finally {
    restore();
  }
}

/**
 * Run a program now and return its trace without the garbage collection (so without
 * the `unhandled` line). Unhandled-failure reports still arrive later: capture them
 * (captureUnhandledErrors) around calls to this.
 */
export function runNow(program: Program): string[] {
  const tracer = new Tracer();
  try {
    compile(program)(LIBRARY, tracer);
  } catch (error) {
    tracer.log(`PROGRAM CRASHED: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  tracer.finish();
  return tracer.lines;
}
