#!/usr/bin/env node
/**
 * `npm run check:size`: what a bundler makes of txdefer when an application imports
 * one small thing from it, or nothing at all. Tree-shaking is the package's promise that
 * you pay only for what you import; this checks it, as a stranger's build would see it,
 * with esbuild (`bundle`, `minify`) and with rollup (@rollup/plugin-node-resolve; its
 * output minified by esbuild's minifier, which removes nothing rollup kept).
 *
 * A scratch project in a temporary directory gets two copies of the package:
 *   - `node_modules/txdefer`: a link to this repository, as published (its package.json
 *     says `"sideEffects": false`);
 *   - `node_modules/txdefer-unflagged`: the same dist/ and package.json without
 *     `sideEffects`, as a bundler that ignores the field would see it. There, only the
 *     code itself can tell a bundler what it may drop: no module may have a top-level
 *     effect (a call, a computed class key, `_a = Klass` after a class; see
 *     src/core/symbol-method.ts for how the classes avoid them).
 *
 * The checks, each with both bundlers:
 *   1. `import { succeed } from 'txdefer'; succeed(1).addCallback(...)`, from each copy,
 *      keeps no module beyond dist/core/deferred.mjs and what it imports (a class's
 *      methods cannot be left out of a bundle, so that set is the least a bundle of
 *      `succeed` can be);
 *   2. from the published copy, that bundle gzipped (zlib's default level) stays within
 *      the limit, 8,000 bytes by default;
 *   3. `import 'txdefer-unflagged/<entry>'`, for every entry in `exports`, keeps no code
 *      of txdefer at all (txdefer/node's imports of Node's built-ins may stay: a bundler
 *      cannot know what importing them does).
 * An application that imports everything (`export * from 'txdefer'`) is measured for
 * reference only.
 *
 * The limit was 5,000 bytes when this check was written and `succeed` took 4.7 KB; the
 * core's defences against hostile input and porting traps (issue 9), Twisted's
 * `Deferred.fromCoroutine` with the generator driver (issue 13) and the tracing hook
 * (issue 12) are part of the Deferred class, and so of every bundle that uses it: 7.3 KB
 * with rollup, 7.6 KB with esbuild. Check 1 is what fails as soon as a module that
 * `succeed` does not need is kept; the limit guards the growth of the core itself.
 *
 * Needs dist/ (`npm run build`; `npm ci` builds it through the prepare script).
 *
 * Usage: npm run check:size [-- --limit BYTES] [-- --keep]
 *   --limit BYTES  the gzipped size allowed for each `succeed` bundle (default 8000)
 *   --keep         keep the scratch project and the bundles (its path is printed)
 * The last line is "N passed, N failed"; the exit code is 1 if a check fails.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import nodeResolve from '@rollup/plugin-node-resolve';
import { build, transform } from 'esbuild';
import { rollup } from 'rollup';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const UNFLAGGED = 'txdefer-unflagged';

const { values } = parseArgs({
  options: {
    limit: { type: 'string', default: '8000' },
    keep: { type: 'boolean', default: false },
  },
});
const limit = Number(values.limit);
if (!Number.isInteger(limit) || limit <= 0) {
  console.error(`--limit must be a positive number of bytes, got ${JSON.stringify(values.limit)}`);
  process.exit(2);
}
if (!existsSync(join(ROOT, 'dist', 'index.mjs'))) {
  console.error('dist/index.mjs is missing: run npm run build first');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

// ---- the scratch project ---------------------------------------------------------------

const work = mkdtempSync(join(tmpdir(), 'txdefer-size-'));
mkdirSync(join(work, 'node_modules'));
symlinkSync(ROOT, join(work, 'node_modules', 'txdefer'), 'dir');
const unflaggedRoot = join(work, 'node_modules', UNFLAGGED);
mkdirSync(unflaggedRoot);
const unflaggedManifest = { ...manifest, name: UNFLAGGED };
delete unflaggedManifest.sideEffects;
writeFileSync(join(unflaggedRoot, 'package.json'), `${JSON.stringify(unflaggedManifest, null, 2)}\n`);
// A copy, not a link: a bundler reads the package.json nearest a file's real path.
cpSync(join(ROOT, 'dist'), join(unflaggedRoot, 'dist'), { recursive: true });
writeFileSync(join(work, 'package.json'), `${JSON.stringify({ name: 'size-app', private: true, type: 'module' })}\n`);

const useSucceed = (pkg) => `import { succeed } from '${pkg}';\nsucceed(1).addCallback((value) => console.log(value));\n`;
const entries = Object.keys(manifest.exports).filter((key) => key !== './package.json');
/** Each application: its file's name, its code, and what is checked of its bundle. */
const APPS = [
  { name: 'succeed', code: useSucceed('txdefer'), check: 'succeed-limit' },
  { name: 'succeed-unflagged', code: useSucceed(UNFLAGGED), check: 'succeed' },
  ...entries.map((entry) => ({
    name: `bare-${entry === '.' ? 'root' : entry.slice(2)}`,
    code: `import '${UNFLAGGED}${entry.slice(1)}';\n`,
    check: 'nothing',
  })),
  { name: 'everything', code: "export * from 'txdefer';\n", check: 'none' },
];
for (const app of APPS) writeFileSync(join(work, `${app.name}.mjs`), app.code);

/** A file of a bundle's inputs, as dist/… of this repository (either copy), or `undefined` if not txdefer's. */
function distName(file) {
  const real = realpathSync(file);
  for (const root of [ROOT, unflaggedRoot]) {
    if (real.startsWith(`${join(root, 'dist')}${sep}`)) return relative(root, real);
  }
  return undefined;
}

// ---- the bundlers ----------------------------------------------------------------------

/** Node's built-ins (imported by txdefer/node only) stay imports. */
const NODE_BUILTIN = /^node:/;

async function withEsbuild(name) {
  const result = await build({
    absWorkingDir: work,
    entryPoints: [`./${name}.mjs`],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    external: ['node:*'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const [output] = Object.values(result.metafile.outputs);
  const kept = Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => resolve(work, path));
  return { code: result.outputFiles[0].text, kept };
}

async function withRollup(name) {
  const bundle = await rollup({
    input: join(work, `${name}.mjs`),
    plugins: [nodeResolve({ browser: true })],
    external: (id) => NODE_BUILTIN.test(id),
    logLevel: 'silent',
  });
  try {
    const { output } = await bundle.generate({ format: 'es' });
    const minified = await transform(output[0].code, { minify: true, format: 'esm' });
    const kept = Object.entries(output[0].modules)
      .filter(([, module]) => module.renderedLength > 0)
      .map(([path]) => path);
    return { code: minified.code, kept };
  } finally {
    await bundle.close();
  }
}

// ---- the checks ------------------------------------------------------------------------

/**
 * The modules `succeed` needs: dist/core/deferred.mjs (where `succeed` and the Deferred
 * class live) and everything it imports, followed through every static import.
 */
function importClosure(entry) {
  const needed = new Set();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop();
    if (needed.has(file)) continue;
    needed.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?['"](\.{1,2}\/[^'"]+)['"]/g)) {
      pending.push(resolve(dirname(file), specifier));
    }
  }
  return new Set([...needed].map((file) => relative(ROOT, file)));
}
const needed = importClosure(join(ROOT, 'dist', 'core', 'deferred.mjs'));

let passed = 0;
let failed = 0;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
function report(ok, line, verdict) {
  if (ok) passed += 1;
  else failed += 1;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${line}${verdict}`);
}

console.log('bundles, minified, gzipped at zlib\'s default level');
console.log(`succeed needs ${needed.size} modules: ${[...needed].sort().join(', ')}`);
for (const [bundler, make] of [['esbuild', withEsbuild], ['rollup', withRollup]]) {
  for (const app of APPS) {
    const { code, kept } = await make(app.name);
    if (values.keep) writeFileSync(join(work, `${app.name}.${bundler}.js`), code);
    const gzipped = gzipSync(code).length;
    const line = `${bundler.padEnd(8)}${app.name.padEnd(19)}${kb(code.length).padStart(9)} minified ${kb(gzipped).padStart(8)} gzipped`;
    const ours = kept.map(distName).filter((file) => file !== undefined);
    if (app.check === 'none') {
      console.log(`        ${line}`);
    } else if (app.check === 'nothing') {
      // What may be left: the imports of Node's built-ins (txdefer/node's), which a bundler
      // keeps because it cannot know what importing them does.
      const residue = code.replace(/import\s*(?:[^'";]*?from\s*)?["']node:[^"']+["'];?/g, '').trim();
      report(residue === '', line, residue === '' ? ': no code of txdefer kept' : `: kept code of ${ours.join(', ')}, with nothing imported (top-level effects)`);
    } else {
      const extra = ours.filter((file) => !needed.has(file));
      if (extra.length > 0) {
        report(false, line, `: kept ${extra.join(', ')}, which succeed does not need (top-level effects?)`);
      } else if (app.check === 'succeed-limit' && gzipped > limit) {
        report(false, line, ` (${gzipped} bytes) > ${limit}: the modules succeed needs have grown past the limit`);
      } else {
        const bytes = app.check === 'succeed-limit' ? ` (${gzipped} bytes) <= ${limit},` : ':';
        report(true, line, `${bytes} nothing kept beyond the modules succeed needs`);
      }
    }
  }
}
if (values.keep) console.log(`(scratch project kept in ${work})`);
else rmSync(work, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
