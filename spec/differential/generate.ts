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
 *   - a callback never returns the Deferred it is attached to (difference 5), under any
 *     of its names (a `maybe` step whose function returns a Deferred of the program gives
 *     back that very Deferred under a new number);
 *   - maybeDeferred is given only functions, never a non-callable (difference 3), and
 *     its function never returns a Promise or coroutine (difference 12);
 *   - generators never return a Deferred (difference 16), never yield a generator or
 *     coroutine (22.4 vs 24.7), never use returnValue (difference 17);
 *   - no race (absent from 22.4), no errback() without an argument (difference 4), no
 *     strings given to Failure (difference 15), no non-callables (difference 3),
 *     error messages compared by class name only for the library's own errors (6, 27);
 *   - time (docs/time.md, "Where this differs from Twisted"): `advance` amounts are never
 *     negative (delays and `reset` times are, from -2 to 4), LoopingCall intervals (given
 *     to start() or assigned) never 0 or negative;
 *     the Deferred a LoopingCall's start() returned is never fired by the program
 *     (the loop's own firing would then trip an assertion inside Twisted's LoopingCall);
 *   - a Cooperator is stopped only while at most one task was ever made on it (Twisted
 *     22.4's stop() skips every other task: difference 36); its jobs are generators.
 */
import fc from 'fast-check';
import {
  type Behaviour,
  type Canceller,
  type ErrClass,
  type ErrSpec,
  type Fn,
  type GenOp,
  type JobOp,
  type LoopFn,
  type MaybeFn,
  type Program,
  type Step,
  type StepKind,
  type Thunk,
  type TimedAction,
  type TrapClass,
  type Val,
  makesCall,
  makesCooperator,
  makesDeferred,
  makesLoop,
  makesPrimitive,
  makesTask,
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
interface RawLoopFn {
  readonly extra: Val | undefined;
  readonly withCount: boolean;
  readonly stopAt: number | null;
  readonly body: RawBehaviour;
}
type RawStep =
  | Exclude<
      Step,
      { s: 'addCallback' | 'addErrback' | 'addBoth' | 'addCallbacks' | 'deferLater' | 'run' | 'inline' | 'loop' | 'maybe' | 'cooperate' | 'coiterate' }
    >
  | { readonly s: 'cooperate' | 'coiterate'; readonly k: number; readonly ops: readonly JobOp[] }
  | { readonly s: 'addCallback' | 'addErrback' | 'addBoth'; readonly d: number; readonly fn: RawFn }
  | { readonly s: 'addCallbacks'; readonly d: number; readonly cb: RawFn; readonly eb: RawFn | null }
  | { readonly s: 'deferLater'; readonly delay: number; readonly fn: RawBehaviour | null }
  | { readonly s: 'run'; readonly p: number; readonly fn: RawBehaviour }
  | { readonly s: 'inline'; readonly ops: readonly GenOp[]; readonly via?: 'ensureDeferred' | undefined }
  | { readonly s: 'loop'; readonly fn: RawLoopFn }
  | { readonly s: 'maybe'; readonly fn: RawFn };

const ref = fc.nat({ max: 1 << 16 });
const small = fc.integer({ min: 0, max: 4 });
/**
 * Delays (callLater, deferLater, addTimeout, reset): negative ones too, which mean "already
 * due" on Twisted's Clock and, since issue 9, everywhere in txdefer (docs/differences.md, row 33).
 */
const delayArb = fc.integer({ min: -2, max: 4 });
const flag = fc.boolean();

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

/** LoopingCall intervals: never 0 (a loop would never let `advance` return) nor negative. */
const intervalArb = fc.constantFrom(1, 2, 3, 0.5, 1.5);

/**
 * What a function body does. With `time`, bodies may also cancel a DelayedCall, stop a
 * LoopingCall, or return the Deferred of a LoopingCall's start().
 */
function behaviourArbFor(time: boolean): fc.Arbitrary<Behaviour> {
  const kinds: Array<fc.WeightedArbitrary<Behaviour>> = [
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
  ];
  if (time) {
    kinds.push(
      { weight: 1, arbitrary: ref.map((c): Behaviour => ({ k: 'callCancel', c })) },
      { weight: 1, arbitrary: ref.map((l): Behaviour => ({ k: 'loopStop', l })) },
      { weight: 1, arbitrary: fc.tuple(ref, intervalArb, flag).map(([l, interval, now]): Behaviour => ({ k: 'loopStart', l, interval, now })) },
      { weight: 1, arbitrary: fc.tuple(ref, intervalArb).map(([l, interval]): Behaviour => ({ k: 'loopInterval', l, interval })) },
    );
  }
  return fc.oneof(...kinds);
}

/**
 * A LoopingCall's function body (and maybeDeferred's): mostly what the caller reacts to
 * (a value, an error, a fired or failed Deferred, a Deferred of the program), sometimes
 * any behaviour.
 */
function loopBodyArb(behaviours: fc.Arbitrary<Behaviour>): fc.Arbitrary<Behaviour> {
  return fc.oneof(
    { weight: 3, arbitrary: valArb.map((v): Behaviour => ({ k: 'value', v })) },
    { weight: 2, arbitrary: valArb.map((v): Behaviour => ({ k: 'succeed', v })) },
    { weight: 1, arbitrary: errArb.map((e): Behaviour => ({ k: 'fail', e })) },
    { weight: 1, arbitrary: errArb.map((e): Behaviour => ({ k: 'throw', e })) },
    { weight: 1, arbitrary: errArb.map((e): Behaviour => ({ k: 'failure', e })) },
    { weight: 3, arbitrary: ref.map((d): Behaviour => ({ k: 'deferred', d })) },
    { weight: 2, arbitrary: behaviours },
  );
}

function fnArbFor(behaviours: fc.Arbitrary<Behaviour>): fc.Arbitrary<RawFn> {
  return fc.record({
    extra: fc.option(valArb, { freq: 5, nil: undefined }),
    body: behaviours,
  });
}

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

/** `delay()` amounts: negative ones bring a call forward (txdefer takes any finite number, as Twisted does). */
const delayAmountArb = fc.integer({ min: -2, max: 3 });

const timedArb: fc.Arbitrary<TimedAction> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(ref, valArb).map(([d, v]): TimedAction => ({ a: 'callback', d, v })) },
  { weight: 2, arbitrary: fc.tuple(ref, errArb).map(([d, e]): TimedAction => ({ a: 'errback', d, e })) },
  { weight: 2, arbitrary: ref.map((d): TimedAction => ({ a: 'cancel', d })) },
  { weight: 1, arbitrary: ref.map((c): TimedAction => ({ a: 'callCancel', c })) },
  { weight: 1, arbitrary: fc.tuple(ref, delayArb).map(([c, t]): TimedAction => ({ a: 'callReset', c, t })) },
  { weight: 1, arbitrary: fc.tuple(ref, delayAmountArb).map(([c, t]): TimedAction => ({ a: 'callDelay', c, t })) },
  { weight: 1, arbitrary: ref.map((l): TimedAction => ({ a: 'loopStop', l })) },
);


/** One op of a Cooperator's job; a `wait`'s Deferred is a raw reference. */
const jobOpArb: fc.Arbitrary<JobOp> = fc.oneof(
  { weight: 3, arbitrary: valArb.map((v): JobOp => ({ j: 'value', v })) },
  { weight: 2, arbitrary: ref.map((d): JobOp => ({ j: 'wait', d })) },
  { weight: 1, arbitrary: errArb.map((e): JobOp => ({ j: 'throw', e })) },
);

interface KindArbitrary extends fc.WeightedArbitrary<RawStep> {
  readonly kind: StepKind;
}

function stepArbs(features: ReadonlySet<Feature>): KindArbitrary[] {
  const behaviourArb = behaviourArbFor(features.has('time'));
  const fnArb = fnArbFor(behaviourArb);
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
    { kind: 'maybe', weight: 2,
      arbitrary: fc
        .record({ extra: fc.option(valArb, { freq: 2, nil: undefined }), body: loopBodyArb(behaviourArb) })
        .map((fn): RawStep => ({ s: 'maybe', fn })),
    },
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
        arbitrary: fc.tuple(delayArb, fc.option(behaviourArb, { nil: null })).map(([delay, fn]): RawStep => ({ s: 'deferLater', delay, fn })),
      },
      { kind: 'addTimeout', weight: 2, arbitrary: fc.tuple(ref, delayArb, flag).map(([d, t, custom]): RawStep => ({ s: 'addTimeout', d, t, custom })) },
      { kind: 'advance', weight: 4, arbitrary: small.map((t): RawStep => ({ s: 'advance', t })) },
      { kind: 'later', weight: 2, arbitrary: fc.tuple(delayArb, timedArb).map(([delay, action]): RawStep => ({ s: 'later', delay, action })) },
      { kind: 'callCancel', weight: 1, arbitrary: ref.map((c): RawStep => ({ s: 'callCancel', c })) },
      { kind: 'callReset', weight: 1, arbitrary: fc.tuple(ref, delayArb).map(([c, t]): RawStep => ({ s: 'callReset', c, t })) },
      { kind: 'callDelay', weight: 1, arbitrary: fc.tuple(ref, delayAmountArb).map(([c, t]): RawStep => ({ s: 'callDelay', c, t })) },
      { kind: 'callRead', weight: 1, arbitrary: ref.map((c): RawStep => ({ s: 'callRead', c })) },
      { kind: 'loop', weight: 1,
        arbitrary: fc
          .record({
            extra: fc.option(valArb, { freq: 3, nil: undefined }),
            withCount: fc.boolean(),
            stopAt: fc.option(fc.integer({ min: 1, max: 3 }), { freq: 2, nil: null }),
            body: loopBodyArb(behaviourArb),
          })
          .map((fn): RawStep => ({ s: 'loop', fn })),
      },
      { kind: 'loopStart', weight: 3,
        arbitrary: fc.tuple(ref, intervalArb, fc.boolean()).map(([l, interval, now]): RawStep => ({ s: 'loopStart', l, interval, now })),
      },
      { kind: 'loopStop', weight: 1, arbitrary: ref.map((l): RawStep => ({ s: 'loopStop', l })) },
      { kind: 'loopReset', weight: 1, arbitrary: ref.map((l): RawStep => ({ s: 'loopReset', l })) },
      { kind: 'loopInterval', weight: 1,
        arbitrary: fc.tuple(ref, intervalArb).map(([l, interval]): RawStep => ({ s: 'loopInterval', l, interval })),
      },
      { kind: 'loopRead', weight: 1, arbitrary: ref.map((l): RawStep => ({ s: 'loopRead', l })) },
      { kind: 'coop', weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((perTick): RawStep => ({ s: 'coop', perTick })) },
      { kind: 'cooperate', weight: 2,
        arbitrary: fc.tuple(ref, fc.array(jobOpArb, { maxLength: 4 })).map(([k, ops]): RawStep => ({ s: 'cooperate', k, ops })),
      },
      { kind: 'coiterate', weight: 1,
        arbitrary: fc.tuple(ref, fc.array(jobOpArb, { maxLength: 4 })).map(([k, ops]): RawStep => ({ s: 'coiterate', k, ops })),
      },
      { kind: 'whenDone', weight: 2, arbitrary: ref.map((w): RawStep => ({ s: 'whenDone', w })) },
      { kind: 'taskPause', weight: 1, arbitrary: ref.map((w): RawStep => ({ s: 'taskPause', w })) },
      { kind: 'taskResume', weight: 1, arbitrary: ref.map((w): RawStep => ({ s: 'taskResume', w })) },
      { kind: 'taskStop', weight: 1, arbitrary: ref.map((w): RawStep => ({ s: 'taskStop', w })) },
      { kind: 'coopStop', weight: 1, arbitrary: ref.map((k): RawStep => ({ s: 'coopStop', k })) },
      { kind: 'coopStart', weight: 1, arbitrary: ref.map((k): RawStep => ({ s: 'coopStart', k })) },
      { kind: 'coopRead', weight: 1, arbitrary: ref.map((k): RawStep => ({ s: 'coopRead', k })) },
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
  /**
   * Deferreds returned by a LoopingCall's start(): never fired by the program (callback,
   * errback, or as chainDeferred's target). The loop fires it itself when it stops or
   * fails; had the program fired it first, the loop's own callback() would raise
   * AlreadyCalledError inside Twisted's LoopingCall and trip its `assert d is not None`
   * (txdefer throws an internal error there instead): a misuse, not a question of
   * faithfulness. Cancelling it is drawn (the loop's later firing is then ignored).
   * Both sets hold first names (see `same`): look them up with `canonical(d)`.
   */
  readonly loopStarted = new Set<number>();
  /**
   * For each Deferred number, the first number of the same object: a `maybe` step whose
   * function returns a Deferred of the program makes a second name for it (maybeDeferred
   * returns the Deferred as it is). Absent: the number is the object's first name.
   */
  readonly same: number[] = [];
  /** DelayedCalls (`c<n>`) and LoopingCalls (`l<n>`) made so far. */
  calls = 0;
  loops = 0;
  /** Cooperators (`k<n>`) and tasks (`w<n>`) made so far, and how many tasks each Cooperator has had. */
  cooperators = 0;
  tasks = 0;
  readonly tasksOn: number[] = [];

  /** The first number of the object Deferred `d` names. */
  canonical(d: number): number {
    return this.same[d] ?? d;
  }

  /**
   * An existing Deferred for a raw reference, avoiding the object `avoid` names (under
   * any of its numbers); undefined when there is none.
   */
  pick(raw: number, avoid?: number): number | undefined {
    if (this.deferreds === 0) return undefined;
    const d = raw % this.deferreds;
    if (avoid === undefined) return d;
    const object = this.canonical(avoid);
    for (let offset = 0; offset < this.deferreds; offset += 1) {
      const other = (d + offset) % this.deferreds;
      if (this.canonical(other) !== object) return other;
    }
    return undefined;
  }

  /** Like pick, for a Deferred that will be given a value with callback(): not a gatherResults or loop start() one. */
  pickFireable(raw: number): number | undefined {
    return this.pickExcept(raw, (d) => this.gathered.has(this.canonical(d)) || this.loopStarted.has(this.canonical(d)));
  }

  /** Like pick, for a Deferred that will be failed with errback(): not a loop start() one. */
  pickFailable(raw: number): number | undefined {
    return this.pickExcept(raw, (d) => this.loopStarted.has(this.canonical(d)));
  }

  pickExcept(raw: number, excluded: (d: number) => boolean): number | undefined {
    const d = this.pick(raw);
    if (d === undefined || !excluded(d)) return d;
    for (let offset = 1; offset < this.deferreds; offset += 1) {
      const other = (d + offset) % this.deferreds;
      if (!excluded(other)) return other;
    }
    return undefined;
  }

  /** An existing DelayedCall (`c<n>`); with `own`, the one being made may be named too. */
  pickCall(raw: number, own = false): number | undefined {
    const count = this.calls + (own ? 1 : 0);
    return count === 0 ? undefined : raw % count;
  }

  pickLoop(raw: number): number | undefined {
    return this.loops === 0 ? undefined : raw % this.loops;
  }

  pickCooperator(raw: number): number | undefined {
    return this.cooperators === 0 ? undefined : raw % this.cooperators;
  }

  pickTask(raw: number): number | undefined {
    return this.tasks === 0 ? undefined : raw % this.tasks;
  }

  /** A job `job<id>`: waits on Deferreds that exist (else a plain value), and nothing after a throw. */
  jobOps(ops: readonly JobOp[]): JobOp[] {
    const resolved: JobOp[] = [];
    for (const op of ops) {
      if (op.j === 'wait') {
        const d = this.pick(op.d);
        resolved.push(d === undefined ? { j: 'value', v: null } : { j: 'wait', d });
      } else {
        resolved.push(op);
      }
      if (op.j === 'throw') break;
    }
    return resolved;
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
      case 'failD': {
        const d = this.pickFailable(raw.d);
        return d === undefined ? { k: 'pass' } : { ...raw, d };
      }
      case 'cancel': {
        const d = this.pick(raw.d);
        return d === undefined ? { k: 'pass' } : { ...raw, d };
      }
      case 'callCancel': {
        const c = this.pickCall(raw.c);
        return c === undefined ? { k: 'pass' } : { ...raw, c };
      }
      case 'loopStop':
      case 'loopStart':
      case 'loopInterval': {
        const l = this.pickLoop(raw.l);
        return l === undefined ? { k: 'pass' } : { ...raw, l };
      }
      default:
        return raw;
    }
  }

  maybeFn(raw: RawFn): MaybeFn {
    const id = this.nextId++;
    const body = this.behaviour(raw.body, undefined);
    return raw.extra === undefined ? { id, body } : { id, extra: raw.extra, body };
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
    if (makesPrimitive(step)) this.kinds.push(step.s as 'lock' | 'semaphore' | 'queue');
    if (step.s === 'gather') this.gathered.add(this.deferreds);
    if (step.s === 'loopStart') this.loopStarted.add(this.deferreds);
    if (step.s === 'maybe') {
      // maybeDeferred hands back a returned Deferred as it is: the new number is a second
      // name for that object, and the rules above, kept under first names, follow it.
      const body = step.fn.body;
      if (body.k === 'deferred') this.same[this.deferreds] = this.canonical(body.d);
      if (body.k === 'loopStart') this.loopStarted.add(this.deferreds);
    }
    if (makesDeferred(step)) this.deferreds += 1;
    if (makesCall(step)) this.calls += 1;
    if (makesLoop(step)) this.loops += 1;
    if (makesCooperator(step)) this.cooperators += 1;
    if (makesTask(step)) this.tasks += 1;
    if (step.s === 'cooperate' || step.s === 'coiterate') this.tasksOn[step.k] = (this.tasksOn[step.k] ?? 0) + 1;
  }

  /** A step to put in place of one that needs a DelayedCall when there is none yet. */
  someCall(): Step {
    const d = this.pickFireable(0);
    return d === undefined ? { s: 'new', canceller: { k: 'none' } } : { s: 'later', delay: 1, action: { a: 'callback', d, v: 0 } };
  }

  /**
   * A step to put in place of one that needs a LoopingCall when there is none yet: a
   * plain one or (every other function number) one made with withCount.
   */
  someLoop(): Step {
    const id = this.nextId++;
    const body: Behaviour = { k: 'value', v: 0 };
    return { s: 'loop', fn: id % 2 === 0 ? { id, stopAt: null, body } : { id, withCount: true, stopAt: null, body } };
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
      case 'errback': {
        const d = this.pickFailable(raw.d);
        if (d === undefined) return this.push(fresh);
        return this.push({ ...raw, d });
      }
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
      case 'maybe':
        return this.push({ s: 'maybe', fn: this.maybeFn(raw.fn) });
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
        const action = raw.action;
        switch (action.a) {
          case 'callback':
          case 'errback':
          case 'cancel': {
            const d =
              action.a === 'callback' ? this.pickFireable(action.d) : action.a === 'errback' ? this.pickFailable(action.d) : this.pick(action.d);
            if (d === undefined) return this.push(fresh);
            return this.push({ s: 'later', delay: raw.delay, action: { ...action, d } });
          }
          case 'callCancel':
          case 'callReset':
          case 'callDelay': {
            // The call may name itself (a call cannot cancel, reset or delay itself while it runs).
            const c = this.pickCall(action.c, true) as number;
            return this.push({ s: 'later', delay: raw.delay, action: { ...action, c } });
          }
          case 'loopStop': {
            const l = this.pickLoop(action.l);
            if (l === undefined) return this.push(this.someLoop());
            return this.push({ s: 'later', delay: raw.delay, action: { ...action, l } });
          }
        }
        return this.push(fresh);
      }
      case 'callCancel':
      case 'callReset':
      case 'callDelay':
      case 'callRead': {
        const c = this.pickCall(raw.c);
        if (c === undefined) return this.push(this.someCall());
        return this.push({ ...raw, c });
      }
      case 'loop': {
        const id = this.nextId++;
        const body = this.behaviour(raw.fn.body, undefined);
        // withCount takes the count callable alone: no extra argument.
        let fn: LoopFn = { id, stopAt: raw.fn.stopAt, body };
        if (raw.fn.withCount) fn = { id, withCount: true, stopAt: raw.fn.stopAt, body };
        else if (raw.fn.extra !== undefined) fn = { id, extra: raw.fn.extra, stopAt: raw.fn.stopAt, body };
        return this.push({ s: 'loop', fn });
      }
      case 'loopStart': {
        // With no loop yet, make one and start it.
        if (this.loops === 0) this.push(this.someLoop());
        return this.push({ ...raw, l: this.pickLoop(raw.l) as number });
      }
      case 'loopStop':
      case 'loopReset':
      case 'loopInterval':
      case 'loopRead': {
        const l = this.pickLoop(raw.l);
        if (l === undefined) return this.push(this.someLoop());
        return this.push({ ...raw, l });
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
      case 'cooperate':
      case 'coiterate': {
        const k = this.pickCooperator(raw.k);
        if (k === undefined) return this.push({ s: 'coop', perTick: 1 });
        return this.push({ s: raw.s, k, job: { id: this.nextId++, ops: this.jobOps(raw.ops) } });
      }
      case 'coopStop':
      case 'coopStart':
      case 'coopRead': {
        const k = this.pickCooperator(raw.k);
        if (k === undefined) return this.push({ s: 'coop', perTick: 1 });
        // Stopped with more than one task, Twisted 22.4 skips every other one (difference 36).
        if (raw.s === 'coopStop' && (this.tasksOn[k] ?? 0) > 1) return this.push({ s: 'coopRead', k });
        return this.push({ s: raw.s, k });
      }
      case 'whenDone':
      case 'taskPause':
      case 'taskResume':
      case 'taskStop': {
        const w = this.pickTask(raw.w);
        if (w !== undefined) return this.push({ s: raw.s, w });
        const k = this.pickCooperator(raw.w);
        if (k === undefined) return this.push({ s: 'coop', perTick: 1 });
        return this.push({ s: 'cooperate', k, job: { id: this.nextId++, ops: [{ j: 'value', v: 0 }] } });
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
