"""Cancellation on real Twisted: the facts spec/core/canceller.spec.ts asserts about txdefer.

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from twisted.internet.defer import AlreadyCalledError, CancelledError, Deferred
from twisted.python.failure import Failure


class GenericError(Exception):
    pass


def show(label, value):
    print("%s: %s" % (label, value))


def outcome(d):
    """Take d's result now: ('value', v), ('failure', type name) or 'no result'."""
    seen = []
    d.addBoth(seen.append)
    if not seen:
        return "no result"
    r = seen[0]
    if isinstance(r, Failure):
        return "failure %s" % r.type.__name__
    return "value %r" % (r,)


def raises(fn, *args):
    try:
        fn(*args)
    except Exception as e:
        return type(e).__name__
    return "nothing"


# no canceller: CancelledError, callback not called
d = Deferred()
called = []
errors = []
d.addCallbacks(called.append, errors.append)
d.cancel()
show("no canceller: callback called", bool(called))
show("no canceller: errback got", errors[0].type.__name__)

# one late callback is swallowed, then AlreadyCalledError
for first in ("callback", "errback"):
    d = Deferred()
    d.addErrback(lambda f: None)
    d.cancel()
    if first == "callback":
        show("late callback after cancel", raises(d.callback, "late"))
    else:
        show("late errback after cancel", raises(d.errback, Failure(GenericError())))
    show("then callback (%s swallowed)" % first, raises(d.callback, "again"))
    show("then errback (%s swallowed)" % first, raises(d.errback, Failure(GenericError())))

# further cancels change nothing (same Failure object)
for late in ("none", "callback", "errback"):
    d = Deferred()
    d.cancel()
    before = d.result
    if late == "callback":
        d.callback("late")
    elif late == "errback":
        d.errback(Failure(GenericError()))
    d.cancel()
    show("cancel again after %s: same failure object" % late, d.result is before)
    show("cancel again after %s: result" % late, outcome(d))

# canceller called once, receives the Deferred
calls = []
d = Deferred(calls.append)
d.cancel()
d.cancel()
show("canceller calls", len(calls))
show("canceller received the Deferred", calls[0] is d)
show("non-firing canceller: result", outcome(d))
show("non-firing canceller: later callback", raises(d.callback, "late"))
show("non-firing canceller: later errback", raises(d.errback, Failure(GenericError())))

# canceller that fires decides the outcome
d = Deferred(lambda d: d.callback("hello!"))
d.cancel()
show("canceller that calls back", outcome(d))
d = Deferred(lambda d: d.errback(GenericError()))
d.cancel()
show("canceller that errbacks", outcome(d))

# cancel after firing does nothing and does not call the canceller
calls = []
d = Deferred(calls.append)
d.callback("biff!")
d.cancel()
show("cancel after callback: canceller calls", len(calls))
show("cancel after callback: result", outcome(d))
calls = []
d = Deferred(calls.append)
d.errback(GenericError())
d.cancel()
show("cancel after errback: canceller calls", len(calls))
show("cancel after errback: result", outcome(d))

# cancelling a Deferred waiting on an inner one cancels the inner
outer_calls = []
inner_calls = []
inner_failures = []
inner = Deferred(inner_calls.append)
inner.addErrback(lambda f: inner_failures.append(f) or f)
outer = Deferred(outer_calls.append)
outer.addCallback(lambda _: inner)
outer.callback(None)
outer.cancel()
show("nested: outer canceller calls", len(outer_calls))
show("nested: inner canceller calls", len(inner_calls))
show("nested: outer holds the inner's failure object", outer.result is inner_failures[0])
show("nested: inner result afterwards", repr(inner.result))
show("nested: outer result", outcome(outer))

inner = Deferred(lambda d: d.callback("from inner canceller"))
outer = Deferred()
outer.addCallback(lambda _: inner)
outer.callback(None)
outer.cancel()
show("nested: inner canceller calls back", outcome(outer))

# unfired + paused: canceller runs, CancelledError stored, callbacks run at unpause
calls = []
seen = []
d = Deferred(calls.append)
d.addBoth(lambda r: seen.append(r) or None)
d.pause()
d.cancel()
show("paused unfired: canceller calls", len(calls))
show("paused unfired: called", d.called)
show("paused unfired: result is CancelledError", isinstance(d.result, Failure) and d.result.check(CancelledError) is CancelledError)
show("paused unfired: callbacks before unpause", len(seen))
d.unpause()
show("paused unfired: callbacks after unpause", len(seen))

# fired + user-paused: cancel does nothing
calls = []
d = Deferred(calls.append)
d.callback("value")
d.pause()
d.cancel()
show("paused fired: canceller calls", len(calls))
show("paused fired: result", repr(d.result))
d.unpause()
show("paused fired: after unpause", outcome(d))

# a canceller that raises: the exception propagates, the Deferred stays unfired
def raising(d):
    raise GenericError("canceller broke")


d = Deferred(raising)
show("raising canceller: cancel() raises", raises(d.cancel))
show("raising canceller: called", d.called)
show("raising canceller: later callback", raises(d.callback, "ok"))
show("raising canceller: result", outcome(d))

# re-entrant callback from inside the CancelledError errbacks is swallowed
d = Deferred()
reentrant = []


def fire_again(f):
    reentrant.append(raises(d.callback, "re-entrant"))
    return None


d.addErrback(fire_again)
d.cancel()
show("re-entrant callback during cancel", reentrant[0])
show("re-entrant: a further callback", raises(d.callback, "later"))

# the canceller is not called after firing (also when the fired Deferred is paused on nothing)
calls = []
d = Deferred(calls.append)
d.callback(1)
d.cancel()
d.cancel()
show("canceller after firing: calls", len(calls))
