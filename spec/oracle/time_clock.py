"""task.Clock and its DelayedCalls on real Twisted: the facts spec/time/clock.spec.ts
asserts about txdefer's Clock.

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from twisted.internet import error
from twisted.internet.task import Clock


def show(label, value):
    print("%s: %s" % (label, value))


def raises(fn, *args):
    try:
        fn(*args)
    except Exception as e:
        return "%s %r" % (type(e).__name__, str(e))
    return "nothing"


# ClockTests.testSeconds, test_providesIReactorTime
show("a new clock reads 0 seconds", Clock().seconds())
from twisted.internet.interfaces import IReactorTime
show("is a Scheduler (callLater and seconds)", IReactorTime.providedBy(Clock()))

# testCallLater / testCallLaterCancelled / test_callLaterOrdering
c = Clock()
call = c.callLater(1, lambda a, b: None, 1, b=2)
show("callLater: getTime", call.getTime())
show("callLater: active", call.active())
show("callLater: called, cancelled", (bool(call.called), bool(call.cancelled)))
call.cancel()
show("cancelled call: active", call.active())
show("cancelled call: cancelled", bool(call.cancelled))
show("cancelled call: left getDelayedCalls", call not in c.getDelayedCalls())
c = Clock()
call1 = c.callLater(10, lambda: None)
call2 = c.callLater(1, lambda: None)
show("two callLater calls give distinct objects", call1 is not call2)

# testAdvance
events = []
c = Clock()
call = c.callLater(2, lambda: events.append(None))
c.advance(1)
show("advance(1) of a 2 s call: events", len(events))
c.advance(1)
show("advance(1) again: events", len(events))
show("after running: active", call.active())
show("after running: called", bool(call.called))
show("after running: left getDelayedCalls", c.getDelayedCalls() == [])

# the delay counts from the current time
c = Clock()
c.advance(5)
show("counts the delay from the current time", c.callLater(2, lambda: None).getTime())

# arguments
got = []
c = Clock()
c.callLater(1, lambda *a: got.append(a), "x", 2)
c.advance(1)
show("the function gets the extra arguments", got)

# testAdvanceCancel: cancel from inside the call
c = Clock()
seen = []
call = c.callLater(1, lambda: seen.append(raises(call.cancel)))
c.advance(1)
show("cancel from inside the call", seen[0])
seen = []
call = c.callLater(1, lambda: seen.append((call.called, call.active())))
c.advance(1)
show("inside the call: called, active", (bool(seen[0][0]), seen[0][1]))

# AlreadyCancelled / AlreadyCalled for cancel, reset, delay
for method, args in (("cancel", ()), ("reset", (1,)), ("delay", (1,))):
    c = Clock()
    call = c.callLater(1, lambda: None)
    call.cancel()
    show("%s on a cancelled call" % method, raises(getattr(call, method), *args))
    call = c.callLater(1, lambda: None)
    c.advance(1)
    show("%s on a called call" % method, raises(getattr(call, method), *args))
show("AlreadyCancelled is a ValueError", issubclass(error.AlreadyCancelled, ValueError))
show("AlreadyCalled is a ValueError", issubclass(error.AlreadyCalled, ValueError))

# testCallLaterDelayed
events = []
c = Clock()
call = c.callLater(1, lambda a, b: events.append((a, b)), 1, b=2)
call.delay(1)
show("delay(1) of a 1 s call: getTime", call.getTime())
c.advance(1.5)
show("delay: at 1.5", events)
c.advance(1.0)
show("delay: at 2.5", events)

# delay with a negative amount brings it forward
c = Clock()
call = c.callLater(5, lambda: None)
call.delay(-3)
show("delay(-3) of a 5 s call: getTime", call.getTime())

# testCallLaterResetLater
events = []
c = Clock()
call = c.callLater(2, lambda a, b: events.append((a, b)), 1, b=2)
c.advance(1)
call.reset(3)
show("reset(3) at t=1: getTime", call.getTime())
c.advance(2)
show("reset later: at 3", events)
c.advance(1)
show("reset later: at 4", events)

# testCallLaterResetSooner
events = []
c = Clock()
call = c.callLater(4, lambda: events.append(c.seconds()))
call.reset(3)
show("reset(3) of a 4 s call: getTime", call.getTime())
c.advance(3)
show("reset sooner: ran at", events)

# test_getDelayedCalls / Empty
c = Clock()
show("getDelayedCalls of a new clock", c.getDelayedCalls())
a = c.callLater(1, lambda: None)
b = c.callLater(2, lambda: None)
show("getDelayedCalls holds both calls", set(c.getDelayedCalls()) == {a, b})

# test_callLaterKeepsCallsOrdered
result = []
c = Clock()
log = lambda n: result.append((n, c.seconds()))
ca = c.callLater(1.0, log, "a")
ca.reset(3.0)
c.callLater(2.0, log, "b")
c.pump([1] * 3)
show("reset then callLater keeps order", result)

# test_callLaterResetKeepsCallsOrdered
result = []
c = Clock()
log = lambda n: result.append((n, c.seconds()))
ca = c.callLater(1.0, log, "a")
c.callLater(2.0, log, "b")
ca.reset(3.0)
c.pump([1] * 3)
show("callLater then reset keeps order", result)

# test_callLaterResetInsideCallKeepsCallsOrdered
result = []
c = Clock()
log = lambda n: result.append((n, c.seconds()))
cb_ = c.callLater(2.0, log, "b")
c.callLater(1.0, lambda: cb_.reset(3.0))
c.callLater(3.0, log, "c")
c.pump([0.5] * 10)
show("reset inside a call keeps order", result)

# H.21: same due time -> FIFO, even when scheduled in another order of delays
order = []
c = Clock()
c.callLater(2, order.append, "first")
c.callLater(1, order.append, "early")
c.callLater(2, order.append, "second")
c.advance(1)
c.callLater(1, order.append, "third")
c.advance(5)
show("calls due at the same time run in the order scheduled", order)

# ties after a reset: the order the list had when it was last sorted (Twisted's)
order = []
c = Clock()
x = c.callLater(3, order.append, "x")
y = c.callLater(1, order.append, "y")
y.reset(3)
c.callLater(10, order.append, "z")
c.advance(3)
show("a call reset to tie with another keeps the place it had at the last sort", order)

# seconds() inside a call is the advanced time
seen = []
c = Clock()
c.callLater(1, lambda: seen.append(c.seconds()))
c.advance(5)
show("seconds() inside a call is the advanced time", seen)

# zero-delay calls scheduled during advance run in the same advance
seen = []
c = Clock()
def again(n):
    seen.append((n, c.seconds()))
    if n < 4:
        c.callLater(0, again, n + 1)
c.callLater(1, again, 1)
c.advance(1)
show("zero-delay calls scheduled during advance run in the same advance", seen)
seen = []
c = Clock()
c.callLater(1, lambda: c.callLater(0.5, seen.append, "later"))
c.advance(1)
show("a call scheduled during advance for after now waits", (seen, len(c.getDelayedCalls())))

# an exception from a call propagates; the other due calls wait for the next advance
seen = []
c = Clock()
def boom():
    raise ZeroDivisionError("boom")
c.callLater(1, seen.append, "before")
c.callLater(1, boom)
c.callLater(1, seen.append, "after")
show("an exception from a call propagates out of advance", raises(c.advance, 1))
show("exception: calls run so far", seen)
show("exception: calls left", len(c.getDelayedCalls()))
show("exception: seconds", c.seconds())
c.advance(0)
show("exception: next advance runs the rest", seen)

# advance(0) runs calls due now
seen = []
c = Clock()
c.callLater(0, seen.append, "now")
show("callLater(0) does not run before advance", seen)
c.advance(0)
show("advance(0) runs a zero-delay call", seen)

# cancelling a later due call from inside an earlier one
seen = []
c = Clock()
def first():
    seen.append("first")
    second.cancel()
c.callLater(1, first)
second = c.callLater(1, seen.append, "second")
c.advance(1)
show("a call cancelled by an earlier one in the same advance does not run", seen)

# advance inside a call (nested): runs calls due by then
seen = []
c = Clock()
def outer():
    seen.append(("outer", c.seconds()))
    c.advance(2)
    seen.append(("outer done", c.seconds()))
c.callLater(1, outer)
c.callLater(2, lambda: seen.append(("inner", c.seconds())))
c.advance(1)
show("advance from inside a call runs the calls it makes due", seen)

# pump
seen = []
c = Clock()
for t in (1, 2, 3):
    c.callLater(t, lambda t=t: seen.append((t, c.seconds())))
c.pump([0.5, 0.5, 1, 1.5])
show("pump advances by each amount in turn", (seen, c.seconds()))
c = Clock()
c.pump(iter({1, 2}))
show("pump accepts any iterable", c.seconds())

# the repr
c = Clock()
def tick(a, b):
    pass
call = c.callLater(1.5, tick, 1, "a")
import re
show("repr", re.sub(r"0x[0-9a-f]+", "ADDR", repr(call)))
call.cancel()
show("repr after cancel", re.sub(r"0x[0-9a-f]+", "ADDR", repr(call)))
