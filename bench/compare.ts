/**
 * `npm run bench:compare -- [A] [B] [--only keys] [--samples N]`: two builds of txdefer measured in one
 * process, case by case, in interleaved rounds (A, B, native Promise, then again), so that
 * a stretch of slow machine hits both alike. On a shared machine, where the same build
 * measures 20% apart from one `npm run bench` to the next, this is how to tell whether a
 * change to the engine made it faster.
 *
 * A and B each name a build:
 *   - a git ref (`HEAD`, `main~2`, a commit): its `src/` is taken with `git archive`;
 *   - a directory holding `index.ts` (a copy of `src/`), or a project holding `src/index.ts`;
 *   - an entry file (`dist/index.mjs`, `/tmp/variant/index.ts`).
 * Defaults: A is `HEAD`, B is the working tree's `src/`. So, after editing src/:
 *
 *   npm run bench:compare                          # HEAD against the working tree
 *   npm run bench:compare -- HEAD~1 HEAD --only chain10,nested
 *   npm run bench:compare -- --only errback --samples 41   # more rounds, on a noisy machine
 *
 * Both builds are warmed up together with every case (as `npm run bench` does), then
 * each case is measured: the figures are B's speed relative to A's (the median of the
 * per-round ratios, with their range), and each build's ratio to native Promise.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { makeCases, makeDeepCase, makeIssue3Cases, makeLongCase } from './cases.js';
import { type Case, type Measured, pad, ratioOf, runCase, warmAll } from './harness.js';
import { loadBluebird, locateBuild, type TxdeferModule } from './libs.js';

const USAGE = 'usage: npm run bench:compare -- [A] [B] [--only key,key,...] [--samples N]   (A, B: git ref, directory or entry file)';

function parseArguments(argv: readonly string[]): { a: string; b: string; only: string[]; samples: number | undefined } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { only: { type: 'string' }, samples: { type: 'string' } } });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`, { cause: error });
  }
  const { values, positionals } = parsed;
  if (positionals.length > 2) throw new Error(`at most two builds to compare, got ${positionals.length}\n${USAGE}`);
  const only = (values.only ?? '').split(',').filter((key) => key !== '');
  const samples = values.samples === undefined ? undefined : Number(values.samples);
  if (samples !== undefined && (!Number.isInteger(samples) || samples < 3)) {
    throw new Error(`--samples must be an integer >= 3 (rounds per case), got ${JSON.stringify(values.samples)}\n${USAGE}`);
  }
  return { a: positionals[0] ?? 'HEAD', b: positionals[1] ?? 'src', only, samples };
}

function allCases(tx: TxdeferModule, Bluebird: ReturnType<typeof loadBluebird>['Bluebird']): Case[] {
  return [...makeCases(tx, Bluebird), makeDeepCase(tx, 100_000), makeLongCase(tx, Bluebird, 100_000), ...makeIssue3Cases(tx, Bluebird)];
}

/** The range of the per-round ratios slow/fast, as "min–max". */
function ratioRange(slow: Measured, fast: Measured): string {
  const ratios = slow.samples.map((s, i) => s / (fast.samples[i] as number));
  return `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const { a, b, only } = args;
  const scratch = mkdtempSync(join(tmpdir(), 'txdefer-compare-'));
  try {
    const sides = [locateBuild(a, scratch, USAGE), locateBuild(b, scratch, USAGE)] as const;
    const [libA, libB] = (await Promise.all(sides.map((side) => import(pathToFileURL(side.entry).href)))) as [TxdeferModule, TxdeferModule];
    const { Bluebird } = loadBluebird();
    const casesA = allCases(libA, Bluebird);
    const casesB = allCases(libB, Bluebird);
    const unknown = only.filter((key) => !casesA.some((c) => c.key.startsWith(key)));
    if (unknown.length > 0) throw new Error(`no case key starts with ${unknown.join(', ')} (keys: ${casesA.map((c) => c.key).join(', ')})`);
    const wanted = casesA.filter((c) => only.length === 0 || only.some((key) => c.key.startsWith(key)));

    console.log('txdefer bench:compare');
    console.log(`  A: ${sides[0].label}\n  B: ${sides[1].label}`);
    console.log('  B ÷ A: how many times faster B is than A (median of per-round ratios, their range in brackets);');
    console.log('  the ratios to native Promise as in npm run bench (above 1: faster than Promise)\n');
    await warmAll([...casesA, ...casesB], 1500);

    for (const caseA of wanted) {
      const caseB = casesB.find((c) => c.key === caseA.key) as Case;
      const pick = (c: Case, name: string) => c.variants.find((v) => v.name === name);
      const [txA, txB, promise] = [pick(caseA, 'txdefer'), pick(caseB, 'txdefer'), pick(caseA, 'Promise')];
      if (txA === undefined || txB === undefined || promise === undefined) continue;
      const merged: Case = {
        ...caseA,
        variants: [{ name: 'A', run: txA.run }, { name: 'B', run: txB.run }, promise],
        check: (name, n, checksum) => caseA.check(name === 'A' || name === 'B' ? 'txdefer' : name, n, checksum),
      };
      const samples = args.samples ?? (caseA.fixedN === undefined ? 11 : 7);
      const r = await runCase(merged, { samples, sampleMs: 40, warmupMs: 300 });
      const [mA, mB, mP] = ['A', 'B', 'Promise'].map((name) => r.byVariant.get(name) as Measured) as [Measured, Measured, Measured];
      const speed = ratioOf(mA, mB);
      console.log(
        `${pad(caseA.key, 16)} B ÷ A ${pad(speed.toFixed(2), 5, true)} (${ratioRange(mA, mB)})   ` +
          `vs Promise: A ${ratioOf(mP, mA).toFixed(2)}x, B ${ratioOf(mP, mB).toFixed(2)}x`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  // Bad arguments and unknown builds: the message says what was wrong; no stack needed.
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
