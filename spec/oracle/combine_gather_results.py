"""gatherResults on real Twisted: the facts spec/combine/gather-results.spec.ts asserts about txdefer.

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
import gc

from twisted.internet.defer import (
    CancelledError, Deferred, DeferredList, FirstError, fail, gatherResults, succeed,
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


def outcome(d):
    """Take d's result now: 'value ...', 'failure <type>' or 'no result'."""
    seen = []
    d.addBoth(seen.append)
    if not seen:
        return "no result"
    r = seen[0]
    if isinstance(r, Failure):
        return "failure %s" % r.type.__name__
    return "value %r" % (r,)


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


# test_gatherResults
show("fires with the values, in input order", outcome(gatherResults([succeed(1), succeed(2)])))

d1, d2 = Deferred(), Deferred()
g = gatherResults([d1, d2])
d2.callback("b")
show("waits for every Deferred", g.called)
d1.callback("a")
show("...and keeps input order, not the order they fired in", outcome(g))

show("an empty list gives [] at once", outcome(gatherResults([])))

errors = []
d = gatherResults([succeed(1), fail(ValueError("bad"))])
d.addErrback(errors.append)
show("fails at the first failure, with one errback call", (len(errors), errors[0].type.__name__))
show("...whose FirstError holds the failure and its index",
     (errors[0].value.subFailure.type.__name__, errors[0].value.index))

d1, d2, d3 = Deferred(), Deferred(), Deferred()
g = gatherResults([d1, d2, d3], consumeErrors=True)
d3.errback(GenericError("third, first in time"))
f = []
g.addErrback(f.append)
show("'first' is first in time", (f[0].value.index, f[0].value.subFailure.getErrorMessage()))
d1.callback("later")
show("...and the other Deferreds are left alone: not cancelled, their results not taken", (d2.called, outcome(d1)))

show("the Deferred it returns is a DeferredList", isinstance(gatherResults([]), DeferredList))

d1, d2 = Deferred(), Deferred()
g = gatherResults([d1, d2], consumeErrors=True)
before = list(g.resultList)
d2.callback("b")
show("its resultList fills in with [SUCCESS, value] entries, as any DeferredList's", (before, list(g.resultList)))
d1.errback(GenericError("x"))
g.addErrback(lambda f: None)
show("...and a failed member's entry is [FAILURE, failure], even with consumeErrors",
     [(ok, r.type.__name__ if not ok else r) for (ok, r) in g.resultList])

d1, d2 = Deferred(), Deferred()
g = gatherResults([d1, d2])
d1.callback(1)
d2.callback(2)
values = []
g.addCallback(values.append)
values[0].append(99)
show("the values it fires with are a list apart from resultList", (values[0], g.resultList))


def generator():
    yield succeed("a")
    yield succeed("b")


show("takes any iterable, such as a generator", outcome(gatherResults(generator())))

# test_gatherResultsWithConsumeErrors
d1 = fail(RuntimeError("oh noes"))
d2 = succeed(1)
g = gatherResults([d1, d2], consumeErrors=True)
later = []
d1.addErrback(later.append)
show("with consumeErrors, a failed Deferred's later errback is not called", later)
f = []
g.addErrback(f.append)
show("...and it fails with a FirstError wrapping the failure", (f[0].type.__name__, f[0].value.subFailure.type.__name__))

d1 = Deferred()
g = gatherResults([d1])
d1.errback(GenericError("kept"))
later = []
d1.addErrback(later.append)
g.addErrback(lambda f: None)
show("without consumeErrors, the failed Deferred keeps its failure", [x.getErrorMessage() for x in later])

collect()  # first let go of the reports of Deferreds dropped above


def drop(consume):
    d1 = Deferred()
    g = gatherResults([d1], consumeErrors=consume)
    d1.errback(GenericError("dropped"))
    g.addErrback(lambda f: None)


drop(False)
show("without consumeErrors, the failed Deferred is reported as unhandled", collect())
drop(True)
show("with consumeErrors, only an unhandled FirstError could be reported: here none is", collect())


def drop_unhandled_first_error():
    d1 = Deferred()
    gatherResults([d1], consumeErrors=True)
    d1.errback(GenericError("dropped"))


drop_unhandled_first_error()
show("with consumeErrors, an unhandled FirstError is reported", collect())

# test_cancelGatherResults
d1, d2 = Deferred(), Deferred()
g = gatherResults([d1, d2])
g.cancel()
f = []
g.addErrback(f.append)
show("cancel: every Deferred is cancelled, and it fails with FirstError wrapping CancelledError",
     (outcome(d1), outcome(d2), f[0].type.__name__, f[0].value.subFailure.type.__name__))

# test_cancelGatherResultsWithAllDeferredsCallback
d1, d2 = Deferred(canceller_calls_back), Deferred(canceller_calls_back)
g = gatherResults([d1, d2])
g.cancel()
show("cancel: if every canceller calls back, it fires with their values", outcome(g))

d1, d2 = Deferred(), Deferred()
g = gatherResults([d1, d2], consumeErrors=True)
d1.errback(GenericError("first"))
g.cancel()
show("cancel after it fired does nothing", (outcome(d2), outcome(g)))
