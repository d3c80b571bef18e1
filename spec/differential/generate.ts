/**
 * Random programs (model.ts) from fast-check arbitraries.
 *
 * fast-check draws "raw" steps whose references are plain natural numbers; `resolve`
 * then walks them in order and turns each reference into one that exists at that
 * point (`raw % count`), converts a step that has nothing to refer to yet into one
 * that makes something, and numbers the functions. So every program drawn is valid,
 * whatever the numbers.
 *
 * The cases txdefer deliberately handles differently from Twisted, and those where
 * Twisted 22.4 differs from 24.10, are never drawn (docs/faithfulness.md):
 *   - no Deferred is ever passed to callback()/succeed()/put() (differences 1, 2, 28):
 *     values are constants, and `unpause` only undoes the program's own `pause`, so a
 *     waiting Deferred is never made to run its chain with the inner Deferred as value;
 *   - a callback never returns the Deferred it is attached to (difference 5);
 *   - generators never return a Deferred (difference 16), never yield a generator or
 *     coroutine (22.4 vs 24.7), never use returnValue (difference 17);
 *   - no race (absent from 22.4), no errback() without an argument (difference 4), no
 *     strings given to Failure (difference 15), no non-callables (difference 3),
 *     error messages compared by class name only for the library's own errors (6, 27).
 */
import fc from 'fast-check';
import type {
  Behaviour,
  Canceller,
  ErrClass,
  ErrSpec,
  Fn,
  GenOp,
  Program,
  Step,
  StepKind,
  Thunk,
  TimedAction,
  TrapClass,
  Val,
} from './model.js';

/** Groups of step kinds that can be switched on and off. */
export type Feature = 'core' | 'combine' | 'generators' | 'time' | 'sync';

export const ALL_FEATURES: readonly Feature[] = ['core', 'combine', 'generators', 'time', 'sync'];

export interface GenerateOptions {
  readonly features?: readonly Feature[] | undefined;
  /** Most steps in one program after the first few `new` steps (default 30). */
  readonly maxSteps?: number | undefined;
  /** Step kinds never to draw (excluding `pause` also keeps callbacks from pausing). */
  readonly exclude?: readonly StepKind[] | undefined;
}

// ---- raw (unresolved) shapes: references are arbitrary natural numbers -----------------

type RawBehaviour = Behaviour;
interface RawFn {
  readonly extra: Val | undefined;
  readonly body: RawBehaviour;
}
type RawStep =
  | Exclude<Step, { s: 'addCallback' | 'addErrback' | 'addBoth' | 'addCallbacks' | 'deferLater' | 'run' | 'inline' }>
  | { readonly s: 'addCallback' | 'addErrback' | 'addBoth'; readonly d: number; readonly fn: RawFn }
  | { readonly s: 'addCallbacks'; readonly d: number; readonly cb: RawFn; readonly eb: RawFn | null }
  | { readonly s: 'deferLater'; readonly delay: number; readonly fn: RawBehaviour | null }
  | { readonly s: 'run'; readonly p: number; readonly fn: RawBehaviour }
  | { readonly s: 'inline'; readonly ops: readonly GenOp[]; readonly via?: 'ensureDeferred' | undefined };

const ref = fc.nat({ max: 1 << 16 });

export const valArb: fc.Arbitrary<Val> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 9 }) },
  { weight: 2, arbitrary: fc.constantFrom('a', 'b', 'c') },
  { weight: 1, arbitrary: fc.constant(null) },
);

export const errArb: fc.Arbitrary<ErrSpec> = fc.record({
  cls: fc.constantFrom<ErrClass>('ErrA', 'ErrB', 'ErrC'),
  msg: fc.constantFrom('m1', 'm2', 'm3'),
});

const trapArb: fc.Arbitrary<readonly TrapClass[]> = fc.uniqueArray(
  fc.constantFrom<TrapClass>('ErrA', 'ErrB', 'ErrC', 'CancelledError', 'TimeoutError', 'FirstError', 'AlreadyCalledError'),
  { minLength: 1, maxLength: 2 },
);

export const behaviourArb: fc.Arbitrary<Behaviour> = fc.oneof(
  { weight: 3, arbitrary: valArb.map((v): Behaviour => ({ k: 'value', v })) },
  { weight: 2, arbitrary: fc.constant<Behaviour>({ k: 'wrap' }) },
  { weight: 3, arbitrary: fc.constant<Behaviour>({ k: 'pass' }) },
  { weight: 2, arbitrary: errArb.map((e): Behaviour => ({ k: 'throw', e })) },
  { weight: 1, arbitrary: errArb.map((e): Behaviour => ({ k: 'failure', e })) },
  { weight: 1, arbitrary: valArb.map((v): Behaviour => ({ k: 'succeed', v })) },
  { weight: 1, arbitrary: errArb.map((e): Behaviour => ({ k: 'fail', e })) },
  { weight: 3, arbitrary: ref.map((d): Behaviour => ({ k: 'deferred', d })) },
  { weight: 2, arbitrary: trapArb.map((classes): Behaviour => ({ k: 'trap', classes })) },
  { weight: 1, arbitrary: fc.tuple(ref, valArb).map(([d, v]): Behaviour => ({ k: 'fire', d, v })) },
  { weight: 1, arbitrary: fc.tuple(ref, errArb).map(([d, e]): Behaviour => ({ k: 'failD', d, e })) },
  { weight: 1, arbitrary: ref.map((d): Behaviour => ({ k: 'cancel', d })) },
  { weight: 1, arbitrary: ref.map((d): Behaviour => ({ k: 'pause', d })) },
  { weight: 1, arbitrary: ref.map((d): Behaviour => ({ k: 'unpause', d })) },
);

const fnArb: fc.Arbitrary<RawFn> = fc.record({
  extra: fc.option(valArb, { freq: 5, nil: undefined }),
  body: behaviourArb,
});

const cancellerArb: fc.Arbitrary<Canceller> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Canceller>({ k: 'none' }) },
  { weight: 1, arbitrary: fc.constant<Canceller>({ k: 'noop' }) },
  { weight: 1, arbitrary: valArb.map((v): Canceller => ({ k: 'callback', v })) },
  { weight: 1, arbitrary: errArb.map((e): Canceller => ({ k: 'errback', e })) },
  { weight: 1, arbitrary: errArb.map((e): Canceller => ({ k: 'throw', e })) },
);

const genOpArb: fc.Arbitrary<GenOp> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(ref, fc.boolean()).map(([d, c]): GenOp => ({ g: 'yieldD', d, catch: c })) },
  { weight: 1, arbitrary: valArb.map((v): GenOp => ({ g: 'yieldValue', v })) },
  { weight: 1, arbitrary: valArb.map((v): GenOp => ({ g: 'yieldSucceed', v })) },
  { weight: 1, arbitrary: fc.tuple(errArb, fc.boolean()).map(([e, c]): GenOp => ({ g: 'yieldFail', e, catch: c })) },
  { weight: 1, arbitrary: fc.tuple(ref, valArb).map(([d, v]): GenOp => ({ g: 'fire', d, v })) },
  { weight: 1, arbitrary: ref.map((d): GenOp => ({ g: 'cancel', d })) },
  { weight: 1, arbitrary: errArb.map((e): GenOp => ({ g: 'throw', e })) },
  { weight: 1, arbitrary: valArb.map((v): GenOp => ({ g: 'return', v })) },
  { weight: 2, arbitrary: fc.constant<GenOp>({ g: 'returnLast' }) },
);

const timedArb: fc.Arbitrary<TimedAction> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(ref, valArb).map(([d, v]): TimedAction => ({ a: 'callback', d, v })) },
  { weight: 1, arbitrary: fc.tuple(ref, errArb).map(([d, e]): TimedAction => ({ a: 'errback', d, e })) },
  { weight: 1, arbitrary: ref.map((d): TimedAction => ({ a: 'cancel', d })) },
);

const small = fc.integer({ min: 0, max: 4 });
const flag = fc.boolean();

interface KindArbitrary extends fc.WeightedArbitrary<RawStep> {
  readonly kind: StepKind;
}

function stepArbs(features: ReadonlySet<Feature>): KindArbitrary[] {
  const arbs: KindArbitrary[] = [
    { kind: 'new', weight: 3, arbitrary: cancellerArb.map((canceller): RawStep => ({ s: 'new', canceller })) },
    { kind: 'addCallback', weight: 6, arbitrary: fc.tuple(ref, fnArb).map(([d, fn]): RawStep => ({ s: 'addCallback', d, fn })) },
    { kind: 'addErrback', weight: 5, arbitrary: fc.tuple(ref, fnArb).map(([d, fn]): RawStep => ({ s: 'addErrback', d, fn })) },
    { kind: 'addBoth', weight: 4, arbitrary: fc.tuple(ref, fnArb).map(([d, fn]): RawStep => ({ s: 'addBoth', d, fn })) },
    { kind: 'addCallbacks', weight: 2,
      arbitrary: fc.tuple(ref, fnArb, fc.option(fnArb, { nil: null })).map(([d, cb, eb]): RawStep => ({ s: 'addCallbacks', d, cb, eb })),
    },
    { kind: 'callback', weight: 6, arbitrary: fc.tuple(ref, valArb).map(([d, v]): RawStep => ({ s: 'callback', d, v })) },
    {
      kind: 'errback',
      weight: 4,
      arbitrary: fc
        .tuple(ref, errArb, fc.constantFrom<'error' | 'failure' | 'callback'>('error', 'error', 'failure', 'callback'))
        .map(([d, e, how]): RawStep => (how === 'error' ? { s: 'errback', d, e } : { s: 'errback', d, e, as: how })),
    },
    { kind: 'cancel', weight: 3, arbitrary: ref.map((d): RawStep => ({ s: 'cancel', d })) },
    { kind: 'pause', weight: 2, arbitrary: ref.map((d): RawStep => ({ s: 'pause', d })) },
    { kind: 'unpause', weight: 3, arbitrary: ref.map((d): RawStep => ({ s: 'unpause', d })) },
    { kind: 'chain', weight: 2, arbitrary: fc.tuple(ref, ref).map(([d, to]): RawStep => ({ s: 'chain', d, to })) },
    { kind: 'read', weight: 2, arbitrary: ref.map((d): RawStep => ({ s: 'read', d })) },
  ];
  if (features.has('combine')) {
    arbs.push(
      { kind: 'list', weight: 2,
        arbitrary: fc
          .tuple(fc.array(ref, { maxLength: 3 }), flag, flag, flag)
          .map(([ds, a, b, c]): RawStep => ({ s: 'list', ds, fireOnOneCallback: a, fireOnOneErrback: b, consumeErrors: c })),
      },
      { kind: 'gather', weight: 2,
        arbitrary: fc.tuple(fc.array(ref, { maxLength: 3 }), flag).map(([ds, c]): RawStep => ({ s: 'gather', ds, consumeErrors: c })),
      },
    );
  }
  if (features.has('generators')) {
    arbs.push({
      kind: 'inline',
      weight: 3,
      arbitrary: fc
        .tuple(fc.array(genOpArb, { maxLength: 5 }), fc.nat({ max: 3 }))
        .map(([ops, via]): RawStep => (via === 0 ? { s: 'inline', ops, via: 'ensureDeferred' } : { s: 'inline', ops })),
    });
  }
  if (features.has('time')) {
    arbs.push(
      { kind: 'deferLater', weight: 2,
        arbitrary: fc.tuple(small, fc.option(behaviourArb, { nil: null })).map(([delay, fn]): RawStep => ({ s: 'deferLater', delay, fn })),
      },
      { kind: 'addTimeout', weight: 2, arbitrary: fc.tuple(ref, small, flag).map(([d, t, custom]): RawStep => ({ s: 'addTimeout', d, t, custom })) },
      { kind: 'advance', weight: 3, arbitrary: small.map((t): RawStep => ({ s: 'advance', t })) },
      { kind: 'later', weight: 2, arbitrary: fc.tuple(small, timedArb).map(([delay, action]): RawStep => ({ s: 'later', delay, action })) },
    );
  }
  if (features.has('sync')) {
    arbs.push(
      { kind: 'lock', weight: 1, arbitrary: fc.constant<RawStep>({ s: 'lock' }) },
      { kind: 'semaphore', weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((tokens): RawStep => ({ s: 'semaphore', tokens })) },
      { kind: 'queue', weight: 1,
        arbitrary: fc
          .tuple(fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }), fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }))
          .map(([size, backlog]): RawStep => ({ s: 'queue', size, backlog })),
      },
      { kind: 'acquire', weight: 2, arbitrary: ref.map((p): RawStep => ({ s: 'acquire', p })) },
      { kind: 'release', weight: 2, arbitrary: ref.map((p): RawStep => ({ s: 'release', p })) },
      { kind: 'run', weight: 2, arbitrary: fc.tuple(ref, behaviourArb).map(([p, fn]): RawStep => ({ s: 'run', p, fn })) },
      { kind: 'put', weight: 2, arbitrary: fc.tuple(ref, valArb).map(([p, v]): RawStep => ({ s: 'put', p, v })) },
      { kind: 'get', weight: 2, arbitrary: ref.map((p): RawStep => ({ s: 'get', p })) },
      { kind: 'readPrim', weight: 1, arbitrary: ref.map((p): RawStep => ({ s: 'readPrim', p })) },
    );
  }
  return arbs;
}

// ---- resolution -----------------------------------------------------------------------

class Resolver {
  constructor(readonly excluded: ReadonlySet<StepKind>) {}

  deferreds = 0;
  readonly kinds: Array<'lock' | 'semaphore' | 'queue'> = [];
  /** Outstanding program pauses per Deferred. */
  readonly pauses: number[] = [];
  nextId = 0;
  readonly steps: Step[] = [];
  /**
   * Deferreds made by gatherResults: never given a value with callback(), which would
   * feed that value to gatherResults' own list-unpacking callback (a misuse whose
   * error text is Python's or JavaScript's own, not a question of faithfulness).
   */
  readonly gathered = new Set<number>();

  /** An existing Deferred for a raw reference, avoiding `avoid`; undefined when there is none. */
  pick(raw: number, avoid?: number): number | undefined {
    if (this.deferreds === 0) return undefined;
    let d = raw % this.deferreds;
    if (d === avoid) {
      if (this.deferreds === 1) return undefined;
      d = (d + 1) % this.deferreds;
    }
    return d;
  }

  /** Like pick, for a Deferred that will be given a value with callback(): not a gatherResults one. */
  pickFireable(raw: number): number | undefined {
    const d = this.pick(raw);
    if (d === undefined || !this.gathered.has(d)) return d;
    for (let offset = 1; offset < this.deferreds; offset += 1) {
      const other = (d + offset) % this.deferreds;
      if (!this.gathered.has(other)) return other;
    }
    return undefined;
  }

  behaviour(raw: Behaviour, attachedTo: number | undefined): Behaviour {
    switch (raw.k) {
      case 'deferred': {
        const d = this.pick(raw.d, attachedTo);
        return d === undefined ? { k: 'pass' } : { k: 'deferred', d };
      }
      case 'fire': {
        const d = this.pickFireable(raw.d);
        return d === undefined ? { k: 'pass' } : { ...raw, d };
      }
      case 'pause':
      case 'unpause': {
        const d = this.pick(raw.d);
        return d === undefined || this.excluded.has('pause') ? { k: 'pass' } : { ...raw, d };
      }
      case 'failD':
      case 'cancel': {
        const d = this.pick(raw.d);
        return d === undefined ? { k: 'pass' } : { ...raw, d };
      }
      default:
        return raw;
    }
  }

  fn(raw: RawFn, attachedTo: number): Fn {
    const id = this.nextId++;
    const body = this.behaviour(raw.body, attachedTo);
    return raw.extra === undefined ? { id, body } : { id, extra: raw.extra, body };
  }

  thunk(raw: Behaviour): Thunk {
    return { id: this.nextId++, body: this.behaviour(raw, undefined) };
  }

  genOps(ops: readonly GenOp[]): GenOp[] {
    const resolved: GenOp[] = [];
    for (const op of ops) {
      if (op.g === 'yieldD' || op.g === 'fire' || op.g === 'cancel') {
        const d = op.g === 'fire' ? this.pickFireable(op.d) : this.pick(op.d);
        if (d === undefined) {
          if (op.g === 'yieldD') resolved.push({ g: 'yieldValue', v: null });
          continue;
        }
        resolved.push({ ...op, d });
      } else {
        resolved.push(op);
      }
      if (op.g === 'throw' || op.g === 'return' || op.g === 'returnLast') break;
    }
    return resolved;
  }

  primitive(raw: number, want: ReadonlyArray<'lock' | 'semaphore' | 'queue'>): number | undefined {
    const candidates: number[] = [];
    this.kinds.forEach((kind, index) => {
      if (want.includes(kind)) candidates.push(index);
    });
    if (candidates.length === 0) return undefined;
    return candidates[raw % candidates.length];
  }

  push(step: Step): void {
    this.steps.push(step);
    if (step.s === 'lock' || step.s === 'semaphore' || step.s === 'queue') this.kinds.push(step.s);
    if (step.s === 'gather') this.gathered.add(this.deferreds);
    if (
      step.s === 'new' ||
      step.s === 'list' ||
      step.s === 'gather' ||
      step.s === 'inline' ||
      step.s === 'deferLater' ||
      step.s === 'acquire' ||
      step.s === 'run' ||
      step.s === 'get'
    ) {
      this.deferreds += 1;
    }
  }

  step(raw: RawStep): void {
    const fresh: Step = { s: 'new', canceller: { k: 'none' } };
    switch (raw.s) {
      case 'addCallback':
      case 'addErrback':
      case 'addBoth': {
        const d = this.pick(raw.d);
        if (d === undefined) return this.push(fresh);
        return this.push({ s: raw.s, d, fn: this.fn(raw.fn, d) });
      }
      case 'addCallbacks': {
        const d = this.pick(raw.d);
        if (d === undefined) return this.push(fresh);
        const cb = this.fn(raw.cb, d);
        return this.push({ s: 'addCallbacks', d, cb, eb: raw.eb === null ? null : this.fn(raw.eb, d) });
      }
      case 'callback': {
        const d = this.pickFireable(raw.d);
        if (d === undefined) return this.push(fresh);
        return this.push({ ...raw, d });
      }
      case 'errback':
      case 'cancel':
      case 'read': {
        const d = this.pick(raw.d);
        if (d === undefined) return this.push(fresh);
        return this.push({ ...raw, d });
      }
      case 'pause': {
        const d = this.pick(raw.d);
        if (d === undefined) return this.push(fresh);
        this.pauses[d] = (this.pauses[d] ?? 0) + 1;
        return this.push({ s: 'pause', d });
      }
      case 'unpause': {
        const paused: number[] = [];
        this.pauses.forEach((count, d) => {
          if (count > 0) paused.push(d);
        });
        if (paused.length === 0) {
          const d = this.pick(raw.d);
          if (d === undefined) return this.push(fresh);
          this.pauses[d] = (this.pauses[d] ?? 0) + 1;
          return this.push({ s: 'pause', d });
        }
        const d = paused[raw.d % paused.length] as number;
        this.pauses[d] = (this.pauses[d] ?? 0) - 1;
        return this.push({ s: 'unpause', d });
      }
      case 'chain': {
        const d = this.pick(raw.d);
        const to = this.pickFireable(raw.to);
        if (d === undefined || to === undefined) return this.push(fresh);
        return this.push({ s: 'chain', d, to });
      }
      case 'list':
      case 'gather': {
        const ds: number[] = [];
        for (const member of raw.ds) {
          const d = this.pick(member);
          if (d !== undefined) ds.push(d);
        }
        return this.push({ ...raw, ds });
      }
      case 'inline': {
        const step: Step = { s: 'inline', id: this.nextId++, ops: this.genOps(raw.ops) };
        return this.push(raw.via === undefined ? step : { ...step, via: raw.via });
      }
      case 'deferLater':
        return this.push({ s: 'deferLater', delay: raw.delay, fn: raw.fn === null ? null : this.thunk(raw.fn) });
      case 'addTimeout': {
        const d = this.pick(raw.d);
        if (d === undefined) return this.push(fresh);
        return this.push({ ...raw, d });
      }
      case 'later': {
        const d = raw.action.a === 'callback' ? this.pickFireable(raw.action.d) : this.pick(raw.action.d);
        if (d === undefined) return this.push(fresh);
        return this.push({ s: 'later', delay: raw.delay, action: { ...raw.action, d } });
      }
      case 'acquire':
      case 'release': {
        const p = this.primitive(raw.p, ['lock', 'semaphore']);
        if (p === undefined) return this.push({ s: 'lock' });
        return this.push({ s: raw.s, p });
      }
      case 'run': {
        const p = this.primitive(raw.p, ['lock', 'semaphore']);
        if (p === undefined) return this.push({ s: 'semaphore', tokens: 1 });
        return this.push({ s: 'run', p, fn: this.thunk(raw.fn) });
      }
      case 'put':
      case 'get': {
        const p = this.primitive(raw.p, ['queue']);
        if (p === undefined) return this.push({ s: 'queue', size: null, backlog: null });
        return this.push({ ...raw, p });
      }
      case 'readPrim': {
        const p = this.primitive(raw.p, ['lock', 'semaphore', 'queue']);
        if (p === undefined) return this.push({ s: 'lock' });
        return this.push({ s: 'readPrim', p });
      }
      default:
        return this.push(raw);
    }
  }
}

function resolve(raw: readonly RawStep[], excluded: ReadonlySet<StepKind>): Program {
  const resolver = new Resolver(excluded);
  for (const step of raw) resolver.step(step);
  return { steps: resolver.steps };
}

/** Programs using the given features (all by default). */
export function programArb(options: GenerateOptions = {}): fc.Arbitrary<Program> {
  const features = new Set<Feature>(options.features ?? ALL_FEATURES);
  features.add('core');
  const opening = fc.array(
    cancellerArb.map((canceller): RawStep => ({ s: 'new', canceller })),
    { minLength: 1, maxLength: 3 },
  );
  const excluded = new Set(options.exclude ?? []);
  const kinds = stepArbs(features).filter(({ kind }) => !excluded.has(kind));
  const rest = fc.array(fc.oneof(...kinds), { minLength: 3, maxLength: options.maxSteps ?? 30, size: 'max' });
  return fc.tuple(opening, rest).map(([first, then]) => resolve([...first, ...then], excluded));
}

/** `count` programs drawn deterministically from `seed`. */
export function samplePrograms(seed: number, count: number, options: GenerateOptions = {}): Program[] {
  if (count <= 0) return [];
  return fc.sample(programArb(options), { seed, numRuns: count });
}
