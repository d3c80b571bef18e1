import { Deferred, Failure, setDebugging } from '../../src/index.js';

// Anything can be thrown in JavaScript, and a Failure wraps anything.
for (const thrown of ['disk full', 42, undefined]) {
  const failure = new Failure(thrown);
  console.log(`${failure.typeName}: message ${JSON.stringify(failure.getErrorMessage())},`,
    'check(String):', failure.check(String)?.name, ' check(Error):', failure.check(Error)?.name);
}

// A value that is not an Error carries no stack, so its traceback has no frames.
console.log(new Failure('disk full').getTraceback().trimEnd());

// With debugging on, a Failure records where it was made for such values.
setDebugging(true);
console.log('frames with debugging on:', new Failure('disk full').frames.length > 0);
setDebugging(false);

// Awaiting a failed Deferred throws the wrapped value itself.
const d = new Deferred<number>();
d.errback('disk full');
try {
  await d;
} catch (thrown) {
  console.log('await threw:', JSON.stringify(thrown));
}
