// Regression looping-call-orphaned-iteration: a LoopingCall stopped from inside its function while that function's Deferred is pending, and started again, has an iteration left over that finds no start() Deferred to fire: Twisted's assert fails (AssertionError, no message); txdefer throws ORPHANED_ITERATION, shown as Twisted's (docs/time.md)
// The trace Twisted prints for this program is in looping-call-orphaned-iteration.json ("twisted").
import { Clock, Deferred, DelayedCall, LoopingCall } from "../../../src/index.js";
import { type Tracer } from "../tracer.js";

export function program(t: Tracer): void {
  const clock = t.useClock(new Clock());
  t.step(0);
  const d0 = t.register(0, new Deferred());
  t.step(1);
  const l0: LoopingCall<[]> = t.loop(0, new LoopingCall<[]>(() => {
    if (t.loopCall("loop0") === 1) l0.stop();
    return d0;
  }));
  l0.clock = clock;
  t.step(2);
  t.attempt(() => d0.chainDeferred(d0));
  t.step(3);
  const d1 = t.make(1, () => l0.start(1));
  t.step(4);
  const c0: DelayedCall = t.delayedCall(0, () => clock.callLater(0, () => d0.callback(0)));
  t.step(5);
  const d2 = t.make(2, () => l0.start(1));
  t.step(6);
  t.attempt(() => clock.advance(3));
}
