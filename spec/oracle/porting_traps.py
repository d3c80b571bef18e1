"""Oracle for spec/core/porting-traps.spec.ts (issue 9, items 11-17): what Twisted does with
the calls a line-by-line port makes. One labelled line per fact; each label starts the
title of the `it` that asserts the same about txdefer."""
from twisted.internet import task
from twisted.internet.defer import AlreadyCalledError, Deferred, DeferredList
from twisted.internet.error import ConnectionDone
from twisted.python.failure import Failure


def fact(label, value):
    print(f"{label}: {value}")


# item 11: addCallbacks in Twisted's positional order
seen = []
d = Deferred()
d.addCallbacks(lambda r, x: seen.append(("cb", x)), lambda f, y: seen.append(("eb", y)), (1,), None, (2,))
d.errback(ValueError("e"))
fact("positional errbackArgs", seen)

seen = []
d = Deferred()
d.addCallbacks(lambda r, x, flag=False: seen.append(("cb", x, flag)), None, (1,), {"flag": True})
d.callback(0)
fact("callbackKeywords", seen)

seen = []
d = Deferred()
d.addCallbacks(lambda r: None, lambda f, y, why=None: seen.append((y, why)), None, None, ("arg",), {"why": "keyword"})
d.errback(ValueError("e"))
fact("errbackKeywords are passed the same way, after errbackArgs", seen)

seen = []
d = Deferred()
d.addCallbacks(lambda *args: seen.append(args), None, (), {})
d.callback(5)
fact("empty keywords add no argument", seen)

# item 12: per-Deferred debugging
d = Deferred()
d.debug = True
d.callback(1)
try:
    d.callback(2)
except AlreadyCalledError as e:
    fact("per-instance debug message has invoker", any(line.startswith(" I:") for line in str(e).split("\n")))

d = Deferred()
d.callback(1)
try:
    d.callback(2)
except AlreadyCalledError as e:
    fact("without debug, the message has no stacks", " I:" not in str(e))

# item 13: check and trap with dotted names
failure = Failure(ConnectionDone())
fact("check dotted", failure.check("twisted.internet.error.ConnectionDone"))
fact("trap dotted", failure.trap("twisted.internet.error.ConnectionDone"))

# item 14: the attributes trial tests read
clock = task.Clock()
ran = []
clock.callLater(5, lambda: ran.append(1))
clock.rightNow = 10
fact("seconds after rightNow=10", f"seconds={clock.seconds()} ran before advance={ran}")
clock.advance(0)
fact("seconds after rightNow=10, then advance(0)", f"ran={ran}")

clock = task.Clock()
later = clock.callLater(2, lambda: None)
sooner = clock.callLater(1, lambda: None)
fact("calls", clock.calls == [sooner, later])

clock = task.Clock()
clock.rightNow = 10
call = clock.callLater(1, lambda x: x, 5)
fact("time, args and kw", f"time={call.time} args={call.args} kw={call.kw}")
call.delay(2)
fact("time, args and kw, after delay(2)", (call.time, call.delayed_time, call.getTime()))
call.cancel()
try:
    call.func
    fact("func after cancel", "still there")
except AttributeError:
    fact("func after cancel", "deleted")


def add(x, y):
    return x + y


d = Deferred()
d.addCallback(add, 2)
fact("callbacks entry", [(entry[0].__name__, entry[1], dict(entry[2])) for entry in d.callbacks[0]])

d = Deferred()
d.addCallback(lambda x: x)
d.addCallback(lambda x: x)
d.pause()
d.callback(1)
before = len(d.callbacks)
d.unpause()
fact("callbacks length", f"paused={before} after unpause={len(d.callbacks)}")

# item 15: negative delays
clock = task.Clock()
ran = []
clock.callLater(0, lambda: ran.append("due now"))
clock.callLater(-1, lambda: ran.append("overdue"))
clock.advance(0)
fact("negative callLater runs on advance(0), before calls due later", ran)

clock = task.Clock()
d = Deferred()
d.addTimeout(-1, clock)
pending = not d.called
clock.advance(0)
fact("addTimeout(-1) pending, and after advance(0) it has timed out", f"pending={pending} then={type(d.result.value).__name__}")
d.addErrback(lambda f: None)

clock = task.Clock()
later = task.deferLater(clock, -1, lambda: "v")
clock.advance(0)
fact("deferLater(-1) fires at the next advance", later.result)

clock = task.Clock()
ran = []
call = clock.callLater(10, lambda: ran.append(1))
call.reset(-1)
clock.advance(0)
fact("DelayedCall.reset to a negative number of seconds makes it due", ran)

try:
    task.LoopingCall(lambda: None).start(-1)
except ValueError as e:
    fact("LoopingCall(-1)", f"ValueError({e})")

# item 17
try:
    DeferredList(None)
except TypeError as e:
    fact("new DeferredList(null)", f"TypeError({e})")
