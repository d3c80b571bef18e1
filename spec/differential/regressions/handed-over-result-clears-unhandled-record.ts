// Regression handed-over-result-clears-unhandled-record: a failure handled by an errback is not reported as unhandled when the Deferred then hands its result to a paused waiter (Twisted clears the record at the hand-over, whatever the result)
// The trace Twisted prints for this program is in handed-over-result-clears-unhandled-record.json ("twisted").
import { Deferred } from "../../../src/index.js";
import { ErrA, type Tracer } from "../tracer.js";

export function program(t: Tracer): void {
  t.step(0);
  const d0 = t.register(0, new Deferred());
  t.step(1);
  t.attempt(() => d0.errback(new ErrA("m1")));
  t.step(2);
  t.attempt(() => t.pause(0, d0));
  t.step(3);
  t.attempt(() => d0.addErrback((x: unknown) => {
    t.enter("cb0", x);
    return undefined;
  }));
  t.step(4);
  const d1 = t.register(1, new Deferred());
  t.step(5);
  t.attempt(() => d1.callback(0));
  t.step(6);
  t.attempt(() => d1.addCallback((x: unknown) => {
    t.enter("cb1", x);
    return d0;
  }));
  t.step(7);
  t.attempt(() => t.pause(1, d1));
  t.step(8);
  t.attempt(() => t.unpause(0, d0));
}
