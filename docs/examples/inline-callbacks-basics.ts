import { Clock, Deferred, inlineCallbacks } from '../../src/index.js';

const clock = new Clock();

// A stand-in for a network request: a Deferred the clock fires some seconds later.
function fetchPage(url: string, seconds: number): Deferred<string> {
  const d = new Deferred<string>();
  clock.callLater(seconds, () => {
    d.callback(`<page ${url}>`);
  });
  return d;
}

// Each `yield` waits for a Deferred and gives back its result; `return` fires the
// Deferred that fetchBoth returned. (TypeScript types a yield as `any`: annotate it.)
const fetchBoth = inlineCallbacks(function* (first: string, second: string) {
  const a: string = yield fetchPage(first, 1);
  console.log(`t=${clock.seconds()}: got ${a}`);
  const b: string = yield fetchPage(second, 2);
  console.log(`t=${clock.seconds()}: got ${b}`);
  return `${a} and ${b}`;
});

fetchBoth('/one', '/two').addCallback((both) => {
  console.log(`t=${clock.seconds()}: done with ${both}`);
});
console.log(`t=${clock.seconds()}: started, nothing has arrived yet`);
clock.advance(1);
clock.advance(2);
