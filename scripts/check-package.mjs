#!/usr/bin/env node
/**
 * `npm run check:package`: the packed package, installed by a stranger, runs and types.
 *
 * What a package's files and manifest must look like (the exports map, types for each
 * condition, the files shipped) is checked by publint and attw (`npm run check:publint`,
 * `npm run check:types`); this script checks what they cannot: that the code in the
 * tarball works from a separate project.
 *
 *   1. `npm pack` (its prepare script builds dist/), then `npm install --offline` of the
 *      tarball into a scratch project in a temporary directory: nothing else arrives in
 *      node_modules (no runtime dependencies).
 *   2. Runtime: one small program run through `import` (dist/index.mjs) and through
 *      `require` (dist/index.cjs) prints what it should; `require('txdefer/package.json')`
 *      works; both expose the same names. The same for a program using the
 *      `txdefer/decorators` entry, whose Deferreds must be the root's (one copy of the
 *      library: dist/decorators.cjs requires only the code it shares with dist/index.cjs,
 *      in dist/cjs/).
 *   3. Types: a typed program compiles with `skipLibCheck` off under each consumer setup
 *      the README names (module nodenext as .mts and .cts, moduleResolution bundler,
 *      target ES2015, and target ES5 with lib ES2015), and the compiled .mts/.cts programs
 *      run. Its `// @ts-expect-error` lines must each be an error: without them, tsc
 *      reports exactly that many errors (the types are real, not `any`).
 *
 * Usage: npm run check:package [-- --keep]
 *   --keep  keep the scratch project (its path is printed)
 * The last line is "N passed, N failed"; the exit code is 1 if anything failed.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { check, indent, run, summary, tally } from './checks.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const { values: options } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });

/** Stop here: later checks need what this step should have produced. */
function bail(message) {
  process.stdout.write(`\n${message}\n${summary()}\n`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'txdefer-package-'));
process.on('exit', () => {
  if (options.keep || tally.failed > 0) process.stdout.write(`(scratch files kept in ${work})\n`);
  else rmSync(work, { recursive: true, force: true });
});

// ---- 1. pack and install ------------------------------------------------------------------

process.stdout.write('npm pack, then npm install of the tarball in a separate project\n');
const packDir = join(work, 'pack');
mkdirSync(packDir);
const pack = run('npm', ['pack', '--pack-destination', packDir], root);
if (!check('npm pack succeeded', pack.ok, pack.output)) bail('npm pack failed; nothing to install.');
const tarballs = readdirSync(packDir).filter((name) => name.endsWith('.tgz'));
if (!check('npm pack wrote one tarball', tarballs.length === 1, `found: ${tarballs.join(', ') || 'none'}`)) bail('no tarball.');

const app = join(work, 'consumer');
mkdirSync(app);
writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'txdefer-consumer', version: '1.0.0', private: true }, null, 2)}\n`);
// --offline: a package with no dependencies needs nothing from the registry.
const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(packDir, tarballs[0])], app);
if (!check(`npm install --offline ${tarballs[0]} succeeded`, install.ok, install.output)) bail('install failed.');
const installed = readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.'));
check('node_modules holds txdefer and nothing else (no runtime dependencies)', installed.length === 1 && installed[0] === 'txdefer', `node_modules: ${installed.join(', ')}`);

// ---- 2. import and require ------------------------------------------------------------------

process.stdout.write('\nruntime: import (.mjs) and require (.cjs)\n');
const PROGRAM = String.raw`
const lines = [];
const log = (line) => lines.push(line);

// a callback chain, with an extra argument after the result
const d = new Deferred();
d.addCallback((n) => n + 1).addCallback((n, factor) => n * factor, 10).addCallback((n) => log('chain: ' + n));
d.callback(1);

// a throw moves to the errback path; the errback recovers
const e = new Deferred();
e.addCallback(() => { throw new TypeError('boom'); })
  .addCallback(() => log('never printed'))
  .addErrback((failure) => { log('errback: ' + (failure.check(TypeError) === TypeError) + ' ' + failure.getErrorMessage()); return 'recovered'; })
  .addCallback((value) => log('after errback: ' + value));
e.callback(null);

// a callback returning a Deferred makes the chain wait for it
const inner = new Deferred();
succeed('start').addCallback(() => inner).addCallback((value) => log('waited for: ' + value));
inner.callback('inner result');

// cancelling
const c = new Deferred();
c.addErrback((failure) => log('cancelled: ' + (failure.check(CancelledError) === CancelledError)));
c.cancel();

// await
const later = new Deferred();
setTimeout(() => later.callback('later'), 1);
log('await: ' + (await later));
try {
  await fail(new RangeError('nope'));
} catch (error) {
  log('await throws: ' + error.name + ' ' + error.message);
}
log('isDeferred: ' + isDeferred(d) + ', isFailure: ' + isFailure(new Failure(new Error('x'))));

// txdefer/node: a file lock, taken and released
const lockDir = mkdtempSync(join(tmpdir(), 'txdefer-consumer-lock-'));
const fileLock = new DeferredFilesystemLock(join(lockDir, 'lock'));
log('txdefer/node: ' + successResultOf(fileLock.deferUntilLocked().addCallback(() => fileLock.locked)));
fileLock.unlock();
rmSync(lockDir, { recursive: true });

// the subpath shares the root's classes: its helpers see this Deferred's result
log('txdefer/testing: ' + successResultOf(succeed('same Deferred class')) + ', ' + failureResultOf(fail(new CancelledError()), CancelledError).typeName);
console.log(lines.join('\n'));
`;
const PROGRAM_OUTPUT = [
  'chain: 20',
  'errback: true boom',
  'after errback: recovered',
  'waited for: inner result',
  'cancelled: true',
  'await: later',
  'await throws: RangeError nope',
  'isDeferred: true, isFailure: true',
  'txdefer/node: true',
  'txdefer/testing: same Deferred class, CancelledError',
].join('\n');
const NAMES = 'CancelledError, Deferred, Failure, fail, isDeferred, isFailure, succeed';

writeFileSync(
  join(app, 'program.mjs'),
  `import { ${NAMES} } from 'txdefer';\nimport { failureResultOf, successResultOf } from 'txdefer/testing';\n` +
    `import { DeferredFilesystemLock } from 'txdefer/node';\nimport { mkdtempSync, rmSync } from 'node:fs';\nimport { tmpdir } from 'node:os';\nimport { join } from 'node:path';\n` +
    `import * as all from 'txdefer';\n` +
    `console.log('exports: ' + Object.keys(all).sort().join(' '));\n${PROGRAM}`,
);
writeFileSync(
  join(app, 'program.cjs'),
  `'use strict';\nconst { ${NAMES} } = require('txdefer');\nconst { failureResultOf, successResultOf } = require('txdefer/testing');\n` +
    `const { DeferredFilesystemLock } = require('txdefer/node');\nconst { mkdtempSync, rmSync } = require('node:fs');\nconst { tmpdir } = require('node:os');\nconst { join } = require('node:path');\n` +
    `console.log('exports: ' + Object.keys(require('txdefer')).filter((k) => k !== '__esModule').sort().join(' '));\n` +
    `console.log('package.json: ' + require('txdefer/package.json').name);\n` +
    `(async () => {${PROGRAM}})().catch((error) => { console.error(error); process.exitCode = 1; });\n`,
);
const esmRun = run(process.execPath, ['program.mjs'], app);
const cjsRun = run(process.execPath, ['program.cjs'], app);
const esmExports = firstLine(esmRun.stdout, 'exports: ');
const cjsExports = firstLine(cjsRun.stdout, 'exports: ');
check('import { Deferred, ... } from "txdefer" runs the program', esmRun.ok && withoutPrefixed(esmRun.stdout) === PROGRAM_OUTPUT, diff(esmRun, PROGRAM_OUTPUT));
check('require("txdefer") runs the same program', cjsRun.ok && withoutPrefixed(cjsRun.stdout) === PROGRAM_OUTPUT, diff(cjsRun, PROGRAM_OUTPUT));
check('require("txdefer/package.json") works', /^package\.json: txdefer$/m.test(cjsRun.stdout), cjsRun.output);
check('import and require expose the same names', esmExports !== undefined && esmExports === cjsExports, `import:  ${esmExports}\nrequire: ${cjsExports}`);

// txdefer/decorators: its Deferreds are the root's (one copy), through import and require.
const DECORATED = String.raw`
const add = callback((a, b) => a + b);
const sum = add(succeed(1), succeed(2));
sum.addCallback((v) => console.log('decorated: ' + v + ', a Deferred of the root: ' + (sum instanceof Deferred)));
const recover = errback((failure) => 'recovered from ' + failure.getErrorMessage());
recover(fail(new Error('boom'))).addCallback((v) => console.log(v));
`;
const DECORATED_OUTPUT = 'decorated: 3, a Deferred of the root: true\nrecovered from boom';
writeFileSync(
  join(app, 'decorated.mjs'),
  `import { Deferred, fail, succeed } from 'txdefer';\nimport { callback, errback } from 'txdefer/decorators';\n${DECORATED}`,
);
writeFileSync(
  join(app, 'decorated.cjs'),
  `'use strict';\nconst { Deferred, fail, succeed } = require('txdefer');\nconst { callback, errback } = require('txdefer/decorators');\n${DECORATED}`,
);
for (const file of ['decorated.mjs', 'decorated.cjs']) {
  const decoratedRun = run(process.execPath, [file], app);
  check(`${file.endsWith('.mjs') ? 'import' : 'require'} of txdefer/decorators runs, with the root's Deferred`, decoratedRun.ok && decoratedRun.stdout.trim() === DECORATED_OUTPUT, diff(decoratedRun, DECORATED_OUTPUT));
}
const decoratorsCjs = readFileSync(join(app, 'node_modules', 'txdefer', 'dist', 'decorators.cjs'), 'utf8');
const required = [...decoratorsCjs.matchAll(/\brequire\(\s*(['"])([^'"]*)\1\s*\)/g)].map((match) => match[2]);
check(
  'dist/decorators.cjs requires only the code it shares with dist/index.cjs (dist/cjs/): no second copy of the library',
  required.length > 0 && required.every((path) => path.startsWith('./cjs/') || path === './index.cjs'),
  required.join('\n'),
);

// txdefer/teaching: its tracer hears the root's Deferreds (one copy, one observer hook), through import and require.
const TRACED = String.raw`
const d = new Deferred();
const t = trace(d);
d.addCallback(function double(n) { return n * 2; });
d.callback(21);
t.stop();
const step = t.records.find((r) => r.type === 'step');
console.log('traced: ' + step.fn + ' ' + step.input.repr + ' -> ' + step.output.repr);
`;
const TRACED_OUTPUT = 'traced: double 21 -> 42';
writeFileSync(join(app, 'traced.mjs'), `import { Deferred } from 'txdefer';\nimport { trace } from 'txdefer/teaching';\n${TRACED}`);
writeFileSync(join(app, 'traced.cjs'), `'use strict';\nconst { Deferred } = require('txdefer');\nconst { trace } = require('txdefer/teaching');\n${TRACED}`);
for (const file of ['traced.mjs', 'traced.cjs']) {
  const tracedRun = run(process.execPath, [file], app);
  check(`${file.endsWith('.mjs') ? 'import' : 'require'} of txdefer/teaching traces the root's Deferreds`, tracedRun.ok && tracedRun.stdout.trim() === TRACED_OUTPUT, diff(tracedRun, TRACED_OUTPUT));
}

// ---- 3. types -----------------------------------------------------------------------------------

process.stdout.write('\ntypes: tsc in the consumer project, skipLibCheck off\n');
const TYPED = String.raw`
declare const console: { log(...data: unknown[]): void };
declare function setTimeout(callback: () => void, ms: number): unknown;

export async function main(): Promise<string[]> {
  const lines: string[] = [];
  const d = new Deferred<number>();
  const text: Deferred<string> = d.addCallback((n: number) => String(n * 2));
  text.addCallback((s) => { lines.push('typed chain: ' + s.toUpperCase()); });
  // @ts-expect-error addCallback((n: number) => String(n)) gives a Deferred<string>, not a Deferred<number>
  const wrongChain: Deferred<number> = new Deferred<number>().addCallback((n: number) => String(n));
  // @ts-expect-error callback() of a Deferred<number> takes a number
  new Deferred<number>().callback('not a number');
  const neverCalled = (): void => {
    // @ts-expect-error errback() needs the error (there is no "current exception"; it would throw)
    new Deferred<number>().errback();
  };
  d.callback(21);

  const waited: Deferred<boolean> = succeed(1).addCallback(() => succeed(true));
  waited.addCallback((flag) => { lines.push('unwrapped: ' + flag); });
  const unwrapped: Unwrap<Deferred<number>> = 3;

  const recovered: Deferred<string | number> = fail<string>(new CancelledError()).addErrback((failure: Failure) => {
    const matched: typeof CancelledError = failure.trap(CancelledError);
    lines.push('trapped: ' + matched.name);
    return 0;
  });
  recovered.addCallback((value) => { lines.push('recovered: ' + value); });

  const later = new Deferred<number>();
  setTimeout(() => later.callback(5), 1);
  const five: number = await later;
  lines.push('await: ' + five);
  // @ts-expect-error awaiting a Deferred<number> gives a number, not a string
  const wrongAwait: string = await succeed(6);

  const maybe: Deferred<number> = maybeDeferred((a: number, b: number) => a + b, 2, 3);
  // @ts-expect-error maybeDeferred checks the extra arguments against the function
  maybeDeferred((a: number) => a, 'two');
  maybe.addCallback((sum) => { lines.push('maybeDeferred: ' + sum); });

  const add = callback((a: number, b: number) => a + b);
  const decorated: Deferred<number> = add(succeed(1), 2);
  // @ts-expect-error a decorated function's Deferred arguments are typed: a Deferred<string> is no number
  add(succeed('one'), 2);
  decorated.addCallback((sum) => { lines.push('decorated: ' + sum); });

  const mixed = new DeferredList([succeed(1), succeed('a')]);
  mixed.addCallback(([[, one], [, a]]) => { lines.push('mixed list: ' + String(one) + ' ' + String(a)); });
  // @ts-expect-error a mixed DeferredList keeps each position's type: the second is a string entry
  const swapped: Deferred<[DeferredListEntry<string>, DeferredListEntry<number>]> = new DeferredList([succeed(1), succeed('a')]);
  void swapped;

  // txdefer/testing: typed as trial's helpers, on the root's Deferred and Failure types
  const got: number = successResultOf(succeed(3));
  // @ts-expect-error successResultOf of a Deferred<number> gives a number
  const wrongResult: string = successResultOf(succeed(4));
  const caught: Failure = failureResultOf(fail(new RangeError('r')), RangeError);
  assertNoResult(new Deferred<number>());
  lines.push('txdefer/testing: ' + got + ' ' + caught.getErrorMessage());
  void wrongResult;

  // txdefer/node's declarations compile too, without Node's types
  const exit: SystemExit = new SystemExit(2);
  const neverExits = (): SystemExit =>
    // @ts-expect-error an exit code is a number
    new SystemExit('2');
  void neverExits;
  lines.push('txdefer/node: ' + exit.code);
  void neverCalled;
  void wrongChain;
  void wrongAwait;
  void unwrapped;
  return lines;
}
`;
const TYPED_OUTPUT = ['typed chain: 42', 'unwrapped: true', 'trapped: CancelledError', 'recovered: 0', 'await: 5', 'maybeDeferred: 5', 'decorated: 3', 'mixed list: 1 a', 'txdefer/testing: 3 r', 'txdefer/node: 2'].join('\n');
const TYPED_IMPORT =
  `import { CancelledError, Deferred, DeferredList, type DeferredListEntry, Failure, fail, maybeDeferred, succeed, type Unwrap } from 'txdefer';\n` +
  `import { callback } from 'txdefer/decorators';\n` +
  `import { assertNoResult, failureResultOf, successResultOf } from 'txdefer/testing';\n` +
  `import { SystemExit } from 'txdefer/node';\n`;
const EXPECT_ERRORS = (TYPED.match(/@ts-expect-error/g) ?? []).length;
const MAIN = `\nvoid main().then((lines) => { console.log(lines.join('\\n')); });\n`;
writeFileSync(join(app, 'consumer.mts'), `${TYPED_IMPORT}${TYPED}${MAIN}`);
writeFileSync(join(app, 'consumer.cts'), `${TYPED_IMPORT}${TYPED}${MAIN}`);
writeFileSync(join(app, 'consumer.ts'), `${TYPED_IMPORT}${TYPED}`);
writeFileSync(join(app, 'unchecked.mts'), `${TYPED_IMPORT}${TYPED.replace(/^\s*\/\/ @ts-expect-error.*\n/gm, '')}`);

const STRICT = { strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false };
/** The consumer setups the README names, each a tsconfig of the scratch project. */
const SETUPS = [
  { name: 'module nodenext (.mts, import)', files: ['consumer.mts'], options: { target: 'es2022', module: 'nodenext', outDir: 'out' }, runs: 'out/consumer.mjs' },
  { name: 'module nodenext (.cts, require)', files: ['consumer.cts'], options: { target: 'es2022', module: 'nodenext', outDir: 'out' }, runs: 'out/consumer.cjs' },
  { name: 'moduleResolution bundler', files: ['consumer.ts'], options: { target: 'es2022', module: 'esnext', moduleResolution: 'bundler', noEmit: true } },
  { name: 'target ES2015, module commonjs', files: ['consumer.ts'], options: { target: 'es2015', module: 'commonjs', moduleResolution: 'node10', noEmit: true, ignoreDeprecations: '6.0' } },
  // TypeScript 6 deprecates target ES5 (ignoreDeprecations lets it through); the
  // declarations need lib ES2015 (Iterable, Generator), which target ES2015 and later include.
  { name: 'target ES5, lib ES2015, module commonjs', files: ['consumer.ts'], options: { target: 'es5', lib: ['es2015'], module: 'commonjs', moduleResolution: 'node10', noEmit: true, ignoreDeprecations: '6.0' } },
];
for (const setup of SETUPS) {
  const config = `tsconfig.${SETUPS.indexOf(setup)}.json`;
  writeFileSync(join(app, config), `${JSON.stringify({ compilerOptions: { ...STRICT, ...setup.options }, files: setup.files }, null, 2)}\n`);
  const compiled = run(process.execPath, [tsc, '-p', config], app);
  const errors = compiled.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
  check(`${setup.name}: compiles (${EXPECT_ERRORS} @ts-expect-error lines, each an error)`, compiled.ok, errors.join('\n') || compiled.output);
  if (setup.runs !== undefined && compiled.ok) {
    const ran = run(process.execPath, [setup.runs], app);
    check(`${setup.name}: node ${setup.runs} prints the expected lines`, ran.ok && ran.stdout.trim() === TYPED_OUTPUT, diff(ran, TYPED_OUTPUT));
  }
}
// The directives prove the types are not `any` only if tsc really complains without them.
writeFileSync(join(app, 'tsconfig.unchecked.json'), `${JSON.stringify({ compilerOptions: { ...STRICT, ...SETUPS[0].options, noEmit: true }, files: ['unchecked.mts'] }, null, 2)}\n`);
const unchecked = run(process.execPath, [tsc, '-p', 'tsconfig.unchecked.json'], app);
const uncheckedErrors = unchecked.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
check(
  `without the directives tsc reports exactly ${EXPECT_ERRORS} errors (TS2322, TS2345, TS2554)`,
  !unchecked.ok && uncheckedErrors.length === EXPECT_ERRORS && uncheckedErrors.every((line) => /error TS(2322|2345|2554)/.test(line)),
  unchecked.output,
);

process.stdout.write(`\n${summary()}\n`);
process.exitCode = tally.failed === 0 ? 0 : 1;

// ---- helpers ----------------------------------------------------------------------------------

function firstLine(text, prefix) {
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line?.slice(prefix.length);
}

function withoutPrefixed(text) {
  return text.split('\n').filter((line) => !line.startsWith('exports: ') && !line.startsWith('package.json: ')).join('\n').trim();
}

function diff(result, expected) {
  return `exit status ${result.status}\nexpected:\n${indent(expected)}\ngot:\n${indent(result.output)}`;
}
