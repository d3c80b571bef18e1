/**
 * `node --expose-gc --import=tsx/esm bench/fail-first.ts [ENTRY]`: what a failure that
 * is already there when its errback is added costs (issue 9), on one or more builds.
 *
 * Four loops, each a Deferred per iteration whose errback recovers:
 *   - attached:        new Deferred, addErrback(h), errback(e): the handler is there first;
 *   - failFirst:       fail(e).addErrback(h): the chain ends holding the Failure, then h comes;
 *   - ...NewError:     the same with a new Error each time (its stack is captured; the first
 *                      two reuse one Error, whose stack V8 formats once).
 * All four loops are warmed up first (so that the engine's call sites have seen them all),
 * then each is timed over 200,000 iterations, three times (the median is printed). ENTRY is
 * a build's entry file (default: src/index.ts). Run one build per process, so that one
 * build's warm-up does not shape another's figures: to compare with an older commit, extract
 * its sources with `git archive` (and give that folder a package.json saying
 * `"type": "module"`), and run the script once for each.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

interface Build {
  Deferred: new () => { addErrback(h: (f: unknown) => unknown): unknown; errback(e: unknown): void; result: unknown };
  fail: (e: unknown) => { addErrback(h: (f: unknown) => unknown): { result: unknown } };
}

const ITERATIONS = 200_000;
const SHARED = new Error('shared');
const recover = (): number => 1;

function loops(tx: Build): Record<string, (n: number) => number> {
  return {
    attached(n) {
      let sum = 0;
      for (let i = 0; i < n; i += 1) {
        const d = new tx.Deferred();
        d.addErrback(recover);
        d.errback(SHARED);
        sum += d.result as number;
      }
      return sum;
    },
    failFirst(n) {
      let sum = 0;
      for (let i = 0; i < n; i += 1) sum += tx.fail(SHARED).addErrback(recover).result as number;
      return sum;
    },
    attachedNewError(n) {
      let sum = 0;
      for (let i = 0; i < n; i += 1) {
        const d = new tx.Deferred();
        d.addErrback(recover);
        d.errback(new Error('new'));
        sum += d.result as number;
      }
      return sum;
    },
    failFirstNewError(n) {
      let sum = 0;
      for (let i = 0; i < n; i += 1) sum += tx.fail(new Error('new')).addErrback(recover).result as number;
      return sum;
    },
  };
}

function nsPerIteration(run: (n: number) => number): number {
  const times: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    const start = process.hrtime.bigint();
    run(ITERATIONS);
    times.push(Number(process.hrtime.bigint() - start) / ITERATIONS);
  }
  return times.sort((a, b) => a - b)[1] as number;
}

const { positionals } = parseArgs({ allowPositionals: true });
if (positionals.length > 1) throw new Error(`usage: bench/fail-first.ts [ENTRY] (one entry file), got ${positionals.length} arguments`);
const entry = positionals[0] ?? 'src/index.ts';
{
  const tx = (await import(pathToFileURL(resolve(entry)).href)) as Build;
  const all = Object.entries(loops(tx));
  for (const [, run] of all) run(ITERATIONS / 10); // the warm-up
  const measured = all.map(([name, run]) => [name, nsPerIteration(run)] as const);
  const byName = new Map(measured);
  console.log(entry);
  for (const [name, ns] of measured) console.log(`  ${name.padEnd(18)} ${ns.toFixed(0).padStart(6)} ns`);
  const ratio = (a: string, b: string): string => ((byName.get(a) as number) / (byName.get(b) as number)).toFixed(2);
  console.log(`  failFirst ÷ attached: ${ratio('failFirst', 'attached')}x; with a new Error each time: ${ratio('failFirstNewError', 'attachedNewError')}x`);
}
