// Regression inline-internal-error-is-not-a-cancel: a generator that fails with the leaked _InternalInlineCallbacksCancelledError fails its Deferred with it; only a cancel() of that Deferred is intercepted (Twisted adds handleCancel at cancel time)
// The trace Twisted prints for this program is in inline-internal-error-is-not-a-cancel.json ("twisted").
import { Deferred, inlineCallbacks } from "../../../src/index.js";
import { type Tracer } from "../tracer.js";

export function program(t: Tracer): void {
  t.step(0);
  const d0 = t.register(0, new Deferred());
  t.step(1);
  const gen0 = inlineCallbacks(function* () {
    t.log("gen0 start");
    let last: unknown = undefined;
    try {
      last = yield d0;
      t.got("gen0", last);
    } catch (e) {
      t.caught("gen0", e);
    }
    last = yield d0;
    t.got("gen0", last);
  });
  const d1 = t.make(1, () => gen0());
  t.step(2);
  t.attempt(() => d0.addCallback((x: unknown) => {
    t.enter("cb1", x);
    return d1;
  }));
  t.step(3);
  t.attempt(() => d1.cancel());
}
