// The pictures of a trace: the text ladder, the start of the Mermaid flowchart, and the
// one-line state of a Deferred (traced or not).
import { Deferred } from '../../src/index.js';
import { describeState, drawLadder, drawMermaid, drawSvg, renumbered, trace } from '../../src/teaching/index.js';

const d = new Deferred<number>();
const t = trace(d);
d.addCallback(function half(n: number) {
  if (n % 2 !== 0) throw new RangeError(`${n} is odd`);
  return n / 2;
});
d.addErrback(function roundDown() {
  return 0;
});
d.callback(7);
t.stop();

const records = renumbered(t); // Deferreds numbered from 1, whatever ran before
console.log(drawLadder(records));
console.log(drawMermaid(records).split('\n').slice(0, 6).join('\n'), '\n  ...');
console.log('SVG:', drawSvg(records).length > 0 ? 'a standalone <svg> document' : 'nothing');
console.log(describeState(d).replace(/#\d+/, '#N'));
