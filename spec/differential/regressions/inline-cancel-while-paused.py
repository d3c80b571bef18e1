# Regression inline-cancel-while-paused: cancelling a paused inlineCallbacks Deferred leaves it holding Failure(_InternalInlineCallbacksCancelledError), not a private value
# The trace Twisted prints for this program is in inline-cancel-while-paused.json ("twisted").
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
    t.attempt(lambda: t.pause(1, d1))
    t.step(3)
    t.attempt(lambda: d1.cancel())
    t.step(4)
    t.read(1)


if __name__ == "__main__":
    run_standalone(program)
