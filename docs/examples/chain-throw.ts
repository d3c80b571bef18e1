import { Deferred } from '../../src/index.js';

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port)) throw new RangeError(`not a port number: ${text}`);
  return port;
}

const d = new Deferred<string>();
d.addCallback(parsePort)
  .addCallback((port) => {
    console.log('not called: the result is now a Failure', port);
    return port;
  })
  .addErrback((failure) => {
    console.log('the errback got a Failure:', failure.getErrorMessage());
    console.log('it wraps the thrown RangeError:', failure.value instanceof RangeError);
  });

d.callback('http');
