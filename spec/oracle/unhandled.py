""""Unhandled error in Deferred" reporting on real Twisted (reference B.12, LogTests): the
facts spec/core/unhandled.spec.ts asserts about txdefer.

Each scenario drops its Deferreds, runs gc.collect(), and prints how many
"Unhandled error in Deferred:" events a log observer saw (and what they carried).
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
import gc

from twisted.internet import defer
from twisted.internet.defer import CancelledError, Deferred, fail, succeed
from twisted.logger import globalLogBeginner
from twisted.python.failure import Failure

events = []
# Our observer is the only one: nothing goes to stderr, and nothing buffered earlier is replayed.
globalLogBeginner.beginLoggingTo([events.append], discardBuffer=True, redirectStandardIO=False)


def show(label, value):
    print("%s: %s" % (label, value))


def collect():
    """Collect garbage and return the unhandled-error events seen since the last call:
    a list of (header event, failure event) pairs."""
    gc.collect()
    seen = list(events)
    del events[:]
    reports = []
    for i, event in enumerate(seen):
        if event.get("log_format") == "Unhandled error in Deferred:":
            reports.append((event, seen[i + 1] if i + 1 < len(seen) else None))
    return reports


def reported_types(reports):
    return [pair[1]["log_failure"].type.__name__ for pair in reports]


def divide_by_zero(_):
    return 1 // 0


# a Deferred whose callback throws, dropped
def drop_failing():
    d = Deferred()
    d.addCallback(divide_by_zero)
    d.callback(1)


drop_failing()
reports = collect()
show("dropped failing Deferred: reports", len(reports))
show("dropped failing Deferred: failure type", reported_types(reports))
failure_event = reports[0][1]
show("report: header text", repr(reports[0][0]["log_format"]))
show("report: failure event format (debugging off)", repr(failure_event["log_format"]))
show(
    "report: traceback names the function that raised",
    "divide_by_zero" in failure_event["log_failure"].getTraceback(),
)


# created in a nested function
def outer_function():
    def inner_function():
        d = Deferred()
        d.addCallback(divide_by_zero)
        d.callback(1)

    inner_function()


outer_function()
show("nested function: reports", len(collect()))


# in a self-reference cycle
def drop_cycle():
    d = Deferred()
    d.self_reference = d
    d.addCallback(divide_by_zero)
    d.callback(1)


drop_cycle()
show("self-reference cycle: reports", len(collect()))

# with debugging on, the report carries the creation and firing stacks
defer.setDebugging(True)


def drop_failing_debug():
    d = Deferred()
    d.addCallback(divide_by_zero)
    d.callback(1)


drop_failing_debug()
defer.setDebugging(False)
reports = collect()
show("debugging: reports", len(reports))
show("debugging: format", repr(reports[0][1]["log_format"]))
debug_info = reports[0][1]["debugInfo"]
show("debugging: debug info has ' C: Deferred was created:'", " C: Deferred was created:" in debug_info)
show("debugging: creation stack names the creating function", any(
    line.startswith(" C:") and line.endswith("drop_failing_debug") for line in debug_info.split("\n")
))


# test_chainedErrorCleanup: the inner failure taken by the outer and handled there
def chained_error_cleanup():
    d = Deferred()
    d.addCallback(lambda _: fail(RuntimeError("zoop")))
    d.callback(None)
    handled = []
    d.addErrback(handled.append)
    return len(handled)


show("chained error cleanup: outer errback ran", chained_error_cleanup())
show("chained error cleanup: reports", len(collect()))


# test_errorClearedByChaining: an errback that returns an unfired Deferred
def error_cleared_by_chaining():
    bad = fail(Exception("oh no"))
    good = Deferred()
    bad.addErrback(lambda _: good)


error_cleared_by_chaining()
show("error cleared by chaining: reports", len(collect()))


# an errback that recovers
def recovered():
    d = fail(ValueError("recovered"))
    d.addErrback(lambda f: "fine")


recovered()
show("errback recovers: reports", len(collect()))


# an errback that returns the failure
def passed_on():
    d = fail(ValueError("passed on"))
    d.addErrback(lambda f: f)


passed_on()
reports = collect()
show("errback returns the failure: reports", len(reports))
show("errback returns the failure: failure type", reported_types(reports))


# a cancelled Deferred nobody handled
def cancelled():
    d = Deferred()
    d.cancel()


cancelled()
reports = collect()
show("cancelled, unhandled: reports", len(reports))
show("cancelled, unhandled: failure type", reported_types(reports))


# a paused Deferred holding a failure
def paused():
    d = Deferred()
    d.pause()
    d.errback(ValueError("held while paused"))


paused()
show("paused holding a failure: reports", len(collect()))


# fail(x) with no errback
def failed():
    fail(ValueError("fail()"))


failed()
reports = collect()
show("fail() without errback: reports", len(reports))
show("fail() without errback: failure type", reported_types(reports))


# succeed(aFailure) with no errback. 22.4's succeed() calls callback(), so the failure is
# reported; 24.10's succeed() sets the result without a DebugInfo, so it is not (reference Z).
def succeed_failure():
    succeed(Failure(ValueError("succeed(failure)")))


succeed_failure()
show("succeed(aFailure) without errback: reports (22.4; 24.10 reports none)", len(collect()))


# the failure taken by an outer Deferred is reported once, from the outer
def outer_takes_failure():
    inner = fail(KeyError("inner"))
    outer = Deferred()
    outer.addCallback(lambda _: inner)
    outer.callback(None)
    return inner.result


show("outer takes the failure: inner result afterwards", repr(outer_takes_failure()))
reports = collect()
show("outer takes the failure: reports", len(reports))
show("outer takes the failure: failure type", reported_types(reports))


# the same, with the outer waiting for the inner to fail later
def outer_waits_for_failure():
    inner = Deferred()
    outer = Deferred()
    outer.addCallback(lambda _: inner)
    outer.callback(None)
    inner.errback(KeyError("inner, later"))


outer_waits_for_failure()
reports = collect()
show("outer waits for the failure: reports", len(reports))
show("outer waits for the failure: failure type", reported_types(reports))

# a Deferred kept referenced is not reported while it lives
kept = fail(ValueError("kept"))
show("kept referenced: reports", len(collect()))
del kept
reports = collect()
show("kept referenced, then dropped: reports", len(reports))
