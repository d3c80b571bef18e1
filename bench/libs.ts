/**
 * The libraries under comparison, loaded once.
 *
 * txdefer comes from `TXDEFER_BENCH_LIB` when set (a path to any build of the
 * package's entry point: `dist/index.mjs`, or a copy of `src/index.ts`, which tsx
 * compiles), otherwise from `src/index.ts` itself. The sources compiled by tsx and the
 * rollup bundle measure the same, within the noise (docs/performance.md), so the bench
 * needs no build step.
 */
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Txdefer from '../src/index.js';

export type TxdeferModule = typeof Txdefer;

/** The little of bluebird's API the bench uses (bluebird ships no types; @types/bluebird is not installed). */
export interface BluebirdThenable<T> extends PromiseLike<T> {
  then<R>(onFulfilled: (value: T) => R | PromiseLike<R>): BluebirdThenable<R>;
  then<R1, R2>(onFulfilled: (value: T) => R1 | PromiseLike<R1>, onRejected: (reason: unknown) => R2 | PromiseLike<R2>): BluebirdThenable<R1 | R2>;
  catch<R>(onRejected: (reason: unknown) => R | PromiseLike<R>): BluebirdThenable<T | R>;
}
/** What `Bluebird.allSettled` gives for each member. */
export interface BluebirdInspection<T> {
  isFulfilled(): boolean;
  value(): T;
}
export interface BluebirdStatic {
  new <T>(executor: (resolve: (value: T | PromiseLike<T>) => void, reject: (reason: unknown) => void) => void): BluebirdThenable<T>;
  resolve<T>(value: T): BluebirdThenable<T>;
  all<T>(values: ReadonlyArray<T | PromiseLike<T>>): BluebirdThenable<T[]>;
  allSettled<T>(values: ReadonlyArray<T | PromiseLike<T>>): BluebirdThenable<Array<BluebirdInspection<T>>>;
  /** Bluebird's inlineCallbacks: a generator function whose `yield p` waits for `p`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bluebird's coroutine sends any value back into the generator, as its own typings say
  coroutine<A extends unknown[], R>(fn: (...args: A) => Generator<unknown, R, any>): (...args: A) => BluebirdThenable<R>;
}

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '..');

export function txdeferPath(): string {
  const fromEnv = process.env['TXDEFER_BENCH_LIB'];
  if (fromEnv !== undefined && fromEnv !== '') return isAbsolute(fromEnv) ? fromEnv : resolve(process.cwd(), fromEnv);
  return resolve(root, 'src/index.ts');
}

export async function loadTxdefer(): Promise<{ lib: TxdeferModule; path: string }> {
  const path = txdeferPath();
  if (!existsSync(path)) {
    throw new Error(`txdefer not found at ${path} (set TXDEFER_BENCH_LIB to the entry point to measure)`);
  }
  const lib = (await import(pathToFileURL(path).href)) as TxdeferModule;
  return { lib, path };
}

export function loadBluebird(): { Bluebird: BluebirdStatic; version: string } {
  const require = createRequire(import.meta.url);
  // A private copy: config() would otherwise affect any other user of the module.
  const Bluebird = (require('bluebird') as { getNewLibraryCopy(): BluebirdStatic }).getNewLibraryCopy();
  const version = (require('bluebird/package.json') as { version: string }).version;
  return { Bluebird, version };
}

/** A build of txdefer to import: what to call it, and its entry file. */
export interface BuildSide {
  readonly label: string;
  readonly entry: string;
}

/**
 * Where `spec` names a build: an entry file to import. `spec` is an entry file, a
 * directory holding `index.ts` or `src/index.ts`, or a git ref, whose `src/` is
 * extracted with `git archive` into a folder under `scratch`.
 */
export function locateBuild(spec: string, scratch: string, usage = ''): BuildSide {
  if (existsSync(spec)) {
    const path = resolve(spec);
    if (!statSync(path).isDirectory()) return { label: spec, entry: path };
    for (const candidate of [join(path, 'index.ts'), join(path, 'src', 'index.ts')]) {
      if (existsSync(candidate)) return { label: spec, entry: candidate };
    }
    throw new Error(`${spec} is a directory without index.ts or src/index.ts`);
  }
  let commit: string;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', `${spec}^{commit}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    throw new Error(`${spec} is neither a file, a directory nor a git ref${usage === '' ? '' : `\n${usage}`}`);
  }
  const dir = join(scratch, commit);
  mkdirSync(dir, { recursive: true });
  const archive = execFileSync('git', ['archive', '--format=tar', commit, 'src'], { maxBuffer: 64 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  // The sources are ES modules; without this, Node would take the .ts files outside the project for CommonJS.
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  return { label: `${spec} (${commit})`, entry: join(dir, 'src', 'index.ts') };
}

/**
 * One source file of txdefer as it was at git ref `ref` (e.g. `src/sync/queue.ts`),
 * written under `scratch` with its relative imports pointed at this working tree's
 * `src/`, and imported: the old version of that file running on today's engine. The
 * bench measures DeferredQueue before `peek` this way, so that both queues share one
 * Deferred class (two whole builds would not warm up alike; docs/performance.md).
 */
export async function loadOldFile(ref: string, file: string, scratch: string): Promise<{ module: Record<string, unknown>; label: string }> {
  const commit = execFileSync('git', ['rev-parse', '--short', `${ref}^{commit}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const text = execFileSync('git', ['show', `${commit}:${file}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const here = resolve(root, dirname(file));
  const rewritten = text.replace(/from '(\.{1,2}\/[^']+)'/g, (_all, path: string) => `from '${pathToFileURL(resolve(here, path)).href}'`);
  const dir = join(scratch, `${commit}-${file.replace(/[^A-Za-z0-9]+/g, '-')}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  const target = join(dir, file.split('/').pop() as string);
  writeFileSync(target, rewritten);
  return { module: (await import(pathToFileURL(target).href)) as Record<string, unknown>, label: `${file} at ${ref} (${commit})` };
}
