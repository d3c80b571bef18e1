/**
 * The binary heap behind DeferredPriorityQueue and ResizableDispatchQueue: checked
 * against a sorted list on random sequences of push, pop, remove and reprioritize.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { Heap, HeapEntry } from '../../src/sync/heap.js';

type Op = { kind: 'push'; priority: number } | { kind: 'pop' } | { kind: 'remove'; pick: number } | { kind: 'reprioritize'; pick: number; priority: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('push' as const), priority: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ kind: fc.constant('pop' as const) }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('reprioritize' as const), pick: fc.nat(), priority: fc.integer({ min: -3, max: 3 }) }),
);

describe('Heap', () => {
  it('takes entries out by priority, then in the order pushed, through removals and reprioritizations', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const heap = new Heap<HeapEntry<number>>();
        let model: Array<HeapEntry<number>> = [];
        let next = 0;
        const order = (a: HeapEntry<number>, b: HeapEntry<number>): number => a.priority - b.priority || a.seq - b.seq;
        for (const o of ops) {
          if (o.kind === 'push') {
            model.push(heap.push(new HeapEntry(next, o.priority)));
            next += 1;
          } else if (o.kind === 'pop') {
            model.sort(order);
            expect(heap.pop()).to.equal(model.shift());
          } else if (model.length > 0) {
            const entry = model[o.pick % model.length] as HeapEntry<number>;
            if (o.kind === 'remove') {
              expect(heap.remove(entry)).to.equal(true);
              expect(heap.remove(entry)).to.equal(false);
              model = model.filter((e) => e !== entry);
            } else {
              heap.reprioritize(entry, o.priority);
            }
          }
          expect(heap.length).to.equal(model.length);
        }
        expect(heap.sorted()).to.deep.equal(model.slice().sort(order));
        expect(heap.clear()).to.deep.equal(model.slice().sort(order));
        expect(heap.length).to.equal(0);
      }),
    );
  });
});
