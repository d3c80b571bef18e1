import { Clock, Cooperator } from '../../src/index.js';

const clock = new Clock();
// Each tick does two units of work, then the next tick is scheduled on the clock.
const cooperator = new Cooperator({
  terminationPredicateFactory: () => {
    let count = 0;
    return () => ++count >= 2;
  },
  scheduler: (step) => clock.callLater(0.01, step),
});

function* job(name: string, steps: number): Generator<undefined, void, unknown> {
  for (let i = 1; i <= steps; i += 1) {
    console.log(`${name} step ${i}`);
    yield undefined;
  }
}

cooperator.coiterate(job('a', 3)).addCallback(() => console.log('a done'));
cooperator.coiterate(job('b', 2)).addCallback(() => console.log('b done'));
for (let tick = 1; tick <= 4; tick += 1) {
  console.log(`tick ${tick}`);
  clock.advance(0.01);
}
