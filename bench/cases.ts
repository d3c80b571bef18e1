/**
 * The cases of `npm run bench`. Each case is the same work written several ways:
 * txdefer, native Promise, bluebird, and (issue 2's cases) plain synchronous function
 * calls. Issue 3's cases (section 7) compare txdefer's combinators, generator driver
 * and queue with their Promise counterparts.
 *
 * Fairness rules followed throughout:
 * - Every variant does the same steps per iteration with the same step functions
 *   (`add1`, `thrower`, ...), defined once and shared.
 * - Promise work is measured to completion: iterations are started in batches of
 *   BATCH and the last Promise of each batch is awaited. Reactions run in FIFO order
 *   and every chain in a batch has the same length, so when the last chain's final
 *   step has run, every step of every chain in the batch has run. The cost of the one
 *   `await` per batch is spread over BATCH iterations.
 * - txdefer runs synchronously: when `callback()` returns, the chain has run.
 * - Every variant returns a checksum built from its results, which the case checks.
 */
import type { Case, Variant } from './harness.js';
import type { BluebirdInspection, BluebirdStatic, BluebirdThenable, TxdeferModule } from './libs.js';
import { makeBluebirdQueueClass, PromiseQueue } from './promise-queue.js';

/** Iterations started before one `await` (asynchronous variants); `n` is always a multiple of it. */
export const BATCH = 1000;

// ---- the shared step functions -------------------------------------------------------

function add1(x: number): number {
  return x + 1;
}

/** A preallocated error: the cost of building an Error (its stack) is the same on every side and would only dilute the comparison. */
const BOOM = new Error('boom');

function thrower(_x: number): number {
  throw BOOM;
}

/**
 * Synchronous variants add up their results masked to 30 bits, so the sum stays a small
 * integer: a sum that outgrew that would make the JIT throw the loop's code away
 * ("overflow") in the middle of a sample.
 */
const MASK = 0x3fffffff;

/** Checks: synchronous variants return the sum over all iterations; asynchronous ones the last iteration's result. */
function checker(perIteration: (i: number) => number, asyncNames: readonly string[]) {
  return (variant: string, n: number, checksum: number): boolean => {
    if (asyncNames.includes(variant)) return checksum === perIteration(n - 1);
    let expected = 0;
    for (let i = 0; i < n; i += 1) expected = (expected + perIteration(i)) & MASK;
    return checksum === expected;
  };
}

const ASYNC = ['Promise', 'bluebird'] as const;

/**
 * A few objects of each library kept alive for the whole run. V8 holds the hidden
 * classes ("maps") that an object's fields lead to only weakly: when a full collection
 * finds no live object of a class, those maps die and every optimised function that
 * relied on them is thrown away ("deoptimized: weak objects"). A real program nearly
 * always holds some Deferred or Promise; a bench that forces a collection between
 * samples with none alive would measure re-optimisation instead. Native Promise's maps
 * are built into the engine and never die, so this only puts the libraries on the same
 * footing. (See docs/performance.md.)
 */
export const keepAlive: unknown[] = [];

export function makeCases(tx: TxdeferModule, Bluebird: BluebirdStatic): Case[] {
  const { Deferred, succeed, fail, Failure } = tx;
  {
    const pending = new Deferred<number>();
    pending.addCallback(add1);
    const fired = succeed(1).addCallback(add1);
    const recovered = new Deferred<number>();
    recovered.addCallback(thrower).addErrback(() => 0);
    recovered.callback(0);
    let resolveBluebird!: (value: number) => void;
    const bluebirdPending = new Bluebird<number>((r) => {
      resolveBluebird = r;
    });
    keepAlive.push(pending, fired, recovered, new Failure(BOOM), bluebirdPending, resolveBluebird, bluebirdPending.then(add1), Bluebird.resolve(1));
  }

  // ---- 1. a 10-callback chain, fired once ------------------------------------------------
  const chain10: Variant[] = [
    {
      name: 'txdefer',
      run(n) {
        let sum = 0;
        for (let i = 0; i < n; i += 1) {
          const d = new Deferred<number>();
          d.addCallback(add1).addCallback(add1).addCallback(add1).addCallback(add1).addCallback(add1)
            .addCallback(add1).addCallback(add1).addCallback(add1).addCallback(add1).addCallback(add1);
          d.callback(i);
          sum = (sum + (d.result as number)) & MASK;
        }
        return sum;
      },
    },
    {
      name: 'Promise',
      async run(n) {
        let result = 0;
        for (let done = 0; done < n; done += BATCH) {
          let last: Promise<number> | undefined;
          for (let i = done; i < done + BATCH; i += 1) {
            let resolve!: (value: number) => void;
            const p = new Promise<number>((r) => {
              resolve = r;
            });
            last = p.then(add1).then(add1).then(add1).then(add1).then(add1)
              .then(add1).then(add1).then(add1).then(add1).then(add1);
            resolve(i);
          }
          result = await (last as Promise<number>);
        }
        return result;
      },
    },
    {
      name: 'bluebird',
      async run(n) {
        let result = 0;
        for (let done = 0; done < n; done += BATCH) {
          let last: BluebirdThenable<number> | undefined;
          for (let i = done; i < done + BATCH; i += 1) {
            let resolve!: (value: number) => void;
            const p = new Bluebird<number>((r) => {
              resolve = r;
            });
            last = p.then(add1).then(add1).then(add1).then(add1).then(add1)
              .then(add1).then(add1).then(add1).then(add1).then(add1);
            resolve(i);
          }
          result = await (last as BluebirdThenable<number>);
        }
        return result;
      },
    },
    {
      name: 'plain',
      run(n) {
        let sum = 0;
        for (let i = 0; i < n; i += 1) {
          sum = (sum + add1(add1(add1(add1(add1(add1(add1(add1(add1(add1(i))))))))))) & MASK;
        }
        return sum;
      },
    },
  ];

  // ---- 2. attach after fire: succeed(x), then 10 callbacks --------------------------------
  const attachAfterFire: Variant[] = [
    {
      name: 'txdefer',
      run(n) {
        let sum = 0;
        for (let i = 0; i < n; i += 1) {
          const d = succeed(i);
          d.addCallback(add1).addCallback(add1).addCallback(add1).addCallback(add1).addCallback(add1)
            .addCallback(add1).addCallback(add1).addCallback(add1).addCallback(add1).addCallback(add1);
          sum = (sum + (d.result as number)) & MASK;
        }
        return sum;
      },
    },
    {
      name: 'Promise',
      async run(n) {
        let result = 0;
        for (let done = 0; done < n; done += BATCH) {
          let last: Promise<number> | undefined;
          for (let i = done; i < done + BATCH; i += 1) {
            last = Promise.resolve(i).then(add1).then(add1).then(add1).then(add1).then(add1)
              .then(add1).then(add1).then(add1).then(add1).then(add1);
          }
          result = await (last as Promise<number>);
        }
        return result;
      },
    },
    {
      name: 'bluebird',
      async run(n) {
        let result = 0;
        for (let done = 0; done < n; done += BATCH) {
          let last: BluebirdThenable<number> | undefined;
          for (let i = done; i < done + BATCH; i += 1) {
            last = Bluebird.resolve(i).then(add1).then(add1).then(add1).then(add1).then(add1)
              .then(add1).then(add1).then(add1).then(add1).then(add1);
          }
          result = await (last as BluebirdThenable<number>);
        }
        return result;
      },
    },
    chain10[3] as Variant,
  ];

  // ---- 3. the errback path: a callback throws, an errback recovers -------------------------
  const recoverFailure = (f: { value: unknown }): number => (f.value === BOOM ? 1 : -1);
  const recoverError = (e: unknown): number => (e === BOOM ? 1 : -1);
  const errback: Variant[] = [
    {
      name: 'txdefer',
      run(n) {
        let sum = 0;
        for (let i = 0; i < n; i += 1) {
          const d = new Deferred<number>();
          d.addCallback(thrower).addErrback(recoverFailure);
          d.callback(i);
          sum = (sum + (d.result as number)) & MASK;
        }
        return sum;
      },
    },
    {
      name: 'Promise',
      async run(n) {
        let result = 0;
        for (let done = 0; done < n; done += BATCH) {
          let last: Promise<number> | undefined;
          for (let i = done; i < done + BATCH; i += 1) {
            let resolve!: (value: number) => void;
            const p = new Promise<number>((r) => {
              resolve = r;
            });
            last = p.then(thrower).catch(recoverError);
            resolve(i);
          }
          result = await (last as Promise<number>);
        }
        return result;
      },
    },
    {
      name: 'bluebird',
      async run(n) {
        let result = 0;
        for (let done = 0; done < n; done += BATCH) {
          let last: BluebirdThenable<number> | undefined;
          for (let i = done; i < done + BATCH; i += 1) {
            let resolve!: (value: number) => void;
            const p = new Bluebird<number>((r) => {
              resolve = r;
            });
            last = p.then(thrower).catch(recoverError);
            resolve(i);
          }
          result = await (last as BluebirdThenable<number>);
        }
        return result;
      },
    },
    {
      name: 'plain',
      run(n) {
        let sum = 0;
        for (let i = 0; i < n; i += 1) {
          let r: number;
          try {
            r = thrower(i);
          } catch (e) {
            r = recoverError(e);
          }
          sum = (sum + r) & MASK;
        }
        return sum;
      },
    },
  ];

  // ---- 3b. a failure already there when the errback is added ------------------------------
  // `fail(e).addErrback(h)`: the chain ends holding a Failure before the errback arrives
  // (the case the unhandled-failure tracking must keep cheap), beside the same work with
  // the errback added first, and Promise.reject(e).catch(h).
  const failFirst: Variant[] = [
    {
      name: 'txdefer',
      run(n) {
        let sum = 0;
        for (let i = 0; i < n; i += 1) {
          const d = fail<number>(BOOM).addErrback(recoverFailure);
          sum = (sum + (d.result as number)) & MASK;
        }
        return sum;
      },
    },
    {
      name: 'txdefer, errback added first',
      run(n) {
        let sum = 0;
        for (let i = 0; i < n; i += 1) {
          const d = new Deferred<number>();
          d.addErrback(recoverFailure);
          d.errback(BOOM);
          sum = (sum + (d.result as number)) & MASK;
        }
        return sum;
      },
    },
    {
      name: 'Promise',
      async run(n) {
        let result = 0;
        for (let done = 0; done < n; done += BATCH) {
          let last: Promise<number> | undefined;
          for (let i = done; i < done + BATCH; i += 1) {
            last = Promise.reject(BOOM).catch(recoverError);
          }
          result = await (last as Promise<number>);
        }
        return result;
      },
    },
  ];

  // ---- 4. nested already-fired: 5 callbacks, each returning an already-fired one ---------
  const nestTx = (x: number) => succeed(x + 1);
  const nestPromise = (x: number) => Promise.resolve(x + 1);
  const nestBluebird = (x: number) => Bluebird.resolve(x + 1);
  const nested: Variant[] = [
    {
      name: 'txdefer',
      run(n) {
        let sum = 0;
        for (let i = 0; i < n; i += 1) {
          const d = new Deferred<number>();
          d.addCallback(nestTx).addCallback(nestTx).addCallback(nestTx).addCallback(nestTx).addCallback(nestTx);
          d.callback(i);
          sum = (sum + (d.result as number)) & MASK;
        }
        return sum;
      },
    },
    {
      name: 'Promise',
      async run(n) {
        let result = 0;
        for (let done = 0; done < n; done += BATCH) {
          let last: Promise<number> | undefined;
          for (let i = done; i < done + BATCH; i += 1) {
            let resolve!: (value: number) => void;
            const p = new Promise<number>((r) => {
              resolve = r;
            });
            last = p.then(nestPromise).then(nestPromise).then(nestPromise).then(nestPromise).then(nestPromise);
            resolve(i);
          }
          result = await (last as Promise<number>);
        }
        return result;
      },
    },
    {
      name: 'bluebird',
      async run(n) {
        let result = 0;
        for (let done = 0; done < n; done += BATCH) {
          let last: BluebirdThenable<number> | undefined;
          for (let i = done; i < done + BATCH; i += 1) {
            let resolve!: (value: number) => void;
            const p = new Bluebird<number>((r) => {
              resolve = r;
            });
            last = p.then(nestBluebird).then(nestBluebird).then(nestBluebird).then(nestBluebird).then(nestBluebird);
            resolve(i);
          }
          result = await (last as BluebirdThenable<number>);
        }
        return result;
      },
    },
    {
      name: 'plain',
      run(n) {
        let sum = 0;
        for (let i = 0; i < n; i += 1) sum = (sum + add1(add1(add1(add1(add1(i)))))) & MASK;
        return sum;
      },
    },
  ];

  return [
    {
      key: 'chain10',
      title: '10-callback chain, fired once',
      unit: 'per chain (create, add 10 callbacks, fire, run)',
      variants: chain10,
      check: checker((i) => i + 10, ASYNC),
    },
    {
      key: 'attach',
      title: 'attach after fire: succeed(x), then 10 callbacks',
      unit: 'per chain',
      variants: attachAfterFire,
      check: checker((i) => i + 10, ASYNC),
    },
    {
      key: 'errback',
      title: 'errback path: a callback throws, an errback recovers',
      unit: 'per chain',
      variants: errback,
      check: checker(() => 1, ASYNC),
    },
    {
      key: 'failFirst',
      title: 'failure first: fail(e), then an errback recovers',
      unit: 'per Deferred',
      variants: failFirst,
      check: checker(() => 1, ASYNC),
    },
    {
      key: 'nested',
      title: 'nested already-fired: 5 callbacks each returning succeed(x + 1)',
      unit: 'per chain',
      variants: nested,
      check: checker((i) => i + 5, ASYNC),
    },
  ];
}

// ---- 5. deep chains ---------------------------------------------------------------------

/**
 * `links` Deferreds, each waiting on the next. Built from the far end: each link gets
 * its callback (returning the next link) and is then fired, so it starts waiting on
 * the next link, which is itself already waiting. Firing the last link sends the
 * value back through every link to the first. Returns the first link's result.
 */
function deepTxdefer(tx: TxdeferModule, links: number, value: number): number {
  const [first, last] = buildTxdeferChain(tx, links);
  last.callback(value);
  return first.result as number;
}

// The loops that build the chains are functions of their own: a loop that is long-running
// gets compiled while it runs ("on-stack replacement"), and code after it in the same
// function would then run without type feedback and be thrown away on every call.
function buildTxdeferChain(tx: TxdeferModule, links: number): [InstanceType<TxdeferModule['Deferred']>, InstanceType<TxdeferModule['Deferred']>] {
  const { Deferred } = tx;
  const last = new Deferred<number>();
  let next: InstanceType<typeof Deferred<number>> = last;
  for (let i = 1; i < links; i += 1) {
    const link = new Deferred<number>();
    const target = next;
    link.addCallback(() => target);
    link.callback(0);
    next = link;
  }
  return [next, last];
}

/** `links` Promises, each resolved with the next; resolving the last settles them all. */
async function deepPromise(links: number, value: number): Promise<number> {
  const [first, resolveLast] = buildPromiseChain(links);
  resolveLast(value);
  return first;
}

function buildPromiseChain(links: number): [Promise<number>, (value: number) => void] {
  let resolveLast!: (value: number) => void;
  const last = new Promise<number>((r) => {
    resolveLast = r;
  });
  let next: Promise<number> = last;
  for (let i = 1; i < links; i += 1) {
    const target = next;
    next = new Promise<number>((r) => {
      r(target);
    });
  }
  return [next, resolveLast];
}

/**
 * A deep-chain case of `links` links. "One iteration" is one whole chain; the report
 * divides by the number of links. The checksum is the value that reached the first link.
 */
export function makeDeepCase(tx: TxdeferModule, links: number): Case {
  const VALUE = 42;
  return {
    key: `deep${links}`,
    title: `deep chain: ${links.toLocaleString('en')} Deferreds each waiting on the next`,
    unit: 'per link',
    fixedN: links,
    // n is the number of links: each variant builds and resolves one chain of n links.
    variants: [
      { name: 'txdefer', run: (n) => deepTxdefer(tx, n, VALUE) },
      { name: 'Promise', run: (n) => deepPromise(n, VALUE) },
      // bluebird is left out: following a promise resolved with a promise walks the whole
      // chain of followers (quadratic; 100,000 links take about 40 s).
    ],
    check: (_variant, _n, checksum) => checksum === VALUE,
  };
}

/**
 * One Deferred with `links` callbacks (each adding 1), fired once: the flat callback
 * list with a cursor keeps this linear (Twisted's `list.pop(0)` does not). Promise:
 * `links` chained `.then(add1)`.
 */
export function makeLongCase(tx: TxdeferModule, Bluebird: BluebirdStatic, links: number): Case {
  const { Deferred } = tx;
  return {
    key: `long${links}`,
    title: `long chain: one Deferred with ${links.toLocaleString('en')} callbacks`,
    unit: 'per callback',
    fixedN: links,
    variants: [
      {
        name: 'txdefer',
        run(n) {
          const d = new Deferred<number>();
          for (let i = 0; i < n; i += 1) d.addCallback(add1);
          d.callback(0);
          return d.result as number;
        },
      },
      {
        name: 'Promise',
        async run(n) {
          let resolve!: (value: number) => void;
          let p = new Promise<number>((r) => {
            resolve = r;
          });
          for (let i = 0; i < n; i += 1) p = p.then(add1);
          resolve(0);
          return p;
        },
      },
      {
        name: 'bluebird',
        async run(n) {
          let resolve!: (value: number) => void;
          let p: BluebirdThenable<number> = new Bluebird<number>((r) => {
            resolve = r;
          });
          for (let i = 0; i < n; i += 1) p = p.then(add1);
          resolve(0);
          return p;
        },
      },
    ],
    check: (_variant, n, checksum) => checksum === n,
  };
}

// ---- 6. allocation ----------------------------------------------------------------------

/** Heap probes: one pending object with one callback attached, kept alive in `keep`. */
export function makeAllocVariants(tx: TxdeferModule, Bluebird: BluebirdStatic) {
  const { Deferred } = tx;
  return [
    {
      name: 'txdefer',
      describe: 'new Deferred() + addCallback(f)',
      make(keep: unknown[], n: number) {
        for (let i = 0; i < n; i += 1) {
          const d = new Deferred<number>();
          d.addCallback(add1);
          keep[i] = d;
        }
      },
    },
    {
      name: 'Promise',
      describe: 'new Promise(r => { resolve = r }) + .then(f), resolve kept',
      make(keep: unknown[], n: number) {
        for (let i = 0; i < n; i += 1) {
          let resolve!: (value: number) => void;
          const p = new Promise<number>((r) => {
            resolve = r;
          });
          p.then(add1);
          keep[i] = resolve;
        }
      },
    },
    {
      name: 'Promise',
      describe: 'the same, keeping { promise, resolve, reject } (the issue\'s 360 bytes)',
      make(keep: unknown[], n: number) {
        for (let i = 0; i < n; i += 1) {
          let resolve!: (value: number) => void;
          let reject!: (reason: unknown) => void;
          const promise = new Promise<number>((res, rej) => {
            resolve = res;
            reject = rej;
          });
          promise.then(add1);
          keep[i] = { promise, resolve, reject };
        }
      },
    },
    {
      name: 'Promise',
      describe: 'new Promise(() => {}) + .then(f): can never settle (a lower bound)',
      make(keep: unknown[], n: number) {
        for (let i = 0; i < n; i += 1) {
          const p = new Promise<number>(() => undefined);
          p.then(add1);
          keep[i] = p;
        }
      },
    },
    {
      name: 'bluebird',
      describe: 'new Bluebird(r => { resolve = r }) + .then(f), resolve kept',
      make(keep: unknown[], n: number) {
        for (let i = 0; i < n; i += 1) {
          let resolve!: (value: number) => void;
          const p = new Bluebird<number>((r) => {
            resolve = r;
          });
          p.then(add1);
          keep[i] = resolve;
        }
      },
    },
  ];
}

// ---- 7. issue 3: combining, generators, queues ----------------------------------------

/** Members combined in one iteration of the combining cases. */
export const ITEMS = 1000;
/** 0 + 1 + ... + (ITEMS - 1): what every combining iteration adds up. */
const ITEMS_SUM = (ITEMS * (ITEMS - 1)) / 2;

/** Sum of a list of values (gatherResults, Promise.all, Bluebird.all): the same function on every side. */
function sumValues(values: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) sum += values[i] as number;
  return sum;
}

/** The masked sum 0 + 1 + ... + (n - 1): the checksum of the generator loops and the queues. */
function maskedSumBelow(n: number): number {
  let expected = 0;
  for (let i = 0; i < n; i += 1) expected = (expected + i) & MASK;
  return expected;
}

/** The queues' consumer: every item taken goes here (variants run one at a time, so one accumulator serves all). */
let consumed = 0;
function consume(value: number): void {
  consumed = (consumed + value) & MASK;
}

/**
 * The cases of issue 3's targets: gatherResults and DeferredList over 1,000 pending
 * Deferreds fired one by one (against Promise.all and Promise.allSettled), an
 * inlineCallbacks loop over already-fired Deferreds (against an async function
 * awaiting already-resolved Promises), and DeferredQueue (against a Promise-based
 * queue), both with getters waiting first and with values put first.
 */
export function makeIssue3Cases(tx: TxdeferModule, Bluebird: BluebirdStatic): Case[] {
  const { Deferred, DeferredList, DeferredQueue, gatherResults, inlineCallbacks, succeed } = tx;
  type Deferred<T> = InstanceType<typeof tx.Deferred<T>>;
  const BluebirdQueue = makeBluebirdQueueClass(Bluebird);
  {
    // One live object of each class the new cases use (see keepAlive above).
    const pending = new Deferred<number>();
    const waitingQueue = new DeferredQueue<number>();
    waitingQueue.get().addCallback(consume);
    const fullQueue = new DeferredQueue<number>();
    fullQueue.put(1);
    const promiseQueue = new PromiseQueue<number>();
    void promiseQueue.get().then(consume);
    const promiseQueue2 = new PromiseQueue<number>();
    promiseQueue2.put(1);
    const bluebirdQueue = new BluebirdQueue<number>();
    void bluebirdQueue.get().then(consume);
    const bluebirdQueue2 = new BluebirdQueue<number>();
    bluebirdQueue2.put(1);
    const bluebirdPending = new Bluebird<number>(() => undefined);
    keepAlive.push(
      pending,
      new DeferredList([pending]),
      gatherResults([pending]),
      inlineCallbacks(function* () {
        return (yield pending) as number;
      })(),
      waitingQueue,
      fullQueue,
      promiseQueue,
      promiseQueue2,
      bluebirdQueue,
      bluebirdQueue2,
      Bluebird.all([bluebirdPending]),
      Bluebird.allSettled([bluebirdPending]),
      Bluebird.coroutine(function* () {
        return (yield bluebirdPending) as number;
      })(),
    );
  }

  /** ITEMS pending Deferreds. */
  const pendingDeferreds = (): Array<Deferred<number>> => {
    const ds = new Array<Deferred<number>>(ITEMS);
    for (let i = 0; i < ITEMS; i += 1) ds[i] = new Deferred<number>();
    return ds;
  };
  /** Fire them one by one, in order, with their index. */
  const fireAll = (ds: ReadonlyArray<Deferred<number>>): void => {
    for (let i = 0; i < ITEMS; i += 1) (ds[i] as Deferred<number>).callback(i);
  };

  // ---- 7a. gatherResults / Promise.all over 1,000 pending ones, fired one by one ---------
  const gather: Variant[] = [
    {
      name: 'txdefer',
      run(n) {
        let sum = 0;
        for (let k = 0; k < n; k += 1) {
          const ds = pendingDeferreds();
          const all = gatherResults(ds);
          fireAll(ds);
          sum = (sum + sumValues(all.result as number[])) & MASK;
        }
        return sum;
      },
    },
    {
      name: 'Promise',
      async run(n) {
        let result = 0;
        for (let k = 0; k < n; k += 1) {
          const ps = new Array<Promise<number>>(ITEMS);
          const rs = new Array<(value: number) => void>(ITEMS);
          for (let i = 0; i < ITEMS; i += 1) {
            let resolve!: (value: number) => void;
            ps[i] = new Promise<number>((r) => {
              resolve = r;
            });
            rs[i] = resolve;
          }
          const all = Promise.all(ps);
          for (let i = 0; i < ITEMS; i += 1) (rs[i] as (value: number) => void)(i);
          result = sumValues(await all);
        }
        return result;
      },
    },
    {
      name: 'bluebird',
      async run(n) {
        let result = 0;
        for (let k = 0; k < n; k += 1) {
          const ps = new Array<BluebirdThenable<number>>(ITEMS);
          const rs = new Array<(value: number) => void>(ITEMS);
          for (let i = 0; i < ITEMS; i += 1) {
            let resolve!: (value: number) => void;
            ps[i] = new Bluebird<number>((r) => {
              resolve = r;
            });
            rs[i] = resolve;
          }
          const all = Bluebird.all(ps);
          for (let i = 0; i < ITEMS; i += 1) (rs[i] as (value: number) => void)(i);
          result = sumValues(await all);
        }
        return result;
      },
    },
  ];

  // ---- 7b. DeferredList / Promise.allSettled, the same way ------------------------------
  const settled: Variant[] = [
    {
      name: 'txdefer',
      run(n) {
        let sum = 0;
        for (let k = 0; k < n; k += 1) {
          const ds = pendingDeferreds();
          const list = new DeferredList<number>(ds);
          fireAll(ds);
          const entries = list.result as ReadonlyArray<readonly [boolean, unknown]>;
          let s = 0;
          for (let i = 0; i < entries.length; i += 1) {
            const entry = entries[i] as readonly [boolean, unknown];
            if (entry[0]) s += entry[1] as number;
          }
          sum = (sum + s) & MASK;
        }
        return sum;
      },
    },
    {
      name: 'Promise',
      async run(n) {
        let result = 0;
        for (let k = 0; k < n; k += 1) {
          const ps = new Array<Promise<number>>(ITEMS);
          const rs = new Array<(value: number) => void>(ITEMS);
          for (let i = 0; i < ITEMS; i += 1) {
            let resolve!: (value: number) => void;
            ps[i] = new Promise<number>((r) => {
              resolve = r;
            });
            rs[i] = resolve;
          }
          const all = Promise.allSettled(ps);
          for (let i = 0; i < ITEMS; i += 1) (rs[i] as (value: number) => void)(i);
          const outcomes = await all;
          let s = 0;
          for (let i = 0; i < outcomes.length; i += 1) {
            const outcome = outcomes[i] as PromiseSettledResult<number>;
            if (outcome.status === 'fulfilled') s += outcome.value;
          }
          result = s;
        }
        return result;
      },
    },
    {
      name: 'bluebird',
      async run(n) {
        let result = 0;
        for (let k = 0; k < n; k += 1) {
          const ps = new Array<BluebirdThenable<number>>(ITEMS);
          const rs = new Array<(value: number) => void>(ITEMS);
          for (let i = 0; i < ITEMS; i += 1) {
            let resolve!: (value: number) => void;
            ps[i] = new Bluebird<number>((r) => {
              resolve = r;
            });
            rs[i] = resolve;
          }
          const all = Bluebird.allSettled(ps);
          for (let i = 0; i < ITEMS; i += 1) (rs[i] as (value: number) => void)(i);
          const outcomes = await all;
          let s = 0;
          for (let i = 0; i < outcomes.length; i += 1) {
            const outcome = outcomes[i] as BluebirdInspection<number>;
            if (outcome.isFulfilled()) s += outcome.value();
          }
          result = s;
        }
        return result;
      },
    },
  ];

  // ---- 7c. a generator loop over already-fired Deferreds / an async function ------------
  // One iteration is one step of the loop: `run(n)` runs one loop of n steps.
  const loopTx = inlineCallbacks(function* (n: number) {
    let s = 0;
    for (let i = 0; i < n; i += 1) s = (s + (yield succeed(i))) & MASK;
    return s;
  });
  const loopAsync = async (n: number): Promise<number> => {
    let s = 0;
    for (let i = 0; i < n; i += 1) s = (s + (await Promise.resolve(i))) & MASK;
    return s;
  };
  const loopBluebird = Bluebird.coroutine(function* (n: number) {
    let s = 0;
    for (let i = 0; i < n; i += 1) s = (s + (yield Bluebird.resolve(i))) & MASK;
    return s;
  });
  const loop: Variant[] = [
    { name: 'txdefer', run: (n) => loopTx(n).result as number },
    { name: 'Promise', run: (n) => loopAsync(n) },
    { name: 'bluebird', run: async (n) => loopBluebird(n) },
  ];

  // ---- 7d. DeferredQueue / a Promise-based queue -----------------------------------------
  // In batches of BATCH items: either BATCH getters wait first and BATCH puts hand the
  // items over, or BATCH items are put first and BATCH gets take them. Each item taken
  // goes to `consume`; the Promise variants await the last consumer of each batch.
  const handOff: Variant[] = [
    {
      name: 'txdefer',
      run(n) {
        consumed = 0;
        const queue = new DeferredQueue<number>();
        for (let done = 0; done < n; done += BATCH) {
          for (let i = 0; i < BATCH; i += 1) queue.get().addCallback(consume);
          for (let i = done; i < done + BATCH; i += 1) queue.put(i);
        }
        return consumed;
      },
    },
    {
      name: 'Promise',
      async run(n) {
        consumed = 0;
        const queue = new PromiseQueue<number>();
        for (let done = 0; done < n; done += BATCH) {
          let last: Promise<void> | undefined;
          for (let i = 0; i < BATCH; i += 1) last = queue.get().then(consume);
          for (let i = done; i < done + BATCH; i += 1) queue.put(i);
          await last;
        }
        return consumed;
      },
    },
    {
      name: 'bluebird',
      async run(n) {
        consumed = 0;
        const queue = new BluebirdQueue<number>();
        for (let done = 0; done < n; done += BATCH) {
          let last: BluebirdThenable<void> | undefined;
          for (let i = 0; i < BATCH; i += 1) last = queue.get().then(consume);
          for (let i = done; i < done + BATCH; i += 1) queue.put(i);
          await last;
        }
        return consumed;
      },
    },
  ];
  const buffered: Variant[] = [
    {
      name: 'txdefer',
      run(n) {
        consumed = 0;
        const queue = new DeferredQueue<number>();
        for (let done = 0; done < n; done += BATCH) {
          for (let i = done; i < done + BATCH; i += 1) queue.put(i);
          for (let i = 0; i < BATCH; i += 1) queue.get().addCallback(consume);
        }
        return consumed;
      },
    },
    {
      name: 'Promise',
      async run(n) {
        consumed = 0;
        const queue = new PromiseQueue<number>();
        for (let done = 0; done < n; done += BATCH) {
          let last: Promise<void> | undefined;
          for (let i = done; i < done + BATCH; i += 1) queue.put(i);
          for (let i = 0; i < BATCH; i += 1) last = queue.get().then(consume);
          await last;
        }
        return consumed;
      },
    },
    {
      name: 'bluebird',
      async run(n) {
        consumed = 0;
        const queue = new BluebirdQueue<number>();
        for (let done = 0; done < n; done += BATCH) {
          let last: BluebirdThenable<void> | undefined;
          for (let i = done; i < done + BATCH; i += 1) queue.put(i);
          for (let i = 0; i < BATCH; i += 1) last = queue.get().then(consume);
          await last;
        }
        return consumed;
      },
    },
  ];

  const sumBelow = (_variant: string, n: number, checksum: number): boolean => checksum === maskedSumBelow(n);
  return [
    {
      key: 'gather',
      title: `gatherResults / Promise.all: ${ITEMS.toLocaleString('en')} pending, fired one by one`,
      unit: `per ${ITEMS.toLocaleString('en')} (create, combine, fire each, sum the result)`,
      variants: gather,
      check: checker(() => ITEMS_SUM, ASYNC),
      minN: 10,
    },
    {
      key: 'dlist',
      title: `DeferredList / Promise.allSettled: ${ITEMS.toLocaleString('en')} pending, fired one by one`,
      unit: `per ${ITEMS.toLocaleString('en')} (create, combine, fire each, sum the result)`,
      variants: settled,
      check: checker(() => ITEMS_SUM, ASYNC),
      minN: 10,
    },
    {
      key: 'inline',
      title: 'inlineCallbacks loop yielding succeed(i) / async function awaiting Promise.resolve(i)',
      unit: 'per step (one loop of n steps per sample)',
      variants: loop,
      check: sumBelow,
    },
    {
      key: 'queue-handoff',
      title: 'DeferredQueue / Promise queue, getters waiting first: get, then put hands over',
      unit: 'per item (get, put, consume)',
      variants: handOff,
      check: sumBelow,
    },
    {
      key: 'queue-buffered',
      title: 'DeferredQueue / Promise queue, items put first: put, then get takes',
      unit: 'per item (put, get, consume)',
      variants: buffered,
      check: sumBelow,
    },
  ];
}
