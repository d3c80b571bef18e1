/**
 * Porting traps (issue 9, items 11-17): Twisted code ported line by line must either work
 * as it does in Twisted or fail loudly at the call, never do something else in silence.
 * Each `it` is backed by the line with the same label in spec/oracle/porting_traps.out,
 * printed by real Twisted, where Twisted has the case.
 */
import { expect } from 'chai';
import {
  AlreadyCalledError,
  Clock,
  CONTINUE,
  Deferred,
  deferLater,
  DeferredList,
  Failure,
  LoopingCall,
  passthru,
  RealTimeScheduler,
  setDebugging,
  TimeoutError,
} from '../../src/index.js';
import { failureResultOf, successResultOf } from '../support/helpers.js';

class ConnectionDone extends Error {
  override name = 'ConnectionDone';
}

describe('Porting traps: addCallbacks in Twisted\'s positional order (item 11)', () => {
  it('positional errbackArgs: addCallbacks(cb, eb, [1], null, [2]) gives the errback its argument', () => {
    const seen: unknown[] = [];
    const d = new Deferred<number>();
    d.addCallbacks(
      (_result: number, x: unknown) => {
        seen.push(['cb', x]);
      },
      (_failure: Failure, y: unknown) => {
        seen.push(['eb', y]);
      },
      [1],
      null,
      [2],
    );
    d.errback(new Error('e'));
    expect(seen).to.deep.equal([['eb', 2]]);
  });

  it('callbackKeywords: a keywords object is passed as one trailing argument', () => {
    const seen: unknown[] = [];
    const d = new Deferred<number>();
    d.addCallbacks(
      (_result: number, x: unknown, options: { flag?: boolean } = {}) => {
        seen.push(['cb', x, options.flag ?? false]);
      },
      null,
      [1],
      { flag: true },
    );
    d.callback(0);
    expect(seen).to.deep.equal([['cb', 1, true]]);
  });

  it('errbackKeywords are passed the same way, after errbackArgs', () => {
    const seen: unknown[] = [];
    const d = new Deferred<number>();
    d.addCallbacks(
      () => undefined,
      (_failure: Failure, y: unknown, options: { why?: string } = {}) => {
        seen.push([y, options.why]);
      },
      null,
      null,
      ['arg'],
      { why: 'keyword' },
    );
    d.errback(new Error('e'));
    expect(seen).to.deep.equal([['arg', 'keyword']]);
  });

  it('empty keywords add no argument (as Python passes none)', () => {
    const seen: unknown[][] = [];
    const d = new Deferred<number>();
    d.addCallbacks((...args: unknown[]) => {
      seen.push(args);
    }, null, [], {});
    d.callback(5);
    expect(seen).to.deep.equal([[5]]);
  });

  it('the txdefer order still works: addCallbacks(cb, eb, callbackArgs, errbackArgs)', () => {
    const seen: unknown[] = [];
    const d = new Deferred<number>();
    d.addCallbacks(
      (_result: number, _x: number) => undefined,
      (_failure: Failure, y: unknown) => {
        seen.push(y);
      },
      [1],
      [2],
    );
    d.errback(new Error('e'));
    expect(seen).to.deep.equal([2]);
  });

  it('an array in fourth place with more arguments after it is refused, naming the mix-up', () => {
    const d = new Deferred<number>();
    expect(() => d.addCallbacks(() => undefined, null, [1], [2] as never, [3])).to.throw(
      TypeError,
      "they are read in Twisted's order (callback, errback, callbackArgs, callbackKeywords, errbackArgs, errbackKeywords), so the fourth must be a keywords object or null, got object [2]",
    );
    expect(d.callbacks).to.have.length(0);
  });

  it('a keywords argument that is not an object is refused, naming it', () => {
    const d = new Deferred<number>();
    expect(() => d.addCallbacks(() => undefined, () => undefined, null, null, null, 'x' as never)).to.throw(
      TypeError,
      "Deferred.addCallbacks: `errbackKeywords` must be an object of keyword arguments or null, got string 'x'",
    );
  });

  it('errback arguments without an errback are refused, naming them (Twisted would fail when a failure arrives)', () => {
    const d = new Deferred<number>();
    expect(() => d.addCallbacks(() => undefined, null, null, null, [2])).to.throw(
      TypeError,
      'Deferred.addCallbacks: `errbackArgs` was given without an `errback` to pass it to',
    );
    expect(() => d.addCallbacks(() => undefined, null, null, [2] as never)).to.throw(TypeError, '`errbackArgs` was given without an `errback`');
    expect(d.callbacks).to.have.length(0);
  });

  it('the arguments are copied: changing the caller\'s array later changes nothing', () => {
    const args = [1];
    const seen: unknown[] = [];
    const d = new Deferred<number>();
    d.addCallbacks((_result: number, x: number) => {
      seen.push(x);
    }, null, args as [number]);
    args[0] = 99;
    d.callback(0);
    expect(seen).to.deep.equal([1]);
  });
});

describe('Porting traps: per-Deferred debugging (item 12)', () => {
  afterEach(() => {
    setDebugging(false);
  });

  it('per-instance debug message has invoker: d.debug = true records where it was first fired', () => {
    const d = new Deferred<number>();
    d.debug = true;
    d.callback(1);
    let error: unknown;
    try {
      d.callback(2);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).to.be.instanceOf(AlreadyCalledError);
    const lines = (error as Error).message.split('\n');
    expect(lines.some((line) => line.startsWith(' I:'))).to.equal(true);
  });

  it('without debug, the message has no stacks', () => {
    const d = new Deferred<number>();
    d.callback(1);
    expect(() => d.callback(2)).to.throw(AlreadyCalledError).with.property('message').that.does.not.include(' I:');
  });

  it('d.debug reads the global switch until set on the Deferred, and then its own', () => {
    const d = new Deferred<number>();
    expect(d.debug).to.equal(false);
    setDebugging(true);
    expect(d.debug).to.equal(true);
    d.debug = false;
    expect(d.debug).to.equal(false);
    const d2 = new Deferred<number>();
    d2.debug = true;
    setDebugging(false);
    expect(d2.debug).to.equal(true);
  });

  it('d.debug = false turns debugging off for one Deferred while it is on globally', () => {
    setDebugging(true);
    const d = new Deferred<number>();
    d.debug = false;
    d.callback(1);
    expect(() => d.callback(2)).to.throw(AlreadyCalledError).with.property('message').that.does.not.include(' I:');
  });

  it('Deferred.debug is the global switch (Twisted\'s class attribute)', () => {
    Deferred.debug = true;
    expect(new Deferred().debug).to.equal(true);
    Deferred.debug = false;
    expect(new Deferred().debug).to.equal(false);
  });

  it('refuses a debug value that is not a boolean, naming it', () => {
    const d = new Deferred<number>();
    expect(() => {
      d.debug = 1 as unknown as boolean;
    }).to.throw(TypeError, 'Deferred.debug must be set to true or false, got number 1');
  });
});

describe('Porting traps: check and trap with dotted names (item 13)', () => {
  it('check dotted: a qualified Python name matches on its last part, as a class name', () => {
    const failure = new Failure(new ConnectionDone());
    expect(failure.check('twisted.internet.error.ConnectionDone')).to.equal('twisted.internet.error.ConnectionDone');
  });

  it('trap dotted: a qualified Python name matches on its last part', () => {
    const failure = new Failure(new ConnectionDone());
    expect(failure.trap('twisted.internet.error.ConnectionDone')).to.equal('twisted.internet.error.ConnectionDone');
  });

  it('a dotted name with a different last part does not match', () => {
    expect(new Failure(new ConnectionDone()).check('twisted.internet.error.ConnectionLost')).to.equal(undefined);
  });
});

describe('Porting traps: the attributes trial tests read (item 14)', () => {
  it('seconds after rightNow=10: setting clock.rightNow moves time without running anything', () => {
    const clock = new Clock();
    let ran = false;
    clock.callLater(5, () => {
      ran = true;
    });
    clock.rightNow = 10;
    expect(clock.seconds()).to.equal(10);
    expect(ran).to.equal(false);
    clock.advance(0);
    expect(ran).to.equal(true);
  });

  it('clock.rightNow refuses what is not a finite number, naming it', () => {
    const clock = new Clock();
    expect(() => {
      clock.rightNow = '10' as unknown as number;
    }).to.throw(TypeError, "Clock.rightNow must be a number of seconds, got string '10'");
    expect(() => {
      clock.rightNow = NaN;
    }).to.throw(RangeError, 'Clock.rightNow must be a finite number of seconds, got NaN');
  });

  it('calls: clock.calls lists the pending calls, and is a frozen copy', () => {
    const clock = new Clock();
    const later = clock.callLater(2, () => undefined);
    const sooner = clock.callLater(1, () => undefined);
    expect(clock.calls).to.deep.equal([sooner, later]);
    expect(() => {
      (clock.calls as unknown[]).length = 0;
    }).to.throw(TypeError);
    expect(() => {
      (clock as unknown as { calls: unknown[] }).calls = [];
    }).to.throw(TypeError);
    expect(clock.calls).to.have.length(2);
  });

  it('time, args and kw: a DelayedCall shows when it is due, its function and its arguments', () => {
    const clock = new Clock();
    clock.rightNow = 10;
    const tick = (x: number): number => x;
    const call = clock.callLater(1, tick, 5);
    expect(call.time).to.equal(11);
    expect(call.func).to.equal(tick);
    expect(call.args).to.deep.equal([5]);
    expect(call.kw).to.deep.equal({});
    call.delay(2);
    expect([call.time, call.delayed_time, call.getTime()]).to.deep.equal([11, 2, 13]);
  });

  it('func after cancel: the function and arguments are let go of (Twisted deletes them)', () => {
    const call = new Clock().callLater(1, (x: number) => x, 5);
    call.cancel();
    expect(call.func).to.equal(undefined);
    expect(call.args).to.equal(undefined);
    expect(call.kw).to.equal(undefined);
  });

  it('a DelayedCall\'s attributes cannot be assigned', () => {
    const call = new Clock().callLater(1, () => undefined);
    expect(() => {
      (call as unknown as { time: number }).time = 5;
    }).to.throw(TypeError);
    expect(call.getTime()).to.equal(1);
  });

  it('callbacks entry: d.callbacks shows each pair as [[fn, args, kw], [fn, args, kw]], passthru in the empty half', () => {
    const d = new Deferred<number>();
    const add = (x: number, y: number): number => x + y;
    d.addCallback(add, 2);
    expect(d.callbacks).to.have.length(1);
    expect(d.callbacks[0]).to.deep.equal([
      [add, [2], {}],
      [passthru, [], {}],
    ]);
  });

  it('d.callbacks shows a Deferred waiting on this one as CONTINUE with the waiter', () => {
    const inner = new Deferred<number>();
    const outer = new Deferred<null>();
    outer.addCallback(() => inner);
    outer.callback(null);
    expect(inner.callbacks).to.deep.equal([
      [
        [CONTINUE, [outer], {}],
        [CONTINUE, [outer], {}],
      ],
    ]);
  });

  it('d.callbacks is a frozen copy: emptying it throws, and the chain is unchanged', () => {
    const d = new Deferred<number>();
    d.addCallback((x) => x + 1);
    d.addCallback((x) => x * 2);
    const callbacks = d.callbacks as unknown[];
    expect(() => {
      callbacks.length = 0;
    }).to.throw(TypeError);
    expect(() => callbacks.splice(0)).to.throw(TypeError);
    d.callback(1);
    expect(successResultOf(d)).to.equal(4);
  });

  it('callbacks length: pairs that have run are no longer listed', () => {
    const d = new Deferred<number>();
    d.addCallback((x) => x);
    d.addCallback((x) => x);
    d.pause();
    d.callback(1);
    expect(d.callbacks).to.have.length(2);
    d.unpause();
    expect(d.callbacks).to.have.length(0);
  });
});

describe('Porting traps: one rule for negative delays (item 15)', () => {
  it('negative callLater runs on advance(0), before calls due later', () => {
    const clock = new Clock();
    const ran: string[] = [];
    clock.callLater(0, () => ran.push('due now'));
    clock.callLater(-1, () => ran.push('overdue'));
    clock.advance(0);
    expect(ran).to.deep.equal(['overdue', 'due now']);
  });

  it('addTimeout(-1) pending, and after advance(0) it has timed out', () => {
    const clock = new Clock();
    const d = new Deferred<number>();
    d.addTimeout(-1, clock);
    expect(d.called).to.equal(false);
    clock.advance(0);
    failureResultOf(d, TimeoutError);
  });

  it('deferLater(-1) fires at the next advance', () => {
    const clock = new Clock();
    const d = deferLater(clock, -1, () => 'v');
    clock.advance(0);
    expect(successResultOf(d)).to.equal('v');
  });

  it('DelayedCall.reset to a negative number of seconds makes it due', () => {
    const clock = new Clock();
    let ran = false;
    const call = clock.callLater(10, () => {
      ran = true;
    });
    call.reset(-1);
    clock.advance(0);
    expect(ran).to.equal(true);
  });

  it('the real-time scheduler runs a call with a negative delay as soon as it can', async () => {
    const scheduler = new RealTimeScheduler();
    const ran = await new Promise<boolean>((resolve) => {
      scheduler.callLater(-1, () => resolve(true));
    });
    expect(ran).to.equal(true);
  });

  it('NaN is refused everywhere with the same RangeError, and a non-number with the same TypeError', () => {
    const clock = new Clock();
    for (const [what, call] of [
      ['Clock.callLater', () => clock.callLater(NaN, () => undefined)],
      ['Deferred.addTimeout', () => new Deferred().addTimeout(NaN, clock)],
      ['deferLater', () => deferLater(clock, NaN)],
    ] as const) {
      expect(call).to.throw(RangeError, `${what}: \`${what === 'Deferred.addTimeout' ? 'timeout' : 'delay'}\` must be a number of seconds, got NaN`);
    }
    expect(() => new Deferred().addTimeout('1' as unknown as number, clock)).to.throw(TypeError, 'Deferred.addTimeout: `timeout` must be a number of seconds');
  });

  it('LoopingCall(-1): an interval is not a delay, and a negative one is refused (Twisted raises ValueError)', () => {
    const loop = new LoopingCall(() => undefined);
    loop.clock = new Clock();
    expect(() => loop.start(-1)).to.throw(RangeError);
  });
});

describe('Porting traps: bad input named, prototypes that throw (item 17)', () => {
  it('new DeferredList(null) names the argument', () => {
    expect(() => new DeferredList(null as never)).to.throw(
      TypeError,
      'DeferredList: `deferredList` must be an iterable of Deferreds (an array, say), got null',
    );
  });

  it('check answers for a value whose prototype has a throwing `constructor` getter, and trap re-throws the value itself', () => {
    const proto = Object.defineProperty({}, 'constructor', {
      get(): never {
        throw new Error('constructor getter');
      },
    });
    const value = Object.create(proto) as object;
    const failure = new Failure(value);
    expect(failure.check(Error, 'Whatever')).to.equal(undefined);
    let rethrown: unknown;
    try {
      failure.trap(Error);
    } catch (thrown) {
      rethrown = thrown;
    }
    expect(rethrown).to.equal(value);
  });
});
