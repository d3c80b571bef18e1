#!/usr/bin/env node
/**
 * `npm run playground`: serve the repository as static files and print the playground's
 * address (docs/playground/index.html). The page loads the built ES modules from dist/
 * (dist/index.mjs and dist/teaching.mjs), so this builds them first if they are missing.
 * Nothing but node:http: any static server run from the repository root works as well.
 *
 * Usage: npm run playground [-- --port N]   (default: a free port)
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PLAYGROUND = '/docs/playground/index.html';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
  '.json': 'application/json',
};

/** Build dist/ if the playground's modules are not there. */
export function ensureBuilt() {
  if (existsSync(join(root, 'dist', 'index.mjs')) && existsSync(join(root, 'dist', 'teaching.mjs'))) return;
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

/** Start a static server of the repository on 127.0.0.1; resolves to the server and its port. */
export function serve(port = 0) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(root, path === '/' ? PLAYGROUND : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end(`not found: ${path}\n`);
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePromise({ server, port: server.address().port }));
  });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0) {
    process.stderr.write(`playground: --port must be a whole number, got ${values.port}\n`);
    process.exit(2);
  }
  ensureBuilt();
  const { port: listening } = await serve(port);
  process.stdout.write(`txdefer playground: http://127.0.0.1:${listening}${PLAYGROUND}\n(Ctrl-C stops it)\n`);
}
