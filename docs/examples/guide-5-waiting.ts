// Step 5: a callback that returns a Deferred. The outer chain stops and waits; when the
// inner Deferred fires, its result comes back and the outer chain goes on with it.
import { Clock, Deferred } from '../../src/index.js';
import { drawLadder, label, renumbered, trace } from '../../src/teaching/index.js';

const clock = new Clock();
function getPage(url: string): Deferred<string> {
  const page = new Deferred<string>();
  clock.callLater(0.5, () => page.callback(url === 'index' ? 'see: details' : `the ${url} page`));
  return page;
}

const index = getPage('index');
label(index, 'index');
const t = trace(index);
index
  .addCallback(function followLink(page: string) {
    const details = getPage(page.replace('see: ', ''));
    label(details, 'details');
    return details; // the chain waits for this one
  })
  .addCallback(function show(page: string) {
    console.log('show got', page);
  });

clock.advance(0.5); // the index arrives; followLink asks for the details page
console.log('after 0.5 s, index is waiting:', String(index.result));
clock.advance(0.5); // the details page arrives; the index chain goes on
t.stop();
console.log(drawLadder(renumbered(t)));
