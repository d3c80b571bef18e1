"""Deferred.addTimeout with task.Clock on real Twisted: the facts
spec/time/add-timeout.spec.ts asserts about txdefer (DeferredAddTimeoutTests and
reference E.7).

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from twisted.internet.defer import CancelledError, Deferred, TimeoutError
from twisted.internet.task import Clock
from twisted.python.failure import Failure


def show(label, value):
    print("%s: %s" % (label, value))


def outcome(d):
    """Take d's result now (consuming it, as trial's helpers do)."""
    seen = []
    d.addBoth(lambda r: seen.append(r))
    if not seen:
        return "no result"
    r = seen[0]
    if isinstance(r, Failure):
        return "failure %s %r" % (r.type.__name__, r.value.args)
    return "value %r" % (r,)


def override(value, timeout):
    return "OVERRIDDEN"


# test_timeoutChainable
d = Deferred()
show("addTimeout returns the Deferred", d.addTimeout(5, Clock()) is d)
d.addCallback(lambda _: "done")
d.callback(None)
show("timeoutChainable: result", outcome(d))

# test_successResultBeforeTimeout(/Custom)
for custom in (False, True):
    clock = Clock()
    d = Deferred()
    d.addTimeout(10, clock, *([override] if custom else []))
    inner = Deferred()
    seen = []
    d.addCallback(lambda r: (seen.append(r), inner)[1])
    d.callback("results")
    show("success before timeout%s: callback saw" % (" (custom)" if custom else ""), seen)
    show("success before timeout%s: timer left" % (" (custom)" if custom else ""), len(clock.getDelayedCalls()))
    clock.advance(15)
    show("success before timeout%s: inner after 15 s" % (" (custom)" if custom else ""), outcome(inner))

# test_failureBeforeTimeout(/Custom)
for custom in (False, True):
    clock = Clock()
    d = Deferred()
    d.addTimeout(10, clock, *([override] if custom else []))
    inner = Deferred()
    seen = []
    error = ValueError("fail")
    d.addErrback(lambda f: (seen.append(f), inner)[1])
    d.errback(error)
    show("failure before timeout%s: errback saw the error" % (" (custom)" if custom else ""), seen[0].value is error)
    clock.advance(15)
    show("failure before timeout%s: inner after 15 s" % (" (custom)" if custom else ""), outcome(inner))

# test_timedOut
clock = Clock()
d = Deferred()
d.addTimeout(10, clock)
show("timedOut: before", "no result" if not d.called else "fired")
clock.advance(9.5)
show("timedOut: at 9.5 s", "no result" if not d.called else "fired")
clock.advance(0.5)
show("timedOut: at 10 s", outcome(d))

# TimeoutError's args
clock = Clock()
d = Deferred()
d.addTimeout(2.5, clock)
clock.advance(3)
f = []
d.addErrback(f.append)
show("TimeoutError carries the timeout", f[0].value.args)
show("TimeoutError class is defer.TimeoutError", f[0].type is TimeoutError)

# test_timedOutCustom
clock = Clock()
d = Deferred()
d.addTimeout(10, clock, onTimeoutCancel=override)
clock.advance(15)
show("timedOutCustom", outcome(d))

# onTimeoutCancel's arguments
clock = Clock()
d = Deferred()
got = []
d.addTimeout(7, clock, onTimeoutCancel=lambda r, t: got.append((r.type.__name__, t)) or "x")
clock.advance(7)
show("onTimeoutCancel gets the result and the timeout", got)
show("onTimeoutCancel: result", outcome(d))

# onTimeoutCancel that raises
clock = Clock()
d = Deferred()
def raising(r, t):
    raise KeyError("custom")
d.addTimeout(1, clock, onTimeoutCancel=raising)
clock.advance(1)
show("onTimeoutCancel that raises", outcome(d))

# test_timedOutProvidedCancelSuccess
clock = Clock()
d = Deferred(lambda c: c.callback("I was cancelled!"))
d.addTimeout(10, clock)
clock.advance(15)
show("timedOutProvidedCancelSuccess", outcome(d))

# test_timedOutProvidedCancelFailure
clock = Clock()
error = ValueError("what!")
d = Deferred(lambda c: c.errback(error))
d.addTimeout(10, clock)
clock.advance(15)
seen = []
d.addErrback(seen.append)
show("timedOutProvidedCancelFailure: same error", seen[0].value is error)

# test_cancelBeforeTimeout(/Custom)
for custom in (False, True):
    clock = Clock()
    d = Deferred()
    d.addTimeout(10, clock, *([override] if custom else []))
    inner = Deferred()
    seen = []
    d.addErrback(lambda f: (seen.append(f), inner)[1])
    d.cancel()
    label = "cancel before timeout%s" % (" (custom)" if custom else "")
    show(label + ": errback saw", seen[0].type.__name__)
    show(label + ": timer left", len(clock.getDelayedCalls()))
    clock.advance(15)
    show(label + ": inner after 15 s", outcome(inner))

# manual cancel leaves CancelledError untranslated
clock = Clock()
d = Deferred()
d.addTimeout(10, clock, onTimeoutCancel=override)
d.cancel()
show("manual cancel with custom: result", outcome(d))

# test_providedCancelCalledBeforeTimeoutCustom
clock = Clock()
d = Deferred(lambda c: c.errback(ValueError("what!")))
d.addTimeout(10, clock, onTimeoutCancel=override)
clock.advance(15)
show("providedCancelCalledBeforeTimeoutCustom", outcome(d))

# test_errbackAddedBeforeTimeout
clock = Clock()
d = Deferred()
seen = []
d.addErrback(lambda f: (seen.append(f), f)[1])
d.addTimeout(10, clock)
clock.advance(15)
show("errbackAddedBeforeTimeout: errback saw", seen[0].type.__name__)
show("errbackAddedBeforeTimeout: result", outcome(d))

# test_errbackAddedBeforeTimeoutSuppressesCancellation
clock = Clock()
d = Deferred()
seen = []
def trapper(f):
    seen.append(f)
    f.trap(CancelledError)
d.addErrback(trapper)
d.addTimeout(10, clock)
clock.advance(15)
show("errbackAddedBeforeTimeoutSuppressesCancellation: errback saw", seen[0].type.__name__)
show("errbackAddedBeforeTimeoutSuppressesCancellation: result", outcome(d))

# test_errbackAddedBeforeTimeoutCustom
clock = Clock()
d = Deferred()
seen = []
d.addErrback(lambda f: (seen.append(f), f)[1])
d.addTimeout(10, clock, override)
clock.advance(15)
show("errbackAddedBeforeTimeoutCustom: errback saw", seen[0].type.__name__)
show("errbackAddedBeforeTimeoutCustom: result", outcome(d))

# test_errbackAddedBeforeTimeoutSuppressesCancellationCustom
clock = Clock()
d = Deferred()
seen = []
d.addErrback(lambda f: seen.append(f))
d.addTimeout(10, clock, override)
clock.advance(15)
show("errbackAddedBeforeTimeoutSuppressesCancellationCustom: errback saw", seen[0].type.__name__)
show("errbackAddedBeforeTimeoutSuppressesCancellationCustom: result", outcome(d))

# test_callbackAddedToCancelerBeforeTimeout(/Custom)
for custom in (False, True):
    clock = Clock()
    success = "success"
    d = Deferred(lambda d: d.callback(success))
    seen = []
    d.addCallback(lambda v: (seen.append(v), v)[1])
    d.addTimeout(10, clock, *([override] if custom else []))
    clock.advance(15)
    label = "callbackAddedToCancelerBeforeTimeout%s" % ("Custom" if custom else "")
    show(label + ": callback saw", seen)
    show(label + ": result", outcome(d))

# E.7: waiting on an inner Deferred when the timer fires: the inner is cancelled
clock = Clock()
d = Deferred()
inner = Deferred()
inner_seen = []
inner.addErrback(lambda f: (inner_seen.append(f.type.__name__), f)[1])
d.addCallback(lambda _: inner)
d.addTimeout(10, clock)
d.callback(None)
clock.advance(10)
show("waiting on an inner Deferred: inner got", inner_seen)
show("waiting on an inner Deferred: result", outcome(d))

# E.7 / C.6: a canceller that raises escapes from the timer; the Deferred stays unfired
clock = Clock()
def bad(d):
    raise ZeroDivisionError("canceller broke")
d = Deferred(bad)
d.addTimeout(1, clock)
try:
    clock.advance(1)
    show("raising canceller: advance", "returned")
except ZeroDivisionError as e:
    show("raising canceller: advance", "raised %s %r" % (type(e).__name__, str(e)))
show("raising canceller: Deferred called", d.called)

# callbacks added after addTimeout see the TimeoutError
clock = Clock()
d = Deferred()
d.addTimeout(1, clock)
seen = []
d.addErrback(lambda f: seen.append(f.type.__name__))
clock.advance(1)
show("an errback added after addTimeout sees", seen)

# the timer is removed from the clock once the Deferred fires
clock = Clock()
d = Deferred()
d.addTimeout(10, clock)
show("timer pending before firing", len(clock.getDelayedCalls()))
d.callback(1)
show("timer pending after firing", len(clock.getDelayedCalls()))
show("result after firing", outcome(d))

# timeout 0 times out on advance(0)
clock = Clock()
d = Deferred()
d.addTimeout(0, clock)
show("timeout 0: before advance", "no result" if not d.called else "fired")
clock.advance(0)
show("timeout 0: after advance(0)", outcome(d))
