#!/usr/bin/env node
/**
 * The mocha suite under c8, the coverage of src/ it measured, and the suite's closing line
 * last (`npm test` runs the type-check, then this).
 *
 * c8 runs mocha (.mocharc.json) and measures which lines, branches and functions of src/
 * the specs ran (.c8rc.json: every file of src/, the JSON summary and lcov written to
 * coverage/, and the thresholds). This script passes mocha's output through as it comes,
 * then prints the figures for src/ and, last, mocha's closing "N passed, N failed, N
 * skipped" line again: CI reads the last line, and c8 would otherwise print after it.
 *
 * The exit code is mocha's, or 1 if the coverage of src/ is under a threshold of
 * .c8rc.json (c8 says which); the README records the figure (its "Tests" section).
 *
 * Usage: npm test [-- MOCHA ARGUMENTS], e.g. npm test -- --grep Cooperator (under a
 * --grep, most of src/ is not run, so the thresholds are not checked).
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const c8 = require.resolve('c8/bin/c8.js');
const mocha = require.resolve('mocha/bin/mocha.js');
const mochaArguments = process.argv.slice(2);
const partial = mochaArguments.length > 0;
const TALLY = /^\d+ passed, \d+ failed(, \d+ skipped)?$/;

rmSync(join(root, 'coverage'), { recursive: true, force: true });
const c8Arguments = partial ? ['--check-coverage=false'] : [];
const child = spawn(process.execPath, [c8, ...c8Arguments, process.execPath, mocha, ...mochaArguments], {
  cwd: root,
  stdio: ['inherit', 'pipe', 'inherit'],
});

let tally;
let pending = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  pending += chunk.toString('utf8');
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) if (TALLY.test(line.trim())) tally = line.trim();
});

child.on('close', (code, signal) => {
  if (TALLY.test(pending.trim())) tally = pending.trim();
  let exitCode = code ?? 1;
  try {
    const { total } = JSON.parse(readFileSync(join(root, 'coverage', 'coverage-summary.json'), 'utf8'));
    const figure = (name) => `${name} ${total[name].pct}% (${total[name].covered}/${total[name].total})`;
    process.stdout.write(
      `\ncoverage of src/${partial ? ' (a partial run)' : ''}: ${['lines', 'branches', 'functions', 'statements'].map(figure).join(', ')}\n` +
        'coverage/lcov-report/index.html has it file by file; the thresholds are in .c8rc.json\n',
    );
  } catch (error) {
    process.stdout.write(`\nno coverage summary: ${error.message}\n`);
    exitCode ||= 1;
  }
  if (signal !== null) process.stdout.write(`mocha was ended by ${signal}\n`);
  process.stdout.write(`${tally ?? '0 passed, 1 failed'}\n`);
  process.exitCode = exitCode;
});
