/**
 * "Asynchronous Programming with Twisted", first program: one callback.
 * Ported line by line; `getPage` is the fake in ./fake-web.ts (a timer, not a network).
 *
 *   npm run examples    (or: node --import=tsx/esm examples/1-one-callback.ts)
 */
import { getPage } from './fake-web.js';

function printContents(contents: string): void {
  // This is the 'callback' function, added to the Deferred and called by
  // it when the promised data is available

  console.log('The Deferred has called printContents with the following contents:');
  console.log(contents);

  // reactor.stop() has no analogue here: Node's event loop needs no stopping. Once the
  // fake getPage's timer has fired and nothing else is pending, node exits by itself.
}

// call getPage, which returns immediately with a Deferred, promising to
// pass the page contents onto our callbacks when the contents are available
const deferred = getPage('http://twistedmatrix.com/');

// add a callback to the deferred -- request that it run printContents when
// the page content has been downloaded
deferred.addCallback(printContents);

// reactor.run() has no analogue either: Node's event loop is already running, and it
// runs the timer (and so our callback) once this module has finished.
