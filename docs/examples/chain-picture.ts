import { Deferred, type Failure } from '../../src/index.js';

function double(n: number): number {
  console.log(`pair 1, callback: double(${n}) returns ${n * 2}`);
  return n * 2;
}

function check(n: number): number {
  if (n > 5) {
    console.log(`pair 2, callback: check(${n}) throws a RangeError`);
    throw new RangeError(`${n} is more than 5`);
  }
  return n;
}

function neverCalled(n: number): number {
  console.log('pair 3, callback: not reached, the result is a Failure');
  return n;
}

function recover(failure: Failure): number {
  console.log(`pair 4, errback: recover(${failure.getErrorMessage()}) returns 0`);
  return 0;
}

function show(n: number): void {
  console.log(`pair 5, callback: show(${n})`);
}

function report(failure: Failure): void {
  console.log(`pair 5, errback: report(${failure.getErrorMessage()})`);
}

const d = new Deferred<number>();
d.addCallback(double)          // pair 1: double      | (pass)
  .addCallback(check)          // pair 2: check       | (pass)
  .addCallback(neverCalled)    // pair 3: neverCalled | (pass)
  .addErrback(recover)         // pair 4: (pass)      | recover
  .addCallbacks(show, report); // pair 5: show        | report

d.callback(4);
