/**
 * Invariants that hold for whatever program the differential generator makes, checked
 * with fast-check on txdefer alone (no Python): every callback runs at most once; each
 * Deferred's chain runs in order; nothing the generator makes overflows the stack, and
 * deep chains of every kind complete; nothing unhandled is lost.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import {
  captureUnhandledErrors,
  Deferred,
  fail,
  gatherResults,
  inlineCallbacks,
  succeed,
  type UnhandledErrorLog,
} from '../../src/index.js';
import { programArb, samplePrograms } from './generate.js';
import { runNow, runOnTxdefer } from './harness.js';
import { makesDeferred, type Program } from './model.js';
import { tsModule } from './print.js';

const SEED = 4242;

/** Each function of a program, by its trace name, with the Deferred and pair it was added as. */
function pairsOf(program: Program): Map<string, { d: number; pair: number }> {
  const pairs = new Map<string, { d: number; pair: number }>();
  const added: number[] = [];
  for (const step of program.steps) {
    if (step.s === 'addCallback' || step.s === 'addErrback' || step.s === 'addBoth' || step.s === 'addCallbacks') {
      const pair = added[step.d] ?? 0;
      added[step.d] = pair + 1;
      const fns = step.s === 'addCallbacks' ? [step.cb, ...(step.eb === null ? [] : [step.eb])] : [step.fn];
      for (const fn of fns) pairs.set(`cb${fn.id}`, { d: step.d, pair });
    }
  }
  return pairs;
}

function explain(program: Program, trace: readonly string[]): string {
  return `\n${tsModule(program)}\ntrace:\n${trace.join('\n')}`;
}

describe('differential programs: invariants on txdefer (fast-check)', function () {
  this.timeout(120_000);
  let log: UnhandledErrorLog;

  beforeEach(function () {
    // The programs leave failures unhandled on purpose; keep their reports out of the console.
    log = captureUnhandledErrors();
  });

  afterEach(function () {
    log.stop();
  });

  it('every callback, errback, canceller and generator runs at most once (a canceller that throws excepted, as in Twisted)', function () {
    fc.assert(
      fc.property(programArb(), (program) => {
        const trace = runNow(program);
        // A canceller that throws leaves its Deferred unfired, so the next cancel() calls it again (reference C.6).
        const mayRepeat = new Set<string>();
        let n = 0;
        for (const step of program.steps) {
          if (step.s === 'new' && step.canceller.k === 'throw') mayRepeat.add(`canceller d${n}`);
          if (makesDeferred(step)) n += 1;
        }
        const seen = new Set<string>();
        for (const line of trace) {
          const entry = /^((?:cb|thunk|run|md|onTimeout)\d+)\(|^(canceller d\d+)$|^(gen\d+) start$/.exec(line);
          if (entry === null) continue;
          const name = (entry[1] ?? entry[2] ?? entry[3]) as string;
          if (mayRepeat.has(name)) continue;
          expect(seen.has(name), `${name} ran twice${explain(program, trace)}`).to.equal(false);
          seen.add(name);
        }
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it("each Deferred's pairs run in the order they were added", function () {
    fc.assert(
      fc.property(programArb(), (program) => {
        const trace = runNow(program);
        const pairs = pairsOf(program);
        const last = new Map<number, number>();
        for (const line of trace) {
          const entry = /^(cb\d+)\(/.exec(line);
          if (entry === null) continue;
          const where = pairs.get(entry[1] as string);
          if (where === undefined) continue;
          const previous = last.get(where.d) ?? -1;
          expect(where.pair, `pair ${where.pair} of d${where.d} ran after pair ${previous}${explain(program, trace)}`).to.be.greaterThan(previous);
          last.set(where.d, where.pair);
        }
      }),
      { seed: SEED + 1, numRuns: 1500 },
    );
  });

  it('no generated program overflows the stack', function () {
    // Cancelling round a cycle of Deferreds would (in Twisted too); the tracer cuts such
    // a cycle where it comes back round, and logs `cancel cycle` (docs/faithfulness.md).
    fc.assert(
      fc.property(programArb(), (program) => {
        const trace = runNow(program);
        const overflow = trace.find((line) => line.includes('RecursionError'));
        expect(overflow, `the stack overflowed${explain(program, trace)}`).to.equal(undefined);
      }),
      { seed: SEED + 2, numRuns: 1500 },
    );
  });

  it('nothing unhandled is lost: every failure left at the end of an unpaused chain is reported after collection', async function () {
    // Without pause(): a failure handed to a paused Deferred is never reported, in Twisted too.
    const programs = samplePrograms(SEED + 3, 400, { exclude: ['pause', 'unpause'] });
    const traces = await runOnTxdefer(programs);
    programs.forEach((program, index) => {
      const trace = traces[index] as string[];
      const left = trace
        .map((line) => /^end d\d+: called=True paused=0 result=(Failure\(.*\))$/.exec(line)?.[1])
        .filter((failure): failure is string => failure !== undefined);
      const reported = (trace[trace.length - 1] as string).replace(/^unhandled: \[/, '').replace(/\]$/, '');
      let rest = reported;
      for (const failure of left) {
        expect(rest.includes(failure), `${failure} was left unhandled but not reported${explain(program, trace)}`).to.equal(true);
        rest = rest.replace(failure, '');
      }
    });
  });
});

describe('differential programs: deep chains complete without overflowing the stack (fast-check)', function () {
  this.timeout(120_000);

  type Kind = 'returnFired' | 'returnFailed' | 'waitOnNext' | 'waitOnNextReverse' | 'inlineLoop' | 'gatherWide' | 'chainDeferred';

  /** Build a chain of `depth` links of one kind, fire it, and return [result, expected]. */
  function deep(kind: Kind, depth: number): [unknown, unknown] {
    switch (kind) {
      case 'returnFired': {
        const d = new Deferred<number>();
        for (let i = 0; i < depth; i += 1) d.addCallback((x: number) => succeed(x + 1));
        d.callback(0);
        return [d.result, depth];
      }
      case 'returnFailed': {
        // One error for every link: what is measured is the chain, not V8 capturing 200,000 stacks.
        const error = new Error('link');
        let links = 0;
        const d = new Deferred<unknown>();
        for (let i = 0; i < depth; i += 1) {
          d.addErrback(() => {
            links += 1;
            return fail(error);
          });
        }
        d.addErrback((failure) => `${failure.getErrorMessage()} x${links}`);
        d.errback(new Error('start'));
        return [d.result, `link x${depth}`];
      }
      case 'waitOnNext':
      case 'waitOnNextReverse': {
        const ds = Array.from({ length: depth }, () => new Deferred<unknown>());
        for (let i = 0; i + 1 < depth; i += 1) {
          const next = ds[i + 1] as Deferred<unknown>;
          (ds[i] as Deferred<unknown>).addCallback(() => next);
        }
        const order = [...ds.keys()].slice(0, depth - 1);
        if (kind === 'waitOnNextReverse') order.reverse();
        for (const i of order) (ds[i] as Deferred<unknown>).callback(i);
        (ds[depth - 1] as Deferred<unknown>).callback('end');
        return [(ds[0] as Deferred<unknown>).result, 'end'];
      }
      case 'inlineLoop': {
        const run = inlineCallbacks(function* () {
          let sum = 0;
          for (let i = 0; i < depth; i += 1) sum += (yield succeed(1)) as number;
          return sum;
        });
        return [run().result, depth];
      }
      case 'gatherWide': {
        const ds = Array.from({ length: depth }, (_, i) => succeed(i));
        const result = gatherResults(ds).result as number[];
        return [result.length, depth];
      }
      case 'chainDeferred': {
        // Recursive in Twisted too (a few hundred links overflow Python's stack): kept short.
        const ds = Array.from({ length: Math.min(depth, 300) }, () => new Deferred<unknown>());
        for (let i = 0; i + 1 < ds.length; i += 1) (ds[i] as Deferred<unknown>).chainDeferred(ds[i + 1] as Deferred<unknown>);
        (ds[0] as Deferred<unknown>).callback('end');
        return [(ds[ds.length - 1] as Deferred<unknown>).result, 'end'];
      }
    }
  }

  it('chains of up to 200,000 links of every kind give their result', function () {
    const kinds: Kind[] = ['returnFired', 'returnFailed', 'waitOnNext', 'waitOnNextReverse', 'inlineLoop', 'gatherWide', 'chainDeferred'];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.integer({ min: 1, max: 200_000 }), (kind, depth) => {
        const [result, expected] = deep(kind, depth);
        expect(result, `${kind} of depth ${depth}`).to.deep.equal(expected);
      }),
      { seed: SEED + 4, numRuns: 40 },
    );
  });
});
