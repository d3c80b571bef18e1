import { Deferred } from '../../src/index.js';

function add(n: number, amount: number): number {
  return n + amount;
}

const d = new Deferred<number>();
const returned = d.addCallback(add, 10); // extra arguments come after the result: add(result, 10)
console.log('addCallback returns the same Deferred:', returned === d);
d.addCallback((n) => n * 2);
console.log('before firing:', String(d));

d.callback(1); // runs add(1, 10), then (11) => 22, before callback() returns
console.log('after firing: ', String(d));

// A callback added to a Deferred that has already fired runs at once.
d.addCallback((n) => {
  console.log('a callback added after firing got', n);
  return n + 1;
});
console.log('result now:', d.result);
