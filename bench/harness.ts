/**
 * The measuring machinery of `npm run bench`: timed samples, medians, ratios, and
 * heap-bytes-per-object. Nothing here knows about Deferreds or Promises.
 *
 * A variant is a function `run(n)` doing `n` iterations of one case and returning a
 * number computed from the results (checked by the case, so the work cannot be skipped
 * and a wrong implementation cannot win). An asynchronous variant returns a Promise and
 * is timed until that Promise settles, i.e. until its callbacks have actually run.
 */

/** One implementation of a case. */
export interface Variant {
  /** 'txdefer', 'Promise', 'bluebird', 'plain'. */
  readonly name: string;
  /** Do `n` iterations; return a checksum derived from every (sync) or the last (async) result. */
  readonly run: (n: number) => number | Promise<number>;
}

/** A case: the same work done by each variant. */
export interface Case {
  readonly key: string;
  readonly title: string;
  /** What one "iteration" is, for the unit line ("per chain", "per link"). */
  readonly unit: string;
  readonly variants: readonly Variant[];
  /** Whether `checksum` is right for `n` iterations of `variant`. */
  readonly check: (variant: string, n: number, checksum: number) => boolean;
  /** Fixed iteration count per sample (deep chains: the chain length); otherwise calibrated. */
  readonly fixedN?: number;
  /**
   * Calibrated cases: the smallest iteration count, and the step it is rounded to
   * (default 1000, the batch of the asynchronous variants). Cases whose iteration is
   * long (1,000 Deferreds combined) set it lower.
   */
  readonly minN?: number;
}

export interface CaseResult {
  readonly key: string;
  readonly title: string;
  readonly unit: string;
  /** Per variant, in ns per iteration: medians and all samples of CPU time (`median`, `samples`) and wall time. */
  readonly byVariant: ReadonlyMap<string, Measured>;
}

export interface Measured {
  /** Median CPU time per iteration (the figure compared). */
  readonly median: number;
  readonly samples: number[];
  /** Median wall-clock time per iteration. */
  readonly wallMedian: number;
  readonly wallSamples: number[];
  /** Iterations per sample. */
  readonly n: number;
}

export interface Options {
  /** Samples per variant (the median of these is reported). */
  readonly samples: number;
  /** Target duration of one calibrated sample, in ms. */
  readonly sampleMs: number;
  /** Warm-up time per variant before calibration, in ms. */
  readonly warmupMs: number;
}

declare const gc: (() => void) | undefined;

/** Force a full collection (needs `node --expose-gc`). */
export function collect(): void {
  if (typeof gc !== 'function') {
    throw new Error('the bench needs `node --expose-gc` (run it as `npm run bench`)');
  }
  gc();
  gc();
}

/**
 * How many times slower `slow` is than `fast`: the median, over the rounds, of the ratio
 * of their samples from the same round. Samples of one round were taken moments apart,
 * so a machine that slows down for a while (other processes) moves both alike; this is
 * steadier than the ratio of the two medians.
 */
export function ratioOf(slow: Measured, fast: Measured): number {
  const n = Math.min(slow.samples.length, fast.samples.length);
  const ratios: number[] = [];
  for (let i = 0; i < n; i += 1) ratios.push((slow.samples[i] as number) / (fast.samples[i] as number));
  return median(ratios);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** One timed run, in ns per iteration: process CPU time and wall-clock time. */
interface Timing {
  cpu: number;
  wall: number;
}

/** Time one run of `n` iterations; verifies the checksum. */
async function timeOnce(c: Case, v: Variant, n: number): Promise<Timing> {
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const out = v.run(n);
  const checksum = typeof out === 'number' ? out : await out;
  const wall = Number(process.hrtime.bigint() - start);
  const cpuUsed = process.cpuUsage(cpu0);
  if (!c.check(v.name, n, checksum)) {
    throw new Error(`${c.key}/${v.name}: wrong checksum ${checksum} for n=${n}: the variant does not do the work`);
  }
  return { cpu: ((cpuUsed.user + cpuUsed.system) * 1000) / n, wall: wall / n };
}

/**
 * Warm a variant up (so the JIT has optimised it), then pick `n` so that one sample
 * lasts about `sampleMs`.
 */
async function calibrate(c: Case, v: Variant, opts: Options): Promise<number> {
  const step = c.minN ?? 1000;
  let n = step;
  const warmEnd = performance.now() + opts.warmupMs;
  let perIter = (await timeOnce(c, v, n)).wall;
  while (performance.now() < warmEnd) {
    perIter = (await timeOnce(c, v, n)).wall;
    if (perIter * n < 5e6) n *= 2; // grow the batch while a run is under 5 ms
  }
  const target = Math.round((opts.sampleMs * 1e6) / perIter);
  return Math.max(step, Math.round(target / step) * step);
}

/**
 * Run every variant of every case briefly before anything is measured. The engine's
 * run loop then has seen all the callbacks of all the cases (as it would in a real
 * program, where its call sites see many functions), so each case is measured in the
 * same state whatever its place in the run order.
 */
export async function warmAll(cases: readonly Case[], ms: number): Promise<void> {
  const end = performance.now() + ms;
  do {
    for (const c of cases) {
      for (const v of c.variants) await timeOnce(c, v, c.fixedN === undefined ? 2 * (c.minN ?? 1000) : Math.min(c.fixedN, 10_000));
    }
  } while (performance.now() < end);
}

/**
 * Measure every variant of a case: warm-up and calibration, then `samples` rounds in
 * which each variant runs once (interleaved, so drift in machine speed hits all of
 * them alike), each run starting from a freshly collected heap.
 */
export async function runCase(c: Case, opts: Options): Promise<CaseResult> {
  const ns = new Map<string, number>();
  for (const v of c.variants) {
    if (c.fixedN !== undefined) {
      collect();
      await timeOnce(c, v, c.fixedN); // warm-up runs
      collect();
      await timeOnce(c, v, c.fixedN);
      ns.set(v.name, c.fixedN);
    } else {
      ns.set(v.name, await calibrate(c, v, opts));
    }
  }
  const samples = new Map<string, Timing[]>(c.variants.map((v) => [v.name, []]));
  for (let round = 0; round < opts.samples; round += 1) {
    for (const v of c.variants) {
      collect();
      (samples.get(v.name) as Timing[]).push(await timeOnce(c, v, ns.get(v.name) as number));
    }
  }
  const byVariant = new Map<string, Measured>();
  for (const v of c.variants) {
    const s = samples.get(v.name) as Timing[];
    const cpu = s.map((t) => t.cpu);
    const wall = s.map((t) => t.wall);
    byVariant.set(v.name, { median: median(cpu), samples: cpu, wallMedian: median(wall), wallSamples: wall, n: ns.get(v.name) as number });
  }
  return { key: c.key, title: c.title, unit: c.unit, byVariant };
}

/** An allocation probe: make `n` objects and return the array that keeps them alive. */
export interface AllocVariant {
  readonly name: string;
  readonly describe: string;
  readonly make: (keep: unknown[], n: number) => void;
}

/**
 * Heap bytes per object: collect, read `heapUsed`, make `n` objects kept in a
 * pre-grown array, collect again, read `heapUsed`. The array itself is allocated
 * before the first reading, so it is not counted. Median of `samples` runs.
 */
export function measureAlloc(v: AllocVariant, n: number, samples: number): { median: number; samples: number[] } {
  const results: number[] = [];
  for (let s = 0; s < samples + 1; s += 1) {
    const keep: unknown[] = [];
    for (let i = 0; i < n; i += 1) keep.push(null);
    collect();
    const before = process.memoryUsage().heapUsed;
    v.make(keep, n);
    collect();
    const after = process.memoryUsage().heapUsed;
    if (keep[n - 1] === null) throw new Error(`${v.name}: did not fill the array`);
    if (s > 0) results.push((after - before) / n); // the first run is a warm-up
    keep.length = 0;
  }
  return { median: median(results), samples: results };
}

// ---- printing ------------------------------------------------------------------------

export function formatNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  if (ns >= 100) return `${ns.toFixed(0)} ns`;
  if (ns >= 10) return `${ns.toFixed(1)} ns`;
  return `${ns.toFixed(2)} ns`;
}

export function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** The spread of the samples, as ±% of the median (half the min–max range). */
export function spread(samples: readonly number[], med: number): string {
  const lo = Math.min(...samples);
  const hi = Math.max(...samples);
  return `±${(((hi - lo) / 2 / med) * 100).toFixed(0)}%`;
}
