# Regression handed-over-result-clears-unhandled-record: a failure handled by an errback is not reported as unhandled when the Deferred then hands its result to a paused waiter (Twisted clears the record at the hand-over, whatever the result)
# The trace Twisted prints for this program is in handed-over-result-clears-unhandled-record.json ("twisted").
import os
import sys

from twisted.internet.defer import Deferred

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tracer import ErrA, run_standalone  # noqa: E402


def program(t):
    t.step(0)
    d0 = t.register(0, Deferred())
    t.step(1)
    t.attempt(lambda: d0.errback(ErrA("m1")))
    t.step(2)
    t.attempt(lambda: t.pause(0, d0))
    t.step(3)
    def cb0(x):
        t.enter("cb0", x)
        return None
    t.attempt(lambda: d0.addErrback(cb0))
    t.step(4)
    d1 = t.register(1, Deferred())
    t.step(5)
    t.attempt(lambda: d1.callback(0))
    t.step(6)
    def cb1(x):
        t.enter("cb1", x)
        return d0
    t.attempt(lambda: d1.addCallback(cb1))
    t.step(7)
    t.attempt(lambda: t.pause(1, d1))
    t.step(8)
    t.attempt(lambda: t.unpause(0, d0))


if __name__ == "__main__":
    run_standalone(program)
