import { Deferred, deferLater, LoopingCall, realTimeScheduler, TimeoutError } from '../../src/index.js';

// Without a clock of its own, a LoopingCall runs in real time on realTimeScheduler.
let ticks = 0;
const loop = new LoopingCall(() => {
  ticks += 1;
  console.log(`tick ${ticks}`);
  if (ticks === 3) loop.stop();
});
const stopped = await loop.start(0.01);
console.log('loop stopped:', stopped === loop);

// deferLater and addTimeout take realTimeScheduler where a test would pass a Clock.
console.log('deferLater gave', await deferLater(realTimeScheduler, 0.01, () => 42));

const never = new Deferred<string>().addTimeout(0.01, realTimeScheduler);
try {
  await never;
} catch (error) {
  console.log('timed out:', error instanceof TimeoutError);
}
