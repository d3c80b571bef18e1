/**
 * DeferredListObserver (txdlo, post "txdlo – a Twisted deferred list observer"): ports
 * txdlo's 16 tests, plus the defect found in it (an observer that raises). Facts marked
 * "(txdlo)" are backed by spec/oracle/txdlo_observer.out, txdlo's logic written from
 * the post and its README and run under Twisted 22.4.
 */
import { expect } from 'chai';
import {
  captureUnhandledErrors,
  Deferred,
  DeferredListObserver,
  fail,
  Failure,
  NoHistoryError,
  succeed,
} from '../../src/index.js';
import { failureResultOf, successResultOf } from '../support/helpers.js';
import { FLAT_HEAP_BYTES, heapGrowth, SOAK_OPERATIONS } from '../support/soak.js';

type Event = [number, boolean, unknown];

function recorder(): { events: Event[]; fn: (index: number, success: boolean, value: unknown) => void } {
  const events: Event[] = [];
  return { events, fn: (index, success, value) => events.push([index, success, value]) };
}

describe('DeferredListObserver', () => {
  it('a new observer has every count at zero (txdlo testEmptySetHasCountsZero)', () => {
    const dlo = new DeferredListObserver();
    expect([dlo.pendingCount, dlo.successCount, dlo.failureCount]).to.deep.equal([0, 0, 0]);
  });

  it('appending an unfired Deferred makes one pending (txdlo)', () => {
    const dlo = new DeferredListObserver();
    dlo.append(new Deferred());
    expect([dlo.pendingCount, dlo.successCount, dlo.failureCount]).to.deep.equal([1, 0, 0]);
  });

  it('appending a fired Deferred counts one success, and the history has its event (txdlo)', () => {
    const dlo = new DeferredListObserver({ maintainHistory: true });
    dlo.append(succeed(undefined));
    expect([dlo.pendingCount, dlo.successCount, dlo.failureCount]).to.deep.equal([0, 1, 0]);
    expect(dlo.history).to.deep.equal([[0, true, undefined]]);
  });

  it('appending a failed Deferred counts one failure (txdlo)', () => {
    const dlo = new DeferredListObserver();
    const d = dlo.append(fail(new Error('x')));
    d.addErrback(() => undefined);
    expect([dlo.pendingCount, dlo.successCount, dlo.failureCount]).to.deep.equal([0, 0, 1]);
  });

  it('a pending Deferred that succeeds or fails moves from pending to the right count (txdlo)', () => {
    const dlo = new DeferredListObserver();
    const ok = dlo.append(new Deferred<number>());
    const bad = dlo.append(new Deferred<number>());
    ok.callback(1);
    expect([dlo.pendingCount, dlo.successCount, dlo.failureCount]).to.deep.equal([1, 1, 0]);
    bad.errback(new Error('x'));
    bad.addErrback(() => undefined);
    expect([dlo.pendingCount, dlo.successCount, dlo.failureCount]).to.deep.equal([0, 1, 1]);
  });

  it('observers get (index, success, value), in the order they were added (txdlo)', () => {
    const dlo = new DeferredListObserver();
    const calls: string[] = [];
    dlo.observe((index, success, value) => calls.push(`first ${index} ${success} ${String(value)}`));
    dlo.observe((index, success, value) => calls.push(`second ${index} ${success} ${String(value)}`));
    const d = dlo.append(new Deferred<number>());
    d.callback(42);
    expect(calls).to.deep.equal(['first 0 true 42', 'second 0 true 42']);
  });

  it('a failure reaches observers as (index, false, Failure) (txdlo)', () => {
    const dlo = new DeferredListObserver();
    const { events, fn } = recorder();
    dlo.observe(fn);
    const error = new RangeError('bad');
    const d = dlo.append(new Deferred());
    d.errback(error);
    d.addErrback(() => undefined);
    expect(events).to.have.length(1);
    const [index, success, value] = events[0] as Event;
    expect([index, success]).to.deep.equal([0, false]);
    expect(value).to.be.instanceOf(Failure);
    expect((value as Failure).value).to.equal(error);
  });

  it('indices count from 0 in append order; events come in firing order (txdlo)', () => {
    const dlo = new DeferredListObserver({ maintainHistory: true });
    const a = dlo.append(new Deferred<string>());
    dlo.append(succeed('b'));
    const c = dlo.append(new Deferred<string>());
    dlo.append(succeed('d'));
    c.callback('c');
    a.callback('a');
    expect(dlo.history).to.deep.equal([[1, true, 'b'], [3, true, 'd'], [2, true, 'c'], [0, true, 'a']]);
    expect([dlo.pendingCount, dlo.successCount, dlo.failureCount]).to.deep.equal([0, 4, 0]);
  });

  it('append returns the Deferred, and its own callbacks still see the value (txdlo)', () => {
    const dlo = new DeferredListObserver();
    const d = new Deferred<number>();
    expect(dlo.append(d)).to.equal(d);
    d.callback(5);
    expect(successResultOf(d)).to.equal(5);
  });

  it('it never consumes a failure: the Deferred\'s own errbacks still get it (txdlo)', () => {
    const dlo = new DeferredListObserver();
    const d = dlo.append(new Deferred<number>());
    d.errback(new RangeError('kept'));
    expect(failureResultOf(d, RangeError).getErrorMessage()).to.equal('kept');
  });

  it('a late observer with replayHistory gets the earlier events first (txdlo)', () => {
    const dlo = new DeferredListObserver({ maintainHistory: true });
    dlo.append(succeed(1));
    const later = dlo.append(new Deferred<number>());
    const { events, fn } = recorder();
    dlo.observe(fn, { replayHistory: true });
    later.callback(2);
    expect(events).to.deep.equal([[0, true, 1], [1, true, 2]]);
  });

  it('a late observer without replay gets only later events (txdlo)', () => {
    const dlo = new DeferredListObserver({ maintainHistory: true });
    dlo.append(succeed(1));
    const { events, fn } = recorder();
    dlo.observe(fn);
    expect(events).to.deep.equal([]);
  });

  it('replay without history throws NoHistoryError (txdlo: RuntimeError)', () => {
    const dlo = new DeferredListObserver();
    expect(() => dlo.observe(() => undefined, { replayHistory: true })).to.throw(NoHistoryError, 'made without maintainHistory');
  });

  it('history is undefined without maintainHistory, and a copy with it', () => {
    expect(new DeferredListObserver().history).to.equal(undefined);
    const dlo = new DeferredListObserver({ maintainHistory: true });
    dlo.append(succeed(1));
    dlo.history?.push([9, true, 9]);
    expect(dlo.history).to.deep.equal([[0, true, 1]]);
    expect(dlo.maintainHistory).to.equal(true);
  });

  it('an observer that throws breaks neither the observed Deferred nor the other observers; its error is reported once', () => {
    const log = captureUnhandledErrors();
    try {
      const dlo = new DeferredListObserver();
      const { events, fn } = recorder();
      dlo.observe(() => {
        throw new RangeError('[observer]');
      });
      dlo.observe(fn);
      const d = dlo.append(new Deferred<number>());
      d.callback(1);
      expect(successResultOf(d)).to.equal(1);
      expect(events).to.deep.equal([[0, true, 1]]);
      expect(log.reports.map((r) => [r.heading, r.failure.getErrorMessage()])).to.deep.equal([
        ['Exception raised by a DeferredListObserver observer', '[observer]'],
      ]);
    } finally {
      log.stop();
    }
  });

  it('an observer added by an observer hears of later events only', () => {
    const dlo = new DeferredListObserver();
    const { events, fn } = recorder();
    let added = false;
    dlo.observe(() => {
      if (!added) {
        added = true;
        dlo.observe(fn);
      }
    });
    dlo.append(succeed('first'));
    dlo.append(succeed('second'));
    expect(events).to.deep.equal([[1, true, 'second']]);
  });

  it('bad arguments are TypeErrors naming them', () => {
    const dlo = new DeferredListObserver();
    expect(() => dlo.append(5 as unknown as Deferred<unknown>)).to.throw(TypeError, '`d` must be a Deferred, got number 5');
    expect(() => dlo.observe('f' as unknown as () => void)).to.throw(TypeError, "`fn` must be a function, got string 'f'");
    expect(() => dlo.observe(() => undefined, { replayHistory: 1 as unknown as boolean })).to.throw(TypeError, '`replayHistory` must be a boolean, got number 1');
    expect(() => new DeferredListObserver({ maintainHistory: 'yes' as unknown as boolean })).to.throw(TypeError, "`maintainHistory` must be a boolean, got string 'yes'");
  });

  it(`${SOAK_OPERATIONS.toLocaleString('en')} appends keep the heap flat without history (soak)`, async function () {
    this.timeout(120_000);
    const dlo = new DeferredListObserver<number>();
    let total = 0;
    dlo.observe((_index, _success, value) => {
      total += value as number;
    });
    const growth = await heapGrowth(SOAK_OPERATIONS, (i) => {
      const d = dlo.append(new Deferred<number>());
      dlo.append(succeed(1));
      d.callback(i % 2);
    });
    expect([dlo.pendingCount, dlo.failureCount, dlo.successCount]).to.deep.equal([0, 0, 2 * SOAK_OPERATIONS]);
    expect(total).to.be.above(SOAK_OPERATIONS);
    expect(growth).to.be.below(FLAT_HEAP_BYTES);
  });
});
