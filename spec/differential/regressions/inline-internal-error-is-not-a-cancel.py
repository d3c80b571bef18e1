# Regression inline-internal-error-is-not-a-cancel: a generator that fails with the leaked _InternalInlineCallbacksCancelledError fails its Deferred with it; only a cancel() of that Deferred is intercepted (Twisted adds handleCancel at cancel time)
# The trace Twisted prints for this program is in inline-internal-error-is-not-a-cancel.json ("twisted").
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
        try:
            last = yield d0
            t.got("gen0", last)
        except Exception as e:
            t.caught("gen0", e)
        last = yield d0
        t.got("gen0", last)
    d1 = t.make(1, lambda: gen0())
    t.step(2)
    def cb1(x):
        t.enter("cb1", x)
        return d1
    t.attempt(lambda: d0.addCallback(cb1))
    t.step(3)
    t.attempt(lambda: d1.cancel())


if __name__ == "__main__":
    run_standalone(program)
