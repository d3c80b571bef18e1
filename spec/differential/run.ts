/**
 * `npm run test:twisted -- [--seed S] [--count N] [options]`: the differential run
 * against real Twisted (docs/faithfulness.md).
 *
 * Options:
 *   --seed S           the fast-check seed (default 20260601)
 *   --count N          how many programs (default 5000)
 *   --features LIST    comma-separated: core,combine,generators,time,sync (default: all)
 *   --max-steps N      most steps per program (default 30)
 *   --shrink N         shrink and print one program for each of at most N kinds of
 *                      difference (default 3)
 *   --check-printers N also run the printed TypeScript and Python of the first N
 *                      programs as files and check they trace the same (default 10; 0: off)
 *   --only N           run (and shrink) only program #N of the seed's sequence
 *   --program FILE     run only the program in FILE (JSON: a program, or a regression's
 *                      .json), shrinking it if it differs (--shrink 0: do not shrink)
 *   --adopt[=NAME]     keep each shrunk difference as a regression spec in
 *                      spec/differential/regressions (named NAME, or seed<S>-<index>);
 *                      with --program, keep (or re-record) that program even if it
 *                      no longer differs
 *   --note TEXT        what the regression shows (its spec's title; with --program, a
 *                      regression's .json keeps its own note by default)
 *   --quiet            no progress lines
 *   --trace            run txdefer's side with tracing on (txdefer/teaching's traceAll()
 *                      around each batch): tracing must change nothing, so nothing differs
 *
 * Prints "N passed, N failed" last; exits 1 on any difference, 2 when Twisted is missing.
 */
import { ALL_FEATURES, type Feature } from './generate.js';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { bothTraces, checkProgram, describeDifference, differentialRun, saveRegression } from './differential.js';
import type { Program } from './model.js';
import { gcAvailable } from './harness.js';
import { checkPrinters } from './printer-check.js';
import { PythonWorker, twistedAvailable, twistedVersion } from './python.js';
import { runOnTxdefer, traceEveryBatch, traceRecordCount } from './harness.js';
import { DEFAULT_COUNT, DEFAULT_SEED } from './settings.js';


interface Args {
  seed: number;
  count: number;
  features: Feature[];
  maxSteps: number;
  shrink: number;
  checkPrinters: number;
  adopt: boolean;
  adoptName: string | undefined;
  note: string | undefined;
  program: string | undefined;
  only: number | undefined;
  quiet: boolean;
  trace: boolean;
}

function readArgs(argv: readonly string[]): Args {
  const number = (name: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (text === '' || !Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a whole number >= 0, got ${text}`);
    return value;
  };
  // `--adopt` takes its name only as `--adopt=NAME`: a bare `--adopt` is given an empty one.
  const { values } = parseArgs({
    args: argv.map((arg) => (arg === '--adopt' ? '--adopt=' : arg)),
    options: {
      seed: { type: 'string' },
      count: { type: 'string' },
      features: { type: 'string' },
      'max-steps': { type: 'string' },
      shrink: { type: 'string' },
      'check-printers': { type: 'string' },
      only: { type: 'string' },
      adopt: { type: 'string' },
      note: { type: 'string' },
      program: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      trace: { type: 'boolean', default: false },
    },
  });
  let features: Feature[] = [...ALL_FEATURES];
  if (values.features !== undefined) {
    const list = values.features.split(',').filter((name) => name !== '');
    for (const name of list) {
      if (!(ALL_FEATURES as readonly string[]).includes(name)) throw new Error(`unknown feature ${name} (${ALL_FEATURES.join(', ')})`);
    }
    features = list as Feature[];
  }
  return {
    seed: number('seed', values.seed, DEFAULT_SEED),
    count: number('count', values.count, DEFAULT_COUNT),
    features,
    maxSteps: Math.max(1, number('max-steps', values['max-steps'], 30)),
    shrink: number('shrink', values.shrink, 3),
    checkPrinters: number('check-printers', values['check-printers'], 10),
    adopt: values.adopt !== undefined,
    adoptName: values.adopt === undefined || values.adopt === '' ? undefined : values.adopt,
    note: values.note,
    program: values.program,
    only: values.only === undefined ? undefined : number('only', values.only, 0),
    quiet: values.quiet,
    trace: values.trace,
  };
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = readArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`test:twisted: ${(error as Error).message}\n`);
    return 2;
  }
  if (!gcAvailable()) {
    process.stderr.write('test:twisted: run node with --expose-gc (npm run test:twisted does)\n');
    return 2;
  }
  if (!twistedAvailable()) {
    process.stdout.write(
      'test:twisted: /usr/bin/python3 cannot import twisted: install Debian\'s python3-twisted (apt-get install python3-twisted)\n',
    );
    process.stdout.write('0 passed, 0 failed (the differential run against Twisted could not run)\n');
    return 2;
  }
  if (args.trace) traceEveryBatch();
  const worker = new PythonWorker();
  try {
    if (args.program !== undefined) return await runOneProgram(args, worker);
    process.stdout.write(
      `differential run: seed ${args.seed}, ${args.count} programs, features ${args.features.join(',')}; Twisted ${twistedVersion()}\n`,
    );
    const summary = await differentialRun({
      seed: args.seed,
      count: args.count,
      features: args.features,
      maxSteps: args.maxSteps,
      shrinkLimit: args.shrink,
      only: args.only,
      worker,
      progress: args.quiet
        ? undefined
        : (done, failed) => {
            if (done % 1000 === 0 || done === args.count) process.stdout.write(`  ${done} programs run, ${failed} differ\n`);
          },
    });
    const rate = summary.programs.length / Math.max(summary.runSeconds, 1e-9);
    process.stdout.write(`ran ${summary.programs.length} programs in ${summary.runSeconds.toFixed(1)} s (${rate.toFixed(0)} programs/s)\n`);
    if (args.trace) process.stdout.write(`tracing was on: ${traceRecordCount()} trace records made\n`);

    let printerProblems: string[] = [];
    const sample = summary.programs.slice(0, args.checkPrinters);
    if (sample.length > 0) {
      const twisted = await worker.run(sample);
      const txdefer = await runOnTxdefer(sample);
      printerProblems = checkPrinters(sample, { txdefer, twisted });
      process.stdout.write(
        printerProblems.length === 0
          ? `printed renderings of ${sample.length} programs run as files: same traces\n`
          : `printed renderings: ${printerProblems.length} mismatches\n${printerProblems.join('\n\n')}\n`,
      );
    }

    for (const difference of summary.differences) {
      process.stdout.write(`\n${describeDifference(difference, args.seed)}\n`);
      if (args.adopt) {
        const name = args.adoptName ?? `seed${args.seed}-${difference.index}`;
        const note = args.note ?? `found by npm run test:twisted -- --seed ${args.seed} --only ${difference.index}`;
        saveRegression(name, difference.minimal, difference.twisted, note);
        process.stdout.write(`kept as spec/differential/regressions/${name}.{ts,py,json}\n`);
      }
    }
    if (summary.failed > 0) {
      process.stdout.write(`\n${summary.kinds.size} kinds of difference (first differing lines, numbers blurred):\n`);
      for (const [kind, indices] of summary.kinds) {
        const shown = indices.slice(0, 12).map((index) => `#${index}`).join(', ');
        process.stdout.write(`  ${indices.length} programs (${shown}${indices.length > 12 ? ', ...' : ''}):\n    ${kind}\n`);
      }
    }
    const failed = summary.failed + printerProblems.length;
    process.stdout.write(`${summary.passed} passed, ${failed} failed\n`);
    return failed === 0 ? 0 : 1;
  } finally {
    worker.close();
  }
}

async function runOneProgram(args: Args, worker: PythonWorker): Promise<number> {
  const file = args.program as string;
  const data = JSON.parse(readFileSync(file, 'utf8')) as Program | { program: Program; note?: string };
  const program = 'program' in data ? data.program : data;
  const difference = await checkProgram(program, worker, args.shrink > 0);
  if (difference === undefined) process.stdout.write(`${file}: txdefer and Twisted trace the same\n`);
  else process.stdout.write(`${describeDifference(difference, `the program in ${file}`)}\n`);
  if (args.adopt) {
    // Kept (or re-recorded) whether or not it differs now: the spec guards it either way.
    const kept = difference?.minimal ?? program;
    const twisted = difference?.twisted ?? (await bothTraces(worker, [kept])).twisted[0] ?? [];
    const name = args.adoptName ?? basename(file).replace(/\.json$/, '');
    const note = args.note ?? ('note' in data && data.note !== undefined ? data.note : `the program in ${basename(file)}`);
    saveRegression(name, kept, twisted, note);
    process.stdout.write(`kept as spec/differential/regressions/${name}.{ts,py,json}\n`);
  }
  process.stdout.write(difference === undefined ? '1 passed, 0 failed\n' : '0 passed, 1 failed\n');
  return difference === undefined ? 0 : 1;
}

process.exitCode = await main();
