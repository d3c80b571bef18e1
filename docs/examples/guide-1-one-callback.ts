// Step 1: a Deferred with one callback. getPage returns at once; the page comes later.
import { Clock, Deferred } from '../../src/index.js';
import { drawLadder, label, renumbered, trace } from '../../src/teaching/index.js';

// A stand-in for Twisted's getPage: the page arrives when the clock moves on.
const clock = new Clock();
function getPage(url: string): Deferred<string> {
  const page = new Deferred<string>();
  clock.callLater(0.5, () => page.callback(`<html><h1>${url}</h1></html>`));
  return page;
}

function printContents(contents: string): void {
  console.log('printContents got', contents);
}

const deferred = getPage('twistedmatrix.com');
label(deferred, 'getPage');
const t = trace(deferred);
deferred.addCallback(printContents);
console.log('getPage has returned; has the Deferred fired?', deferred.called);

clock.advance(0.5); // the "network" answers
t.stop();
console.log(drawLadder(renumbered(t)));
