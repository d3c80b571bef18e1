"""DeferredList on real Twisted: the facts spec/combine/deferred-list.spec.ts asserts about txdefer.

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
import gc

from twisted.internet import defer
from twisted.internet.defer import (
    FAILURE, SUCCESS, CancelledError, Deferred, DeferredList, FirstError, fail, succeed,
)
from twisted.logger import globalLogBeginner
from twisted.python.failure import Failure

events = []
# Our observer is the only one: nothing goes to stderr, and nothing buffered earlier is replayed.
globalLogBeginner.beginLoggingTo([events.append], discardBuffer=True, redirectStandardIO=False)


class GenericError(Exception):
    pass


def show(label, value):
    print("%s: %s" % (label, value))


def describe(value):
    """A result, with Failures as <Failure Type: message> and tuples shown as lists."""
    if isinstance(value, Failure):
        return "<Failure %s: %s>" % (value.type.__name__, value.getErrorMessage())
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(describe(v) for v in value) + "]"
    return repr(value)


def outcome(d):
    """Take d's result now: 'value ...', 'failure <type>' or 'no result'."""
    seen = []
    d.addBoth(seen.append)
    if not seen:
        return "no result"
    r = seen[0]
    if isinstance(r, Failure):
        return "failure %s" % r.type.__name__
    return "value %s" % describe(r)


def peek(d):
    """d's result now without taking it (a failure is kept as it is)."""
    seen = []

    def look(r):
        seen.append(r)
        return r

    d.addBoth(look)
    return describe(seen[0]) if seen else "no result"


def canceller_calls_back(d):
    d.callback("Callback Result")


def collect():
    """Collect garbage; the types of the failures reported as unhandled since the last call."""
    gc.collect()
    seen = list(events)
    del events[:]
    types = []
    for i, event in enumerate(seen):
        if event.get("log_format") == "Unhandled error in Deferred:" and i + 1 < len(seen):
            types.append(seen[i + 1]["log_failure"].type.__name__)
    return types


def logged_canceller_errors():
    seen = list(events)
    del events[:]
    return [(e.get("log_format"), e["log_failure"].type.__name__) for e in seen if "log_failure" in e]


# ---- the result -----------------------------------------------------------------------

show("SUCCESS is true and FAILURE is false", (SUCCESS, FAILURE))
show("a DeferredList is a Deferred", isinstance(DeferredList([]), Deferred))

# testDeferredList
d1, d2, d3 = Deferred(), Deferred(), Deferred()
dl = DeferredList([d1, d2, d3])
results = []
dl.addCallbacks(results.append, results.append)
d1.callback("1")
d2.addErrback(lambda f: None)
d2.errback(GenericError("2"))
show("does not fire until every Deferred has fired", results)
d3.callback("3")
show("fires with [success, result] entries in input order, failures included", describe(results[0]))
show("...the failure entry holds a GenericError", results[0][1][1].check(GenericError) is GenericError)

d1, d2 = Deferred(), Deferred()
dl = DeferredList([d1, d2])
d2.callback("second")
d1.callback("first")
show("keeps input order, not the order the Deferreds fired in", peek(dl))

d1 = Deferred()
dl = DeferredList([d1])
d1.callback("x")
got = []
dl.addCallback(got.append)
show("its result is the resultList array itself", got[0] is dl.resultList)

d1, d2 = Deferred(), Deferred()
dl = DeferredList([d1, d2])
show("resultList holds undefined for Deferreds that have not fired", dl.resultList)
d2.callback("b")
show("resultList fills in as the Deferreds fire", (describe(dl.resultList), dl.finishedCount))

dl = DeferredList([Deferred()], fireOnOneCallback=True, consumeErrors=True)
show("the options are readable as properties", (dl.fireOnOneCallback, dl.fireOnOneErrback, dl.consumeErrors))
dl = DeferredList([])
show("the options default to false", (dl.fireOnOneCallback, dl.fireOnOneErrback, dl.consumeErrors))

# testEmptyDeferredList
got = []
dl = DeferredList([])
dl.addCallback(got.append)
show("an empty list fires at once with []", got)
show("...with a new array, not resultList", got[0] is not dl.resultList)
dl = DeferredList([], fireOnOneCallback=True)
show("an empty list with fireOnOneCallback never fires", outcome(dl))
dl = DeferredList([], fireOnOneErrback=True)
show("an empty list with fireOnOneErrback fires at once with []", outcome(dl))

# testDeferredListWithAlreadyFiredDeferreds
d1 = fail(GenericError("Bang"))
d2 = succeed(1)
dl = DeferredList([d1, d2])
d1.addErrback(lambda f: None)
show("Deferreds that fired before the list was built are counted at once", outcome(dl))

d1 = Deferred()
d1.addCallback(lambda x: x * 2)
dl = DeferredList([d1])
d1.callback(21)
show("callbacks added to a Deferred before the list shape what the list sees", peek(dl))

d1 = Deferred()
dl = DeferredList([d1, d1])
d1.callback("v")
show("the same Deferred listed twice is recorded twice", peek(dl))
d1 = Deferred()
dl = DeferredList([d1, d1], consumeErrors=True)
d1.errback(GenericError("once"))
show("...and the second entry sees what the first entry left (consumeErrors)", peek(dl))


def generator():
    yield succeed("a")
    yield succeed("b")


show("takes any iterable, such as a generator", peek(DeferredList(generator())))

# ---- fireOnOneCallback / fireOnOneErrback ----------------------------------------------

d1, d2 = Deferred(), Deferred()
dl = DeferredList([d1, d2], fireOnOneCallback=True)
d2.callback("winner")
show("fireOnOneCallback fires with [result, index] of the first success in time", peek(dl))
d1.callback("late")
show("...later results are still recorded in resultList", (describe(dl.resultList), dl.finishedCount))

d1, d2 = Deferred(), Deferred()
dl = DeferredList([d1, d2], fireOnOneCallback=True, consumeErrors=True)
d1.errback(GenericError("a"))
show("fireOnOneCallback: failures alone do not fire it", peek(dl))
d2.errback(GenericError("b"))
show("fireOnOneCallback: when every Deferred fails, it fires with the full list", peek(dl))

# testDeferredListFireOnOneError
d1, d2 = Deferred(), Deferred()
dl = DeferredList([d1, d2], fireOnOneErrback=True)
errors = []
dl.addErrback(errors.append)
d1.callback("ok")
show("fireOnOneErrback: a success alone does not fire it", errors)
d2.errback(GenericError("from def2"))
show("fireOnOneErrback: fails with FirstError at the first failure", (len(errors), errors[0].type.__name__))
first = errors[0].value
show("...FirstError carries the failure and the index", (first.subFailure.type.__name__, first.subFailure.value.args, first.index))

d1, d2 = Deferred(), Deferred()
dl = DeferredList([d1, d2], fireOnOneErrback=True)
d1.callback("a")
d2.callback("b")
show("fireOnOneErrback: when every Deferred succeeds, it fires with the full list", peek(dl))

d1, d2 = Deferred(), Deferred()
dl = DeferredList([d1, d2], fireOnOneErrback=True, consumeErrors=True)
seen = []
dl.addErrback(lambda f: seen.append(f.value.index))
d2.errback(GenericError("first in time"))
d1.errback(GenericError("second in time"))
show("fireOnOneErrback: the FirstError index is that of the first failure in time", seen)

# testDeferredListFireOnOneErrorWithAlreadyFiredDeferreds
d1 = fail(GenericError("Bang"))
d2 = succeed(1)
dl = DeferredList([d1, d2], fireOnOneErrback=True)
d1.addErrback(lambda f: None)
show("fireOnOneErrback with a Deferred that already failed: the list has failed when built", outcome(dl))

# ---- consumeErrors ---------------------------------------------------------------------

# testDeferredListDontConsumeErrors
d1 = Deferred()
dl = DeferredList([d1])
errors = []
d1.addErrback(errors.append)
results = []
dl.addCallback(results.append)
d1.errback(GenericError("Bang"))
show("without consumeErrors, an errback added to the Deferred afterwards still gets the failure",
     (len(errors), errors[0].getErrorMessage()))
show("...and the list's entry holds that same Failure", results[0][0][1] is errors[0])

# testDeferredListConsumeErrors
d1 = Deferred()
dl = DeferredList([d1], consumeErrors=True)
errors = []
later = []
d1.addCallbacks(later.append, errors.append)
results = []
dl.addCallback(results.append)
d1.errback(GenericError("Bang"))
show("with consumeErrors, an errback added afterwards is not called; a callback gets undefined",
     (errors, later))
show("...and the list's entry still holds the Failure", describe(results[0]))


def drop_unconsumed():
    d1 = Deferred()
    dl = DeferredList([d1])
    d1.errback(GenericError("not consumed"))
    dl.addCallback(lambda _: None)


collect()  # first let go of the reports of Deferreds dropped above
drop_unconsumed()
show("without consumeErrors, a failed Deferred nobody handles is reported as unhandled", collect())


def drop_consumed():
    d1 = Deferred()
    dl = DeferredList([d1], consumeErrors=True)
    d1.errback(GenericError("consumed"))
    dl.addCallback(lambda _: None)


drop_consumed()
show("with consumeErrors, nothing is reported", collect())


def drop_first_error():
    d1 = Deferred()
    dl = DeferredList([d1], fireOnOneErrback=True, consumeErrors=True)
    d1.errback(GenericError("wrapped"))


drop_first_error()
show("with fireOnOneErrback, the list's own FirstError is reported if nobody handles it", collect())

# ---- cancellation ----------------------------------------------------------------------

# test_cancelDeferredList
d1, d2 = Deferred(), Deferred()
dl = DeferredList([d1, d2])
dl.cancel()
show("cancel: every Deferred fails with CancelledError", (outcome(d1), outcome(d2)))
show("cancel: the list fires with their failures (it does not fail)", peek(dl))

# test_cancelDeferredListCallback
d1, d2 = Deferred(canceller_calls_back), Deferred()
dl = DeferredList([d1, d2])
dl.cancel()
show("cancel: a canceller that calls back gives a success entry", peek(dl))
show("...and the other Deferred fails with CancelledError", outcome(d2))

# test_cancelDeferredListWithFireOnOneCallback
d1, d2 = Deferred(), Deferred()
dl = DeferredList([d1, d2], fireOnOneCallback=True)
dl.cancel()
show("cancel with fireOnOneCallback: every Deferred fails, and the list fires with the full list", (outcome(d1), outcome(d2), peek(dl)))

# test_cancelDeferredListWithFireOnOneCallbackAndDeferredCallback
d1, d2 = Deferred(canceller_calls_back), Deferred()
dl = DeferredList([d1, d2], fireOnOneCallback=True)
dl.cancel()
show("cancel with fireOnOneCallback: a canceller that calls back fires it with [result, index]", peek(dl))
show("...and the other Deferreds are still cancelled", outcome(d2))

# test_cancelDeferredListWithFireOnOneErrback
d1, d2 = Deferred(), Deferred()
dl = DeferredList([d1, d2], fireOnOneErrback=True)
dl.cancel()
f = []
dl.addErrback(f.append)
show("cancel with fireOnOneErrback: fails with FirstError wrapping CancelledError",
     (outcome(d1), outcome(d2), f[0].type.__name__, f[0].value.subFailure.type.__name__, f[0].value.index))

# test_cancelDeferredListWithFireOnOneErrbackAllDeferredsCallback
d1, d2 = Deferred(canceller_calls_back), Deferred(canceller_calls_back)
dl = DeferredList([d1, d2], fireOnOneErrback=True)
dl.cancel()
show("cancel with fireOnOneErrback: if every canceller calls back, it fires with the full list", peek(dl))

# test_cancelDeferredListWithOriginalDeferreds
d1, d2 = Deferred(), Deferred()
ds = [d1, d2]
dl = DeferredList(ds)
d3 = Deferred()
ds.append(d3)
dl.cancel()
show("cancel leaves alone a Deferred added to the caller's array after the list was built", outcome(d3))


# test_cancelDeferredListWithException
def raising_canceller(d):
    raise RuntimeError("test")


d1, d2 = Deferred(raising_canceller), Deferred()
dl = DeferredList([d1, d2])
del events[:]
raised = "nothing"
try:
    dl.cancel()
except Exception as e:
    raised = type(e).__name__
show("cancel: a canceller that throws is caught, and the other Deferreds are still cancelled", (raised, outcome(d2)))
show("...and its error is logged, once", logged_canceller_errors())
d1.callback(None)

# test_cancelFiredOnOneCallbackDeferredList
d1, d2 = Deferred(), Deferred()
dl = DeferredList([d1, d2], fireOnOneCallback=True)
d1.callback("test")
dl.cancel()
show("cancel after fireOnOneCallback fired does nothing", (outcome(d2), peek(dl)))

# test_cancelFiredOnOneErrbackDeferredList
d1, d2 = Deferred(), Deferred()
dl = DeferredList([d1, d2], fireOnOneErrback=True)
d1.errback(GenericError("test"))
dl.cancel()
show("cancel after fireOnOneErrback fired does nothing", (outcome(d2), outcome(d1), outcome(dl)))

d1 = Deferred()
dl = DeferredList([d1])
inner = Deferred()
dl.addCallback(lambda _: inner)
d1.callback("x")
dl.cancel()
show("cancel after the list fired does not reach a Deferred its callbacks wait on", outcome(inner))

# DeferredListEmptyTests.testDeferredListEmpty
got = []
DeferredList([]).addCallback(got.append)
show("DeferredListEmptyTests: a callback on DeferredList([]) runs with []", got)
