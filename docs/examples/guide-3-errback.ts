// Step 3: the errback. The page does not exist, so the result is a Failure, and it goes
// down the right-hand column: printContents is passed by, errorHandler runs.
import { Clock, Deferred, type Failure } from '../../src/index.js';
import { drawLadder, label, renumbered, trace } from '../../src/teaching/index.js';

class NotFound extends Error {
  override name = 'NotFound';
}

const clock = new Clock();
function getPage(url: string): Deferred<string> {
  const page = new Deferred<string>();
  clock.callLater(0.5, () => page.errback(new NotFound(`404: ${url}`)));
  return page;
}

function printContents(contents: string): void {
  console.log('printContents got', contents);
}

function errorHandler(error: Failure): void {
  console.log('An error has occurred:', error.getErrorMessage());
}

const deferred = getPage('twistedmatrix.com/does-not-exist');
label(deferred, 'getPage');
const t = trace(deferred);
deferred.addCallback(printContents);
deferred.addErrback(errorHandler);

clock.advance(0.5);
t.stop();
console.log(drawLadder(renumbered(t)));
