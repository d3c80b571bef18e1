"""The real reactor's callLater (IReactorTime) on real Twisted: the facts
spec/time/real-scheduler.spec.ts asserts about txdefer's RealTimeScheduler.
Uses real timers with tiny delays; nothing printed depends on timing.

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
import time

from twisted.internet import reactor, task
from twisted.internet.base import DelayedCall


def show(label, value):
    print("%s: %s" % (label, value))


def raises(fn, *args):
    try:
        fn(*args)
    except Exception as e:
        return "%s %r" % (type(e).__name__, str(e))
    return "nothing"


show("seconds() is the time since the epoch", abs(reactor.seconds() - time.time()) < 5)
show("negative delay", raises(reactor.callLater, -1, lambda: None).split(" ")[0])

log = []


def main():
    got = []
    call = reactor.callLater(0.001, lambda *a: got.append(a), "x", 2)
    show("callLater returns an active DelayedCall", (isinstance(call, DelayedCall), call.active()))
    show("the call is not made synchronously", got)
    show("getDelayedCalls holds it", call in reactor.getDelayedCalls())

    cancelled = []
    other = reactor.callLater(0.001, cancelled.append, "ran")
    other.cancel()
    show("cancel: inactive, gone from getDelayedCalls", (other.active(), other in reactor.getDelayedCalls()))
    show("cancel twice", raises(other.cancel))

    moved = []
    later = reactor.callLater(0.001, moved.append, "moved")
    later.reset(0.002)
    later.delay(0.001)
    show("reset and delay keep it active", later.active())

    inside = []
    me = reactor.callLater(0, lambda: inside.append(raises(me.cancel)))

    def check():
        # Wait (without asserting on timing) until the calls that should run have run.
        if not (got and moved and inside):
            reactor.callLater(0.01, check)
            return
        show("the call ran with its arguments", got)
        show("after running: active, called", (call.active(), bool(call.called)))
        show("after running: cancel", raises(call.cancel))
        show("after running: reset", raises(call.reset, 1))
        show("a cancelled call never runs", cancelled)
        show("a reset and delayed call still runs", moved)
        show("cancel from inside the call", inside)
        d = task.deferLater(reactor, 0.001, lambda: "later")
        d.addCallback(lambda v: show("deferLater on the reactor fires with", v))
        d.addBoth(lambda _: reactor.stop())

    reactor.callLater(0.01, check)


reactor.callWhenRunning(main)
reactor.run()
