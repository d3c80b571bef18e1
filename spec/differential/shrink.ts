/**
 * A shrinker for programs whose traces differ: it removes steps and simplifies what
 * is left, keeping each change that still shows a difference, until no change does.
 *
 * Candidates are checked in batches (one Python request and one txdefer batch per
 * round), so shrinking a program costs a few dozen round trips to the worker.
 * Removing a step that makes a Deferred, a primitive, a DelayedCall, a LoopingCall, a
 * Cooperator or a task renumbers the later ones, and removes (or, inside a function body, neutralises)
 * whatever referred to it.
 */
import {
  type Behaviour,
  type Canceller,
  type ErrSpec,
  type Fn,
  type GenOp,
  type Job,
  type JobOp,
  type LoopFn,
  type Program,
  type Step,
  type Thunk,
  type TimedAction,
  makesCall,
  makesCooperator,
  makesDeferred,
  makesLoop,
  makesPrimitive,
  makesTask,
} from './model.js';

type Remap = (n: number) => number | null;

/** New numbers for Deferreds (`d`), primitives (`p`), DelayedCalls (`c`), LoopingCalls (`l`), Cooperators (`k`) and tasks (`w`). */
interface Remaps {
  readonly d: Remap;
  readonly p: Remap;
  readonly c: Remap;
  readonly l: Remap;
  readonly k: Remap;
  readonly w: Remap;
}

/** A job with the Deferreds it waits on renumbered; a wait on a Deferred that is gone becomes a plain value. */
function remapJob(job: Job, maps: Remaps): Job {
  const ops = job.ops.map((op): JobOp => {
    if (op.j !== 'wait') return op;
    const d = maps.d(op.d);
    return d === null ? { j: 'value', v: null } : { ...op, d };
  });
  return { ...job, ops };
}

function remapBehaviour(body: Behaviour, maps: Remaps): Behaviour {
  switch (body.k) {
    case 'deferred':
    case 'fire':
    case 'failD':
    case 'cancel':
    case 'pause':
    case 'unpause': {
      const d = maps.d(body.d);
      return d === null ? { k: 'pass' } : { ...body, d };
    }
    case 'callCancel': {
      const c = maps.c(body.c);
      return c === null ? { k: 'pass' } : { ...body, c };
    }
    case 'loopStop':
    case 'loopStart':
    case 'loopInterval': {
      const l = maps.l(body.l);
      return l === null ? { k: 'pass' } : { ...body, l };
    }
    default:
      return body;
  }
}

/** A callback, thunk, maybeDeferred's or a loop's function with its body's references remapped. */
function remapBody<F extends { readonly body: Behaviour }>(fn: F, maps: Remaps): F {
  return { ...fn, body: remapBehaviour(fn.body, maps) };
}

function remapAction(action: TimedAction, maps: Remaps): TimedAction | null {
  switch (action.a) {
    case 'callback':
    case 'errback':
    case 'cancel': {
      const d = maps.d(action.d);
      return d === null ? null : { ...action, d };
    }
    case 'callCancel':
    case 'callReset':
    case 'callDelay': {
      const c = maps.c(action.c);
      return c === null ? null : { ...action, c };
    }
    case 'loopStop': {
      const l = maps.l(action.l);
      return l === null ? null : { ...action, l };
    }
  }
}

/** The step with its references renumbered; null when a reference it needs is gone. */
function remapStep(step: Step, maps: Remaps): Step | null {
  const mapD = maps.d;
  const mapP = maps.p;
  switch (step.s) {
    case 'new':
    case 'advance':
    case 'lock':
    case 'semaphore':
    case 'queue':
      return step;
    case 'addCallback':
    case 'addErrback':
    case 'addBoth': {
      const d = mapD(step.d);
      return d === null ? null : { ...step, d, fn: remapBody(step.fn, maps) };
    }
    case 'addCallbacks': {
      const d = mapD(step.d);
      if (d === null) return null;
      return { ...step, d, cb: remapBody(step.cb, maps), eb: step.eb === null ? null : remapBody(step.eb, maps) };
    }
    case 'callback':
    case 'errback':
    case 'cancel':
    case 'pause':
    case 'unpause':
    case 'read':
    case 'addTimeout': {
      const d = mapD(step.d);
      return d === null ? null : { ...step, d };
    }
    case 'chain': {
      const d = mapD(step.d);
      const to = mapD(step.to);
      return d === null || to === null ? null : { ...step, d, to };
    }
    case 'list':
    case 'gather': {
      const ds: number[] = [];
      for (const member of step.ds) {
        const d = mapD(member);
        if (d !== null) ds.push(d);
      }
      return { ...step, ds };
    }
    case 'inline': {
      const ops: GenOp[] = [];
      for (const op of step.ops) {
        if (op.g === 'yieldD' || op.g === 'fire' || op.g === 'cancel') {
          const d = mapD(op.d);
          if (d !== null) ops.push({ ...op, d });
        } else {
          ops.push(op);
        }
      }
      return { ...step, ops };
    }
    case 'maybe':
      return { ...step, fn: remapBody(step.fn, maps) };
    case 'deferLater':
      return { ...step, fn: step.fn === null ? null : remapBody(step.fn, maps) };
    case 'later': {
      const action = remapAction(step.action, maps);
      return action === null ? null : { ...step, action };
    }
    case 'callCancel':
    case 'callReset':
    case 'callDelay':
    case 'callRead': {
      const c = maps.c(step.c);
      return c === null ? null : { ...step, c };
    }
    case 'loop':
      return { ...step, fn: remapBody(step.fn, maps) };
    case 'loopStart':
    case 'loopStop':
    case 'loopReset':
    case 'loopInterval':
    case 'loopRead': {
      const l = maps.l(step.l);
      return l === null ? null : { ...step, l };
    }
    case 'acquire':
    case 'release':
    case 'put':
    case 'get':
    case 'readPrim': {
      const p = mapP(step.p);
      return p === null ? null : { ...step, p };
    }
    case 'run': {
      const p = mapP(step.p);
      return p === null ? null : { ...step, p, fn: remapBody(step.fn, maps) };
    }
    case 'coop':
      return step;
    case 'cooperate':
    case 'coiterate': {
      const k = maps.k(step.k);
      return k === null ? null : { ...step, k, job: remapJob(step.job, maps) };
    }
    case 'coopStop':
    case 'coopStart':
    case 'coopRead': {
      const k = maps.k(step.k);
      return k === null ? null : { ...step, k };
    }
    case 'whenDone':
    case 'taskPause':
    case 'taskResume':
    case 'taskStop': {
      const w = maps.w(step.w);
      return w === null ? null : { ...step, w };
    }
  }
}

/** The program without the steps at `indices`, and without whatever depended on them. */
export function removeSteps(program: Program, indices: ReadonlySet<number>): Program {
  const removed = new Set(indices);
  for (;;) {
    // New numbers for the Deferreds, primitives, DelayedCalls and LoopingCalls that stay.
    const renumber = (makes: (step: Step) => boolean): Remap => {
      const map = new Map<number, number | null>();
      let old = 0;
      let next = 0;
      program.steps.forEach((step, index) => {
        if (makes(step)) map.set(old++, removed.has(index) ? null : next++);
      });
      return (n) => map.get(n) ?? null;
    };
    const maps: Remaps = {
      d: renumber(makesDeferred),
      p: renumber(makesPrimitive),
      c: renumber(makesCall),
      l: renumber(makesLoop),
      k: renumber(makesCooperator),
      w: renumber(makesTask),
    };
    const steps: Step[] = [];
    let cascade = false;
    program.steps.forEach((step, index) => {
      if (removed.has(index)) return;
      const remapped = remapStep(step, maps);
      if (remapped === null) {
        removed.add(index);
        cascade = true;
      } else {
        steps.push(remapped);
      }
    });
    if (!cascade) return { steps };
  }
}

// ---- simplifications ------------------------------------------------------------------

const SIMPLE_ERROR: ErrSpec = { cls: 'ErrA', msg: 'm1' };

function simplerErrors(e: ErrSpec): ErrSpec[] {
  return e.cls === SIMPLE_ERROR.cls && e.msg === SIMPLE_ERROR.msg ? [] : [SIMPLE_ERROR];
}

function simplerBehaviours(body: Behaviour): Behaviour[] {
  const out: Behaviour[] = [];
  if (body.k !== 'pass') out.push({ k: 'pass' });
  if (body.k !== 'value' || body.v !== 0) out.push({ k: 'value', v: 0 });
  if ((body.k === 'throw' || body.k === 'failure' || body.k === 'fail' || body.k === 'failD') && body.e !== SIMPLE_ERROR) {
    for (const e of simplerErrors(body.e)) out.push({ ...body, e });
  }
  if (body.k === 'trap' && body.classes.length > 1) {
    for (const cls of body.classes) out.push({ k: 'trap', classes: [cls] });
  }
  if ((body.k === 'succeed' || body.k === 'fire') && body.v !== 0) out.push({ ...body, v: 0 });
  if (body.k === 'loopStart') {
    if (body.interval !== 1) out.push({ ...body, interval: 1 });
    if (!body.now) out.push({ ...body, now: true });
  }
  if (body.k === 'loopInterval' && body.interval !== 1) out.push({ ...body, interval: 1 });
  return out;
}

function simplerActions(action: TimedAction): TimedAction[] {
  switch (action.a) {
    case 'callback':
      return action.v === 0 ? [] : [{ ...action, v: 0 }];
    case 'errback':
      return simplerErrors(action.e).map((e) => ({ ...action, e }));
    case 'callReset':
    case 'callDelay':
      return action.t === 0 ? [] : [{ ...action, t: 0 }];
    default:
      return [];
  }
}

function simplerLoopFns(fn: LoopFn): LoopFn[] {
  const out: LoopFn[] = [];
  if (fn.extra !== undefined || fn.withCount === true) out.push({ id: fn.id, stopAt: fn.stopAt, body: fn.body });
  if (fn.stopAt !== null) out.push({ ...fn, stopAt: null });
  if (fn.stopAt !== null && fn.stopAt > 1) out.push({ ...fn, stopAt: 1 });
  for (const body of simplerBehaviours(fn.body)) out.push({ ...fn, body });
  return out;
}

/** Simpler forms of a callback (or of maybeDeferred's function, which has the same shape). */
function simplerFns(fn: Fn): Fn[] {
  const out: Fn[] = [];
  if (fn.extra !== undefined) out.push({ id: fn.id, body: fn.body });
  for (const body of simplerBehaviours(fn.body)) out.push({ ...fn, body });
  return out;
}

function simplerCancellers(canceller: Canceller): Canceller[] {
  if (canceller.k === 'none') return [];
  const out: Canceller[] = [{ k: 'none' }];
  if (canceller.k !== 'noop') out.push({ k: 'noop' });
  if ((canceller.k === 'errback' || canceller.k === 'throw') && simplerErrors(canceller.e).length > 0) {
    out.push({ ...canceller, e: SIMPLE_ERROR });
  }
  return out;
}

function simplerSteps(step: Step): Step[] {
  switch (step.s) {
    case 'new':
      return simplerCancellers(step.canceller).map((canceller) => ({ ...step, canceller }));
    case 'addCallback':
    case 'addErrback':
    case 'addBoth':
      return simplerFns(step.fn).map((fn) => ({ ...step, fn }));
    case 'addCallbacks': {
      const out: Step[] = [];
      if (step.eb !== null) out.push({ ...step, eb: null });
      for (const cb of simplerFns(step.cb)) out.push({ ...step, cb });
      if (step.eb !== null) for (const eb of simplerFns(step.eb)) out.push({ ...step, eb });
      return out;
    }
    case 'callback':
      return step.v === 0 ? [] : [{ ...step, v: 0 }];
    case 'errback': {
      const out: Step[] = simplerErrors(step.e).map((e) => ({ ...step, e }));
      if (step.as !== undefined) out.push({ s: 'errback', d: step.d, e: step.e });
      return out;
    }
    case 'list': {
      const out: Step[] = [];
      for (const flag of ['fireOnOneCallback', 'fireOnOneErrback', 'consumeErrors'] as const) {
        if (step[flag]) out.push({ ...step, [flag]: false });
      }
      step.ds.forEach((_, index) => out.push({ ...step, ds: step.ds.filter((__, i) => i !== index) }));
      return out;
    }
    case 'gather': {
      const out: Step[] = [];
      if (step.consumeErrors) out.push({ ...step, consumeErrors: false });
      step.ds.forEach((_, index) => out.push({ ...step, ds: step.ds.filter((__, i) => i !== index) }));
      return out;
    }
    case 'inline': {
      const out: Step[] = [];
      if (step.via !== undefined) out.push({ s: 'inline', id: step.id, ops: step.ops });
      step.ops.forEach((op, index) => {
        out.push({ ...step, ops: step.ops.filter((_, i) => i !== index) });
        if ((op.g === 'yieldD' || op.g === 'yieldFail') && op.catch) {
          out.push({ ...step, ops: step.ops.map((o, i) => (i === index ? { ...op, catch: false } : o)) });
        }
      });
      return out;
    }
    case 'deferLater': {
      const out: Step[] = [];
      if (step.fn !== null) {
        out.push({ ...step, fn: null });
        for (const body of simplerBehaviours(step.fn.body)) out.push({ ...step, fn: { ...step.fn, body } });
      }
      if (step.delay !== 0) out.push({ ...step, delay: 0 });
      return out;
    }
    case 'addTimeout': {
      const out: Step[] = [];
      if (step.custom) out.push({ ...step, custom: false });
      if (step.t !== 0) out.push({ ...step, t: 0 });
      return out;
    }
    case 'later': {
      const out: Step[] = simplerActions(step.action).map((action) => ({ ...step, action }));
      if (step.delay !== 0) out.push({ ...step, delay: 0 });
      return out;
    }
    case 'callReset':
    case 'callDelay':
      return step.t === 0 ? [] : [{ ...step, t: 0 }];
    case 'loop':
      return simplerLoopFns(step.fn).map((fn) => ({ ...step, fn }));
    case 'maybe':
      return simplerFns(step.fn).map((fn) => ({ ...step, fn }));
    case 'loopStart': {
      const out: Step[] = [];
      if (step.interval !== 1) out.push({ ...step, interval: 1 });
      if (!step.now) out.push({ ...step, now: true });
      return out;
    }
    case 'loopInterval':
      return step.interval === 1 ? [] : [{ ...step, interval: 1 }];
    case 'semaphore':
      return step.tokens === 1 ? [] : [{ ...step, tokens: 1 }];
    case 'queue': {
      const out: Step[] = [];
      if (step.size !== null) out.push({ ...step, size: null });
      if (step.backlog !== null) out.push({ ...step, backlog: null });
      return out;
    }
    case 'run':
      return simplerBehaviours(step.fn.body).map((body) => ({ ...step, fn: { ...step.fn, body } }));
    case 'put':
      return step.v === 0 ? [] : [{ ...step, v: 0 }];
    case 'coop':
      return step.perTick === 1 ? [] : [{ ...step, perTick: 1 }];
    case 'cooperate':
    case 'coiterate':
      // A job one op shorter (from the end).
      return step.job.ops.length === 0 ? [] : [{ ...step, job: { ...step.job, ops: step.job.ops.slice(0, -1) } }];
    default:
      return [];
  }
}

/** Number the functions and generators 0, 1, 2... in the order they appear. */
export function renumberFunctions(program: Program): Program {
  let next = 0;
  const fn = (f: Fn): Fn => ({ ...f, id: next++ });
  const thunk = (f: Thunk): Thunk => ({ ...f, id: next++ });
  const steps = program.steps.map((step): Step => {
    switch (step.s) {
      case 'addCallback':
      case 'addErrback':
      case 'addBoth':
        return { ...step, fn: fn(step.fn) };
      case 'addCallbacks': {
        const cb = fn(step.cb);
        return { ...step, cb, eb: step.eb === null ? null : fn(step.eb) };
      }
      case 'inline':
        return { ...step, id: next++ };
      case 'deferLater':
        return { ...step, fn: step.fn === null ? null : thunk(step.fn) };
      case 'run':
        return { ...step, fn: thunk(step.fn) };
      case 'loop':
        return { ...step, fn: { ...step.fn, id: next++ } };
      case 'maybe':
        return { ...step, fn: { ...step.fn, id: next++ } };
      case 'cooperate':
      case 'coiterate':
        return { ...step, job: { ...step.job, id: next++ } };
      default:
        return step;
    }
  });
  return { steps };
}

/** Every program one removal away (last steps first: they are the likeliest to be irrelevant). */
function removals(program: Program): Program[] {
  const out: Program[] = [];
  for (let index = program.steps.length - 1; index >= 0; index -= 1) out.push(removeSteps(program, new Set([index])));
  return out;
}

function simplifications(program: Program): Program[] {
  const out: Program[] = [];
  program.steps.forEach((step, index) => {
    for (const simpler of simplerSteps(step)) {
      out.push({ steps: program.steps.map((s, i) => (i === index ? simpler : s)) });
    }
  });
  return out;
}

export interface ShrinkResult {
  readonly program: Program;
  /** Candidate programs tried. */
  readonly tried: number;
}

/**
 * Shrink `program` while `differs` says the candidates still show a difference.
 * `differs` gets a batch of candidates and answers one boolean each.
 */
export async function shrink(
  program: Program,
  differs: (candidates: Program[]) => Promise<boolean[]>,
  maxRounds = 200,
): Promise<ShrinkResult> {
  let current = program;
  let tried = 0;
  for (let round = 0; round < maxRounds; round += 1) {
    let progressed = false;
    for (const candidates of [removals(current), simplifications(current)]) {
      if (candidates.length === 0) continue;
      tried += candidates.length;
      const answers = await differs(candidates);
      const index = answers.indexOf(true);
      if (index >= 0) {
        current = candidates[index] as Program;
        progressed = true;
        break;
      }
    }
    if (!progressed) break;
  }
  return { program: renumberFunctions(current), tried };
}
