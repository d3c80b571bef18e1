# Regression inline-cancel-marker-taken: a Deferred that takes an inlineCallbacks Deferred's result while its cancellation is being handled gets Failure(_InternalInlineCallbacksCancelledError), and a generator waiting on it has that error thrown in
# The trace Twisted prints for this program is in inline-cancel-marker-taken.json ("twisted").
import os
import sys

from twisted.internet.defer import Deferred, inlineCallbacks

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tracer import run_standalone  # noqa: E402


def program(t):
    t.step(0)
    d0 = t.register(0, Deferred())
    t.step(1)
    @inlineCallbacks
    def gen0():
        t.log("gen0 start")
        last = None
        last = yield d0
        t.got("gen0", last)
    d1 = t.make(1, lambda: gen0())
    t.step(2)
    def cb1(x):
        t.enter("cb1", x)
        return d1
    t.attempt(lambda: d0.addCallback(cb1))
    t.step(3)
    @inlineCallbacks
    def gen2():
        t.log("gen2 start")
        last = None
        try:
            last = yield d0
            t.got("gen2", last)
        except Exception as e:
            t.caught("gen2", e)
    d2 = t.make(2, lambda: gen2())
    t.step(4)
    t.attempt(lambda: d1.cancel())
    t.step(5)
    t.read(0)


if __name__ == "__main__":
    run_standalone(program)
