"""task.LoopingCall with task.Clock on real Twisted: the facts
spec/time/looping-call.spec.ts asserts about txdefer (LoopTests, ReactorLoopTests
run on a Clock, and reference E.10.3, H.22).

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from twisted.internet.defer import CancelledError, Deferred
from twisted.internet.task import Clock, LoopingCall
from twisted.python.failure import Failure


def show(label, value):
    print("%s: %s" % (label, value))


def raises(fn, *args):
    try:
        fn(*args)
    except Exception as e:
        return "%s %r" % (type(e).__name__, str(e))
    return "nothing"


def outcome(d):
    seen = []
    d.addBoth(lambda r: seen.append(r))
    if not seen:
        return "no result"
    r = seen[0]
    if isinstance(r, Failure):
        return "failure %s" % r.type.__name__
    if isinstance(r, LoopingCall):
        return "the LoopingCall" if r is lc else "another LoopingCall"
    return "value %r" % (r,)


def loop(f, *a, **kw):
    global lc
    lc = LoopingCall(f, *a, **kw)
    lc.clock = clock
    return lc


# before start
clock = Clock()
lc = loop(lambda: None)
show("before start: running, interval, starttime, call", (lc.running, lc.interval, lc.starttime, lc.call))

# testBasicFunction
clock = Clock()
L = []
lc = loop(lambda a, b, c=None, d=None: L.append((a, b, c, d)), "a", "b", d="d")
D = lc.start(0.1)
show("basic: called at once on start", len(L))
show("basic: running after start", lc.running)
clock.pump([0.05, 0.1, 0.1])
show("basic: calls after 0.05, 0.1, 0.1", len(L))
show("basic: arguments", L[0])
lc.stop()
show("basic: stop fires the start() Deferred with", outcome(D))
show("basic: running after stop", lc.running)
show("basic: delayed calls left", clock.getDelayedCalls())

# testDelayedStart
clock = Clock()
L = []
lc = loop(L.append, None)
D = lc.start(0.1, now=False)
show("delayed start: called on start", len(L))
clock.pump([0.05, 0.1, 0.1])
show("delayed start: calls after 0.05, 0.1, 0.1", len(L))
lc.stop()
show("delayed start: stop fires with", outcome(D))
show("delayed start: delayed calls left", clock.getDelayedCalls())

# testBadDelay and the other errors
clock = Clock()
lc = loop(lambda: None)
show("negative interval", raises(lc.start, -1))
show("negative interval: running", lc.running)
show("stop when not running", raises(lc.stop))
show("reset when not running", raises(lc.reset))
lc.start(1)
show("start when running", raises(lc.start, 1))
lc.stop()
try:
    LoopingCall(lambda: None).start(-1)
except ValueError as e:
    show("negative interval is a ValueError", type(e).__name__)

# testStopAtOnce / testStoppingBeforeDelayedStart
for interval in (0, 10):
    clock = Clock()
    ran = []
    lc = loop(lambda: ran.append(None))
    D = lc.start(interval, now=False)
    lc.stop()
    show("stop right after start (interval %s): ran, calls left, result" % interval, (len(ran), len(clock.getDelayedCalls()), outcome(D)))

# test_reset
clock = Clock()
ran = []
lc = loop(lambda: ran.append(clock.seconds()))
lc.start(2, now=False)
clock.advance(1)
lc.reset()
show("reset: starttime", lc.starttime)
clock.advance(1)
show("reset: at 2", ran)
clock.advance(1)
show("reset: at 3", ran)
clock.advance(2)
show("reset: at 5", ran)
lc.stop()

# test_reactorTimeSkips
clock = Clock()
times = []
lc = loop(lambda: times.append(clock.seconds()))
lc.start(0.5)
show("reactorTimeSkips: start", times)
clock.advance(2)
show("reactorTimeSkips: +2", times)
clock.advance(1)
show("reactorTimeSkips: +1", times)
clock.advance(0)
show("reactorTimeSkips: +0", times)
lc.stop()

# test_callbackTimeSkips
clock = Clock()
times = []
duration = [2]
def slow():
    times.append(clock.seconds())
    clock.advance(duration[0])
lc = loop(slow)
lc.start(0.5)
show("callbackTimeSkips: after start", (times, clock.seconds()))
clock.advance(0)
show("callbackTimeSkips: advance(0)", times)
duration[0] = 1
clock.advance(0.5)
show("callbackTimeSkips: advance(0.5)", (times, clock.seconds()))
clock.advance(0)
show("callbackTimeSkips: advance(0) again", times)
duration[0] = 0
clock.advance(0.5)
show("callbackTimeSkips: advance(0.5) again", (times, clock.seconds()))
lc.stop()

# the next call after a Deferred fires is scheduled from that moment
clock = Clock()
times = []
pending = []
def waits():
    times.append(clock.seconds())
    if len(times) == 1:
        d = Deferred()
        pending.append(d)
        return d
lc = loop(waits)
lc.start(1)
clock.advance(2.5)
show("waiting: no new call while the Deferred is pending", (times, len(clock.getDelayedCalls())))
pending[0].callback(None)
show("waiting: next call after it fires due at", clock.getDelayedCalls()[0].getTime())
clock.advance(0.5)
show("waiting: calls", times)
lc.stop()

# testWaitDeferred
clock = Clock()
def waitd():
    d = Deferred()
    d.addCallback(lambda _: lc.stop())
    clock.callLater(1, d.callback, None)
    return d
lc = loop(waitd)
D = lc.start(0.2)
clock.pump([0.2, 0.8])
show("waitDeferred: delayed calls left", clock.getDelayedCalls())
show("waitDeferred: result", outcome(D))

# testFailure (on a Clock) and what the loop looks like afterwards
class TestException(Exception):
    pass
clock = Clock()
def bad(x):
    raise TestException(x)
lc = loop(bad, "bar")
D = lc.start(0.1)
show("failure: start() Deferred", outcome(D))
show("failure: running", lc.running)
show("failure: delayed calls left", clock.getDelayedCalls())

clock = Clock()
n = []
def fails_third():
    n.append(None)
    if len(n) == 3:
        raise TestException("third")
lc = loop(fails_third)
D = lc.start(1)
clock.pump([1, 1, 1, 1])
show("failure on the third call: calls, result, running", (len(n), outcome(D), lc.running))

# testFailAndStop
clock = Clock()
def failstop(x):
    lc.stop()
    raise TestException(x)
lc = loop(failstop, "bar")
D = lc.start(0.1)
show("failAndStop: result", outcome(D))

# testFailurePropagation
clock = Clock()
def fails_later():
    d = Deferred()
    clock.callLater(0.3, d.errback, TestException())
    return d
lc = loop(fails_later)
D = lc.start(1)
show("failurePropagation: before", outcome(D) if D.called else "no result")
clock.pump([0.3])
show("failurePropagation: after", outcome(D))
show("failurePropagation: delayed calls left", clock.getDelayedCalls())

# testEveryIteration (interval 0) on a Clock
clock = Clock()
ran = []
def every():
    ran.append(clock.seconds())
    if len(ran) > 5:
        lc.stop()
lc = loop(every)
D = lc.start(0)
show("everyIteration: after start", len(ran))
clock.advance(0)
show("everyIteration: after advance(0)", (len(ran), outcome(D)))

# testStopAtOnceLater: stop from another call before the first iteration
clock = Clock()
ran = []
lc = loop(lambda: ran.append(None))
lc.start(1, now=False)
clock.callLater(0, lc.stop)
clock.advance(0)
clock.advance(5)
show("stopAtOnceLater: ran", ran)

# stop() from inside f fires the start() Deferred when f returns
clock = Clock()
seen = []
def stops():
    lc.stop()
    seen.append(("inside", lc.running, D.called if "D" in globals() and D is not None else None))
D = None
lc = loop(stops)
D = lc.start(1, now=False)
clock.advance(1)
show("stop inside f: running inside, start() fired inside", seen)
show("stop inside f: result", outcome(D))

# stop() while f's Deferred is pending: fires when that Deferred fires
clock = Clock()
pending = []
def slowd():
    d = Deferred()
    pending.append(d)
    return d
lc = loop(slowd)
D = lc.start(1)
lc.stop()
show("stop while pending: result before the Deferred fires", "no result" if not D.called else "fired")
show("stop while pending: running", lc.running)
pending[0].callback(None)
show("stop while pending: after it fires", outcome(D))
clock = Clock()
pending = []
lc = loop(slowd)
D = lc.start(1)
lc.stop()
pending[0].errback(TestException("late"))
show("stop while pending, then it fails", outcome(D))

# running is already False when the start() Deferred fires
clock = Clock()
lc = loop(lambda: None)
D = lc.start(1)
seen = []
D.addCallback(lambda r: seen.append(r.running))
lc.stop()
show("running is False when the start() Deferred fires", seen)

# restarting after stop
clock = Clock()
ran = []
lc = loop(lambda: ran.append(clock.seconds()))
D1 = lc.start(1)
clock.advance(1)
lc.stop()
D2 = lc.start(2)
show("restart: a new Deferred", D2 is not D1)
clock.advance(2)
show("restart: calls", ran)
show("restart: starttime", lc.starttime)
lc.stop()
show("restart: second Deferred", outcome(D2))

# changing interval between iterations
clock = Clock()
ran = []
lc = loop(lambda: ran.append(clock.seconds()))
lc.start(1)
clock.advance(1)
lc.interval = 3
clock.advance(1)
show("interval change: calls at 2 s", ran)
clock.advance(1)
show("interval change: calls at 3 s", ran)
clock.advance(2)
show("interval change: calls at 5 s", ran)
clock.advance(1)
show("interval change: calls at 6 s", ran)
lc.stop()

# reset() while f's Deferred is pending does nothing
clock = Clock()
pending = []
lc = loop(slowd)
lc.start(1)
lc.reset()
show("reset while pending: starttime, call", (lc.starttime, lc.call))
pending[0].callback(None)
lc.stop()

# cancelling the start() Deferred does not stop the loop
clock = Clock()
ran = []
lc = loop(lambda: ran.append(None))
D = lc.start(1)
D.cancel()
show("cancel start() Deferred: result", outcome(D))
clock.advance(1)
show("cancel start() Deferred: loop still running", (lc.running, len(ran)))
show("cancel start() Deferred: stop", raises(lc.stop))

# test_reactorTimeCountSkips
clock = Clock()
times = []
lc = LoopingCall.withCount(lambda n: times.append((clock.seconds(), n)))
lc.clock = clock
lc.start(0.5)
show("withCount: start", times)
clock.advance(0.51)
show("withCount: +0.51", times)
clock.advance(1.51)
show("withCount: +1.51", times)
clock.advance(0)
show("withCount: +0", times)
lc.stop()

# test_countLengthyIntervalCounts
clock = Clock()
times = []
lc = LoopingCall.withCount(lambda n: times.append((clock.seconds(), n)))
lc.clock = clock
lc.start(0.5)
clock.advance(0.51)
clock.advance(0.5 * 1.75)
clock.advance(0.5 * 0.25)
show("countLengthyIntervalCounts", times)
lc.stop()

# test_withCountFloatingPointBoundary
clock = Clock()
acc = []
lc = LoopingCall.withCount(acc.append)
lc.clock = clock
lc.start(0.1, now=False)
for _ in range(10):
    clock.advance(0.1)
epsilon = 1.0 - sum([0.1] * 10)
clock.advance(epsilon)
show("floatingPointBoundary: epsilon is not 0", epsilon != 0)
show("floatingPointBoundary: seconds >= 1", clock.seconds() >= 1.0)
show("floatingPointBoundary: counts", acc)
lc.stop()

# test_withCountIntervalZero
clock = Clock()
acc = []
def foo0(cnt):
    acc.append(cnt)
    if len(acc) > 4:
        lc.stop()
lc = LoopingCall.withCount(foo0)
lc.clock = clock
D = lc.start(0, now=False)
clock.advance(0)
show("withCountIntervalZero", (acc, outcome(D)))

# test_withCountIntervalZeroDelay
clock = Clock()
gate = Deferred()
acc = []
def foo1(cnt):
    acc.append(cnt)
    if len(acc) == 2:
        return gate
    if len(acc) > 4:
        lc.stop()
lc = LoopingCall.withCount(foo1)
lc.clock = clock
lc.start(0, now=False)
clock.advance(0)
show("withCountIntervalZeroDelay: blocked", list(acc))
clock.advance(2)
show("withCountIntervalZeroDelay: still blocked", list(acc))
gate.callback(None)
clock.advance(0)
show("withCountIntervalZeroDelay: resumed", acc)

# test_withCountIntervalZeroDelayThenNonZeroInterval
clock = Clock()
gate = Deferred()
acc = []
def foo2(cnt):
    acc.append(cnt)
    if len(acc) == 2:
        return gate
lc = LoopingCall.withCount(foo2)
lc.clock = clock
lc.start(0, now=False)
clock.advance(10)
show("zeroThenNonZero: blocked", list(acc))
lc.interval = 2
gate.callback(None)
clock.advance(7)
show("zeroThenNonZero: +7", list(acc))
clock.advance(2)
show("zeroThenNonZero: +2", list(acc))
clock.advance(4)
show("zeroThenNonZero: +4", list(acc))
lc.stop()

# test_deferredWithCount
clock = Clock()
gate = Deferred()
counts = []
def tracker(n):
    counts.append(n)
    if len(counts) == 1:
        return gate
lc = LoopingCall.withCount(tracker)
lc.clock = clock
D = lc.start(0.2, now=False)
show("deferredWithCount: at start", list(counts))
clock.pump([0.2, 0.4])
show("deferredWithCount: after 0.2, 0.4", list(counts))
gate.callback(None)
clock.pump([0.2])
show("deferredWithCount: after firing and 0.2", counts)
lc.stop()

# withCount: less than one interval since the last count -> not called
clock = Clock()
acc = []
lc = LoopingCall.withCount(acc.append)
lc.clock = clock
lc.start(1)
lc.reset()
clock.advance(1)
show("withCount after reset", acc)
lc.stop()

# stopped from inside the function while its Deferred is pending, then started again:
# two iterations are under way, and the one left over finds no start() Deferred to fire
clock = Clock()
gate = Deferred()
calls = []
def stops_first_time():
    calls.append(clock.seconds())
    if len(calls) == 1:
        orphan.stop()
    return gate
orphan = LoopingCall(stops_first_time)
orphan.clock = clock
first, second = [], []
orphan.start(1).addBoth(first.append)
orphan.start(1).addBoth(second.append)
gate.callback(0)
orphan.stop()
show("restarted while pending: the second start() Deferred fires at stop(), the first never",
     (len(first), len(second), len(clock.getDelayedCalls())))
clock.advance(1)
caught = []
gate.addErrback(caught.append)
show("...and the iteration left over runs, then fails the function's Deferred (AssertionError)",
     (calls, len(first), caught[0].type.__name__, str(caught[0].value)))

# the repr (txdefer's reads differently; see the spec)
show("repr before start", repr(LoopingCall(Clock)))
