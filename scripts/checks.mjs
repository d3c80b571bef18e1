/**
 * What the check scripts share: a tally of checks printed one line each ("ok" or "FAIL"
 * with the detail indented below), and running a command to capture its output.
 */
import { spawnSync } from 'node:child_process';

export const tally = { passed: 0, failed: 0 };

/** Indent every line of `text` under a check's line. */
export function indent(text) {
  return String(text).trimEnd().split('\n').map((line) => `        ${line}`).join('\n');
}

/** Count and print one check; `detail` is shown when it failed. Returns `ok`. */
export function check(label, ok, detail = '') {
  if (ok) tally.passed += 1;
  else tally.failed += 1;
  const shown = ok || detail === '' ? '' : `\n${indent(detail)}`;
  process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'}  ${label}${shown}\n`);
  return ok;
}

/** The closing line, "N passed, N failed". */
export function summary() {
  return `${tally.passed} passed, ${tally.failed} failed`;
}

/** Run a command to its end; `output` is stdout, stderr and any spawn error together. */
export function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  return { ok: result.status === 0, status: result.status, stdout: result.stdout ?? '', output };
}
