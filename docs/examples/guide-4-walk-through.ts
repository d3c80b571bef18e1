// Step 4: both columns at work. A callback that throws sends the result to the errbacks;
// an errback that returns a value sends it back to the callbacks.
import { Deferred, type Failure } from '../../src/index.js';
import { drawLadder, label, renumbered, trace } from '../../src/teaching/index.js';

const d = new Deferred<number>();
label(d, 'walk-through');
const t = trace(d);
d.addCallback(function double(n: number) {
  return n * 2;
})
  .addCallback(function check(n: number): number {
    if (n > 10) throw new RangeError(`${n} is too big`);
    return n;
  })
  .addCallback(function notReached(n: number) {
    return n;
  })
  .addErrback(function recover(failure: Failure) {
    failure.trap(RangeError); // anything but a RangeError goes on down the errbacks
    return 10;
  })
  .addCallbacks(
    function report(n: number) {
      console.log('report got', n);
      return n;
    },
    function neverCalled() {
      return -1;
    },
  );
d.callback(21);
t.stop();
console.log(drawLadder(renumbered(t)));
