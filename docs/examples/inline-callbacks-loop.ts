import { inlineCallbacks, succeed } from '../../src/index.js';

// A million yields of Deferreds that have already fired: the driver loops, it does not
// recurse, so the stack never grows and nothing is kept per step.
const sumTo = inlineCallbacks(function* (n: number) {
  let total = 0;
  for (let i = 1; i <= n; i += 1) {
    const value: number = yield succeed(i);
    total += value;
  }
  return total;
});

sumTo(1_000_000).addCallback((total) => {
  console.log(`sum of 1..1,000,000: ${total}`);
});

// A method keeps its `this`.
class Counter {
  count = 0;

  bump = inlineCallbacks(function* (this: Counter, by: number) {
    const step: number = yield succeed(by);
    this.count += step;
    return this.count;
  });
}

const counter = new Counter();
counter.bump(2);
counter.bump(3).addCallback((count) => {
  console.log(`counter: ${count}`);
});
