/**
 * `npm run examples`: runs every example program and checks what it prints.
 *
 * Programs
 *   Every `.ts` file in examples/ and docs/examples/ (except the helpers in HELPERS) is a
 *   program. It runs under node with tsx, straight from the TypeScript sources (no build
 *   needed), with `--expose-gc` (one example shows unhandled-failure reports). It passes
 *   when it exits with code 0, writes nothing to stderr, and prints exactly what
 *   NAME.out beside it records.
 *
 *   NAME.mjs is a program in plain JavaScript, run with plain `node`: its
 *   `import ... from 'txdefer'` loads the package itself (Node resolves a package's own
 *   name through its `exports`), so it runs against the build in dist/ (`npm ci` builds
 *   it). Beside NAME.ts, it is the same program and prints what NAME.out records.
 *
 *   NAME.py beside NAME.ts is the same program written for real Twisted. When
 *   /usr/bin/python3 can import twisted, it runs too and must print what NAME.twisted.out
 *   records (kept where Twisted's output differs in form, e.g. `<class 'ValueError'>`),
 *   else what NAME.out records: the port prints what Twisted prints. Without Twisted
 *   these are skipped, and the summary says so.
 *
 * Pages
 *   README.md, docs/*.md and docs/guide/*.md show examples. A line `<!-- example: PATH -->` is followed by
 *   two fenced blocks: PATH's code (with imports of the source tree written as
 *   'txdefer' and 'txdefer/decorators', as a user of the package writes them) and the
 *   output PATH.out records
 *   (for a Twisted twin NAME.py, NAME.twisted.out if there is one).
 *   `<!-- example code: PATH -->` is followed by the code block only, and
 *   `<!-- example output: PATH -->` by the output block only. Each such place is
 *   checked, so a page shows exactly the program that ran and what it printed.
 *
 *   Every other fenced block (README.md, docs/*.md, docs/guide/*.md) must follow a line
 *   `<!-- fragment: WHY -->` saying why it is not a whole program (a signature, shell
 *   commands, Python for comparison, a picture); a TypeScript or JavaScript fragment must
 *   parse. An unmarked block fails the run, naming the page and line: the docs cannot
 *   show code that was never run or read by a checker.
 *
 * Usage
 *   npm run examples                   check everything
 *   npm run examples -- chain cancel   run only programs whose path contains a word (the
 *                                      pages are always all checked: that runs nothing)
 *   npm run examples -- --write        record instead of check: write each program's
 *                                      output to its .out file and refresh the blocks in
 *                                      the pages (then read the diff before committing)
 *
 * The last line is "N passed, N failed"; the exit code is 1 if anything failed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ts from 'typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PROGRAM_DIRS = ['examples', 'examples/port', 'docs/examples'];
/** The folders of pages whose blocks are checked (besides README.md); docs/api/ is TypeDoc's output. */
const PAGE_DIRS = ['docs', 'docs/guide'];
/** Modules imported by the programs, and this runner: not programs themselves. */
const HELPERS = new Set(['examples/run-all.ts', 'examples/fake-web.ts', 'examples/fake_web.py', 'examples/chain-both-ways.ts']);
const PYTHON = '/usr/bin/python3';
const TIME_LIMIT_MS = 60_000;
/** `<!-- example: PATH -->` (code and output), `<!-- example code: PATH -->`, `<!-- example output: PATH -->`. */
const MARKER = /^<!-- example( code| output)?: (\S+) -->$/;
/** `<!-- fragment: WHY -->`: the code block after it is not a whole program (WHY says why). */
const FRAGMENT = /^<!-- fragment: \S.*-->$/;

interface Program {
  /** Path from the repository root, with forward slashes. */
  readonly path: string;
  readonly language: 'ts' | 'js' | 'py';
  /** The .out file its output is compared with. */
  readonly expected: string;
}

interface Run {
  readonly stdout: string;
  readonly stderr: string;
  /** Exit code, or a description of how it ended otherwise. */
  readonly exit: number | string;
}

let passed = 0;
let failed = 0;

function pass(message: string): void {
  passed += 1;
  console.log(`ok: ${message}`);
}

function failure(message: string): void {
  failed += 1;
  console.log(`FAILED: ${message}`);
}

function read(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8').replace(/\r\n/g, '\n');
}

function listPrograms(): Program[] {
  const programs: Program[] = [];
  for (const dir of PROGRAM_DIRS) {
    if (!existsSync(join(ROOT, dir))) continue;
    for (const name of readdirSync(join(ROOT, dir))) {
      const path = `${dir}/${name}`;
      if (HELPERS.has(path)) continue;
      const base = path.replace(/\.(ts|mjs|py)$/, '');
      if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
        programs.push({ path, language: 'ts', expected: `${base}.out` });
      } else if (name.endsWith('.mjs')) {
        programs.push({ path, language: 'js', expected: `${base}.out` });
      } else if (name.endsWith('.py')) {
        const own = `${base}.twisted.out`;
        programs.push({ path, language: 'py', expected: existsSync(join(ROOT, own)) ? own : `${base}.out` });
      }
    }
  }
  // By name, and a TypeScript program before its JavaScript and Twisted twins (whose output is compared with the .ts's .out).
  const order = { ts: 0, js: 1, py: 2 };
  const key = (program: Program): string => `${program.path.replace(/\.(ts|mjs|py)$/, '')}\u0000${order[program.language]}`;
  return programs.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function run(program: Program): Promise<Run> {
  const [command, args] = program.language === 'ts'
    ? [process.execPath, ['--expose-gc', '--import=tsx/esm', program.path]]
    : program.language === 'js'
      ? [process.execPath, ['--expose-gc', program.path]]
      : [PYTHON, ['-B', program.path]];
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', PYTHONDONTWRITEBYTECODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIME_LIMIT_MS);
    const finish = (exit: number | string): void => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(stdout).toString('utf8').replace(/\r\n/g, '\n'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        exit: timedOut ? `killed after ${TIME_LIMIT_MS / 1000} s` : exit,
      });
    };
    child.on('error', (error) => finish(`could not start: ${error.message}`));
    child.on('close', (code, signal) => finish(code ?? `killed by ${signal ?? 'a signal'}`));
  });
}

/** Run `items` through `work`, at most `limit` at a time, keeping their order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Where two texts first differ, as a short explanation. */
function firstDifference(expected: string, actual: string): string {
  const want = expected.split('\n');
  const got = actual.split('\n');
  for (let i = 0; i < Math.max(want.length, got.length); i += 1) {
    if (want[i] !== got[i]) {
      const show = (line: string | undefined): string => (line === undefined ? '(no such line)' : JSON.stringify(line));
      return `line ${i + 1}:\n    expected: ${show(want[i])}\n    printed:  ${show(got[i])}`;
    }
  }
  return 'the texts differ only in line endings';
}

function checkProgram(program: Program, result: Run, write: boolean): void {
  console.log(`\n=== ${program.path}`);
  process.stdout.write(result.stdout);
  if (result.stderr !== '') {
    console.log('--- stderr:');
    process.stdout.write(result.stderr.endsWith('\n') ? result.stderr : `${result.stderr}\n`);
  }
  if (result.exit !== 0) {
    failure(`${program.path} ended with ${typeof result.exit === 'number' ? `exit code ${result.exit}` : result.exit}`);
    return;
  }
  if (result.stderr !== '') {
    failure(`${program.path} wrote to stderr`);
    return;
  }
  if (write) {
    record(program, result.stdout);
    return;
  }
  if (!existsSync(join(ROOT, program.expected))) {
    failure(`${program.path} has no recorded output: ${program.expected} is missing (record it with --write, then read it)`);
    return;
  }
  const expected = read(program.expected);
  if (expected === result.stdout) {
    pass(`${program.path} printed what ${program.expected} records`);
  } else {
    failure(`${program.path} did not print what ${program.expected} records; first difference at ${firstDifference(expected, result.stdout)}`);
  }
}

/**
 * --write: keep the output in the program's .out file. A Twisted twin shares its
 * TypeScript program's NAME.out while it prints the same; otherwise its own output goes
 * to NAME.twisted.out. NAME.out itself is only ever recorded from the TypeScript program.
 */
function record(program: Program, output: string): void {
  let target = program.expected;
  if (program.language === 'py') {
    const shared = program.path.replace(/\.py$/, '.out');
    const sharedText = existsSync(join(ROOT, shared)) ? read(shared) : undefined;
    if (sharedText === output) target = shared;
    else target = program.path.replace(/\.py$/, '.twisted.out');
  }
  const old = existsSync(join(ROOT, target)) ? read(target) : undefined;
  if (old === output) {
    pass(`${program.path} printed what ${target} records`);
  } else {
    writeFileSync(join(ROOT, target), output);
    pass(`${program.path}: output recorded in ${target}${old === undefined ? ' (new)' : ' (changed)'}`);
  }
}

/**
 * A program's code as a page shows it: imports of the source tree become imports of the
 * package (`src/index.js` is 'txdefer', `src/testing/index.js` is 'txdefer/testing',
 * `src/decorators.js` is 'txdefer/decorators').
 */
function asShown(code: string): string {
  return code
    .replace(/(from\s+|require\()(['"])(?:\.\.\/)+src\/(?:(\w+)\/)?index\.js\2/g, (_match, before: string, quote: string, subpath?: string) =>
      `${before}${quote}txdefer${subpath === undefined ? '' : `/${subpath}`}${quote}`,
    )
    .replace(/(from\s+|require\()(['"])(?:\.\.\/)+src\/decorators\.js\2/g, '$1$2txdefer/decorators$2');
}

interface Fence {
  /** Index of the opening fence line. */
  readonly open: number;
  /** Index of the closing fence line. */
  readonly close: number;
}

function findFence(lines: readonly string[], from: number): Fence | undefined {
  let open = from;
  while (open < lines.length && !/^```/.test(lines[open] as string)) {
    if (MARKER.test(lines[open] as string)) return undefined; // the next example starts first
    open += 1;
  }
  if (open >= lines.length) return undefined;
  let close = open + 1;
  while (close < lines.length && lines[close] !== '```') close += 1;
  return close < lines.length ? { open, close } : undefined;
}

function withoutFinalNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/**
 * Every fenced block of a page must be checked: one an example marker ties to a program
 * (checked by checkPage), or one marked `<!-- fragment: WHY -->` on the line before it.
 * A TypeScript or JavaScript fragment is parsed, and fails on a syntax error; other
 * fragments (shell commands, Python for comparison, pictures) are only required to say
 * why they are not programs.
 */
function checkFragments(page: string, lines: readonly string[], covered: ReadonlySet<number>): void {
  let fragments = 0;
  for (let open = 0; open < lines.length; open += 1) {
    if (!/^```/.test(lines[open] as string)) continue;
    let close = open + 1;
    while (close < lines.length && lines[close] !== '```') close += 1;
    const language = (lines[open] as string).slice(3).trim();
    if (!covered.has(open)) {
      if (!FRAGMENT.test(lines[open - 1] ?? '')) {
        failure(`${page}:${open + 1}: a \`\`\`${language} block that is neither an example (<!-- example: PATH -->) nor marked <!-- fragment: WHY -->`);
      } else {
        fragments += 1;
        const problem = ['ts', 'js', 'typescript', 'javascript'].includes(language) ? syntaxProblem(lines.slice(open + 1, close).join('\n')) : undefined;
        if (problem !== undefined) failure(`${page}:${open + 1}: the ${language} fragment does not parse: ${problem}`);
      }
    }
    open = close;
  }
  if (fragments > 0) pass(`${page}: ${fragments} fragment${fragments === 1 ? '' : 's'} marked with why${fragments === 1 ? ' it is not a program' : ' they are not programs'}, and the TypeScript ones parse`);
}

/** The first syntax error TypeScript finds in `code`, or undefined. */
function syntaxProblem(code: string): string | undefined {
  const source = ts.createSourceFile('fragment.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const diagnostics = (source as unknown as { parseDiagnostics: ReadonlyArray<{ start?: number; messageText: string | { messageText: string } }> }).parseDiagnostics;
  const first = diagnostics[0];
  if (first === undefined) return undefined;
  const line = first.start === undefined ? '?' : source.getLineAndCharacterOfPosition(first.start).line + 1;
  return `line ${line}: ${typeof first.messageText === 'string' ? first.messageText : first.messageText.messageText}`;
}

/** Check (or, with `write`, refresh) the examples a page shows. */
function checkPage(page: string, write: boolean): void {
  const lines = read(page).split('\n');
  let changed = false;
  /** The opening lines of the fences the example markers tie to programs. */
  const covered = new Set<number>();
  for (let i = 0; i < lines.length; i += 1) {
    const match = MARKER.exec(lines[i] as string);
    if (match === null) continue;
    const part = match[1] === ' code' ? 'code' : match[1] === ' output' ? 'output' : 'both';
    const program = match[2] as string;
    const where = `${page}:${i + 1} (${program})`;
    if (!existsSync(join(ROOT, program))) {
      failure(`${where}: the page shows a program that does not exist`);
      continue;
    }
    const code = part === 'output' ? undefined : findFence(lines, i + 1);
    const output = part === 'code' ? undefined : findFence(lines, code === undefined ? i + 1 : code.close + 1);
    if ((part !== 'output' && code === undefined) || (part !== 'code' && output === undefined)) {
      failure(`${where}: expected ${part === 'both' ? 'a fenced code block and then a fenced output block' : `a fenced ${part} block`} after the marker`);
      continue;
    }
    if (code !== undefined) covered.add(code.open);
    if (output !== undefined) covered.add(output.open);
    const twistedOut = program.replace(/\.py$/, '.twisted.out');
    const outFile = program.endsWith('.py') && existsSync(join(ROOT, twistedOut)) ? twistedOut : program.replace(/\.(ts|mjs|py)$/, '.out');
    if (output !== undefined && !existsSync(join(ROOT, outFile))) {
      failure(`${where}: ${outFile} is missing`);
      continue;
    }
    const wantCode = withoutFinalNewline(program.endsWith('.ts') ? asShown(read(program)) : read(program));
    const wantOutput = output === undefined ? '' : withoutFinalNewline(read(outFile));
    const gotCode = code === undefined ? wantCode : lines.slice(code.open + 1, code.close).join('\n');
    const gotOutput = output === undefined ? wantOutput : lines.slice(output.open + 1, output.close).join('\n');
    if (gotCode === wantCode && gotOutput === wantOutput) {
      pass(`${where}: the page shows ${part === 'both' ? 'the program and its output' : part === 'code' ? 'the program' : 'its output'}`);
      continue;
    }
    if (write) {
      // Replace the output block first: its lines come after the code block's.
      if (output !== undefined) {
        lines.splice(output.open + 1, output.close - output.open - 1, ...(wantOutput === '' ? [] : wantOutput.split('\n')));
      }
      if (code !== undefined) lines.splice(code.open + 1, code.close - code.open - 1, ...wantCode.split('\n'));
      changed = true;
      pass(`${where}: ${part === 'both' ? 'code and output blocks' : `${part} block`} refreshed`);
      continue;
    }
    if (gotCode !== wantCode) {
      failure(`${where}: the code block differs from ${program} at ${firstDifference(wantCode, gotCode)}`);
    } else {
      failure(`${where}: the output block differs from ${outFile} at ${firstDifference(wantOutput, gotOutput)}`);
    }
  }
  // Blocks refreshed just now have moved the lines the markers tie: the next run checks the fragments.
  if (!changed) checkFragments(page, lines, covered);
  if (changed) writeFileSync(join(ROOT, page), lines.join('\n'));
}

function twistedAvailable(): boolean {
  const probe = spawnSync(PYTHON, ['-c', 'import twisted'], { stdio: 'ignore' });
  return probe.status === 0;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { write: { type: 'boolean', default: false } } });
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: npm run examples [-- --write] [words...]`);
    process.exit(2);
  }
  const write = parsed.values.write;
  const words = parsed.positionals;
  const selected = (path: string): boolean => words.length === 0 || words.some((word) => path.includes(word));

  let programs = listPrograms().filter((program) => selected(program.path));
  const pythonPrograms = programs.filter((program) => program.language === 'py');
  let skipNote = '';
  if (pythonPrograms.length > 0 && !twistedAvailable()) {
    programs = programs.filter((program) => program.language !== 'py');
    skipNote = `skipped ${pythonPrograms.length} Twisted programs (*.py): ${PYTHON} cannot import twisted`;
  }

  const results = await mapLimited(programs, Math.max(2, availableParallelism()), run);
  programs.forEach((program, index) => checkProgram(program, results[index] as Run, write));

  const pages = ['README.md', ...PAGE_DIRS.flatMap((dir) => (existsSync(join(ROOT, dir)) ? readdirSync(join(ROOT, dir)).filter((name) => name.endsWith('.md')).sort().map((name) => `${dir}/${name}`) : []))];
  console.log('');
  for (const page of pages) {
    if (existsSync(join(ROOT, page))) checkPage(page, write); // static comparisons: always all pages
  }

  if (programs.length === 0 && words.length === 0) failure('no example programs found');
  console.log('');
  if (skipNote !== '') console.log(skipNote);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

await main();
