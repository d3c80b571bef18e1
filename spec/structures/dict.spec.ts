/**
 * DeferredDict (post 001, "How to asynchronously exchange a dictionary"; exercise 5 of
 * "Deferreds En Masse"). Facts marked "(post)" are backed by spec/oracle/deferred_dict.out,
 * the post's class run under Twisted 22.4 (its lost lines restored from the prose).
 */
import { expect } from 'chai';
import { CancelledError, Deferred, DeferredDict } from '../../src/index.js';
import { assertNoResult, failureResultOf, successResultOf } from '../support/helpers.js';
import { CANCEL_EVERY, cancelWaiting, FLAT_HEAP_BYTES, heapGrowth, SOAK_OPERATIONS } from '../support/soak.js';

describe('DeferredDict', () => {
  it('get of a key that has a value gives an already-fired Deferred (post)', () => {
    const dict = new DeferredDict<string, number>([['a', 1]]);
    expect(successResultOf(dict.get('a'))).to.equal(1);
  });

  it('get of a missing key waits, and set fires it with the value (post)', () => {
    const dict = new DeferredDict<string, number>();
    const d = dict.get('a');
    assertNoResult(d);
    dict.set('a', 1);
    expect(successResultOf(d)).to.equal(1);
    expect(dict.get('a').result).to.equal(1);
  });

  it('every waiter for a key fires once, in the order the gets were made', () => {
    const dict = new DeferredDict<string, number>();
    const seen: string[] = [];
    for (const name of ['one', 'two', 'three']) dict.get('k').addCallback((v) => seen.push(`${name}=${v}`));
    dict.set('k', 7);
    dict.set('k', 8);
    expect(seen).to.deep.equal(['one=7', 'two=7', 'three=7']);
  });

  it('set fires the waiters before storing the value: inside their callbacks the key is not there yet (post)', () => {
    const dict = new DeferredDict<string, number>();
    const seen: boolean[] = [];
    dict.get('k').addCallback(() => seen.push(dict.has('k')));
    dict.set('k', 1);
    expect(seen).to.deep.equal([false]);
    expect(dict.has('k')).to.equal(true);
  });

  it('a get made by a waiter\'s callback during set fires with the value once it is stored', () => {
    const dict = new DeferredDict<string, number>();
    let inner: Deferred<number> | undefined;
    dict.get('k').addCallback(() => {
      inner = dict.get('k');
    });
    dict.set('k', 5);
    expect(successResultOf(inner as Deferred<number>)).to.equal(5);
    expect(dict.waitingCount).to.equal(0);
  });

  it('each caller gets a Deferred of its own: one caller\'s callbacks never change what another sees', () => {
    const dict = new DeferredDict<string, number>();
    const first = dict.get('k');
    const second = dict.get('k');
    first.addCallback((v) => v * 10);
    dict.set('k', 3);
    expect(first).not.to.equal(second);
    expect([successResultOf(first), successResultOf(second)]).to.deep.equal([30, 3]);
    const third = dict.get('k');
    const fourth = dict.get('k');
    third.addCallback(() => 'changed');
    expect(successResultOf(fourth)).to.equal(3);
  });

  it('cancelling a waiting get removes it: it fails with CancelledError and set does not reach it', () => {
    const dict = new DeferredDict<string, number>();
    const cancelled = dict.get('k');
    const kept = dict.get('k');
    cancelled.cancel();
    failureResultOf(cancelled, CancelledError);
    expect(dict.waitingCount).to.equal(1);
    dict.set('k', 1);
    expect(successResultOf(kept)).to.equal(1);
  });

  it('when a key\'s last waiter is cancelled, the key leaves the waiting table', () => {
    const dict = new DeferredDict<string, number>();
    const d = dict.get('k');
    expect(dict.waitingKeys()).to.deep.equal(['k']);
    d.cancel();
    d.addErrback(() => undefined);
    expect(dict.waitingKeys()).to.deep.equal([]);
    expect(dict.waitingCount).to.equal(0);
  });

  it('a waiter\'s callback that cancels a later waiter of the same key: that one is skipped, not fired twice', () => {
    const dict = new DeferredDict<string, number>();
    const later: Array<Deferred<number>> = [];
    dict.get('k').addCallback(() => later[0]?.cancel());
    later.push(dict.get('k'));
    dict.set('k', 1);
    failureResultOf(later[0] as Deferred<number>, CancelledError);
    expect(dict.waitingCount).to.equal(0);
  });

  it('has, delete, size, clear and iteration work as on a Map', () => {
    const dict = new DeferredDict<string, number>([['a', 1], ['b', 2]]);
    expect([dict.has('a'), dict.has('z'), dict.size]).to.deep.equal([true, false, 2]);
    expect([...dict]).to.deep.equal([['a', 1], ['b', 2]]);
    expect([[...dict.keys()], [...dict.values()], [...dict.entries()]]).to.deep.equal([['a', 'b'], [1, 2], [['a', 1], ['b', 2]]]);
    expect([dict.delete('a'), dict.delete('a')]).to.deep.equal([true, false]);
    expect(dict.size).to.equal(1);
    dict.clear();
    expect(dict.size).to.equal(0);
  });

  it('a deleted key waits again for its next set (post)', () => {
    const dict = new DeferredDict<string, number>([['k', 1]]);
    dict.delete('k');
    const d = dict.get('k');
    assertNoResult(d);
    dict.set('k', 2);
    expect(successResultOf(d)).to.equal(2);
  });

  it('set returns the dictionary, as Map.set does', () => {
    const dict = new DeferredDict<string, number>();
    expect(dict.set('a', 1).set('b', 2)).to.equal(dict);
  });

  it('a Deferred as a value, and entries that are not pairs, are refused with a TypeError', () => {
    const dict = new DeferredDict<string, unknown>();
    const waiting = dict.get('k');
    expect(() => dict.set('k', new Deferred())).to.throw(TypeError, /`value` is a Deferred \(for key string 'k'\)/);
    assertNoResult(waiting);
    expect(() => new DeferredDict(42 as unknown as [])).to.throw(TypeError, 'must be an iterable of [key, value] pairs, got number 42');
    expect(() => new DeferredDict(['ab'] as unknown as Array<[string, string]>)).to.throw(TypeError, "each entry must be a [key, value] pair, got string 'ab'");
  });

  it(`${SOAK_OPERATIONS.toLocaleString('en')} waiting gets, sets and deletes keep the heap flat (soak)`, async function () {
    this.timeout(120_000);
    const dict = new DeferredDict<number, number>();
    const growth = await heapGrowth(SOAK_OPERATIONS, (i) => {
      const key = i % 1000;
      dict.get(key).addCallback(() => undefined);
      if (i % CANCEL_EVERY === 0) cancelWaiting(dict.get(key));
      dict.set(key, i);
      dict.delete(key);
    });
    expect([dict.size, dict.waitingCount]).to.deep.equal([0, 0]);
    expect(growth).to.be.below(FLAT_HEAP_BYTES);
  });
});
