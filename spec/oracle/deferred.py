"""Oracle for spec/core/deferred.spec.ts: Twisted's DeferredTests (reference G.1) for
the callback chain itself, shown on real Twisted. One labelled line per fact."""
import re

from twisted.internet.defer import Deferred, fail
from twisted.python.failure import Failure


def fact(label, value):
    print(f"{label}: {value}")


class GenericError(Exception):
    pass


def recorder():
    """A callback that records the arguments it got and passes the result on."""
    calls = []

    def record(result, *args):
        calls.append((result,) + args)
        return result

    return record, calls


record, calls = recorder()
d = Deferred()
d.addCallback(record)
d.callback("hello")
fact("passes only the result to a callback added without extra arguments", calls)

record, calls = recorder()
d = Deferred()
d.addCallback(record, "world")
d.callback("hello")
fact("passes extra arguments after the result", calls)

first, first_calls = recorder()
second, second_calls = recorder()
d = Deferred()
d.addCallback(first)
d.addCallback(second)
d.callback("hello")
fact("gives the second callback what the first returned", f"first={first_calls} second={second_calls}")

for none in (None,):
    record, calls = recorder()
    errors = []
    d = Deferred()
    d.addCallbacks(record, none)
    d.errback(GenericError("oopsie"))
    d.addErrback(lambda *a: errors.append(a))
    fact("addCallbacks with a null or undefined errback passes the failure on to the next errback",
         f"callbackRan={bool(calls)} errbackArgs={len(errors[0])} value={errors[0][0].value!r}")

record, calls = recorder()
d = Deferred()
d.addCallbacks(record, lambda f: None, None, None, (), {})
d.callback("hello")
fact("addCallbacks with null or undefined callbackArgs calls the callback with the result alone", calls)

record, calls = recorder()
d = Deferred()
d.addCallbacks(lambda r: None, record, (), {}, None, None)
d.errback(GenericError("oopsie"))
d.addErrback(lambda f: None)
fact("addCallbacks with null or undefined errbackArgs calls the errback with the failure alone",
     [(type(c[0]).__name__,) + c[1:] for c in calls])

seen = []
d = fail(GenericError("paused"))
d.pause()
d.addErrback(seen.append)
before = len(seen)
d.unpause()
fact("a failed Deferred that is paused runs an errback added meanwhile only at unpause",
     f"beforeUnpause={before} afterUnpause={len(seen)} value={seen[0].value!r}")

seen = []
d = Deferred()
d.addCallback(lambda r: 1 // 0)
d.addErrback(seen.append)
d.callback(1)
fact("a callback that throws sends a Failure around the thrown error to the next errback", seen[0].type.__name__)

seen = []
d = Deferred()
d.addCallback(lambda r: Failure(ZeroDivisionError()))
d.addErrback(seen.append)
d.callback(1)
fact("a callback that returns a Failure sends it to the next errback", seen[0].type.__name__)

seen = []
d = Deferred()
d.pause()
d.addCallback(seen.append)
d.unpause()
fact("unpause() on an unfired Deferred runs nothing", f"ran={seen} called={d.called} paused={d.paused}")

seen = []
d1 = Deferred()
d2 = Deferred()
d2.pause()
d1.addCallback(lambda r: d2)
d1.addCallback(seen.append)
d1.callback(1)
step1 = list(seen)
d2.callback(2)
step2 = list(seen)
d2.unpause()
fact("a callback that returns a paused Deferred holds the chain until that Deferred fires and is unpaused",
     f"afterOuterFired={step1} afterInnerFired={step2} afterInnerUnpaused={seen}")

seen = []
d = Deferred()
d.addCallback(lambda r: r + 5)
d.addCallback(seen.append)
d.callback(2)
returned = Failure(RuntimeError("rte"))
failures = []
d = Deferred()
d.addCallback(lambda r: returned)
d.addCallback(lambda r: returned)
d.addErrback(failures.append)
d.callback(2)
fact("a callback returning a Failure sends that same Failure object to the errbacks",
     f"valueResult={seen} sameFailure={failures[0] is returned} errbackCalls={len(failures)}")

seen = []
d = Deferred()
d2 = Deferred()
d.addErrback(lambda f: d2)
d.addCallback(seen.append)
d.errback(GenericError("first"))
step1 = list(seen)
d2.callback("result")
fact("an errback that returns a pending Deferred makes the chain wait for it", f"before={step1} after={seen}")

seen = []
inner = Deferred()
inner.callback(3)
inner.pause()
outer = Deferred()
outer.addCallback(lambda r: inner)
outer.callback(None)
outer.addCallback(seen.append)
step1 = list(seen)
inner.unpause()
fact("a callback that returns a fired but paused Deferred waits until it is unpaused",
     f"whilePaused={step1} afterUnpause={seen}")

seen = []
first = Deferred()
second = Deferred()
first.addCallback(lambda r: second)
first.callback(None)
first.pause()
second.callback(None)
second.addCallback(seen.append)
fact("callbacks added to the inner Deferred after it fed a paused outer one still run, with undefined", seen)

order = []
d = Deferred()
def callback1(r):
    order.append(1)
    d.addCallback(lambda r: order.append(3))
d.addCallback(callback1)
d.addCallback(lambda r: order.append(2))
d.callback(None)
fact("a callback added from inside a callback runs after the callbacks already added", order)

order = []
d = Deferred()
def callback_adding(r):
    order.append(1)
    d.addCallback(lambda r: order.append(2))
    order.append(("when the adding callback ends", list(order)))
d.addCallback(callback_adding)
d.callback(None)
fact("a callback added from inside a callback does not run before the adding callback returns", order)

seen = []
d = Deferred()
def callback_adding_failure(r):
    def raising(r):
        raise Exception("callback raised exception")
    d.addCallback(raising)
d.addCallback(callback_adding_failure)
d.callback(None)
d.addErrback(seen.append)
fact("a callback added during the run that throws leaves the Deferred with that failure", seen[0].value.args)


def show(text, names):
    """Replace each Deferred's address with #name, as the spec names them."""
    for name, obj in names.items():
        text = text.replace(f"0x{id(obj):x}", f"#{name}")
    return re.sub(r"0x[0-9a-f]+", "#?", text)


d = Deferred()
fact("String(d) is <Deferred #N> for an unfired Deferred (Twisted prints an address: differences row 7)",
     show(repr(d), {"N": d}))
d = Deferred()
d.callback("orange")
fact("String(d) shows the current result (Twisted prints an address: differences row 7)", show(repr(d), {"N": d}))
a = Deferred()
b = Deferred()
b.chainDeferred(a)
fact("String(d) says which Deferred it waits on (Twisted prints addresses: differences row 7)",
     show(repr(a), {"a": a, "b": b}))
