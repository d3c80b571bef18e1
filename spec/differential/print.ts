/**
 * Printers: a program (model.ts) as TypeScript source using txdefer, and as Python
 * source using Twisted. The same printer also makes the untyped JavaScript that the
 * runner executes in-process (the TypeScript text without its type annotations), and
 * the Python worker executes the Python text itself: so what the runner compares is
 * exactly what the printed programs do.
 *
 * A printed program is one function, `program(t)`, where `t` is the Tracer of
 * tracer.ts / tracer.py; `tsModule` and `pyModule` wrap it into a file that runs on
 * its own and prints its trace.
 */
import {
  type Behaviour,
  type Canceller,
  type ErrSpec,
  type Fn,
  type GenOp,
  type Job,
  type LoopFn,
  type MaybeFn,
  type Program,
  type Step,
  type Thunk,
  type TimedAction,
  type Val,
  callNumbers,
  cooperatorNumbers,
  deferredNumbers,
  loopNumbers,
  primitiveNumbers,
  taskNumbers,
  usesClock,
} from './model.js';

export type Lang = 'ts' | 'js' | 'py';

/** The names a printed program uses from the library (and Python's from Twisted). */
export const LIBRARY_NAMES = [
  'AlreadyCalledError',
  'CancelledError',
  'Clock',
  'Cooperator',
  'Deferred',
  'DeferredList',
  'DeferredLock',
  'DeferredQueue',
  'DeferredSemaphore',
  'DelayedCall',
  'Failure',
  'FirstError',
  'LoopingCall',
  'TimeoutError',
  'deferLater',
  'ensureDeferred',
  'fail',
  'gatherResults',
  'inlineCallbacks',
  'maybeDeferred',
  'succeed',
] as const;

const INDENT = '  ';
const PY_INDENT = '    ';

function q(text: string): string {
  return JSON.stringify(text);
}

function val(v: Val, lang: Lang): string {
  if (v === null) return lang === 'py' ? 'None' : 'undefined';
  return typeof v === 'number' ? String(v) : q(v);
}

function err(e: ErrSpec, lang: Lang): string {
  return lang === 'py' ? `${e.cls}(${q(e.msg)})` : `new ${e.cls}(${q(e.msg)})`;
}

class Printer {
  readonly lines: string[] = [];
  #depth = 0;

  constructor(
    readonly lang: Lang,
    readonly baseDepth: number,
  ) {}

  get py(): boolean {
    return this.lang === 'py';
  }

  get typed(): boolean {
    return this.lang === 'ts';
  }

  line(text: string): void {
    const unit = this.py ? PY_INDENT : INDENT;
    this.lines.push(unit.repeat(this.baseDepth + this.#depth) + text);
  }

  indent(body: () => void): void {
    this.#depth += 1;
    body();
    this.#depth -= 1;
  }

  /** `x: unknown` in TypeScript, `x` otherwise. */
  param(name: string, type = 'unknown'): string {
    return this.typed ? `${name}: ${type}` : name;
  }

  /** A statement ending: `;` in TypeScript/JavaScript, nothing in Python. */
  st(text: string): string {
    return this.py ? text : `${text};`;
  }

  // ---- function bodies ------------------------------------------------------------

  /** The statements of a behaviour whose input is the expression `x` (or null: no input). */
  behaviour(body: Behaviour, x: string | null): void {
    const none = this.py ? 'None' : 'undefined';
    const input = x ?? none;
    const ret = (expr: string): void => {
      this.line(this.st(`return ${expr}`));
    };
    switch (body.k) {
      case 'value':
        ret(val(body.v, this.lang));
        return;
      case 'wrap':
        ret(`["t", ${input}]`);
        return;
      case 'pass':
        ret(input);
        return;
      case 'throw':
        this.line(this.py ? `raise ${err(body.e, 'py')}` : `throw ${err(body.e, this.lang)};`);
        return;
      case 'failure':
        ret(`${this.py ? '' : 'new '}Failure(${err(body.e, this.lang)})`);
        return;
      case 'succeed':
        ret(`succeed(${val(body.v, this.lang)})`);
        return;
      case 'fail':
        ret(`fail(${err(body.e, this.lang)})`);
        return;
      case 'deferred':
        ret(`d${body.d}`);
        return;
      case 'trap': {
        if (x === null) {
          ret(none);
          return;
        }
        const classes = body.classes.join(', ');
        if (this.py) {
          this.line(`if isinstance(${x}, Failure):`);
          this.indent(() => this.line(`return ${x}.trap(${classes})`));
        } else {
          this.line(`if (${x} instanceof Failure) return ${x}.trap(${classes});`);
        }
        ret(input);
        return;
      }
      case 'fire':
        this.line(this.st(`d${body.d}.callback(${val(body.v, this.lang)})`));
        ret(input);
        return;
      case 'failD':
        this.line(this.st(`d${body.d}.errback(${err(body.e, this.lang)})`));
        ret(input);
        return;
      case 'cancel':
        this.line(this.st(`d${body.d}.cancel()`));
        ret(input);
        return;
      case 'pause':
      case 'unpause':
        this.line(this.st(`t.${body.k}(${body.d}, d${body.d})`));
        ret(input);
        return;
      case 'callCancel':
        this.line(this.st(`c${body.c}.cancel()`));
        ret(input);
        return;
      case 'loopStop':
        this.line(this.st(`l${body.l}.stop()`));
        ret(input);
        return;
      case 'loopStart':
        ret(this.loopStart(body.l, body.interval, body.now));
        return;
      case 'loopInterval':
        this.line(this.st(`l${body.l}.interval = ${body.interval}`));
        ret(input);
        return;
    }
  }

  /** `l<l>.start(interval[, now])`. */
  loopStart(l: number, interval: number, now: boolean): string {
    if (now) return `l${l}.start(${interval})`;
    return `l${l}.start(${interval}, ${this.py ? 'now=False' : 'false'})`;
  }

  /** A callback/errback function as a Python `def`, printed now; returns its name. */
  fnDef(fn: Fn): string {
    const name = `cb${fn.id}`;
    const args = fn.extra !== undefined ? ['x', 'a'] : ['x'];
    this.line(`def ${name}(${args.join(', ')}):`);
    this.indent(() => {
      this.line(`t.enter(${q(name)}, ${args.join(', ')})`);
      this.behaviour(fn.body, 'x');
    });
    return name;
  }

  /** A function of no arguments as a Python `def`, printed now; returns its name. */
  // ---- steps -------------------------------------------------------------------------

  step(
    step: Step,
    index: number,
    dn: number | undefined,
    pn: number | undefined,
    cn: number | undefined,
    ln: number | undefined,
    kn?: number,
    wn?: number,
  ): void {
    this.line(this.st(`t.step(${index})`));
    switch (step.s) {
      case 'new':
        this.newDeferred(step.canceller, dn as number);
        return;
      case 'addCallback':
      case 'addErrback':
      case 'addBoth': {
        const fn = this.callable(step.fn);
        const extra = step.fn.extra !== undefined ? `, ${val(step.fn.extra, this.lang)}` : '';
        this.attempt(`d${step.d}.${step.s}(${fn}${extra})`);
        return;
      }
      case 'addCallbacks': {
        const cb = this.callable(step.cb);
        const eb = step.eb === null ? (this.py ? 'None' : 'null') : this.callable(step.eb);
        const cbArgs = step.cb.extra !== undefined ? [val(step.cb.extra, this.lang)] : null;
        const ebArgs = step.eb !== null && step.eb.extra !== undefined ? [val(step.eb.extra, this.lang)] : null;
        let call = `d${step.d}.addCallbacks(${cb}, ${eb}`;
        if (this.py) {
          if (cbArgs !== null) call += `, callbackArgs=(${cbArgs[0]},)`;
          if (ebArgs !== null) call += `, errbackArgs=(${ebArgs[0]},)`;
        } else if (cbArgs !== null || ebArgs !== null) {
          call += `, ${cbArgs === null ? 'null' : `[${cbArgs[0]}]`}`;
          if (ebArgs !== null) call += `, [${ebArgs[0]}]`;
        }
        this.attempt(`${call})`);
        return;
      }
      case 'callback':
        this.attempt(`d${step.d}.callback(${val(step.v, this.lang)})`);
        return;
      case 'errback': {
        const failure = `${this.py ? '' : 'new '}Failure(${err(step.e, this.lang)})`;
        if (step.as === 'callback') this.attempt(`d${step.d}.callback(${failure})`);
        else this.attempt(`d${step.d}.errback(${step.as === 'failure' ? failure : err(step.e, this.lang)})`);
        return;
      }
      case 'cancel':
        this.attempt(`d${step.d}.cancel()`);
        return;
      case 'pause':
        this.attempt(`t.pause(${step.d}, d${step.d})`);
        return;
      case 'unpause':
        this.attempt(`t.unpause(${step.d}, d${step.d})`);
        return;
      case 'chain':
        this.attempt(`d${step.d}.chainDeferred(d${step.to})`);
        return;
      case 'read':
        this.line(this.st(`t.read(${step.d})`));
        return;
      case 'maybe': {
        const extra = step.fn.extra !== undefined ? `, ${val(step.fn.extra, this.lang)}` : '';
        this.make(dn as number, `maybeDeferred(${this.maybeCallable(step.fn)}${extra})`);
        return;
      }
      case 'list': {
        const members = `[${step.ds.map((d) => `d${d}`).join(', ')}]`;
        const flags = (['fireOnOneCallback', 'fireOnOneErrback', 'consumeErrors'] as const).filter((flag) => step[flag]);
        let options = '';
        if (flags.length > 0) {
          options = this.py
            ? `, ${flags.map((flag) => `${flag}=True`).join(', ')}`
            : `, { ${flags.map((flag) => `${flag}: true`).join(', ')} }`;
        }
        this.make(dn as number, `${this.py ? '' : 'new '}DeferredList(${members}${options})`);
        return;
      }
      case 'gather': {
        const members = `[${step.ds.map((d) => `d${d}`).join(', ')}]`;
        let options = '';
        if (step.consumeErrors) options = this.py ? ', consumeErrors=True' : ', true';
        this.make(dn as number, `gatherResults(${members}${options})`);
        return;
      }
      case 'inline':
        this.inline(step.id, step.ops, dn as number, step.via === 'ensureDeferred');
        return;
      case 'deferLater': {
        const fn = step.fn === null ? '' : `, ${this.thunkCallable(step.fn, 'thunk')}`;
        this.make(dn as number, `deferLater(clock, ${step.delay}${fn})`);
        return;
      }
      case 'addTimeout': {
        let custom = '';
        if (step.custom) {
          const name = `onTimeout${index}`;
          if (this.py) {
            this.line(`def ${name}(r, s):`);
            this.indent(() => {
              this.line(`t.enter(${q(name)}, r, s)`);
              this.line('return "over"');
            });
            custom = `, ${name}`;
          } else {
            custom = `, ${this.arrowText([this.param('r'), this.param('s', 'number')], [
              `t.enter(${q(name)}, r, s);`,
              'return "over";',
            ])}`;
          }
        }
        this.attempt(`d${step.d}.addTimeout(${step.t}, clock${custom})`);
        return;
      }
      case 'advance':
        this.attempt(`clock.advance(${step.t})`);
        return;
      case 'later': {
        const call = `clock.callLater(${step.delay}, ${this.lambda(this.timed(step.action))})`;
        const n = cn as number;
        if (this.py) this.line(`c${n} = t.delayed_call(${n}, lambda: ${call})`);
        else this.line(`const c${n}${this.typed ? ': DelayedCall' : ''} = t.delayedCall(${n}, () => ${call});`);
        return;
      }
      case 'callCancel':
        this.attempt(`c${step.c}.cancel()`);
        return;
      case 'callReset':
        this.attempt(`c${step.c}.reset(${step.t})`);
        return;
      case 'callDelay':
        this.attempt(`c${step.c}.delay(${step.t})`);
        return;
      case 'callRead':
        this.line(this.st(this.py ? `t.read_call(${step.c})` : `t.readCall(${step.c})`));
        return;
      case 'loop':
        this.loop(step.fn, ln as number);
        return;
      case 'loopStart':
        this.make(dn as number, this.loopStart(step.l, step.interval, step.now));
        return;
      case 'loopStop':
        this.attempt(`l${step.l}.stop()`);
        return;
      case 'loopReset':
        this.attempt(`l${step.l}.reset()`);
        return;
      case 'loopInterval':
        this.line(this.st(`l${step.l}.interval = ${step.interval}`));
        return;
      case 'loopRead':
        this.line(this.st(this.py ? `t.read_loop(${step.l})` : `t.readLoop(${step.l})`));
        return;
      case 'lock':
        this.primitive(pn as number, 'lock', this.py ? 'DeferredLock()' : 'new DeferredLock()');
        return;
      case 'semaphore':
        this.primitive(pn as number, 'semaphore', this.py ? `DeferredSemaphore(${step.tokens})` : `new DeferredSemaphore(${step.tokens})`);
        return;
      case 'queue': {
        const options: string[] = [];
        if (step.size !== null) options.push(this.py ? `size=${step.size}` : `size: ${step.size}`);
        if (step.backlog !== null) options.push(this.py ? `backlog=${step.backlog}` : `backlog: ${step.backlog}`);
        let made: string;
        if (this.py) made = `DeferredQueue(${options.join(', ')})`;
        else {
          const type = this.typed ? '<unknown>' : '';
          made = options.length === 0 ? `new DeferredQueue${type}()` : `new DeferredQueue${type}({ ${options.join(', ')} })`;
        }
        this.primitive(pn as number, 'queue', made);
        return;
      }
      case 'acquire':
        this.make(dn as number, `p${step.p}.acquire()`);
        return;
      case 'release':
        this.attempt(`p${step.p}.release()`);
        return;
      case 'run':
        this.make(dn as number, `p${step.p}.run(${this.thunkCallable(step.fn, 'run')})`);
        return;
      case 'put':
        this.attempt(`p${step.p}.put(${val(step.v, this.lang)})`);
        return;
      case 'get':
        this.make(dn as number, `p${step.p}.get()`);
        return;
      case 'readPrim':
        this.line(this.st(this.py ? `t.read_primitive(${step.p})` : `t.readPrimitive(${step.p})`));
        return;
      case 'coop': {
        const n = kn as number;
        const tick = this.py ? 'lambda f: clock.callLater(0.25, f)' : `(${this.param('f', '() => void')}) => clock.callLater(0.25, f)`;
        if (this.py) {
          this.line(`k${n} = t.cooperator(${n}, Cooperator(terminationPredicateFactory=t.units(${step.perTick}), scheduler=${tick}))`);
        } else {
          this.line(`const k${n} = t.cooperator(${n}, new Cooperator({ terminationPredicateFactory: t.units(${step.perTick}), scheduler: ${tick} }));`);
        }
        return;
      }
      case 'cooperate': {
        this.job(step.job);
        const n = wn as number;
        const made = `k${step.k}.cooperate(t.job(${step.job.id}, job${step.job.id}()))`;
        this.line(this.py ? `w${n} = t.task(${n}, ${made})` : `const w${n} = t.task(${n}, ${made});`);
        return;
      }
      case 'coiterate':
        this.job(step.job);
        this.make(dn as number, `k${step.k}.coiterate(t.job(${step.job.id}, job${step.job.id}()))`);
        return;
      case 'whenDone':
        this.make(dn as number, `w${step.w}.whenDone()`);
        return;
      case 'taskPause':
        this.attempt(`w${step.w}.pause()`);
        return;
      case 'taskResume':
        this.attempt(`w${step.w}.resume()`);
        return;
      case 'taskStop':
        this.attempt(`w${step.w}.stop()`);
        return;
      case 'coopStop':
        this.attempt(`k${step.k}.stop()`);
        return;
      case 'coopStart':
        this.attempt(`k${step.k}.start()`);
        return;
      case 'coopRead':
        this.line(this.st(this.py ? `t.read_cooperator(${step.k})` : `t.readCooperator(${step.k})`));
        return;
    }
  }

  /** A Cooperator's job, `job<id>`: a generator function that logs `job<id> <i>` before each op and `job<id> end` after the last. */
  job(job: Job): void {
    const name = `job${job.id}`;
    const body = (p: Printer): void => {
      if (p.py && !job.ops.some((op) => op.j !== 'throw')) {
        // Without a yield it would not be a generator function.
        p.line('if False:');
        p.indent(() => p.line('yield None'));
      }
      let ended = false;
      job.ops.forEach((op, i) => {
        if (ended) return;
        p.line(p.st(`t.log(${q(`${name} ${i}`)})`));
        switch (op.j) {
          case 'value':
            p.line(p.st(`yield ${val(op.v, p.lang)}`));
            break;
          case 'wait':
            p.line(p.st(`yield d${op.d}`));
            break;
          case 'throw':
            p.line(p.py ? `raise ${err(op.e, 'py')}` : `throw ${err(op.e, p.lang)};`);
            ended = true;
            break;
        }
      });
      if (ended) return;
      p.line(p.st(`t.log(${q(`${name} end`)})`));
    };
    if (this.py) {
      this.line(`def ${name}():`);
      this.indent(() => body(this));
    } else {
      this.line(`const ${name} = ${this.generatorText(body, this.typed ? ': Generator<unknown, void, unknown>' : '')};`);
    }
  }

  /** `function* ()<type> {` + the lines `body` prints, indented one level below the current line, + `}`. */
  generatorText(body: (printer: Printer) => void, type = ''): string {
    const lines = this.sub(body);
    const pad = INDENT.repeat(this.baseDepth + this.#depth + 1);
    const close = INDENT.repeat(this.baseDepth + this.#depth);
    return `function* ()${type} {\n${lines.map((text) => pad + text).join('\n')}\n${close}}`;
  }

  timed(action: TimedAction): string {
    switch (action.a) {
      case 'callback':
        return `d${action.d}.callback(${val(action.v, this.lang)})`;
      case 'errback':
        return `d${action.d}.errback(${err(action.e, this.lang)})`;
      case 'cancel':
        return `d${action.d}.cancel()`;
      case 'callCancel':
        return `c${action.c}.cancel()`;
      case 'callReset':
        return `c${action.c}.reset(${action.t})`;
      case 'callDelay':
        return `c${action.c}.delay(${action.t})`;
      case 'loopStop':
        return `l${action.l}.stop()`;
    }
  }

  /** `l<n> = new LoopingCall(loop<id>[, extra])` (or `LoopingCall.withCount(loop<id>)`) on the program's clock. */
  loop(fn: LoopFn, n: number): void {
    const name = `loop${fn.id}`;
    const counted = fn.withCount === true;
    const args = counted ? ['count'] : fn.extra !== undefined ? ['a'] : [];
    const enter = `t.${this.py ? 'loop_call' : 'loopCall'}(${[q(name), ...args].join(', ')})`;
    const body = (p: Printer): void => {
      if (fn.stopAt === null) p.line(p.st(enter));
      else if (p.py) {
        p.line(`if ${enter} == ${fn.stopAt}:`);
        p.indent(() => p.line(`l${n}.stop()`));
      } else {
        p.line(`if (${enter} === ${fn.stopAt}) l${n}.stop();`);
      }
      p.behaviour(fn.body, null);
    };
    const extra = !counted && fn.extra !== undefined ? `, ${val(fn.extra, this.lang)}` : '';
    if (this.py) {
      this.line(`def ${name}(${args.join(', ')}):`);
      this.indent(() => body(this));
      const made = counted ? `LoopingCall.withCount(${name})` : `LoopingCall(${name}${extra})`;
      this.line(`l${n} = t.loop(${n}, ${made})`);
      this.line(`l${n}.clock = clock`);
    } else {
      const fnText = this.arrowText(
        args.map((arg) => this.param(arg, counted ? 'number' : 'unknown')),
        this.sub(body),
      );
      // Typed explicitly: the function may name l<n> in its own initializer.
      const typeArgs = this.typed ? `<${!counted && fn.extra !== undefined ? '[unknown]' : '[]'}>` : '';
      const type = this.typed ? `: LoopingCall${typeArgs}` : '';
      const made = counted ? `LoopingCall.withCount(${fnText})` : `new LoopingCall${typeArgs}(${fnText}${extra})`;
      this.line(`const l${n}${type} = t.loop(${n}, ${made});`);
      this.line(`l${n}.clock = clock;`);
    }
  }

  lambda(expr: string): string {
    return this.py ? `lambda: ${expr}` : `() => ${expr}`;
  }

  attempt(expr: string): void {
    this.line(this.st(`t.attempt(${this.lambda(expr)})`));
  }

  make(n: number, expr: string): void {
    this.line(this.py ? `d${n} = t.make(${n}, lambda: ${expr})` : `const d${n} = t.make(${n}, () => ${expr});`);
  }

  primitive(n: number, kind: string, expr: string): void {
    this.line(this.py ? `p${n} = t.primitive(${n}, ${q(kind)}, ${expr})` : `const p${n} = t.primitive(${n}, ${q(kind)}, ${expr});`);
  }

  newDeferred(canceller: Canceller, n: number): void {
    if (canceller.k === 'none') {
      this.line(this.py ? `d${n} = t.register(${n}, Deferred())` : `const d${n} = t.register(${n}, new Deferred());`);
      return;
    }
    const body: string[] = [this.st(`t.log(${q(`canceller d${n}`)})`)];
    switch (canceller.k) {
      case 'noop':
        if (this.py) body.push('pass');
        break;
      case 'callback':
        body.push(this.st(`d.callback(${val(canceller.v, this.lang)})`));
        break;
      case 'errback':
        body.push(this.st(`d.errback(${err(canceller.e, this.lang)})`));
        break;
      case 'throw':
        body.push(this.py ? `raise ${err(canceller.e, 'py')}` : `throw ${err(canceller.e, this.lang)};`);
        break;
    }
    if (this.py) {
      this.line(`def canceller${n}(d):`);
      this.indent(() => body.forEach((text) => this.line(text)));
      this.line(`d${n} = t.register(${n}, Deferred(canceller${n}))`);
    } else {
      this.line(`const d${n} = t.register(${n}, new Deferred(${this.arrowText(['d'], body)}));`);
    }
  }

  /** A Fn as an argument: a name in Python (its def printed first), an arrow function otherwise. */
  callable(fn: Fn): string {
    if (this.py) return this.fnDef(fn);
    const name = `cb${fn.id}`;
    const args = fn.extra !== undefined ? ['x', 'a'] : ['x'];
    const body = this.sub((p) => {
      p.line(`t.enter(${q(name)}, ${args.join(', ')});`);
      p.behaviour(fn.body, 'x');
    });
    return this.arrowText(
      args.map((arg) => this.param(arg)),
      body,
    );
  }

  /** maybeDeferred's function `md<id>`, taking its argument `a` if it has one. */
  maybeCallable(fn: MaybeFn): string {
    return this.enteredCallable(`md${fn.id}`, fn.body, fn.extra !== undefined);
  }

  /** A function given to deferLater or `run`, `<prefix><id>`, taking no argument. */
  thunkCallable(thunk: Thunk, prefix: string): string {
    return this.enteredCallable(`${prefix}${thunk.id}`, thunk.body, false);
  }

  /**
   * A function `name([a])` that logs `t.enter(name[, a])` and runs `body` with `a` (or
   * None/undefined) as its input: a name in Python (its def printed first), an arrow
   * function otherwise.
   */
  enteredCallable(name: string, body: Behaviour, takesArgument: boolean): string {
    const args = takesArgument ? ['a'] : [];
    const input = takesArgument ? 'a' : null;
    const enter = `t.enter(${[q(name), ...args].join(', ')})`;
    if (this.py) {
      this.line(`def ${name}(${args.join(', ')}):`);
      this.indent(() => {
        this.line(enter);
        this.behaviour(body, input);
      });
      return name;
    }
    const lines = this.sub((p) => {
      p.line(`${enter};`);
      p.behaviour(body, input);
    });
    return this.arrowText(
      args.map((arg) => this.param(arg)),
      lines,
    );
  }

  /** Lines printed by `body` on a fresh printer at depth 0 (to be indented by arrowText). */
  sub(body: (printer: Printer) => void): string[] {
    const printer = new Printer(this.lang, 0);
    body(printer);
    return printer.lines;
  }

  /** `(params) => {` + body lines, indented one level below the current line, + `}`. */
  arrowText(params: string[], body: string[]): string {
    const pad = INDENT.repeat(this.baseDepth + this.#depth + 1);
    const close = INDENT.repeat(this.baseDepth + this.#depth);
    return `(${params.join(', ')}) => {\n${body.map((text) => pad + text).join('\n')}\n${close}}`;
  }

  inline(id: number, ops: readonly GenOp[], n: number, ensure: boolean): void {
    const name = `gen${id}`;
    const hasYield = ops.some((op) => op.g.startsWith('yield'));
    const body = (p: Printer): void => {
      p.line(p.st(`t.log(${q(`${name} start`)})`));
      p.line(p.py ? 'last = None' : `let ${p.param('last')} = undefined;`);
      for (const op of ops) {
        if (p.genOp(op, name)) break;
      }
      if (p.py && !hasYield) {
        p.line('if False:');
        p.indent(() => p.line('yield None'));
      }
    };
    const call = ensure ? `ensureDeferred(${name}())` : `${name}()`;
    if (this.py) {
      if (!ensure) this.line('@inlineCallbacks');
      this.line(`def ${name}():`);
      this.indent(() => body(this));
      this.make(n, call);
    } else {
      const fn = this.generatorText(body);
      this.line(ensure ? `const ${name} = ${fn};` : `const ${name} = inlineCallbacks(${fn});`);
      this.make(n, call);
    }
  }

  /** One generator statement; true when it ends the generator (nothing after it is printed). */
  genOp(op: GenOp, name: string): boolean {
    const yielded = (expr: string, withCatch: boolean): void => {
      const take = [this.st(`last = yield ${expr}`), this.st(`t.got(${q(name)}, last)`)];
      if (!withCatch) {
        take.forEach((text) => this.line(text));
        return;
      }
      if (this.py) {
        this.line('try:');
        this.indent(() => take.forEach((text) => this.line(text)));
        this.line('except Exception as e:');
        this.indent(() => this.line(`t.caught(${q(name)}, e)`));
      } else {
        this.line('try {');
        this.indent(() => take.forEach((text) => this.line(text)));
        this.line('} catch (e) {');
        this.indent(() => this.line(`t.caught(${q(name)}, e);`));
        this.line('}');
      }
    };
    switch (op.g) {
      case 'yieldD':
        yielded(`d${op.d}`, op.catch);
        return false;
      case 'yieldValue':
        yielded(val(op.v, this.lang), false);
        return false;
      case 'yieldSucceed':
        yielded(`succeed(${val(op.v, this.lang)})`, false);
        return false;
      case 'yieldFail':
        yielded(`fail(${err(op.e, this.lang)})`, op.catch);
        return false;
      case 'fire':
        this.line(this.st(`d${op.d}.callback(${val(op.v, this.lang)})`));
        return false;
      case 'cancel':
        this.line(this.st(`d${op.d}.cancel()`));
        return false;
      case 'throw':
        this.line(this.py ? `raise ${err(op.e, 'py')}` : `throw ${err(op.e, this.lang)};`);
        return true;
      case 'return':
        this.line(this.st(`return ${val(op.v, this.lang)}`));
        return true;
      case 'returnLast':
        this.line(this.st('return last'));
        return true;
    }
  }
}

/** The statements of `program(t)`, at the given indentation depth. */
export function printBody(program: Program, lang: Lang, depth = 0): string[] {
  const printer = new Printer(lang, depth);
  const dn = deferredNumbers(program);
  const pn = primitiveNumbers(program);
  const cn = callNumbers(program);
  const ln = loopNumbers(program);
  const kn = cooperatorNumbers(program);
  const wn = taskNumbers(program);
  if (usesClock(program)) printer.line(lang === 'py' ? 'clock = t.use_clock(Clock())' : 'const clock = t.useClock(new Clock());');
  program.steps.forEach((step, index) => {
    printer.step(step, index, dn.get(index), pn.get(index), cn.get(index), ln.get(index), kn.get(index), wn.get(index));
  });
  if (program.steps.length === 0 && lang === 'py') printer.line('pass');
  return printer.lines;
}

/** `function program(t) { ... }` / `def program(t): ...` under the given name. */
export function printFunction(program: Program, lang: Lang, name = 'program'): string {
  const body = printBody(program, lang, 1);
  if (lang === 'py') return [`def ${name}(t):`, ...(body.length === 0 ? ['    pass'] : body)].join('\n');
  const head = lang === 'ts' ? `export function ${name}(t: Tracer): void {` : `function ${name}(t) {`;
  return [head, ...body, '}'].join('\n');
}

export interface ModuleOptions {
  /** A comment for the top of the file (one or more lines, without comment markers). */
  readonly comment?: string | undefined;
  /** Import path of the library, from the printed file (TypeScript). */
  readonly library?: string | undefined;
  /** Import path of tracer.ts, from the printed file (TypeScript). */
  readonly tracer?: string | undefined;
  /** Directory holding tracer.py, relative to the printed file (Python). */
  readonly tracerDir?: string | undefined;
}

function commentLines(comment: string | undefined, marker: string): string[] {
  if (comment === undefined) return [];
  return comment.split('\n').map((text) => (text === '' ? marker : `${marker} ${text}`));
}

/** The names of `candidates` that `text` uses. */
function used(text: string, candidates: readonly string[]): string[] {
  return candidates.filter((name) => new RegExp(`\\b${name}\\b`).test(text));
}

/** A TypeScript file that exports `program(t)`, which runs the program and records its trace in `t`. */
export function tsModule(program: Program, options: ModuleOptions = {}): string {
  const library = options.library ?? '../../src/index.js';
  const tracer = options.tracer ?? './tracer.js';
  const fn = printFunction(program, 'ts');
  const fromLibrary = used(fn, LIBRARY_NAMES);
  return [
    ...commentLines(options.comment, '//'),
    ...(fromLibrary.length === 0 ? [] : [`import { ${fromLibrary.join(', ')} } from ${q(library)};`]),
    `import { ${[...used(fn, ['ErrA', 'ErrB', 'ErrC']), 'type Tracer'].join(', ')} } from ${q(tracer)};`,
    '',
    fn,
    '',
  ].join('\n');
}

/** The Python imports a printed program relies on (also what the worker gives `exec`). */
export const PY_IMPORTS = [
  'from twisted.internet.defer import (',
  '    AlreadyCalledError, CancelledError, Deferred, DeferredList, DeferredLock, DeferredQueue,',
  '    DeferredSemaphore, FirstError, TimeoutError, ensureDeferred, fail, gatherResults, inlineCallbacks,',
  '    maybeDeferred, succeed,',
  ')',
  'from twisted.internet.task import Clock, Cooperator, LoopingCall, deferLater',
  'from twisted.python.failure import Failure',
  'from tracer import ErrA, ErrB, ErrC, Tracer, run_standalone',
];

/** A Python file that, run with /usr/bin/python3, prints the program's trace on Twisted. */
export function pyModule(program: Program, options: ModuleOptions = {}): string {
  const tracerDir = options.tracerDir ?? '.';
  const fn = printFunction(program, 'py');
  const defer = used(fn, [
    'AlreadyCalledError',
    'CancelledError',
    'Deferred',
    'DeferredList',
    'DeferredLock',
    'DeferredQueue',
    'DeferredSemaphore',
    'FirstError',
    'TimeoutError',
    'ensureDeferred',
    'fail',
    'gatherResults',
    'inlineCallbacks',
    'maybeDeferred',
    'succeed',
  ]);
  const task = used(fn, ['Clock', 'Cooperator', 'LoopingCall', 'deferLater']);
  return [
    ...commentLines(options.comment, '#'),
    'import os',
    'import sys',
    '',
    ...(defer.length === 0 ? [] : [`from twisted.internet.defer import ${defer.join(', ')}`]),
    ...(task.length === 0 ? [] : [`from twisted.internet.task import ${task.join(', ')}`]),
    ...(used(fn, ['Failure']).length === 0 ? [] : ['from twisted.python.failure import Failure']),
    '',
    `sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ${q(tracerDir)}))`,
    `from tracer import ${[...used(fn, ['ErrA', 'ErrB', 'ErrC']), 'run_standalone'].join(', ')}  # noqa: E402`,
    '',
    '',
    fn,
    '',
    '',
    'if __name__ == "__main__":',
    '    run_standalone(program)',
    '',
  ].join('\n');
}
