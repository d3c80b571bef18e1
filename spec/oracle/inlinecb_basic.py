"""inlineCallbacks on real Twisted: the facts spec/generators/inline-callbacks.spec.ts
asserts about txdefer (test_inlinecb's BasicTests, StopIterationReturnTests,
ForwardTraceBackTests in spirit; test_defgen's cases; reference E.4 and A.1).

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted, 22.4). Where 24.10 differs
(reference appendix Z), the label says so.
"""
import gc
import re
import weakref

from twisted.internet.defer import Deferred, fail, inlineCallbacks, succeed
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
        return "failure %s(%r)" % (r.type.__name__, str(r.value))
    return "value %r" % (r,)


def hasResult(d):
    """Whether d has fired, without taking its result (outcome() takes it)."""
    seen = []

    def look(r):
        seen.append(r)
        return r

    d.addBoth(look)
    return bool(seen)


def noAddress(text):
    return re.sub(r" at 0x[0-9a-f]+", "", text)


class TerminalException(Exception):
    pass


# testBasics: an asynchronous value, then a bare Failure yielded (thrown back in), then a return
later = Deferred()


@inlineCallbacks
def basics():
    x = yield later
    seen = [x]
    try:
        yield Failure(ZeroDivisionError("OMG"))
    except ZeroDivisionError as e:
        seen.append("caught %s" % e)
    show("testBasics: what the generator saw", seen)
    return "WOOSH"


d = basics()
show("testBasics: no result while waiting", not hasResult(d))
later.callback("hi")
show("testBasics: result", outcome(d))


# testProducesException
@inlineCallbacks
def produces():
    yield succeed(None)
    1 / 0


show("testProducesException", outcome(produces()))


# testNothing / testReturnNoValue
@inlineCallbacks
def nothing():
    if False:
        yield


show("testNothing: a generator that never yields fires at once with", outcome(nothing()))


@inlineCallbacks
def bareReturn():
    yield succeed(1)
    return


show("testReturnNoValue", outcome(bareReturn()))


# testHandledTerminalFailure / testHandledTerminalAsyncFailure
@inlineCallbacks
def handled(d):
    try:
        yield d
    except TerminalException:
        pass


show("testHandledTerminalFailure", outcome(handled(fail(TerminalException("handled")))))
pending = Deferred()
d = handled(pending)
pending.errback(TerminalException("handled"))
show("testHandledTerminalAsyncFailure", outcome(d))


# testStackUsage / testStackUsage2
@inlineCallbacks
def stackUsage():
    for _ in range(5000):
        yield succeed(1)
    return 0


@inlineCallbacks
def stackUsage2():
    for _ in range(5000):
        yield 1
    return 0


show("testStackUsage: 5000 fired Deferreds", outcome(stackUsage()))
show("testStackUsage2: 5000 plain values", outcome(stackUsage2()))


# testYieldNonDeferred: plain values are sent straight back
@inlineCallbacks
def plainValues():
    got = []
    got.append((yield 5))
    got.append((yield None))
    got.append((yield "text"))
    return got


show("testYieldNonDeferred: plain values are sent back", outcome(plainValues()))


# test_returnWithValue (StopIterationReturnTests)
@inlineCallbacks
def returnsFourteen(d):
    yield d
    return 14


d1 = Deferred()
d2 = returnsFourteen(d1)
show("test_returnWithValue: no result before d fires", not hasResult(d2))
d1.callback(None)
show("test_returnWithValue: after", outcome(d2))


# A throw before the first yield fails the Deferred; nothing is raised to the caller
@inlineCallbacks
def throwsAtOnce():
    raise TerminalException("at once")
    yield


try:
    d = throwsAtOnce()
    show("a throw before the first yield", "returned, %s" % outcome(d))
except Exception as e:
    show("a throw before the first yield", "raised %r" % e)


# test_nonGeneratorReturn: refused when called, with Twisted's message
def notAGenerator():
    return 5


decorated = inlineCallbacks(notAGenerator)
show("decorating a non-generator function raises nothing", True)
try:
    decorated()
except TypeError as e:
    show("test_nonGeneratorReturn: calling it raises TypeError", noAddress(str(e)))

calls = []


def noteCall():
    calls.append(1)
    return None


try:
    inlineCallbacks(noteCall)()
except TypeError as e:
    show("the non-generator function was called first", calls)
    show("returning None", noAddress(str(e)))


# An exception raised by a non-generator function propagates
def raisesPlain():
    raise TerminalException("plain")


try:
    inlineCallbacks(raisesPlain)()
except TerminalException as e:
    show("a non-generator function's own exception propagates", repr(e))


# The yielded Deferred is consumed: its result is None afterwards (already fired, and fired later)
fired = succeed("a")
afterwards = []


@inlineCallbacks
def consumer(d):
    x = yield d
    afterwards.append(x)


consumer(fired)
show("an already-fired yielded Deferred: the generator got", afterwards[0])
show("an already-fired yielded Deferred: its result afterwards", repr(fired.result))
pendingD = Deferred()
consumer(pendingD)
pendingD.callback("b")
show("a yielded Deferred fired later: the generator got", afterwards[1])
show("a yielded Deferred fired later: its result afterwards", repr(pendingD.result))
failed = fail(TerminalException("eaten"))
handled(failed)
show("a failed yielded Deferred: its result afterwards", repr(failed.result))

# Callbacks added before the yield shape the value; callbacks added after see None
shaped = Deferred()
shaped.addCallback(lambda r: r * 2)
got = []


@inlineCallbacks
def shapedConsumer():
    got.append((yield shaped))


shapedConsumer()
shaped.callback(21)
laterSeen = []
shaped.addCallback(laterSeen.append)
show("callbacks added before the yield run first", got)
show("callbacks added after the yield see", laterSeen)

# The error thrown into the generator is the very exception the Deferred failed with
err = TerminalException("same")
seenErrors = []


@inlineCallbacks
def catcher(d):
    try:
        yield d
    except TerminalException as e:
        seenErrors.append(e)
        raise


waiting = Deferred()
d = catcher(waiting)
waiting.errback(err)
f = []
d.addErrback(f.append)
show("the error thrown in is the same object", seenErrors[0] is err)
show("the returned Deferred fails with that same object", f[0].value is err)


# test_forwardTracebacks (in spirit): a nested inlineCallbacks failure reaches the outer level
@inlineCallbacks
def erroring():
    yield "forcing generator"
    raise Exception("Error Marker")


@inlineCallbacks
def calling():
    yield erroring()


fails = []
calling().addErrback(fails.append)
tb = fails[0].getTraceback()
show("test_forwardTracebacks: the traceback names erroring", "in erroring" in tb)
show("test_forwardTracebacks: the message", fails[0].getErrorMessage())


# A method keeps its self
class Thing:
    name = "thing"

    @inlineCallbacks
    def method(self, suffix):
        yield None
        return self.name + suffix


show("a decorated method gets its self", outcome(Thing().method("!")))

# The generator runs at once, up to its first wait
steps = []


@inlineCallbacks
def eager():
    steps.append("started")
    yield Deferred()
    steps.append("never")


eager()
show("the generator runs at once up to its first wait", steps)


# Yielding a generator: 22.4 sends it back as a value (24.7+ drives it as a sub-task)
def subGenerator():
    yield succeed(1)
    return "sub result"


@inlineCallbacks
def yieldsGenerator():
    x = yield subGenerator()
    return type(x).__name__


show("22.4 only: a yielded generator is sent back; its type", outcome(yieldsGenerator()))


# Returning a Deferred: 22.4 raises AssertionError out of the driver (24.7+: it becomes the result)
@inlineCallbacks
def returnsDeferred():
    yield None
    return succeed(1)


try:
    d = returnsDeferred()
    show("22.4 only: returning a Deferred", "returned, %s" % outcome(d))
except AssertionError as e:
    show("22.4 only: returning a Deferred", "raises AssertionError to the caller")


# No reference cycle keeps the arguments or the Deferred alive (test_inlineCallbacksNoCircularReference)
class Arg:
    pass


@inlineCallbacks
def usesArg(arg):
    yield succeed(arg)
    return 1


arg = Arg()
argRef = weakref.ref(arg)
d = usesArg(arg)
dRef = weakref.ref(d)
d.addCallback(lambda r: None)
del arg, d
gc.collect()
# (22.4 frees them only at a collection: its canceller closure makes a cycle that 23.8 breaks)
show("test_inlineCallbacksNoCircularReference: argument freed", argRef() is None)
show("test_inlineCallbacksNoCircularReference: Deferred freed", dRef() is None)

# Yielding the same Deferred again: its result was taken, so the generator gets None
again = Deferred()
gotAgain = []


@inlineCallbacks
def yieldsAgain():
    gotAgain.append((yield again))
    gotAgain.append((yield again))
    gotAgain.append((yield again))
    return "end"


d = yieldsAgain()
again.callback(5)
show("yielding the same Deferred again (fired later)", "%r, %s" % (gotAgain, outcome(d)))
firedAgain = succeed(7)
gotAgain = []


@inlineCallbacks
def yieldsFiredAgain():
    gotAgain.append((yield firedAgain))
    gotAgain.append((yield firedAgain))


yieldsFiredAgain()
show("yielding the same Deferred again (already fired)", gotAgain)
