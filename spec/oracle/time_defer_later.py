"""task.deferLater with task.Clock on real Twisted: the facts
spec/time/defer-later.spec.ts asserts about txdefer (DeferLaterTests and reference
E.10.2, C.7.7).

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from twisted.internet.defer import CancelledError, Deferred
from twisted.internet.task import Clock, deferLater
from twisted.python.failure import Failure


def show(label, value):
    print("%s: %s" % (label, value))


def outcome(d):
    seen = []
    d.addBoth(lambda r: seen.append(r))
    if not seen:
        return "no result"
    r = seen[0]
    if isinstance(r, Failure):
        return "failure %s" % r.type.__name__
    return "value %r" % (r,)


# test_callback
results = []
flag = object()
def fn(foo, bar):
    results.append((foo, bar, clock.seconds()))
    return flag
clock = Clock()
d = deferLater(clock, 3, fn, "foo", "bar")
clock.advance(2)
show("callback: at 2 s, called", results)
show("callback: at 2 s, result", "no result" if not d.called else "fired")
clock.advance(1)
show("callback: at 3 s, called with", results)
got = []
d.addCallback(got.append)
show("callback: fires with the function's return value", got[0] is flag)

# test_errback
clock = Clock()
def boom():
    raise ZeroDivisionError("boom")
d = deferLater(clock, 1, boom)
clock.advance(1)
show("errback: a function that raises fails it", outcome(d))

# a function returning a Failure
clock = Clock()
d = deferLater(clock, 1, lambda: Failure(KeyError("k")))
clock.advance(1)
show("a function returning a Failure fails it", outcome(d))

# test_cancel
called = []
clock = Clock()
d = deferLater(clock, 1, called.append, None)
d.cancel()
show("cancel: result", outcome(d))
show("cancel: delayed calls left", clock.getDelayedCalls())
clock.advance(5)
show("cancel: function ran", bool(called))

# test_noCallback
clock = Clock()
d = deferLater(clock, 2.0)
show("noCallback: before", "no result" if not d.called else "fired")
clock.advance(2.0)
show("noCallback: after 2 s", outcome(d))
clock = Clock()
d = deferLater(clock, 1, None)
clock.advance(1)
show("callable None given explicitly", outcome(d))

# nothing is scheduled but one call
clock = Clock()
d = deferLater(clock, 4, lambda: 1)
calls = clock.getDelayedCalls()
show("schedules one delayed call, due at the delay", (len(calls), calls[0].getTime()))

# a returned Deferred is waited for
clock = Clock()
inner = Deferred()
d = deferLater(clock, 1, lambda: inner)
clock.advance(1)
show("returned Deferred: before it fires", "no result" if isinstance(d.result, Deferred) else "fired")
inner.callback("inner value")
show("returned Deferred: after it fires", outcome(d))

# cancelling while waiting on the returned Deferred cancels that one
clock = Clock()
inner = Deferred()
inner_saw = []
inner.addErrback(lambda f: (inner_saw.append(f.type.__name__), f)[1])
d = deferLater(clock, 1, lambda: inner)
clock.advance(1)
d.cancel()
show("cancel while waiting: the returned Deferred got", inner_saw)
show("cancel while waiting: result", outcome(d))

# cancelling after it fired changes nothing
clock = Clock()
d = deferLater(clock, 1, lambda: "done")
clock.advance(1)
d.cancel()
show("cancel after it fired", outcome(d))

# fires with the function's value at the clock's time; nothing runs at cancel time
clock = Clock()
d = deferLater(clock, 0, lambda: clock.seconds())
show("delay 0: before advance", "no result" if not d.called else "fired")
clock.advance(0)
show("delay 0: after advance(0)", outcome(d))

# a returned Deferred that has already fired: its result is taken
from twisted.internet.defer import succeed
clock = Clock()
d = deferLater(clock, 1, lambda: succeed(5))
clock.advance(1)
show("returned already-fired Deferred", outcome(d))
