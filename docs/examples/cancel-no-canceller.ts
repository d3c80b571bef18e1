import { AlreadyCalledError, CancelledError, Deferred } from '../../src/index.js';

// A producer that knows nothing about cancellation: it fires when its timer runs.
function slowAnswer(): Deferred<number> {
  const d = new Deferred<number>();
  setTimeout(() => {
    console.log('producer: the answer is ready, firing');
    d.callback(42); // swallowed: the first firing after cancel() is ignored
    try {
      d.callback(43); // a second one is an error, as usual
    } catch (error) {
      console.log('producer: firing again throws AlreadyCalledError:', error instanceof AlreadyCalledError);
    }
  }, 10);
  return d;
}

const d = slowAnswer();
d.addCallbacks(
  (answer) => {
    console.log('got', answer);
  },
  (failure) => {
    failure.trap(CancelledError);
    console.log('cancelled:', failure.getErrorMessage());
  },
);

d.cancel(); // no canceller: the Deferred fails with CancelledError at once
console.log('after cancel():', String(d));

d.cancel(); // cancelling a Deferred that has fired does nothing
console.log('cancelling again changed nothing:', String(d));
