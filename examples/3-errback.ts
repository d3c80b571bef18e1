/**
 * "Asynchronous Programming with Twisted", third program: an errback. The page does
 * not exist, so the Deferred fails and errorHandler is called instead of printContents.
 * Ported line by line; `getPage` is the fake in ./fake-web.ts (a timer, not a network).
 *
 * Python's `str(error)` of a Failure is "[Failure instance: Traceback ...]"; here
 * `String(error)` gives the same form. The fake getPage fails, as Twisted's does, with
 * an error object that was never thrown, so the traceback has no frames and the line
 * printed is the same on every machine (see notFound() in ./fake-web.ts).
 */
import type { Failure } from '../src/index.js';
import { getPage } from './fake-web.js';

function errorHandler(error: Failure): void {
  // This is an 'errback' function, added to the Deferred which will call
  // it in the event of an error

  // this isn't a very effective handling of the error, we just print it out:
  console.log(`An error has occurred: <${String(error)}>`);
  // and then we stop the entire process: reactor.stop() has no analogue; node exits
  // when the timer has fired and nothing else is pending.
}

function printContents(contents: string): void {
  // This a 'callback' function, added to the Deferred and called by it with
  // the page content

  console.log(contents);
  // reactor.stop(): no analogue (see above).
}

// We request a page which doesn't exist in order to demonstrate the
// error chain
const deferred = getPage('http://twistedmatrix.com/does-not-exist');

// add the callback to the Deferred to handle the page content
deferred.addCallback(printContents);

// add the errback to the Deferred to handle any errors
deferred.addErrback(errorHandler);

// reactor.run(): no analogue; Node's event loop is already running.
