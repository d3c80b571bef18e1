import { Deferred, fail, inlineCallbacks, succeed } from '../../src/index.js';

class NotFound extends Error {
  override name = 'NotFound';
}

function lookup(key: string): Deferred<string> {
  return key === 'missing' ? fail(new NotFound(`no ${key}`)) : succeed(`value of ${key}`);
}

// A failed Deferred throws its error where the generator yields it: catch it there, or
// let it fail the Deferred the function returned.
const lookUpThree = inlineCallbacks(function* () {
  console.log((yield lookup('a')) as string);
  try {
    yield lookup('missing');
  } catch (error) {
    console.log(`caught ${(error as Error).name}: ${(error as Error).message}`);
  }
  yield lookup('missing');
  console.log('never printed');
});

lookUpThree().addErrback((failure) => {
  console.log(`lookUpThree failed: ${failure.typeName}: ${failure.getErrorMessage()}`);
});

// A throw before the first yield fails the returned Deferred too: the call never throws.
const checked = inlineCallbacks(function* (n: number) {
  if (n < 0) throw new NotFound(`nothing below zero: ${n}`);
  return (yield succeed(n * 2)) as number;
});

const d = checked(-1);
console.log(`checked(-1) returned a Deferred; called: ${d.called}`);
d.addErrback((failure) => {
  console.log(`checked(-1) failed: ${failure.typeName}: ${failure.getErrorMessage()}`);
});
checked(21).addCallback((n) => {
  console.log(`checked(21): ${n}`);
});
