// Regression inline-cancel-while-paused: cancelling a paused inlineCallbacks Deferred leaves it holding Failure(_InternalInlineCallbacksCancelledError), not a private value
// The trace Twisted prints for this program is in inline-cancel-while-paused.json ("twisted").
import { Deferred, inlineCallbacks } from "../../../src/index.js";
import { type Tracer } from "../tracer.js";

export function program(t: Tracer): void {
  t.step(0);
  const d0 = t.register(0, new Deferred());
  t.step(1);
  const gen0 = inlineCallbacks(function* () {
    t.log("gen0 start");
    let last: unknown = undefined;
    last = yield d0;
    t.got("gen0", last);
  });
  const d1 = t.make(1, () => gen0());
  t.step(2);
  t.attempt(() => t.pause(1, d1));
  t.step(3);
  t.attempt(() => d1.cancel());
  t.step(4);
  t.read(1);
}
