# Regression paused-gather-results-holds-entries: a paused gatherResults Deferred holds the DeferredList's [SUCCESS, value] entries: Twisted turns them into values in a callback, which a pause holds back (a values-only shortcut was tried and undone)
# The trace Twisted prints for this program is in paused-gather-results-holds-entries.json ("twisted").
import os
import sys

from twisted.internet.defer import Deferred, gatherResults

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tracer import run_standalone  # noqa: E402


def program(t):
    t.step(0)
    d0 = t.register(0, Deferred())
    t.step(1)
    d1 = t.register(1, Deferred())
    t.step(2)
    d2 = t.make(2, lambda: gatherResults([d0]))
    t.step(3)
    t.attempt(lambda: t.pause(2, d2))
    t.step(4)
    t.attempt(lambda: d1.callback(0))
    t.step(5)
    t.attempt(lambda: d1.chainDeferred(d0))


if __name__ == "__main__":
    run_standalone(program)
