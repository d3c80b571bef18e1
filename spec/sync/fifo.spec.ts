/**
 * The first-in, first-out list behind the waiting lines and the queue's pending
 * objects (src/sync/fifo.ts): an internal helper, checked against a plain array as the
 * model. No Twisted counterpart (Twisted uses a list), so no oracle.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { Fifo } from '../../src/sync/fifo.js';

type Op = { kind: 'push'; value: number } | { kind: 'shift' } | { kind: 'remove'; value: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 50 }).map((value) => ({ kind: 'push' as const, value })) },
  { weight: 4, arbitrary: fc.constant({ kind: 'shift' as const }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 50 }).map((value) => ({ kind: 'remove' as const, value })) },
);

describe('Fifo (internal)', () => {
  it('behaves as an array with push, shift and remove-first-occurrence', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const fifo = new Fifo<number>();
        const model: number[] = [];
        for (const step of ops) {
          if (step.kind === 'push') {
            fifo.push(step.value);
            model.push(step.value);
          } else if (step.kind === 'shift') {
            expect(fifo.shift()).to.equal(model.shift());
          } else {
            const index = model.indexOf(step.value);
            if (index >= 0) model.splice(index, 1);
            expect(fifo.remove(step.value)).to.equal(index >= 0);
          }
          expect(fifo.length).to.equal(model.length);
        }
        expect(fifo.toArray()).to.deep.equal(model);
      }),
    );
  });

  it('stays in order across the compaction of a long consumed front', () => {
    const fifo = new Fifo<number>();
    const taken: number[] = [];
    let next = 0;
    for (let round = 0; round < 20; round += 1) {
      for (let i = 0; i < 1500; i += 1) fifo.push((next += 1));
      for (let i = 0; i < 1000; i += 1) taken.push(fifo.shift() as number);
    }
    while (fifo.length > 0) taken.push(fifo.shift() as number);
    expect(taken).to.have.length(30_000);
    expect(taken.every((value, index) => value === index + 1)).to.equal(true);
  });

  it('keeps undefined items apart from emptiness: length says how many are queued', () => {
    const fifo = new Fifo<undefined>();
    fifo.push(undefined);
    expect(fifo.length).to.equal(1);
    expect(fifo.shift()).to.equal(undefined);
    expect(fifo.length).to.equal(0);
  });
});
