import { Deferred, type Failure } from '../../src/index.js';

function useDefault(failure: Failure): number {
  console.log('errback: using the default port instead of', JSON.stringify(failure.getErrorMessage()));
  return 8080; // returning (anything but a Failure) goes back to the callbacks
}

const d = new Deferred<number>();
d.addErrback(useDefault)
  .addCallback((port) => {
    console.log('callback: listening on', port);
    return port;
  });

d.errback(new Error('no port configured'));
console.log('result:', d.result);
