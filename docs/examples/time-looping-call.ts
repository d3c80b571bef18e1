import { Clock, Deferred, LoopingCall } from '../../src/index.js';

const clock = new Clock();

// Every second, starting now. The clock jumps over some ticks: they are skipped, not
// made up, and the next call comes at the next whole second.
const ticker = new LoopingCall((name: string) => {
  console.log(`t=${clock.seconds()}: tick from ${name}`);
}, 'ticker');
ticker.clock = clock;
ticker.start(1).addCallback((loop) => {
  console.log(`ticker stopped (the Deferred fired with the LoopingCall: ${loop === ticker})`);
});
clock.advance(1);
clock.advance(2.5);
clock.advance(0.5);
ticker.stop();

// A function that returns a Deferred is not called again until that fires.
let slowCalls = 0;
const pending: Array<Deferred<undefined>> = [];
const poller = new LoopingCall(() => {
  slowCalls += 1;
  console.log(`t=${clock.seconds()}: poll #${slowCalls} starts`);
  const d = new Deferred<undefined>();
  pending.push(d);
  return d;
});
poller.clock = clock;
poller.start(1);
clock.advance(3);
console.log(`t=${clock.seconds()}: still ${slowCalls} poll, its Deferred is pending`);
pending[0]?.callback(undefined);
clock.advance(1);
poller.stop();
pending[1]?.callback(undefined);

// A function that throws stops the loop and fails the start() Deferred.
let attempts = 0;
const flaky = new LoopingCall(() => {
  attempts += 1;
  if (attempts === 3) throw new Error('third attempt failed');
});
flaky.clock = clock;
flaky.start(1).addErrback((failure) => {
  console.log(`flaky failed after ${attempts} calls: ${failure.getErrorMessage()}; running: ${flaky.running}`);
});
clock.pump([1, 1, 1, 1]);

// withCount says how many intervals came due since the last call.
const counter = LoopingCall.withCount((count) => {
  console.log(`t=${clock.seconds()}: ${count} interval(s) due`);
});
counter.clock = clock;
counter.start(0.5);
clock.advance(0.5);
clock.advance(2);
counter.stop();
