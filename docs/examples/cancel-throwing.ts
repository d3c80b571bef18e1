import { Deferred } from '../../src/index.js';

const d = new Deferred<string>(() => {
  throw new Error('cannot stop the upload now');
});
d.addCallbacks(
  (value) => {
    console.log('got', value);
  },
  (failure) => {
    console.log('failed:', failure.getErrorMessage());
  },
);

try {
  d.cancel(); // the canceller's error comes out of cancel(), as in Twisted
} catch (error) {
  console.log('cancel() threw:', (error as Error).message);
}
console.log('the Deferred has not fired:', !d.called);

d.callback('uploaded'); // so its producer can still fire it
