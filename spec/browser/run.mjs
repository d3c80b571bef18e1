#!/usr/bin/env node
/**
 * `npm run test:browser`: the mocha suite, run in headless Chromium against the built
 * package, so that "runs in browsers" means the same specs that run in Node.
 *
 * How
 *   - esbuild bundles the spec files (TypeScript) for the browser, with chai, sinon and
 *     fast-check from node_modules. Every import of the sources (`../../src/...`) is
 *     served by the built ES modules instead: the names the package exports come from
 *     dist/index.mjs (and those of the `txdefer/decorators` entry from dist/decorators.mjs),
 *     so the specs test what `import 'txdefer'` loads in a browser. The few internal names
 *     a spec imports (e.g. `Fifo`) come from the module's own source.
 *   - Node's built-in modules (`node:*`) are replaced by a stand-in whose every function
 *     throws "Node-only": a spec that needs one fails loudly unless it is excluded below.
 *   - A static server on 127.0.0.1 (a free port) serves spec/browser/index.html, mocha's
 *     browser build (node_modules/mocha/mocha.js), dist/ and the bundle (from memory).
 *     Debian's chromium, driven by playwright-core (which downloads no browser), opens the
 *     page; `--js-flags=--expose-gc` gives the specs `gc()` for unhandled-failure reports.
 *   - The page reports each failure and the counts; this script prints them.
 *
 * What does not run here, and why: EXCLUDED_FILES and EXCLUDED_TESTS below (each with
 * its reason); the count of specs that ran is printed at the end.
 *
 * Usage: npm run test:browser [-- --grep TEXT] [-- --verbose]
 *   --grep TEXT  run only the specs whose full title contains TEXT
 *   --verbose    print every spec, not only the failures
 * Environment: CHROMIUM_PATH=/path/to/chromium to choose the browser.
 * The last line is "N passed, N failed, N skipped"; the exit code is 1 if any spec failed.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build, transform } from 'esbuild';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PAGE = '/spec/browser/index.html';
const TIMEOUT_MS = 10 * 60_000;
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--js-flags=--expose-gc', // gc() for the specs of unhandled-failure reports
];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** Spec files that cannot run in a browser at all, with the reason. Paths from the repository root. */
const EXCLUDED_FILES = {
  'spec/oracle.spec.ts': 'runs the Python snippets against real Twisted (child_process)',
  'spec/differential/twisted.spec.ts': 'runs generated programs against real Twisted (child_process)',
  'spec/differential/regressions.spec.ts': 'reads its regression programs from disk at load (node:fs)',
  'spec/package/multiple-copies.spec.ts': "loads the CommonJS build beside the ES modules with Node's require",
  'spec/core/exit-report.spec.ts': 'runs programs in new Node processes to see what they report at exit (child_process)',
  'spec/testing/mocha-run.spec.ts': 'runs a mocha of its own in a new Node process (child_process)',
  'spec/node/react.spec.ts': 'txdefer/node is Node-only: react ends Node processes (child_process, process.exit)',
  'spec/node/lockfile.spec.ts': 'txdefer/node is Node-only: the lock is a file (node:fs, process.kill)',
};

/** Single specs that need Node, by a piece of their full title, with the reason. */
const EXCLUDED_TESTS = {
  'debug mode is off in a fresh process': 'starts a new Node process (child_process)',
  'util.inspect': "checks Node's util.inspect output",
  'test_repr: the inspected form is FirstError': "checks Node's util.inspect output",
  "after cancelling, the Promise's later": "listens to Node's process 'unhandledRejection' event",
  '(testStackUsage)': "reads Node's process.memoryUsage()",
  '(soak)': "measures the heap with Node's process.memoryUsage()",
  'the ladder and the Mermaid flowchart are the recorded ones': 'reads its golden files from disk (node:fs)',
};

const { values: options } = parseArgs({
  options: {
    grep: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

function newestMtime(dir) {
  return Math.max(0, ...filesUnder(dir).map((path) => statSync(path).mtimeMs));
}

function ensureBuilt() {
  const esm = join(root, 'dist', 'index.mjs');
  if (existsSync(esm) && statSync(esm).mtimeMs >= newestMtime(join(root, 'src'))) return;
  process.stdout.write('dist/ is missing or older than src/: running npm run build\n');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The spec files to run, in mocha's order (sorted paths), and those left out. */
function specFiles() {
  const all = filesUnder(join(root, 'spec'))
    .filter((path) => path.endsWith('.spec.ts'))
    .map((path) => relative(root, path).split(sep).join('/'))
    .sort();
  return { run: all.filter((path) => !(path in EXCLUDED_FILES)), excluded: all.filter((path) => path in EXCLUDED_FILES) };
}

/** The names a source module exports at run time (types are gone), as esbuild sees them. */
async function exportsOf(file) {
  const result = await build({ entryPoints: [file], bundle: false, write: false, metafile: true, format: 'esm', logLevel: 'silent', outdir: 'out' });
  return Object.values(result.metafile.outputs).flatMap((output) => output.exports ?? []);
}

/**
 * The package's entries in a browser: the source folder each one covers (the first that
 * matches a module's path wins) and the built file the browser loads for it.
 */
const ENTRIES = [
  { sources: 'src/testing/', dist: '/dist/testing.mjs' },
  { sources: 'src/teaching/', dist: '/dist/teaching.mjs' },
  { sources: 'src/decorators.ts', dist: '/dist/decorators.mjs' },
  { sources: 'src/', dist: '/dist/index.mjs' },
];

/** The names each entry's built file exports, by its `dist` path. */
async function entryNames() {
  const names = new Map();
  for (const { dist } of ENTRIES) names.set(dist, new Set(Object.keys(await import(pathToFileURL(join(root, dist)).href))));
  return names;
}

/**
 * esbuild plugin: a spec's import of `../../src/X.js` gets a module that re-exports the
 * package's names from the built entry that covers it (dist/index.mjs, or
 * dist/testing.mjs for src/testing/, dist/decorators.mjs for src/decorators.ts), and any
 * other name from src/X.ts itself.
 */
function builtPackageForSources(namesByEntry, internalNames) {
  return {
    name: 'built-package-for-sources',
    setup(b) {
      // The built files are loaded by the browser itself, as they ship.
      b.onResolve({ filter: /^\/dist\/[\w-]+\.mjs$/ }, (args) => ({ path: args.path, external: true }));
      b.onResolve({ filter: /\/src\/.*\.js$/ }, (args) => {
        if (args.namespace !== 'file' || !args.importer.startsWith(join(root, 'spec') + sep)) return undefined;
        return { path: resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts'), namespace: 'built-package' };
      });
      b.onLoad({ filter: /.*/, namespace: 'built-package' }, async (args) => {
        const names = await exportsOf(args.path);
        const source = relative(root, args.path).split(sep).join('/');
        const distIndex = ENTRIES.find((entry) => source.startsWith(entry.sources)).dist;
        const publicNames = namesByEntry.get(distIndex);
        const fromDist = names.filter((name) => publicNames.has(name));
        const internal = names.filter((name) => !publicNames.has(name));
        for (const name of internal) internalNames.add(`${relative(root, args.path)}: ${name}`);
        const lines = [];
        if (fromDist.length > 0) lines.push(`export { ${fromDist.join(', ')} } from ${JSON.stringify(distIndex)};`);
        if (internal.length > 0) lines.push(`export { ${internal.join(', ')} } from ${JSON.stringify(args.path)};`);
        return { contents: lines.join('\n') || 'export {};', loader: 'js', resolveDir: root };
      });
    },
  };
}

/**
 * esbuild plugin: the spec files are imported for what they do (they call `describe`),
 * which package.json's `"sideEffects": false` would let esbuild drop.
 */
function specFilesHaveEffects() {
  return {
    name: 'spec-files-have-effects',
    setup(b) {
      b.onResolve({ filter: /\.spec\.ts$/ }, (args) => ({ path: resolve(args.resolveDir, args.path), sideEffects: true }));
    },
  };
}

/** esbuild plugin: `node:*` modules become a stand-in whose every export throws when used. */
function nodeOnlyStandIn() {
  return {
    name: 'node-only-stand-in',
    setup(b) {
      b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'node-only' }));
      b.onLoad({ filter: /.*/, namespace: 'node-only' }, (args) => ({
        // CommonJS, so that any named import is allowed; using one throws.
        contents: `module.exports = new Proxy({}, { get(_, name) {
          if (name === '__esModule') return false;
          return () => { throw new Error('Node-only: ${args.path}.' + String(name) + ' is not available in a browser'); };
        } });`,
        loader: 'js',
      }));
    },
  };
}

async function bundleSpecs(files, internalNames) {
  const namesByEntry = await entryNames();
  const entry = files.map((file) => `import ${JSON.stringify(`./${file}`)};`).join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: root, sourcefile: 'suite-entry.js', loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // Bundling renames what would clash across files (two specs' `helper` functions); the
    // specs print function and class names, so keep them as written.
    keepNames: true,
    write: false,
    logLevel: 'silent',
    plugins: [specFilesHaveEffects(), builtPackageForSources(namesByEntry, internalNames), nodeOnlyStandIn()],
  });
  return result.outputFiles[0].text;
}

/**
 * A static file server for the repository on 127.0.0.1, plus `/suite.js` from memory, and
 * the sources compiled on request: `/src/core/errors.ts?copy=1` (and the `./x.js` modules
 * it imports) is how a spec loads a second copy of a module, as tsx lets it in Node.
 */
function serve(suite) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (path === '/suite.js') {
      response.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-store' });
      response.end(suite);
      return;
    }
    const source = resolve(root, `.${path.replace(/\.js$/, '.ts')}`);
    if (path.startsWith('/src/') && source.startsWith(join(root, 'src') + sep) && source.endsWith('.ts') && existsSync(source)) {
      const { code } = await transform(readFileSync(source, 'utf8'), { loader: 'ts', format: 'esm', target: 'es2022', sourcefile: source });
      response.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-store' });
      response.end(code);
      return;
    }
    const file = resolve(root, `.${path}`);
    const inside = file === root || file.startsWith(root + sep);
    if (request.method !== 'GET' || !inside || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveServer(server));
  });
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function main() {
  const executablePath = chromiumPath();
  if (executablePath === '' || !existsSync(executablePath)) {
    process.stdout.write('chromium not found: install it (apt-get install -y chromium) or set CHROMIUM_PATH\n0 passed, 1 failed\n');
    return 1;
  }
  ensureBuilt();
  const files = specFiles();
  const internalNames = new Set();
  const suite = await bundleSpecs(files.run, internalNames);
  const server = await serve(suite);
  const { port } = server.address();
  const browser = await chromium.launch({ executablePath, args: ARGS, headless: true, timeout: 60_000 });
  const problems = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.stack ?? error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') process.stdout.write(`  [browser ${message.type()}] ${message.text()}\n`);
    });
    await page.exposeFunction('__print', (line) => process.stdout.write(`${line}\n`));
    const settings = {
      exclude: Object.keys(EXCLUDED_TESTS).map(escapeRegExp).join('|'),
      grep: options.grep === undefined ? '' : escapeRegExp(options.grep),
      verbose: options.verbose,
    };
    await page.addInitScript((value) => { window.__settings = value; }, settings);

    process.stdout.write(`${await browser.version()} (${executablePath}) on http://127.0.0.1:${port}${PAGE}\n`);
    process.stdout.write(`${files.run.length} spec files bundled; left out: ${files.excluded.length} files, ${Object.keys(EXCLUDED_TESTS).length} kinds of single specs\n`);
    process.stdout.write(`imports of src/ give the package's names from /dist/index.mjs (/dist/testing.mjs for src/testing/), and any other export of the module from its source: ${[...internalNames].sort().join(', ') || 'none'}\n`);
    for (const file of files.excluded) process.stdout.write(`  left out ${file}: ${EXCLUDED_FILES[file]}\n`);
    for (const [title, reason] of Object.entries(EXCLUDED_TESTS)) process.stdout.write(`  left out specs titled "...${title}...": ${reason}\n`);
    await page.goto(`http://127.0.0.1:${port}${PAGE}`, { timeout: 60_000 });
    await page.waitForFunction(() => window.__done !== undefined || window.__loadError !== undefined, undefined, { timeout: TIMEOUT_MS, polling: 500 });
    const { done, loadError } = await page.evaluate(() => ({ done: window.__done, loadError: window.__loadError }));
    if (loadError !== undefined) problems.push(`the suite did not load: ${loadError}`);
    for (const problem of problems) process.stdout.write(`  FAIL  ${problem}\n`);
    const stats = done ?? { passes: 0, failures: 0, pending: 0, excluded: 0 };
    const failures = stats.failures + problems.length + (stats.passes === 0 && problems.length === 0 ? 1 : 0);
    process.stdout.write(`\n${stats.passes + stats.failures} specs ran in Chromium (${stats.excluded} left out as Node-only, see above)\n`);
    process.stdout.write(`${stats.passes} passed, ${failures} failed, ${stats.pending} skipped\n`);
    return failures === 0 ? 0 : 1;
  } finally {
    await browser.close();
    server.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stdout.write(`${error && error.stack ? error.stack : error}\n0 passed, 1 failed\n`);
    process.exitCode = 1;
  },
);
