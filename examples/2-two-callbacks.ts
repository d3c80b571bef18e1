/**
 * "Asynchronous Programming with Twisted", second program: two callbacks. The result
 * of the first (lowerCaseContents) is passed to the second (printContents).
 * Ported line by line; `getPage` is the fake in ./fake-web.ts (a timer, not a network).
 */
import { getPage } from './fake-web.js';

function lowerCaseContents(contents: string): string {
  // This is a 'callback' function, added to the Deferred and called by
  // it when the promised data is available. It converts all the data to
  // lower case

  return contents.toLowerCase();
}

function printContents(contents: string): void {
  // This a 'callback' function, added to the Deferred after lowerCaseContents
  // and called by it with the results of lowerCaseContents

  console.log(contents);
  // reactor.stop(): no analogue; node exits when the timer has fired and nothing is pending.
}

const deferred = getPage('http://twistedmatrix.com/');

// add two callbacks to the deferred -- request that it run lowerCaseContents
// when the page content has been downloaded, and then run printContents with
// the result of lowerCaseContents
deferred.addCallback(lowerCaseContents);
deferred.addCallback(printContents);

// reactor.run(): no analogue; Node's event loop is already running.
