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
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
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
