import { Deferred, type Failure, isFailure } from '../../src/index.js';

function risky(n: number): number {
  throw new Error(`cannot handle ${n}`);
}

function handler(failure: Failure): number {
  console.log('  handler got:', failure.getErrorMessage());
  return -1;
}

console.log('addCallbacks(risky, handler): one pair, so handler never sees what risky throws');
const one = new Deferred<number>();
one.addCallbacks(risky, handler)
  .addErrback((failure) => {
    console.log('  the next errback got:', failure.getErrorMessage());
  });
one.callback(1);

console.log('addCallback(risky).addErrback(handler): two pairs, so handler is next in line');
const two = new Deferred<number>();
two.addCallback(risky)
  .addErrback(handler)
  .addCallback((n) => {
    console.log('  the next callback got:', n);
  });
two.callback(1);

console.log('addBoth(fn): fn sits in both columns, like a finally block');
for (const fire of [(d: Deferred<number>) => d.callback(5), (d: Deferred<number>) => d.errback(new Error('boom'))]) {
  const d = new Deferred<number>();
  d.addBoth((result) => {
    console.log('  addBoth got', isFailure(result) ? `a Failure (${result.getErrorMessage()})` : `the value ${result}`);
    return result;
  }).addErrback(() => undefined);
  fire(d);
}
