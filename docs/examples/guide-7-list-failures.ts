// Step 7: failures in a DeferredList. The list's entry for d2 holds the Failure; with
// consumeErrors the list also takes it off d2 (d2 is left holding undefined), so it is
// not reported as unhandled.
import { Deferred, DeferredList, type Failure } from '../../src/index.js';
import { drawLadder, label, renumbered, traceAll } from '../../src/teaching/index.js';

const t = traceAll();
const d1 = new Deferred<string>();
const d2 = new Deferred<string>();
const d = new DeferredList([d1, d2], { consumeErrors: true });
label(d, 'DeferredList');
d.addCallback(function got_results(res) {
  console.log('We got:', res.map(([ok, value]) => (ok ? value : (value as Failure).getErrorMessage())).join(', '));
});
d1.callback('d1 result');
d2.errback(new Error('d2 failure'));
console.log('d2 now holds:', String(d2.result));
t.stop();
console.log(drawLadder(renumbered(t), { width: 200 }));
