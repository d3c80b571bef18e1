import { Deferred, type Failure, FirstError, gatherResults, succeed } from '../../src/index.js';

// The values, in input order.
const price = new Deferred<number>();
const stock = new Deferred<number>();
gatherResults([price, stock]).addCallback(([p, s]) => {
  console.log(`price ${p}, stock ${s}`);
});
stock.callback(12);
price.callback(9.5);

// The first failure, wrapped in a FirstError: the original is failure.value.subFailure.
const lookup = new Deferred<string>();
gatherResults([succeed('cached'), lookup], true).addErrback((failure: Failure) => {
  failure.trap(FirstError);
  const { index, subFailure } = failure.value as FirstError;
  console.log(`Deferred #${index} failed: ${subFailure.typeName}: ${subFailure.getErrorMessage()}`);
});
lookup.errback(new TypeError('no such key'));
// With consumeErrors (the `true` above), the failed Deferred is left with undefined.
lookup.addCallback((result) => console.log('lookup is left with', result));
