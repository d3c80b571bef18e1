// Step 2: two callbacks. What the first returns is what the second gets.
import { Clock, Deferred } from '../../src/index.js';
import { drawLadder, label, renumbered, trace } from '../../src/teaching/index.js';

const clock = new Clock();
function getPage(url: string): Deferred<string> {
  const page = new Deferred<string>();
  clock.callLater(0.5, () => page.callback(`<HTML><H1>${url}</H1></HTML>`));
  return page;
}

function lowerCaseContents(contents: string): string {
  return contents.toLowerCase();
}

function printContents(contents: string): void {
  console.log('printContents got', contents);
}

const deferred = getPage('TwistedMatrix.com');
label(deferred, 'getPage');
const t = trace(deferred);
deferred.addCallback(lowerCaseContents);
deferred.addCallback(printContents);

clock.advance(0.5);
t.stop();
console.log(drawLadder(renumbered(t)));
