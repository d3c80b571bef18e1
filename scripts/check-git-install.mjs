#!/usr/bin/env node
/**
 * `npm run check:git-install`: txdefer installed as a git dependency, the way the README
 * tells a stranger to install it before it is published.
 *
 * npm installs a git dependency by cloning it, installing its dependencies (dev ones too),
 * running its `prepare` script (which builds dist/) and packing it. This script clones the
 * repository's current commit into a temporary directory, installs that clone in a scratch
 * project as `git+file://...#<commit>`, and checks that the installed package has its build
 * and works through `require` and `import`. Uncommitted changes are not part of a commit,
 * so they are not part of the check either.
 *
 * Usage: npm run check:git-install [-- --keep]
 *   --keep  keep the clone and the scratch project (their path is printed)
 * The last line is "N passed, N failed"; the exit code is 1 if anything failed.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { check, run, summary, tally } from './checks.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });

function finish() {
  process.stdout.write(`\n${summary()}\n`);
  if (options.keep || tally.failed > 0) process.stdout.write(`(scratch files kept in ${work})\n`);
  else rmSync(work, { recursive: true, force: true });
  process.exitCode = tally.failed === 0 ? 0 : 1;
}

const work = mkdtempSync(join(tmpdir(), 'txdefer-git-install-'));
const commit = run('git', ['rev-parse', 'HEAD'], root).stdout.trim();
const dirty = run('git', ['status', '--porcelain', '--untracked-files=no'], root).stdout.trim() !== '';
process.stdout.write(`txdefer at commit ${commit}${dirty ? ' (the working tree has uncommitted changes, which are not checked)' : ''}\n`);

const clone = join(work, 'txdefer');
const cloned = run('git', ['clone', '--quiet', '--no-checkout', root, clone], work);
if (!check('git clone of the repository', cloned.ok, cloned.output)) {
  finish();
  process.exit();
}

const app = join(work, 'consumer');
mkdirSync(app);
writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'txdefer-git-consumer', version: '1.0.0', private: true }, null, 2)}\n`);
const spec = `git+${pathToFileURL(clone).href}#${commit}`;
const install = run('npm', ['install', '--no-audit', '--no-fund', spec], app);
check(`npm install ${spec}`, install.ok, install.output);

const pkg = join(app, 'node_modules', 'txdefer');
const installed = existsSync(join(app, 'node_modules')) ? readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.')) : [];
check('node_modules holds txdefer and nothing else', installed.length === 1 && installed[0] === 'txdefer', `node_modules: ${installed.join(', ')}`);
const built = ['dist/index.mjs', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'LICENSE'].filter((file) => !existsSync(join(pkg, file)));
check('the installed package has its build (prepare ran) and its LICENSE', built.length === 0, `missing: ${built.join(', ')}`);

const PROGRAM = "d.addCallback((n) => n * 2).addCallback((n) => console.log(isDeferred(d), n)); d.callback(21);";
writeFileSync(join(app, 'use.cjs'), `const { Deferred, isDeferred } = require('txdefer');\nconst d = new Deferred();\n${PROGRAM}\n`);
writeFileSync(join(app, 'use.mjs'), `import { Deferred, isDeferred } from 'txdefer';\nconst d = new Deferred();\n${PROGRAM}\n`);
for (const file of ['use.cjs', 'use.mjs']) {
  const ran = run(process.execPath, [file], app);
  const how = file.endsWith('.cjs') ? "require('txdefer')" : "import ... from 'txdefer'";
  check(`${how} works (prints "true 42")`, ran.ok && ran.stdout.trim() === 'true 42', ran.output);
}
finish();
