import { Deferred, DeferredList, type Failure, FirstError } from '../../src/index.js';

// fireOnOneCallback: fire with [value, index] at the first success.
const mirrors = [new Deferred<string>(), new Deferred<string>(), new Deferred<string>()];
new DeferredList(mirrors, { fireOnOneCallback: true, consumeErrors: true }).addCallback((result) => {
  console.log('first success:', result);
});
mirrors[0]?.errback(new Error('mirror 0 is down'));
mirrors[2]?.callback('from mirror 2');
mirrors[1]?.callback('from mirror 1'); // recorded, but the list has already fired

// If every one fails, the list still *succeeds*, with the full list of failures.
const dead = [new Deferred<string>(), new Deferred<string>()];
new DeferredList(dead, { fireOnOneCallback: true, consumeErrors: true }).addCallback((result) => {
  console.log('all failed, got a list of', result.length, 'entries:', result);
});
dead[0]?.errback(new Error('down'));
dead[1]?.errback(new Error('also down'));

// fireOnOneErrback: fail with FirstError at the first failure.
const steps = [new Deferred<number>(), new Deferred<number>()];
new DeferredList(steps, { fireOnOneErrback: true, consumeErrors: true }).addErrback((failure: Failure) => {
  const error = failure.value as FirstError;
  console.log(`step #${error.index} failed first: ${error.subFailure.getErrorMessage()}`);
});
steps[1]?.errback(new RangeError('step 1 went wrong'));
steps[0]?.errback(new RangeError('step 0 went wrong too, later'));
