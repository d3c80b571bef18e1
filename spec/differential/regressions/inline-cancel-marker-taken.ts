// Regression inline-cancel-marker-taken: a Deferred that takes an inlineCallbacks Deferred's result while its cancellation is being handled gets Failure(_InternalInlineCallbacksCancelledError), and a generator waiting on it has that error thrown in
// The trace Twisted prints for this program is in inline-cancel-marker-taken.json ("twisted").
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
  t.attempt(() => d0.addCallback((x: unknown) => {
    t.enter("cb1", x);
    return d1;
  }));
  t.step(3);
  const gen2 = inlineCallbacks(function* () {
    t.log("gen2 start");
    let last: unknown = undefined;
    try {
      last = yield d0;
      t.got("gen2", last);
    } catch (e) {
      t.caught("gen2", e);
    }
  });
  const d2 = t.make(2, () => gen2());
  t.step(4);
  t.attempt(() => d1.cancel());
  t.step(5);
  t.read(0);
}
