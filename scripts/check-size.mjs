#!/usr/bin/env node
/**
 * `npm run check:size`: what a bundler makes of txdefer when an application imports
 * one small thing from it. Tree-shaking is the package's promise that you pay only for
 * what you import; this checks it, as a stranger's build would see it.
 *
 * A scratch project in a temporary directory gets `node_modules/txdefer` (a link to
 * this repository, so the bundlers read its package.json: `exports`, `sideEffects`) and
 * an application made of
 *
 *     import { succeed } from 'txdefer';
 *     succeed(1).addCallback((value) => console.log(value));
 *
 * which is bundled twice, for browsers:
 *   - esbuild: `bundle`, `minify`, ESM;
 *   - rollup with @rollup/plugin-node-resolve (rollup does not minify: its output is
 *     minified by esbuild's minifier, which removes nothing rollup kept).
 * Each bundle, gzipped (zlib's default level), must stay within the limit: 8,000 bytes.
 * The limit was 5,000 bytes (5 KB) when this check was written and `succeed` took
 * 4.7 KB; the core's defences against hostile input and porting traps (issue 9: the
 * Promise rules, chainDeferred links on the loop's stack, the unhandled-failure queue,
 * `d.callbacks`, Twisted's `addCallbacks` order) made the Deferred class itself about
 * 1.6 KB bigger (the exit report another 0.1 KB), and a class's methods cannot be left
 * out of a bundle; the limit was then 7,000 bytes. Issue 13 gave the class Twisted's
 * static `Deferred.fromCoroutine`, which runs the generator driver, so the driver (about
 * 0.6 KB) is now part of the class too: 7.1 KB. The limit, 8,000 bytes, leaves about
 * 0.9 KB for what the core still needs (the observer hook tracing will use). The check's
 * purpose is unchanged: it fails as soon as a module that `succeed` does not need is
 * kept. The same is printed, for reference only, for an application that imports
 * everything (`export * from 'txdefer'`).
 *
 * Needs dist/ (`npm run build`; `npm ci` builds it through the prepare script).
 *
 * Usage: npm run check:size [-- --limit BYTES] [-- --keep]
 *   --limit BYTES  the gzipped size allowed for each `succeed` bundle (default 8000)
 *   --keep         keep the scratch project and the bundles (its path is printed)
 * The last line is "N passed, N failed"; the exit code is 1 if a bundle is too big.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import nodeResolve from '@rollup/plugin-node-resolve';
import { build, transform } from 'esbuild';
import { rollup } from 'rollup';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

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

const APPS = {
  succeed: "import { succeed } from 'txdefer';\nsucceed(1).addCallback((value) => console.log(value));\n",
  everything: "export * from 'txdefer';\n",
};

const work = mkdtempSync(join(tmpdir(), 'txdefer-size-'));
mkdirSync(join(work, 'node_modules'));
symlinkSync(ROOT, join(work, 'node_modules', 'txdefer'), 'dir');
writeFileSync(join(work, 'package.json'), `${JSON.stringify({ name: 'size-app', private: true, type: 'module' })}\n`);
for (const [name, code] of Object.entries(APPS)) writeFileSync(join(work, `${name}.mjs`), code);

async function withEsbuild(name) {
  const result = await build({
    absWorkingDir: work,
    entryPoints: [`./${name}.mjs`],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

async function withRollup(name) {
  const bundle = await rollup({ input: join(work, `${name}.mjs`), plugins: [nodeResolve({ browser: true })], logLevel: 'silent' });
  try {
    const { output } = await bundle.generate({ format: 'es' });
    const minified = await transform(output[0].code, { minify: true, format: 'esm' });
    return minified.code;
  } finally {
    await bundle.close();
  }
}

let passed = 0;
let failed = 0;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
console.log(`bundles of ${Object.keys(APPS).map((name) => `${name}.mjs`).join(' and ')} (minified; gzipped at zlib's default level)`);
for (const [bundler, make] of [['esbuild', withEsbuild], ['rollup', withRollup]]) {
  for (const name of Object.keys(APPS)) {
    const code = await make(name);
    if (values.keep) writeFileSync(join(work, `${name}.${bundler}.js`), code);
    const gzipped = gzipSync(code).length;
    const line = `${bundler.padEnd(8)}${name.padEnd(12)}${kb(code.length).padStart(9)} minified ${kb(gzipped).padStart(8)} gzipped (${gzipped} bytes)`;
    if (name !== 'succeed') {
      console.log(`        ${line}`);
    } else if (gzipped <= limit) {
      passed += 1;
      console.log(`  ok    ${line} <= ${limit}`);
    } else {
      failed += 1;
      console.log(`  FAIL  ${line} > ${limit}: a module keeps code that succeed does not need (top-level effects?)`);
    }
  }
}
if (values.keep) console.log(`(scratch project kept in ${work})`);
else rmSync(work, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
