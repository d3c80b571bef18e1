// Regression paused-gather-results-holds-entries: a paused gatherResults Deferred holds the DeferredList's [SUCCESS, value] entries: Twisted turns them into values in a callback, which a pause holds back (a values-only shortcut was tried and undone)
// The trace Twisted prints for this program is in paused-gather-results-holds-entries.json ("twisted").
import { Deferred, gatherResults } from "../../../src/index.js";
import { type Tracer } from "../tracer.js";

export function program(t: Tracer): void {
  t.step(0);
  const d0 = t.register(0, new Deferred());
  t.step(1);
  const d1 = t.register(1, new Deferred());
  t.step(2);
  const d2 = t.make(2, () => gatherResults([d0]));
  t.step(3);
  t.attempt(() => t.pause(2, d2));
  t.step(4);
  t.attempt(() => d1.callback(0));
  t.step(5);
  t.attempt(() => d1.chainDeferred(d0));
}
