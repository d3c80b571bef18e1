/**
 * DeferredPriorityQueue (txrdq's dpq.py, post "A resizable dispatch queue for
 * Twisted"): lower priority first, FIFO among equals, DeferredQueue's size/backlog.
 * The ordering facts are backed by spec/oracle/txrdq_priority.out (txrdq's heap rule,
 * `(priority, count)`, run under Twisted 22.4).
 */
import { expect } from 'chai';
import { CancelledError, Deferred, DeferredPriorityQueue, QueueOverflow, QueueUnderflow } from '../../src/index.js';
import { assertNoResult, failureResultOf, successResultOf } from '../support/helpers.js';
import { CANCEL_EVERY, cancelWaiting, FLAT_HEAP_BYTES, heapGrowth, SOAK_OPERATIONS } from '../support/soak.js';

function drain<T>(queue: DeferredPriorityQueue<T>): T[] {
  const out: T[] = [];
  while (queue.pendingCount > 0) out.push(successResultOf(queue.get()));
  return out;
}

describe('DeferredPriorityQueue', () => {
  it('a lower priority number comes out first', () => {
    const queue = new DeferredPriorityQueue<string>();
    queue.put('low', 5);
    queue.put('high', -1);
    queue.put('middle', 0);
    expect(drain(queue)).to.deep.equal(['high', 'middle', 'low']);
  });

  it('equal priorities come out in the order they were put', () => {
    const queue = new DeferredPriorityQueue<number>();
    const priorities = [3, 1, 3, 2, 1, 3, 2, 1];
    priorities.forEach((priority, index) => queue.put(index, priority));
    expect(drain(queue)).to.deep.equal([1, 4, 7, 3, 6, 0, 2, 5]);
  });

  it('the default priority is 0', () => {
    const queue = new DeferredPriorityQueue<string>();
    queue.put('zero');
    queue.put('minus one', -1);
    expect(drain(queue)).to.deep.equal(['minus one', 'zero']);
  });

  it('pending lists the objects in the order get would take them, as a copy', () => {
    const queue = new DeferredPriorityQueue<string>();
    queue.put('b', 2);
    queue.put('a', 1);
    (queue.pending as string[]).push('x');
    expect(queue.pending).to.deep.equal(['a', 'b']);
    expect(queue.pendingCount).to.equal(2);
  });

  it('a get on an empty queue waits and the next put fires it, whatever its priority', () => {
    const queue = new DeferredPriorityQueue<string>();
    const first = queue.get();
    const second = queue.get();
    assertNoResult(first);
    queue.put('late', 99);
    queue.put('early', -99);
    expect([successResultOf(first), successResultOf(second)]).to.deep.equal(['late', 'early']);
    expect(queue.waitingCount).to.equal(0);
  });

  it('a cancelled get fails with CancelledError and leaves the line', () => {
    const queue = new DeferredPriorityQueue<string>();
    const d = queue.get();
    d.cancel();
    failureResultOf(d, CancelledError);
    queue.put('x');
    expect(queue.pending).to.deep.equal(['x']);
  });

  it('size and backlog work as for DeferredQueue: QueueOverflow and QueueUnderflow at once', () => {
    const queue = new DeferredPriorityQueue<number>({ size: 1, backlog: 1 });
    queue.get();
    expect(() => queue.get()).to.throw(QueueUnderflow, 'DeferredPriorityQueue.get: the queue is empty and 1 getters are already waiting (backlog 1)');
    queue.put(1);
    queue.put(2);
    expect(() => queue.put(3)).to.throw(QueueOverflow, 'DeferredPriorityQueue.put: the queue is full (size 1, 1 pending) and no getter is waiting');
  });

  it('bad options, priorities and Deferreds are refused with errors naming them', () => {
    const make = DeferredPriorityQueue as unknown as new (options: unknown) => DeferredPriorityQueue<unknown>;
    expect(() => new make(3)).to.throw(TypeError, '`options` must be an object such as { size, backlog }, got number 3');
    expect(() => new DeferredPriorityQueue({ size: -1 })).to.throw(RangeError, 'new DeferredPriorityQueue: `size` must be an integer >= 0, or undefined for no limit, got -1');
    const queue = new DeferredPriorityQueue<unknown>();
    expect(() => queue.put('x', '1' as unknown as number)).to.throw(TypeError, "DeferredPriorityQueue.put: `priority` must be a number (lower comes out first), got string '1'");
    expect(() => queue.put('x', Number.NaN)).to.throw(RangeError, 'got NaN');
    expect(() => queue.put(new Deferred())).to.throw(TypeError, /was given a Deferred/);
    expect(queue.pendingCount).to.equal(0);
  });

  it(`${SOAK_OPERATIONS.toLocaleString('en')} puts and gets at mixed priorities keep the heap flat (soak)`, async function () {
    this.timeout(120_000);
    const queue = new DeferredPriorityQueue<number>();
    const empty = new DeferredPriorityQueue<number>();
    for (let i = 0; i < 100; i += 1) queue.put(i, i % 7);
    const growth = await heapGrowth(SOAK_OPERATIONS, (i) => {
      queue.put(i, i % 13);
      queue.get();
      if (i % CANCEL_EVERY === 0) cancelWaiting(empty.get());
    });
    expect([queue.pendingCount, empty.waitingCount]).to.deep.equal([100, 0]);
    expect(growth).to.be.below(FLAT_HEAP_BYTES);
  });
});
