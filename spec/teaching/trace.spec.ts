import { expect } from 'chai';
import { Deferred, DeferredList, fail, inlineCallbacks, succeed, type Failure } from '../../src/index.js';
import { collectGarbage } from '../support/helpers.js';
import { getTracing, label, setTracing, trace, traceAll, type StepRecord, type Trace, type TraceRecord } from '../../src/teaching/index.js';

/** The records of a trace as short strings, without seq numbers: what a reader checks. */
function brief(records: readonly TraceRecord[]): string[] {
  return records.map((record) => {
    switch (record.type) {
      case 'created':
        return `#${record.deferred} created${record.label === undefined ? '' : ` (${record.label})`}`;
      case 'added':
        return `#${record.deferred} added ${record.pair}: ${record.callback ?? '-'} | ${record.errback ?? '-'}${record.role === 'pair' ? '' : ` [${record.role} #${record.target}]`}`;
      case 'fired':
        return `#${record.deferred} fired ${record.column} ${record.value.repr}${record.by === undefined ? '' : ` by #${record.by}`}`;
      case 'step':
        return (
          `#${record.deferred} step ${record.pair} ${record.column} ${record.fn ?? '(pass)'}: ${record.input.repr} -> ` +
          `${record.output?.repr} ${record.outColumn}${record.threw === true ? ' threw' : ''}${record.handedTo === undefined ? '' : ` to #${record.handedTo}`}`
        );
      case 'waiting':
        return `#${record.deferred} waiting on #${record.on}`;
      case 'resumed':
        return `#${record.deferred} resumed from #${record.from} ${record.column} ${record.value.repr}`;
      case 'chained':
        return `#${record.deferred} chained to #${record.target}`;
      case 'paused':
      case 'unpaused':
        return `#${record.deferred} ${record.type} ${record.count}`;
      case 'cancelled':
        return `#${record.deferred} cancelled (${record.state}, canceller ${record.canceller ?? 'none'})`;
      case 'yielded':
        return `#${record.deferred} yielded ${record.on === undefined ? 'a value' : `#${record.on}`}`;
    }
  });
}

/** `text` with each `#N` renumbered from 1 in order of first appearance (Deferred numbers are global). */
function renumber(lines: string[]): string[] {
  const numbers = new Map<string, number>();
  return lines.map((line) =>
    line.replace(/#(\d+)/g, (_match, id: string) => {
      if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
      return `#${numbers.get(id)}`;
    }),
  );
}

function tracedRun(run: (trace: (d: Deferred<unknown>) => Trace) => void): string[] {
  let started: Trace | undefined;
  run((d) => (started = trace(d)));
  started?.stop();
  return renumber(brief(started?.records ?? []));
}

describe('teaching: trace()', () => {
  it('records each pair added, the firing and each step with the value in and out', () => {
    const lines = tracedRun((start) => {
      const d = new Deferred<number>();
      start(d);
      d.addCallback(function double(n: number) {
        return n * 2;
      });
      d.callback(21);
    });
    expect(lines).to.deep.equal(['#1 created', '#1 added 0: double | -', '#1 fired callback 21', '#1 step 0 callback double: 21 -> 42 callback']);
  });

  it('a callback that throws moves the result to the errback column, and the step says it threw', () => {
    const lines = tracedRun((start) => {
      const d = new Deferred<number>();
      start(d);
      d.addCallback(function boom(): number {
        throw new RangeError('no');
      });
      d.addCallbacks(
        function notRun(n: number) {
          return n;
        },
        function recover() {
          return 0;
        },
      );
      d.callback(1);
    });
    expect(lines.slice(3)).to.deep.equal([
      '#1 fired callback 1',
      '#1 step 0 callback boom: 1 -> Failure(RangeError: no) errback threw',
      '#1 step 1 errback recover: Failure(RangeError: no) -> 0 callback',
    ]);
  });

  it('a step marks a switch of columns', () => {
    const d = fail<number>(new Error('x'));
    const t = trace(d);
    d.addErrback(() => 1);
    t.stop();
    const step = t.records.find((record): record is StepRecord => record.type === 'step');
    expect(step?.switched).to.equal(true);
    expect([step?.column, step?.outColumn]).to.deep.equal(['errback', 'callback']);
  });

  it('a half that lets the result by is a step with no function', () => {
    const lines = tracedRun((start) => {
      const d = new Deferred<number>();
      start(d);
      d.addErrback(function unused() {
        return 0;
      });
      d.callback(7);
    });
    expect(lines.at(-1)).to.equal('#1 step 0 callback (pass): 7 -> 7 callback');
  });

  it('a Deferred returned by a callback is followed: waiting, its marker pair, the hand-over and the resumption', () => {
    const lines = tracedRun((start) => {
      const outer = new Deferred<number>();
      const inner = new Deferred<number>();
      start(outer);
      outer.addCallback(function wait() {
        return inner;
      });
      outer.addCallback(function after(n: number) {
        return n + 1;
      });
      outer.callback(0);
      inner.callback(5);
    });
    expect(lines.slice(3)).to.deep.equal([
      '#1 fired callback 0',
      '#1 step 0 callback wait: 0 -> <Deferred #2> callback',
      '#1 waiting on #2',
      '#2 created',
      '#2 added 0: CONTINUE | CONTINUE [waiter #1]',
      '#2 fired callback 5',
      '#2 step 0 callback CONTINUE: 5 -> undefined callback to #1',
      '#1 resumed from #2 callback 5',
      '#1 step 1 callback after: 5 -> 6 callback',
    ]);
  });

  it('a chainDeferred link is a pair that fires its target, which the trace follows', () => {
    const lines = tracedRun((start) => {
      const a = new Deferred<string>();
      const b = new Deferred<string>();
      start(a);
      a.chainDeferred(b);
      b.addCallback(function shout(s: string) {
        return s.toUpperCase();
      });
      a.callback('hi');
    });
    expect(lines).to.deep.equal([
      '#1 created',
      '#1 added 0: <Deferred #2>.callback | <Deferred #2>.errback [chain #2]',
      '#2 created',
      '#1 chained to #2',
      '#2 added 0: shout | -',
      '#1 fired callback \'hi\'',
      '#1 step 0 callback <Deferred #2>.callback: \'hi\' -> undefined callback to #2',
      '#2 fired callback \'hi\' by #1',
      '#2 step 0 callback shout: \'hi\' -> \'HI\' callback',
    ]);
  });

  it('pause and unpause are recorded with the counter after each', () => {
    const lines = tracedRun((start) => {
      const d = new Deferred<number>();
      start(d);
      d.pause();
      d.pause();
      d.unpause();
      d.unpause();
    });
    expect(lines.slice(1)).to.deep.equal(['#1 paused 1', '#1 paused 2', '#1 unpaused 1', '#1 unpaused 0']);
  });

  it('cancel is recorded with the canceller and the state it found', () => {
    const lines = tracedRun((start) => {
      const d = new Deferred<number>(function stopDownload() {
        // does not fire: cancel() errbacks with CancelledError
      });
      start(d);
      d.cancel();
      d.addErrback(() => 'cancelled');
    });
    expect(lines.slice(1, 3)).to.deep.equal(['#1 cancelled (unfired, canceller stopDownload)', '#1 fired errback Failure(CancelledError: the Deferred was cancelled)']);
  });

  it('pairs added before trace() are listed at once, so every step has its row', () => {
    const d = new Deferred<number>();
    d.addCallback(function early(n: number) {
      return n;
    });
    const t = trace(d, { label: 'page' });
    d.callback(1);
    t.stop();
    expect(renumber(brief(t.records))).to.deep.equal(['#1 created (page)', '#1 added 0: early | -', '#1 fired callback 1', '#1 step 0 callback early: 1 -> 1 callback']);
  });

  it('a Deferred yielded by an inlineCallbacks generator is followed', () => {
    const inner = new Deferred<number>();
    let t: Trace | undefined;
    const run = inlineCallbacks(function* () {
      const n: number = yield inner;
      return n * 10;
    });
    setTracing(true);
    try {
      const d = run();
      inner.callback(4);
      d.addCallback(() => undefined);
      t = getTracing();
    } finally {
      setTracing(false);
    }
    const yielded = t?.records.filter((record) => record.type === 'yielded') ?? [];
    expect(yielded.map((record) => record.type === 'yielded' && record.on)).to.deep.equal([Number(/#(\d+)/.exec(String(inner))?.[1])]);
  });

  it('other Deferreds are not in a trace of one', () => {
    const d = new Deferred<number>();
    const t = trace(d);
    const other = new Deferred<number>();
    other.addCallback((n) => n);
    other.callback(1);
    t.stop();
    expect(t.records.map((record) => record.deferred)).to.not.include(Number(/#(\d+)/.exec(String(other))?.[1]));
  });

  it('records stop at stop(), and the trace says it is no longer active', () => {
    const d = new Deferred<number>();
    const t = trace(d);
    t.stop();
    d.addCallback((n) => n);
    expect(t.records.length).to.equal(1);
    expect(t.active).to.equal(false);
  });

  it('records are plain data: JSON round-trips them unchanged', () => {
    const d = new Deferred<number>();
    const t = trace(d);
    d.addCallback((n) => n + 1).addErrback((f: Failure) => f);
    d.errback(new TypeError('bad'));
    t.stop();
    expect(JSON.parse(JSON.stringify(t))).to.deep.equal({ records: t.records });
  });

  it('seq numbers run from 1 across every Deferred of a trace, in the order things happened', () => {
    const t = traceAll();
    const a = new Deferred<number>();
    const b = new Deferred<number>();
    a.addCallback(() => b.callback(2));
    a.callback(1);
    t.stop();
    expect(t.records.map((record) => record.seq)).to.deep.equal(t.records.map((_record, index) => index + 1));
    expect(new Set(t.records.map((record) => record.deferred)).size).to.equal(2);
  });

  it('setTracing(true) traces every Deferred until setTracing(false)', () => {
    setTracing(true);
    const t = getTracing();
    succeed(1).addCallback((n) => n);
    setTracing(false);
    expect(getTracing()).to.equal(undefined);
    expect(t?.records.some((record) => record.type === 'step')).to.equal(true);
    expect(t?.active).to.equal(false);
  });

  it('a trace of a combinator\'s member names the member pair', () => {
    const a = new Deferred<number>();
    const t = trace(a);
    new DeferredList([a]).addCallback(() => undefined);
    a.callback(1);
    t.stop();
    expect(renumber(brief(t.records))).to.include('#1 added 0: member 0 | member 0 [member #2]');
  });

  it('with debugging on for the Deferred, each pair says where it was added', () => {
    const d = new Deferred<number>();
    d.debug = true;
    const t = trace(d);
    d.addCallback((n) => n);
    t.stop();
    const added = t.records.find((record) => record.type === 'added');
    // The spec's own frame: this file in Node, the bundled suite in the browser run; never txdefer's.
    expect(added?.type === 'added' && added.at).to.match(/trace\.spec\.ts|suite\.js/);
  });

  it('tracing changes nothing a chain does: same results, same unhandled state, same re-entrancy', () => {
    function program(): unknown[] {
      const seen: unknown[] = [];
      const a = new Deferred<number>();
      const b = new Deferred<number>();
      a.addCallback((n) => {
        b.callback(n + 1);
        return b;
      });
      a.addCallback((n) => {
        seen.push(n);
        throw new Error('late');
      });
      a.addErrback((f: Failure) => seen.push(f.getErrorMessage()));
      a.pause();
      a.callback(1);
      seen.push(a.called, a.paused);
      a.unpause();
      seen.push(a.result, b.result);
      return seen;
    }
    const plain = program();
    setTracing(true);
    let traced: unknown[];
    try {
      traced = program();
    } finally {
      setTracing(false);
    }
    expect(traced).to.deep.equal(plain);
  });

  it('a trace that is on holds no Deferred its program dropped (a refused chainDeferred link included)', async () => {
    const t = traceAll();
    let refs: Array<WeakRef<object>> = [];
    try {
      (() => {
        const target = succeed(1);
        const source = new Deferred<number>();
        source.chainDeferred(target); // the link will be refused: target has fired
        source.addErrback(() => undefined);
        const outer = new Deferred<number>();
        const inner = new Deferred<number>();
        outer.addCallback(() => inner);
        outer.callback(0);
        source.callback(2);
        refs = [source, target, outer, inner].map((d) => new WeakRef(d));
      })();
      await collectGarbage();
      expect(refs.filter((ref) => ref.deref() !== undefined)).to.have.length(0);
    } finally {
      t.stop();
    }
  });

  it('refuses what is not a Deferred, naming what it got', () => {
    expect(() => trace({ then() {} } as never)).to.throw(TypeError, /trace: `deferred` must be a Deferred, got/);
    expect(() => setTracing('yes' as never)).to.throw(TypeError, /setTracing: `on` must be true or false/);
    expect(() => label(new Deferred(), 3 as never)).to.throw(TypeError, /label: `name` must be a string/);
  });
});
