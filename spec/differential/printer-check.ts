/**
 * Checks that the printed renderings are what the runner ran: a few programs are
 * printed as a TypeScript file and as a Python file, each run as its own process
 * (node with tsx; /usr/bin/python3), and their traces must equal the ones the runner
 * got in-process (txdefer) and from the worker (Twisted).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sameTrace, sideBySide } from './differential.js';
import type { Program } from './model.js';
import { LIBRARY_NAMES, PY_IMPORTS, printFunction } from './print.js';
import { HERE, PYTHON } from './python.js';

const ROOT = join(HERE, '..', '..');

function tsCheckFile(programs: readonly Program[]): string {
  const url = (path: string): string => JSON.stringify(pathToFileURL(path).href);
  return [
    `import { ${LIBRARY_NAMES.join(', ')} } from ${url(join(ROOT, 'src', 'index.ts'))};`,
    `import { ErrA, ErrB, ErrC, Tracer } from ${url(join(HERE, 'tracer.ts'))};`,
    `import { traceOf } from ${url(join(HERE, 'harness.ts'))};`,
    `void [${LIBRARY_NAMES.join(', ')}, ErrA, ErrB, ErrC];`,
    '',
    ...programs.map((program, index) => printFunction(program, 'ts', `program${index}`)),
    '',
    'const traces: string[][] = [];',
    `for (const program of [${programs.map((_, index) => `program${index}`).join(', ')}]) traces.push(await traceOf(program));`,
    'process.stdout.write(JSON.stringify(traces));',
    '',
  ].join('\n');
}

function pyCheckFile(programs: readonly Program[]): string {
  return [
    'import json',
    'import sys',
    `sys.path.insert(0, ${JSON.stringify(HERE)})`,
    ...PY_IMPORTS,
    'from tracer import trace_of',
    '',
    ...programs.map((program, index) => `${printFunction(program, 'py', `program${index}`)}\n`),
    `print(json.dumps([trace_of(p) for p in [${programs.map((_, index) => `program${index}`).join(', ')}]]))`,
    '',
  ].join('\n');
}

/**
 * Run the printed renderings of `programs` and compare with the traces the runner got.
 * Returns a description of each mismatch (none when the printers are faithful).
 */
export function checkPrinters(
  programs: readonly Program[],
  expected: { readonly txdefer: readonly string[][]; readonly twisted: readonly string[][] },
): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'txdefer-printers-'));
  const problems: string[] = [];
  try {
    const tsFile = join(dir, 'check.mts');
    writeFileSync(tsFile, tsCheckFile(programs));
    const tsTraces = JSON.parse(
      execFileSync(process.execPath, ['--expose-gc', '--import=tsx/esm', tsFile], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 }),
    ) as string[][];
    const pyFile = join(dir, 'check.py');
    writeFileSync(pyFile, pyCheckFile(programs));
    const pyTraces = JSON.parse(execFileSync(PYTHON, [pyFile], { encoding: 'utf8', maxBuffer: 1 << 28 })) as string[][];
    programs.forEach((program, index) => {
      const ts = tsTraces[index] ?? [];
      const py = pyTraces[index] ?? [];
      const inProcess = expected.txdefer[index] ?? [];
      const worker = expected.twisted[index] ?? [];
      if (!sameTrace(ts, inProcess)) {
        problems.push(`printed TypeScript of ${JSON.stringify(program)} differs from the in-process run:\n${sideBySide(ts, inProcess)}`);
      }
      if (!sameTrace(py, worker)) {
        problems.push(`printed Python of ${JSON.stringify(program)} differs from the worker's run:\n${sideBySide(py, worker)}`);
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return problems;
}
