#!/usr/bin/env node
/**
 * Checks the package as a stranger gets it: `npm pack` (whose prepack script runs
 * `npm run build`), then a separate scratch project in a temporary directory that
 * installs the tarball and uses it.
 *
 *   - the tarball holds the four dist files (ESM, CommonJS, .d.ts, .d.cts) of each entry (the
 *     root and txdefer/decorators) and no sources;
 *   - package.json: no runtime dependencies, `sideEffects: false`, the `exports` map;
 *   - the shipped JavaScript imports nothing (the decorators entry imports only the root
 *     bundle, so there is one copy of the library), has no tslib helpers and, in the ESM
 *     build, refers to no Node-only global (so it can run in a browser);
 *   - a small Deferred program runs through `import` (.mjs) and through `require` (.cjs),
 *     and so does one using txdefer/decorators, whose Deferreds are the root's;
 *   - typed consumers pass tsc under `module nodenext` (.mts and .cts, each resolving
 *     its own declaration file) and under `moduleResolution bundler`; each contains
 *     `// @ts-expect-error` lines, so the types are real (not `any`); the compiled
 *     .mts/.cts programs run too.
 *
 * Prints one line per check and exits non-zero if any failed.
 * Usage: `npm run check:package` (set TXDEFER_KEEP_SCRATCH=1 to keep the temp dir).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAst } from 'rollup/parseAst';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let passed = 0;
let failed = 0;

function check(label, ok, detail = '') {
  if (ok) {
    passed += 1;
    process.stdout.write(`  ok    ${label}\n`);
  } else {
    failed += 1;
    process.stdout.write(`  FAIL  ${label}${detail === '' ? '' : `\n${indent(detail)}`}\n`);
  }
  return ok;
}

function section(title) {
  process.stdout.write(`\n${title}\n`);
}

function indent(text) {
  return String(text).trimEnd().split('\n').map((line) => `        ${line}`).join('\n');
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  return { ok: result.status === 0, status: result.status, stdout: result.stdout ?? '', output };
}

/** Stop here: later checks need what this step should have produced. */
function bail(message) {
  process.stdout.write(`\n${message}\n${passed} passed, ${failed} failed\n`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'txdefer-package-'));
const keep = process.env.TXDEFER_KEEP_SCRATCH === '1';
process.on('exit', () => {
  if (keep || failed > 0) process.stdout.write(`(scratch files kept in ${work})\n`);
  else rmSync(work, { recursive: true, force: true });
});

// ---- 1. pack ----------------------------------------------------------------------------

section('npm pack (prepack runs npm run build)');
const packDir = join(work, 'pack');
mkdirSync(packDir);
const pack = run(npm, ['pack', '--pack-destination', packDir], root);
if (!check('npm pack succeeded', pack.ok, pack.output)) bail('npm pack failed; nothing to install.');
const tarballs = readdirSync(packDir).filter((name) => name.endsWith('.tgz'));
if (!check('npm pack wrote one tarball', tarballs.length === 1, `found: ${tarballs.join(', ') || 'none'}`)) bail('no tarball.');
const tarball = join(packDir, tarballs[0]);
process.stdout.write(`        ${tarballs[0]}\n`);

const listing = run('tar', ['-tzf', tarball], packDir);
check('tar can list the tarball', listing.ok, listing.output);
const packed = listing.stdout.split('\n').filter(Boolean).map((name) => name.replace(/^package\//, '')).sort();
const ENTRIES = ['index', 'decorators'];
const required = ['package.json', ...ENTRIES.flatMap((entry) => ['mjs', 'cjs', 'd.ts', 'd.cts'].map((ext) => `dist/${entry}.${ext}`))];
const missing = required.filter((name) => !packed.includes(name));
check(`tarball holds ${required.join(', ')}`, missing.length === 0, `missing: ${missing.join(', ')}`);
const allowed = /^(package\.json|CHANGELOG\.md|README\.md|LICENSE(\.md)?|dist\/(index|decorators)\.(mjs|cjs|d\.ts|d\.cts)(\.map)?)$/;
const stray = packed.filter((name) => !allowed.test(name));
check('tarball holds nothing else (no src/, spec/, config)', stray.length === 0, `unexpected: ${stray.join(', ')}`);
process.stdout.write(`        files: ${packed.join(', ')}\n`);

// ---- 2. a separate project installs it -------------------------------------------------

section('a separate project installs the tarball');
const app = join(work, 'consumer');
mkdirSync(app);
writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'txdefer-consumer', version: '1.0.0', private: true }, null, 2)}\n`);
// --offline: a package with no dependencies needs nothing from the registry.
const install = run(npm, ['install', '--offline', '--no-audit', '--no-fund', tarball], app);
if (!check('npm install --offline <tarball> succeeded', install.ok, install.output)) bail('install failed.');
const installed = readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.'));
check('node_modules holds txdefer and nothing else (no runtime dependencies)', installed.length === 1 && installed[0] === 'txdefer', `node_modules: ${installed.join(', ')}`);
const pkgDir = join(app, 'node_modules', 'txdefer');

// ---- 3. package.json --------------------------------------------------------------------

section('package.json as installed');
const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
  const value = manifest[field];
  const empty = value === undefined || (typeof value === 'object' && value !== null && Object.keys(value).length === 0) || (Array.isArray(value) && value.length === 0);
  check(`no ${field}`, empty, JSON.stringify(value));
}
check('sideEffects is false', manifest.sideEffects === false, JSON.stringify(manifest.sideEffects));
check('type is "module"', manifest.type === 'module', JSON.stringify(manifest.type));
const dot = manifest.exports?.['.'];
const expectedDot = {
  import: { types: './dist/index.d.ts', default: './dist/index.mjs' },
  require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
};
check(
  'exports["."] maps import to index.d.ts + index.mjs and require to index.d.cts + index.cjs, "types" first',
  JSON.stringify(dot) === JSON.stringify(expectedDot),
  JSON.stringify(dot, null, 2),
);
const expectedDecorators = {
  import: { types: './dist/decorators.d.ts', default: './dist/decorators.mjs' },
  require: { types: './dist/decorators.d.cts', default: './dist/decorators.cjs' },
};
check(
  'exports["./decorators"] maps import to decorators.d.ts + decorators.mjs and require to decorators.d.cts + decorators.cjs, "types" first',
  JSON.stringify(manifest.exports?.['./decorators']) === JSON.stringify(expectedDecorators),
  JSON.stringify(manifest.exports?.['./decorators'], null, 2),
);
check('exports["./package.json"] is exported', manifest.exports?.['./package.json'] === './package.json', JSON.stringify(manifest.exports));
for (const field of ['main', 'module', 'types']) {
  check(`"${field}" (${manifest[field]}) exists in the package`, typeof manifest[field] === 'string' && existsSync(join(pkgDir, manifest[field])));
}
for (const target of [expectedDot, expectedDecorators].flatMap((entry) => [...Object.values(entry.import), ...Object.values(entry.require)])) {
  check(`${target} exists in the package`, existsSync(join(pkgDir, target)));
}

// ---- 4. what the shipped files contain ---------------------------------------------------

section('shipped JavaScript: zero runtime dependencies, no Node-only APIs');
const NODE_ONLY = ['process', 'Buffer', 'require', 'module', 'exports', '__dirname', '__filename', 'global', 'setImmediate', 'clearImmediate'];
const mjs = readFileSync(join(pkgDir, 'dist/index.mjs'), 'utf8');
const cjs = readFileSync(join(pkgDir, 'dist/index.cjs'), 'utf8');
const mjsAst = parseAst(mjs);
const cjsAst = parseAst(cjs);
for (const [name, text] of [['index.mjs', mjs], ['index.cjs', cjs]]) {
  check(`dist/${name} has no tslib helpers`, !/tslib|__classPrivateField|__awaiter|__generator/.test(text));
}
const mjsImports = moduleRequests(mjsAst);
check('dist/index.mjs imports nothing (no import, import(), export ... from)', mjsImports.length === 0, mjsImports.join('\n'));
const cjsRequests = moduleRequests(cjsAst);
check('dist/index.cjs requires and imports nothing', cjsRequests.length === 0, cjsRequests.join('\n'));
const mjsGlobals = freeNames(mjsAst);
const nodeOnlyUsed = mjsGlobals.filter((name) => NODE_ONLY.includes(name));
check(`dist/index.mjs refers to no Node-only global (${NODE_ONLY.join(', ')})`, nodeOnlyUsed.length === 0, `used: ${nodeOnlyUsed.join(', ')}`);
const viaGlobalThis = globalThisMembers(mjsAst).filter((name) => NODE_ONLY.includes(name));
check('dist/index.mjs reads none of them through globalThis either', viaGlobalThis.length === 0, `globalThis.${viaGlobalThis.join(', globalThis.')}`);
process.stdout.write(`        globals it uses: ${mjsGlobals.join(', ')}\n`);
const nodeStrings = stringLiterals(mjsAst).filter((value) => /^node:/.test(value));
check('dist/index.mjs names no node: module', nodeStrings.length === 0, nodeStrings.join(', '));
for (const name of ['index.d.ts', 'index.d.cts']) {
  const text = readFileSync(join(pkgDir, 'dist', name), 'utf8');
  const refs = declarationImports(text);
  check(`dist/${name} is self-contained (no import, no /// <reference>, so no @types/node needed)`, refs.length === 0, refs.join('\n'));
}

section('txdefer/decorators: one copy of the library, taken from the root bundle');
for (const [name, root] of [['decorators.mjs', './index.mjs'], ['decorators.cjs', './index.cjs']]) {
  const text = readFileSync(join(pkgDir, 'dist', name), 'utf8');
  check(`dist/${name} has no tslib helpers`, !/tslib|__classPrivateField|__awaiter|__generator/.test(text));
  const requests = moduleRequests(parseAst(text)).filter((request) => !request.endsWith(` ${root}`) && request !== 'require()');
  const requires = [...text.matchAll(/\brequire\(\s*(['"])([^'"]*)\1\s*\)/g)].map((match) => match[2]).filter((path) => path !== root);
  check(`dist/${name} imports nothing but ${root}`, requests.length === 0 && requires.length === 0, [...requests, ...requires].join('\n'));
}
const decoratorsGlobals = freeNames(parseAst(readFileSync(join(pkgDir, 'dist/decorators.mjs'), 'utf8')));
const decoratorsNodeOnly = decoratorsGlobals.filter((name) => NODE_ONLY.includes(name));
check('dist/decorators.mjs refers to no Node-only global', decoratorsNodeOnly.length === 0, `used: ${decoratorsNodeOnly.join(', ')}`);
for (const [name, root] of [['decorators.d.ts', './index.js'], ['decorators.d.cts', './index.cjs']]) {
  const text = readFileSync(join(pkgDir, 'dist', name), 'utf8');
  const refs = declarationImports(text);
  const foreign = refs.filter((line) => !line.includes(`from '${root}'`));
  check(`dist/${name} imports types only from ${root}`, refs.length > 0 && foreign.length === 0, foreign.join('\n') || '(no import of the root declarations)');
}

// ---- 5. import and require, untyped -------------------------------------------------------

section('runtime: import (.mjs) and require (.cjs)');
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
].join('\n');
const NAMES = 'CancelledError, Deferred, Failure, fail, isDeferred, isFailure, succeed';

writeFileSync(
  join(app, 'program.mjs'),
  `import { ${NAMES} } from 'txdefer';\nimport * as all from 'txdefer';\n` +
    `console.log('exports: ' + Object.keys(all).sort().join(' '));\n${PROGRAM}`,
);
writeFileSync(
  join(app, 'program.cjs'),
  `'use strict';\nconst { ${NAMES} } = require('txdefer');\n` +
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
process.stdout.write(`        ${esmExports ?? '(no exports line)'}\n`);

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

// ---- 6. types ------------------------------------------------------------------------------

section('types: tsc in the consumer project');
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
  void wrongChain;
  void wrongAwait;
  void unwrapped;
  return lines;
}
`;
const TYPED_OUTPUT = ['typed chain: 42', 'unwrapped: true', 'trapped: CancelledError', 'recovered: 0', 'await: 5', 'maybeDeferred: 5', 'decorated: 3'].join('\n');
const TYPED_IMPORT = `import { CancelledError, Deferred, Failure, fail, maybeDeferred, succeed, type Unwrap } from 'txdefer';\nimport { callback } from 'txdefer/decorators';\n`;
const EXPECT_ERRORS = (TYPED.match(/@ts-expect-error/g) ?? []).length;
writeFileSync(join(app, 'consumer.mts'), `${TYPED_IMPORT}${TYPED}\nmain().then((lines) => { console.log(lines.join('\\n')); });\n`);
writeFileSync(join(app, 'consumer.cts'), `${TYPED_IMPORT}${TYPED}\nvoid main().then((lines) => { console.log(lines.join('\\n')); });\n`);
writeFileSync(join(app, 'consumer-bundler.ts'), `${TYPED_IMPORT}${TYPED}`);

const STRICT = ['--strict', '--exactOptionalPropertyTypes', '--noUncheckedIndexedAccess', '--skipLibCheck', 'false', '--target', 'es2022', '--lib', 'es2022', '--listFiles'];
const cases = [
  { file: 'consumer.mts', label: 'module nodenext, .mts (import)', flags: ['--module', 'nodenext', '--moduleResolution', 'nodenext', '--outDir', 'out'], wants: 'index.d.ts', not: 'index.d.cts', emitted: 'out/consumer.mjs' },
  { file: 'consumer.cts', label: 'module nodenext, .cts (require)', flags: ['--module', 'nodenext', '--moduleResolution', 'nodenext', '--outDir', 'out'], wants: 'index.d.cts', not: 'index.d.ts', emitted: 'out/consumer.cjs' },
  { file: 'consumer-bundler.ts', label: 'moduleResolution bundler', flags: ['--module', 'esnext', '--moduleResolution', 'bundler', '--noEmit'], wants: 'index.d.ts', not: 'index.d.cts' },
];
for (const testCase of cases) {
  const compiled = run(process.execPath, [tsc, ...STRICT, ...testCase.flags, testCase.file], app);
  const files = compiled.stdout.split('\n').map((line) => line.trim());
  const errors = compiled.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
  check(`tsc ${testCase.label}: compiles, skipLibCheck off, ${EXPECT_ERRORS} @ts-expect-error lines all error`, compiled.ok, errors.join('\n') || compiled.output);
  check(
    `tsc ${testCase.label}: types come from dist/${testCase.wants}`,
    files.some((f) => f.endsWith(`node_modules/txdefer/dist/${testCase.wants}`)) && !files.some((f) => f.endsWith(`node_modules/txdefer/dist/${testCase.not}`)),
    files.filter((f) => f.includes('txdefer')).join('\n') || compiled.output,
  );
  if (testCase.emitted !== undefined && compiled.ok) {
    const emittedRun = run(process.execPath, [testCase.emitted], app);
    check(`node ${testCase.emitted} (compiled from ${testCase.file}) prints the expected lines`, emittedRun.ok && emittedRun.stdout.trim() === TYPED_OUTPUT, diff(emittedRun, TYPED_OUTPUT));
  }
}
// The @ts-expect-error lines prove the types are not `any` only if tsc really complains
// without them: strip the directives and expect exactly that many errors.
writeFileSync(join(app, 'consumer-unchecked.mts'), `${TYPED_IMPORT}${TYPED.replace(/^\s*\/\/ @ts-expect-error.*\n/gm, '')}`);
const unchecked = run(process.execPath, [tsc, ...STRICT, '--module', 'nodenext', '--moduleResolution', 'nodenext', '--noEmit', 'consumer-unchecked.mts'], app);
const uncheckedErrors = unchecked.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
check(
  `without the directives tsc reports exactly ${EXPECT_ERRORS} errors, each on a line that had one`,
  !unchecked.ok && uncheckedErrors.length === EXPECT_ERRORS && uncheckedErrors.every((line) => /error TS(2322|2345)/.test(line)),
  unchecked.output,
);

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;

// ---- helpers ---------------------------------------------------------------------------------

/**
 * The lines of a declaration file that load another file: imports, `/// <reference>`,
 * `import(...)` types, `... from '...'` (but not a local `export { ... }` list, and not
 * a comment that happens to say `from "a post's title"`).
 */
function declarationImports(text) {
  return text.split('\n').filter((line) => {
    if (/^\s*\/\/\/\s*<reference/.test(line)) return true;
    if (/^\s*(\*|\/\/|\/\*)/.test(line)) return false;
    return /^\s*import\s|\bimport\(|from\s+['"]/.test(line) && !/^\s*export\s*(type\s*)?\{[^}]*\}\s*;?\s*$/.test(line);
  });
}

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

/** Every module the code loads: import declarations, export-from, import(), require(). */
function moduleRequests(ast) {
  const found = [];
  walk(ast, null, (node) => {
    if (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration') found.push(`${node.type} ${node.source.value}`);
    else if (node.type === 'ExportNamedDeclaration' && node.source) found.push(`export from ${node.source.value}`);
    else if (node.type === 'ImportExpression') found.push('import()');
    else if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') found.push('require()');
  });
  return found;
}

/**
 * Globals the code refers to: identifiers read somewhere with no declaration of that
 * name in any enclosing scope (var/let/const/function/class/params/catch/imports).
 */
function freeNames(ast) {
  const SCOPES = new Set(['Program', 'FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'BlockStatement',
    'ForStatement', 'ForInStatement', 'ForOfStatement', 'CatchClause', 'ClassDeclaration', 'ClassExpression', 'StaticBlock', 'SwitchStatement']);
  const FUNCTIONS = new Set(['Program', 'FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'StaticBlock']);
  const names = new Map(); // scope node -> declared names
  const patternNames = (pattern, out = []) => {
    if (pattern === null || pattern === undefined) return out;
    if (pattern.type === 'Identifier') out.push(pattern.name);
    else if (pattern.type === 'ObjectPattern') pattern.properties.forEach((p) => patternNames(p.type === 'RestElement' ? p.argument : p.value, out));
    else if (pattern.type === 'ArrayPattern') pattern.elements.forEach((e) => patternNames(e, out));
    else if (pattern.type === 'RestElement') patternNames(pattern.argument, out);
    else if (pattern.type === 'AssignmentPattern') patternNames(pattern.left, out);
    return out;
  };
  // Pass 1: record each declaration in the scope it belongs to.
  const stack = [];
  const add = (scope, list) => list.forEach((name) => names.get(scope).add(name));
  walk(ast, null, (node, parent) => {
    const top = stack[stack.length - 1];
    if (node.type === 'VariableDeclaration') {
      const target = node.kind === 'var' ? [...stack].reverse().find((s) => FUNCTIONS.has(s.type)) : top;
      node.declarations.forEach((d) => add(target, patternNames(d.id)));
    } else if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id) {
      add(top, [node.id.name]);
    } else if (node.type === 'ImportSpecifier' || node.type === 'ImportDefaultSpecifier' || node.type === 'ImportNamespaceSpecifier') {
      add(stack[0], [node.local.name]);
    }
    if (SCOPES.has(node.type)) {
      names.set(node, new Set());
      stack.push(node);
      if ((node.type === 'FunctionExpression' || node.type === 'ClassExpression') && node.id) add(node, [node.id.name]);
      if (node.params) node.params.forEach((param) => add(node, patternNames(param)));
      if (node.type === 'CatchClause') add(node, patternNames(node.param));
    }
    void parent;
  }, (node) => {
    if (SCOPES.has(node.type)) stack.pop();
  });
  // Pass 2: every identifier read that no enclosing scope declares.
  const free = new Set();
  walk(ast, null, (node, parent, key) => {
    if (SCOPES.has(node.type)) stack.push(node);
    if (node.type !== 'Identifier' || parent === null) return;
    if ((parent.type === 'MemberExpression' && key === 'property' && !parent.computed)
      || ((parent.type === 'Property' || parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') && key === 'key' && !parent.computed)
      || ((parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement') && key === 'label')
      || parent.type === 'MetaProperty'
      || (parent.type === 'ExportSpecifier' && key === 'exported')
      || (parent.type === 'ImportSpecifier' && key === 'imported')) return;
    if (node.name === 'undefined' || node.name === 'arguments') return;
    if (!stack.some((scope) => names.get(scope).has(node.name))) free.add(node.name);
  }, (node) => {
    if (SCOPES.has(node.type)) stack.pop();
  });
  return [...free].sort();
}

/** X for each `globalThis.X` / `globalThis['X']` in the code. */
function globalThisMembers(ast) {
  const found = [];
  walk(ast, null, (node) => {
    if (node.type !== 'MemberExpression' || node.object.type !== 'Identifier' || node.object.name !== 'globalThis') return;
    if (!node.computed && node.property.type === 'Identifier') found.push(node.property.name);
    else if (node.property.type === 'Literal') found.push(String(node.property.value));
  });
  return found;
}

function stringLiterals(ast) {
  const values = [];
  walk(ast, null, (node) => {
    if (node.type === 'Literal' && typeof node.value === 'string') values.push(node.value);
    if (node.type === 'TemplateElement') values.push(node.value.cooked ?? '');
  });
  return values;
}

/** Depth-first over an ESTree AST: `enter(node, parent, key)` before the children, `leave(node)` after. */
function walk(node, parent, enter, leave = () => {}, key = null) {
  enter(node, parent, key);
  for (const [childKey, value] of Object.entries(node)) {
    if (childKey === 'type' || childKey === 'start' || childKey === 'end') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item.type === 'string') walk(item, node, enter, leave, childKey);
    } else if (value && typeof value.type === 'string') {
      walk(value, node, enter, leave, childKey);
    }
  }
  leave(node);
}
