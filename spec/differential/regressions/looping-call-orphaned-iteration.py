# Regression looping-call-orphaned-iteration: a LoopingCall stopped from inside its function while that function's Deferred is pending, and started again, has an iteration left over that finds no start() Deferred to fire: Twisted's assert fails (AssertionError, no message); txdefer throws ORPHANED_ITERATION, shown as Twisted's (docs/time.md)
# The trace Twisted prints for this program is in looping-call-orphaned-iteration.json ("twisted").
import os
import sys

from twisted.internet.defer import Deferred
from twisted.internet.task import Clock, LoopingCall

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tracer import run_standalone  # noqa: E402


def program(t):
    clock = t.use_clock(Clock())
    t.step(0)
    d0 = t.register(0, Deferred())
    t.step(1)
    def loop0():
        if t.loop_call("loop0") == 1:
            l0.stop()
        return d0
    l0 = t.loop(0, LoopingCall(loop0))
    l0.clock = clock
    t.step(2)
    t.attempt(lambda: d0.chainDeferred(d0))
    t.step(3)
    d1 = t.make(1, lambda: l0.start(1))
    t.step(4)
    c0 = t.delayed_call(0, lambda: clock.callLater(0, lambda: d0.callback(0)))
    t.step(5)
    d2 = t.make(2, lambda: l0.start(1))
    t.step(6)
    t.attempt(lambda: clock.advance(3))


if __name__ == "__main__":
    run_standalone(program)
