import { Deferred, DeferredList, type Failure, FirstError, gatherResults } from '../../src/index.js';

// Cancelling a DeferredList cancels its Deferreds. It does not fail itself: it fires as
// they make it fire, here with a list of two CancelledError failures.
const list = new DeferredList([new Deferred<string>(), new Deferred<string>()], { consumeErrors: true });
list.addCallback((results) => {
  console.log('DeferredList:', results.map(([ok, outcome]) => (ok ? outcome : outcome.typeName)));
});
list.cancel();

// gatherResults fails at the first failure: a FirstError wrapping a CancelledError. A
// Deferred whose canceller gives it a value takes part with that value.
const cached = new Deferred<string>((d) => d.callback('stale copy'));
const gathered = gatherResults([cached, new Deferred<string>()], true);
gathered.addErrback((failure: Failure) => {
  const { index, subFailure } = failure.value as FirstError;
  console.log(`gatherResults: FirstError, #${index} failed with ${subFailure.typeName}`);
});
gathered.cancel();
cached.addCallback((value) => console.log('cached was left with', value));

// Once a DeferredList has fired, cancel() does nothing at all.
const slow = new Deferred<string>();
const fast = new Deferred<string>();
const first = new DeferredList([fast, slow], { fireOnOneCallback: true });
fast.callback('fast');
first.cancel();
console.log('slow after cancelling a fired list: called =', slow.called);
