import { Deferred } from '../../src/index.js';

function fetchUser(id: number): Deferred<string> {
  const d = new Deferred<string>();
  setTimeout(() => {
    d.callback(`user ${id}`);
  }, 10);
  return d;
}

let inner: Deferred<string> | undefined;

const outer = new Deferred<number>();
outer
  .addCallback((id) => {
    inner = fetchUser(id);
    console.log('callback 1 returns', String(inner));
    return inner; // returning a Deferred: the chain waits for its result
  })
  .addCallback((name) => {
    console.log('callback 2 got', JSON.stringify(name));
    console.log('inner now:', String(inner)); // its result has moved to outer
    return name.toUpperCase();
  });

outer.callback(7);
console.log('outer:', String(outer));
console.log('outer.result is inner:', outer.result === inner, ' outer.paused:', outer.paused);

setTimeout(() => {
  console.log('later, outer:', String(outer));
  inner?.addCallback((result) => {
    console.log('a callback added to inner afterwards gets', result);
  });
}, 50);
