/**
 * The differential run: generate programs from a seed, run each on txdefer (in this
 * process) and on Twisted (in one Python worker), compare the traces, shrink the
 * programs whose traces differ, and describe each minimal difference with both
 * renderings and both traces.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Feature, samplePrograms } from './generate.js';
import { runOnTxdefer } from './harness.js';
import type { Program } from './model.js';
import { pyModule, tsModule } from './print.js';
import { HERE, PythonWorker } from './python.js';
import { shrink } from './shrink.js';

export function sameTrace(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, index) => line === b[index]);
}

/** The two traces side by side, differing lines marked with `!`. */
export function sideBySide(txdefer: readonly string[], twisted: readonly string[]): string {
  const width = Math.min(70, Math.max(20, ...txdefer.map((line) => line.length)));
  const rows: string[] = [`  ${'txdefer'.padEnd(width)} | Twisted`];
  for (let index = 0; index < Math.max(txdefer.length, twisted.length); index += 1) {
    const left = txdefer[index] ?? '';
    const right = twisted[index] ?? '';
    rows.push(`${left === right ? ' ' : '!'} ${left.padEnd(width)} | ${right}`);
  }
  return rows.join('\n');
}

/**
 * What kind of difference two traces show: the first pair of lines that differ, with
 * numbers blurred, so that many programs failing for one reason count as one.
 */
export function signature(txdefer: readonly string[], twisted: readonly string[]): string {
  for (let index = 0; index < Math.max(txdefer.length, twisted.length); index += 1) {
    const left = txdefer[index] ?? '(end)';
    const right = twisted[index] ?? '(end)';
    if (left !== right) return `${left} | ${right}`.replace(/\d+/g, '#');
  }
  return '(same)';
}

/** Run programs on both and return both traces for each. */
export async function bothTraces(worker: PythonWorker, programs: Program[]): Promise<{ txdefer: string[][]; twisted: string[][] }> {
  const twistedPromise = worker.run(programs);
  const txdefer = await runOnTxdefer(programs);
  const twisted = await twistedPromise;
  return { txdefer, twisted };
}

export interface Difference {
  /** The program's place in the generated sequence. */
  readonly index: number;
  readonly original: Program;
  readonly minimal: Program;
  readonly txdefer: readonly string[];
  readonly twisted: readonly string[];
  /** Candidate programs the shrinker tried. */
  readonly tried: number;
}

export interface RunOptions {
  readonly seed: number;
  readonly count: number;
  readonly features?: readonly Feature[] | undefined;
  readonly maxSteps?: number | undefined;
  /**
   * How many differing programs to shrink and describe: one for each kind of difference
   * (see `signature`), up to this many kinds. The others are only counted.
   */
  readonly shrinkLimit?: number | undefined;
  readonly batchSize?: number | undefined;
  /** Run only the program with this index in the seed's sequence. */
  readonly only?: number | undefined;
  readonly worker: PythonWorker;
  readonly progress?: ((done: number, failed: number) => void) | undefined;
}

export interface RunSummary {
  /** For each kind of difference, the programs that show it. */
  readonly kinds: ReadonlyMap<string, readonly number[]>;
  readonly passed: number;
  readonly failed: number;
  readonly failedIndices: readonly number[];
  readonly differences: readonly Difference[];
  readonly programs: readonly Program[];
  /** Seconds spent generating, running and comparing (not shrinking). */
  readonly runSeconds: number;
}

export async function differentialRun(options: RunOptions): Promise<RunSummary> {
  const started = performance.now();
  const generated = samplePrograms(options.seed, options.only === undefined ? options.count : options.only + 1, {
    features: options.features,
    maxSteps: options.maxSteps,
  });
  const first = options.only ?? 0;
  const programs = options.only === undefined ? generated : generated.slice(first);
  const batchSize = options.batchSize ?? 250;
  // Every Python batch is sent now: the worker works through them while txdefer runs here.
  const twistedBatches = new Map<number, Promise<string[][]>>();
  for (let start = 0; start < programs.length; start += batchSize) {
    twistedBatches.set(start, options.worker.run(programs.slice(start, start + batchSize)));
  }
  const failedIndices: number[] = [];
  const kinds = new Map<string, number[]>();
  await runOnTxdefer(programs, {
    batchSize,
    onBatch: async (start, txdefer) => {
      const twisted = await (twistedBatches.get(start) as Promise<string[][]>);
      twistedBatches.delete(start);
      txdefer.forEach((trace, offset) => {
        const other = twisted[offset] as string[];
        if (sameTrace(trace, other)) return;
        const index = first + start + offset;
        failedIndices.push(index);
        const kind = signature(trace, other);
        const list = kinds.get(kind);
        if (list === undefined) kinds.set(kind, [index]);
        else list.push(index);
      });
      options.progress?.(Math.min(programs.length, start + batchSize), failedIndices.length);
    },
  });
  const runSeconds = (performance.now() - started) / 1000;

  const differences: Difference[] = [];
  const exemplars = [...kinds.values()].map((list) => list[0] as number);
  for (const index of exemplars.slice(0, options.shrinkLimit ?? 3)) {
    const original = programs[index - first] as Program;
    const shrunk = await shrink(original, async (candidates) => {
      const both = await bothTraces(options.worker, candidates);
      return candidates.map((_, i) => !sameTrace(both.txdefer[i] as string[], both.twisted[i] as string[]));
    });
    const final = await bothTraces(options.worker, [shrunk.program]);
    differences.push({
      index,
      original,
      minimal: shrunk.program,
      txdefer: final.txdefer[0] as string[],
      twisted: final.twisted[0] as string[],
      tried: shrunk.tried,
    });
  }
  return {
    kinds,
    passed: programs.length - failedIndices.length,
    failed: failedIndices.length,
    failedIndices,
    differences,
    programs,
    runSeconds,
  };
}

/**
 * Run one program on both; when the traces differ, shrink it (unless `shrinkIt` is
 * false) and return the difference.
 */
export async function checkProgram(program: Program, worker: PythonWorker, shrinkIt = true): Promise<Difference | undefined> {
  const first = await bothTraces(worker, [program]);
  if (sameTrace(first.txdefer[0] as string[], first.twisted[0] as string[])) return undefined;
  let minimal = program;
  let tried = 0;
  if (shrinkIt) {
    const shrunk = await shrink(program, async (candidates) => {
      const both = await bothTraces(worker, candidates);
      return candidates.map((_, i) => !sameTrace(both.txdefer[i] as string[], both.twisted[i] as string[]));
    });
    minimal = shrunk.program;
    tried = shrunk.tried;
  }
  const final = await bothTraces(worker, [minimal]);
  return {
    index: 0,
    original: program,
    minimal,
    txdefer: final.txdefer[0] as string[],
    twisted: final.twisted[0] as string[],
    tried,
  };
}

/** A difference, described for a person: both programs and both traces. */
export function describeDifference(difference: Difference, seed: number | string): string {
  const where = typeof seed === 'string' ? seed : `program #${difference.index} of seed ${seed}`;
  const steps = `${difference.original.steps.length} steps, shrunk to ${difference.minimal.steps.length}`;
  return [
    `=== txdefer and Twisted differ: ${where} (${steps})`,
    '',
    '--- the program, for txdefer (TypeScript; run with node --expose-gc --import=tsx/esm)',
    tsModule(difference.minimal, { comment: `The minimal program of ${where}.` }),
    '--- the same program, for Twisted (Python; run with /usr/bin/python3)',
    pyModule(difference.minimal, { comment: `The minimal program of ${where}.` }),
    '--- the traces (lines marked ! differ)',
    sideBySide(difference.txdefer, difference.twisted),
    '',
    '--- the program as data (for spec/differential/regressions; see docs/faithfulness.md)',
    JSON.stringify(difference.minimal),
    '',
  ].join('\n');
}

export const REGRESSIONS_DIR = join(HERE, 'regressions');

/**
 * Keep a difference as a regression spec: `regressions/NAME.ts` (the TypeScript
 * program), `NAME.py` (the Python program) and `NAME.json` (the program as data, what
 * Twisted's trace was when it was found, and a note). regressions.spec.ts runs the
 * TypeScript program and expects Twisted's trace; twisted.spec.ts checks that the
 * Python program still prints it.
 */
export function saveRegression(name: string, program: Program, twisted: readonly string[], note: string, dir = REGRESSIONS_DIR): void {
  const comment = `Regression ${name}: ${note}\nThe trace Twisted prints for this program is in ${name}.json ("twisted").`;
  writeFileSync(join(dir, `${name}.ts`), tsModule(program, { comment, library: '../../../src/index.js', tracer: '../tracer.js' }));
  writeFileSync(join(dir, `${name}.py`), pyModule(program, { comment, tracerDir: '..' }));
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify({ name, note, program, twisted }, null, 2)}\n`);
}
