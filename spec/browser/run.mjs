#!/usr/bin/env node
/**
 * Browser smoke test: the built ESM file (dist/index.mjs) runs in a real browser.
 *
 * Serves the repository on 127.0.0.1 (a free port), opens spec/browser/index.html in
 * headless Chromium (Debian's `chromium`, driven by playwright-core, which downloads
 * no browser of its own), and reports the checks that page ran. Exits non-zero if any
 * failed, or if the page never finished. Builds dist/ first when it is missing or
 * older than src/.
 *
 * Usage: `npm run test:browser` (CHROMIUM_PATH=/path/to/chromium to choose the browser).
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PAGE = '/spec/browser/index.html';
const TIMEOUT_MS = 30_000;
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--js-flags=--expose-gc', // lets the page check unhandled-failure reporting (window.gc)
];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  const esm = join(root, 'dist', 'index.mjs');
  if (existsSync(esm) && statSync(esm).mtimeMs >= newestMtime(join(root, 'src'))) return;
  process.stdout.write('dist/ is missing or older than src/: running npm run build\n');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** A static file server for the repository, on 127.0.0.1 only. */
function serve() {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
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

async function main() {
  const executablePath = chromiumPath();
  if (executablePath === '' || !existsSync(executablePath)) {
    process.stdout.write('chromium not found: install it (apt-get install -y chromium) or set CHROMIUM_PATH\n0 passed, 1 failed\n');
    return 1;
  }
  ensureBuilt();

  const server = await serve();
  const { port } = server.address();
  const browser = await chromium.launch({ executablePath, args: ARGS, headless: true, timeout: TIMEOUT_MS });
  const problems = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', async (message) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return;
      const args = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => String(arg))));
      process.stdout.write(`  [browser ${message.type()}] ${args.length > 0 ? format(...args) : message.text()}\n`);
    });
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
    });

    process.stdout.write(`${await browser.version()} (${executablePath}) on http://127.0.0.1:${port}${PAGE}\n`);
    await page.goto(`http://127.0.0.1:${port}${PAGE}`, { timeout: TIMEOUT_MS });
    await page.waitForFunction(() => window.__results !== undefined, undefined, { timeout: TIMEOUT_MS });
    const { checks } = await page.evaluate(() => window.__results);

    let passed = 0;
    let failed = 0;
    for (const { name, ok, detail } of checks) {
      if (ok) passed += 1;
      else failed += 1;
      process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'}  ${name}\n`);
      if (!ok) process.stdout.write(`${String(detail).split('\n').map((line) => `        ${line}`).join('\n')}\n`);
    }
    for (const problem of problems) {
      failed += 1;
      process.stdout.write(`  FAIL  ${problem}\n`);
    }
    if (passed === 0 && failed === 0) failed = 1; // the page ran nothing: that is a failure too
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
    return failed === 0 ? 0 : 1;
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
