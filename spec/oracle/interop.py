"""
Oracle for spec/core/interop.spec.ts: how real Twisted's Deferred meets coroutines and
asyncio (reference B.15, C.7.9, E.5). txdefer's `await d` stands for Twisted's `await d`
inside a coroutine driven by `ensureDeferred`; `d.asPromise()` for `d.asFuture(loop)`;
`Deferred.fromPromise(p)` for `Deferred.fromFuture(f)`.

Each line is "label: observed value"; the label names the spec (`it`) asserting the same
fact about txdefer. The asyncio loop is run by hand, one step at a time, so the output is
deterministic.
"""
import asyncio
import gc

from twisted.internet.defer import CancelledError, Deferred, ensureDeferred, fail, succeed
from twisted.python.failure import Failure
from twisted.logger import globalLogBeginner


def out(label, value):
    print(f"{label}: {value}")


events = []
# Our observer is the only one: nothing goes to stderr, and nothing buffered earlier is replayed.
globalLogBeginner.beginLoggingTo([events.append], discardBuffer=True, redirectStandardIO=False)


def unhandled_reports():
    """Collect garbage, then count (and forget) the "Unhandled error in Deferred:" reports."""
    gc.collect()
    count = sum(1 for event in events if event.get("log_format") == "Unhandled error in Deferred:")
    events.clear()
    return count


async def awaiting(d):
    return await d


def step(loop):
    """Run the loop's callbacks that are ready now (and those they schedule), once."""
    loop.run_until_complete(asyncio.sleep(0))


# ---- await ------------------------------------------------------------------------------

d = succeed(5)
driver = ensureDeferred(awaiting(d))
out("await of an already-fired Deferred gives its result", driver.result)
out("await of an already-fired Deferred leaves the result in place", d.result)

error = ValueError("already failed")
d = fail(error)
caught = []


async def awaitingFailure(d):
    try:
        await d
    except ValueError as e:
        caught.append(e)


ensureDeferred(awaitingFailure(d))
out("await of an already-failed Deferred raises the failure's value", caught[0] is error)
out("await of an already-failed Deferred leaves the Failure in place", d.result.value is error)
del d
out("await of an already-failed Deferred marks it handled: reports", unhandled_reports())

control = fail(ValueError("never awaited"))
del control
out("control: a failed Deferred nobody handles is reported: reports", unhandled_reports())

d = Deferred()
driver = ensureDeferred(awaiting(d))
out("await of a pending Deferred: no result yet", driver.called)
d.callback(7)
out("await of a pending Deferred that later fires gives the value", driver.result)
out("await of a pending Deferred that later fires consumes the result", d.result)

d = Deferred()
caught = []
ensureDeferred(awaitingFailure(d))
later = ValueError("failed later")
d.errback(later)
out("await of a pending Deferred that later fails raises the value", caught[0] is later)
out("await of a pending Deferred that later fails consumes the failure", d.result)


# ---- asFuture ---------------------------------------------------------------------------

loop = asyncio.new_event_loop()

d = succeed(5)
future = d.asFuture(loop)
out("asFuture of an already-fired Deferred consumes the result at once", d.result)
step(loop)
out("asFuture of an already-fired Deferred resolves with it", future.result())

d = Deferred()
future = d.asFuture(loop)
out("asFuture of a pending Deferred: not done", future.done())
d.callback(13)
step(loop)
out("asFuture of a Deferred that fires later resolves with the value", future.result())
out("asFuture of a Deferred that fires later consumes the result", d.result)

error = ZeroDivisionError("asFuture failure")
d = fail(error)
future = d.asFuture(loop)
step(loop)
out("asFuture of a failed Deferred rejects with the failure's value", future.exception() is error)
out("asFuture of a failed Deferred consumes the failure", d.result)
del d
out("asFuture of a failed Deferred: reports", unhandled_reports())

# ---- fromFuture ---------------------------------------------------------------------------

future = loop.create_future()
d = Deferred.fromFuture(future)
future.set_result(7)
out("fromFuture: not fired before the loop runs", d.called)
step(loop)
out("fromFuture fires with the Future's value", d.result)

error = ValueError("future failed")
future = loop.create_future()
d = Deferred.fromFuture(future)
future.set_exception(error)
step(loop)
caught = []
d.addErrback(caught.append)
out("fromFuture of a failed Future errbacks with its exception wrapped", caught[0].value is error)

# differences.md row 13: Twisted cancels the Future and fails later with asyncio.CancelledError.
future = loop.create_future()
d = Deferred.fromFuture(future)
d.cancel()
out("cancelling a fromFuture Deferred (row 13): failed at once", isinstance(d.result, Failure))
step(loop)
caught = []
d.addErrback(caught.append)
out("cancelling a fromFuture Deferred (row 13): later fails with", type(caught[0].value).__module__ + "." + type(caught[0].value).__name__)
out("cancelling a fromFuture Deferred (row 13): is it Twisted's CancelledError", caught[0].check(CancelledError) is not None)
out("cancelling a fromFuture Deferred (row 13): the Future is cancelled", future.cancelled())

loop.close()
