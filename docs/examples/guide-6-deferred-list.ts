// Step 6: DeferredList, from "Deferreds En Masse": one Deferred for several. It fires when
// the last of them has fired, with one [success, result] entry for each, in list order.
import { Deferred, DeferredList } from '../../src/index.js';
import { drawLadder, label, renumbered, traceAll } from '../../src/teaching/index.js';

const t = traceAll();
const d1 = new Deferred<string>();
const d2 = new Deferred<string>();
const d = new DeferredList([d1, d2]);
label(d, 'DeferredList');
d.addCallback(function got_results(res) {
  console.log('We got:', JSON.stringify(res));
});
console.log('Firing d2.');
d2.callback('d2 result');
console.log('Firing d1.');
d1.callback('d1 result');
t.stop();
console.log(drawLadder(renumbered(t), { width: 200 }));
