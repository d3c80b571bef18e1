import { Deferred, succeed } from '../../src/index.js';

function later<T>(value: T): Deferred<T> {
  const d = new Deferred<T>();
  setTimeout(() => {
    d.callback(value);
  }, 10);
  return d;
}

// A Deferred can be awaited; an async function gives a Promise, which fromPromise turns
// back into a Deferred (Twisted: ensureDeferred / Deferred.fromCoroutine).
async function total(): Promise<number> {
  const a = await succeed(1);
  const b = await later(2);
  return a + b;
}

Deferred.fromPromise(total()).addCallback((n) => {
  console.log('total:', n);
});
