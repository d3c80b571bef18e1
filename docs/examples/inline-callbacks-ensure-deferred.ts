import { Deferred, ensureDeferred, inlineCallbacks, succeed } from '../../src/index.js';

function later<T>(value: T): Deferred<T> {
  const d = new Deferred<T>();
  setTimeout(() => {
    d.callback(value);
  }, 10);
  return d;
}

// An async function awaiting Deferreds: ensureDeferred turns its Promise into a Deferred.
async function total(): Promise<number> {
  const a = await succeed(1);
  const b = await later(2);
  return a + b;
}

// A generator (not decorated): ensureDeferred drives it as inlineCallbacks would.
function* steps(): Generator<unknown, number, number> {
  const a = yield succeed(10);
  const b = yield later(20);
  return a + b;
}

// Inside inlineCallbacks, a Promise can be yielded too, and a generator is run as a sub-task.
const mixed = inlineCallbacks(function* () {
  const fromPromise: number = yield total();
  const fromGenerator: number = yield steps();
  return fromPromise + fromGenerator;
});

ensureDeferred(total()).addCallback((n) => {
  console.log('async function:', n);
});
ensureDeferred(steps()).addCallback((n) => {
  console.log('generator:', n);
});
mixed().addCallback((n) => {
  console.log('inlineCallbacks yielding both:', n);
});

const d = succeed('already a Deferred');
console.log('a Deferred is returned as it is:', ensureDeferred(d) === d);
try {
  ensureDeferred(42 as never);
} catch (error) {
  console.log(`${(error as Error).name}: ${(error as Error).message}`);
}
