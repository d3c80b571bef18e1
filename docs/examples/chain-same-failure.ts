import { Deferred, type Failure } from '../../src/index.js';

let first: Failure | undefined;

const d = new Deferred<number>();
d.addErrback((failure) => {
  first = failure;
  console.log('errback 1 returns the Failure it got');
  return failure; // a returned Failure stays on the errbacks, as the same object
})
  .addErrback((failure) => {
    console.log('errback 2 got the same Failure object:', failure === first);
    throw failure.value; // a throw is wrapped in a new Failure
  })
  .addErrback((failure) => {
    console.log('errback 3 got the same Failure object:', failure === first);
    console.log('errback 3 got the same error inside:', failure.value === first?.value);
    return 0;
  });

d.errback(new Error('disk full'));
