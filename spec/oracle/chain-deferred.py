"""Oracle for spec/core/chain-deferred.spec.ts: chainDeferred (reference section D and
Twisted's DeferredTests for the explicit chain), shown on real Twisted. In Twisted,
a.chainDeferred(b) is a.addCallbacks(b.callback, b.errback) plus b._chainedTo = a.
One labelled line per fact."""
import re

from twisted.internet.defer import AlreadyCalledError, CancelledError, Deferred
from twisted.python.failure import Failure


def fact(label, value):
    print(f"{label}: {value}")


def show(text, names):
    """Replace each Deferred's address with #name, as the spec names them."""
    for name, obj in names.items():
        text = text.replace(f"0x{id(obj):x}", f"#{name}")
    return re.sub(r"0x[0-9a-f]+", "#?", text)


def outcome(d):
    """What a Deferred holds now, without consuming it."""
    if not hasattr(d, "result"):
        return "no result"
    r = d.result
    if isinstance(r, Failure):
        return f"Failure({r.type.__name__})"
    return repr(r)


def consume(d):
    """Handle whatever failure d holds, so nothing is reported at exit."""
    d.addErrback(lambda f: None)


a = Deferred()
b = Deferred()
returned = a.chainDeferred(b)
a.callback(1)
fact("chainDeferred returns the source", returned is a)
fact("the target fires with the source's value, and the source is left with undefined",
     f"target={outcome(b)} source={outcome(a)}")

a = Deferred()
b = Deferred()
a.chainDeferred(b)
failure = Failure(ValueError("v"))
a.errback(failure)
fact("the target fires with the source's Failure, the same object, and the source is left with undefined",
     f"sameFailure={b.result is failure} source={outcome(a)}")
consume(b)

a = Deferred()
a.callback("early")
b = Deferred()
a.chainDeferred(b)
fact("chainDeferred on an already-fired source fires the target at once", f"target={outcome(b)} source={outcome(a)}")

order = []
a = Deferred()
b = Deferred()
a.addCallback(lambda r: (order.append(("source, before", r)), r)[1])
a.chainDeferred(b)
a.addCallback(lambda r: (order.append(("source, after", r)), r)[1])
b.addCallback(lambda r: (order.append(("target", r)), r * 10)[1])
a.callback(1)
fact("the target's callbacks run inside the source's chain, and later source callbacks get undefined",
     f"order={order} target={outcome(b)}")

a = Deferred()
b = Deferred()
b.callback("early")
a.chainDeferred(b)
a.callback(1)
fact("chaining into a target that already fired leaves the source with an AlreadyCalledError failure",
     f"source={outcome(a)} target={outcome(b)}")
consume(a)

a = Deferred()
b = Deferred(lambda d: None)
a.chainDeferred(b)
b.cancel()
a.callback(1)
fact("chaining into a target cancelled through its canceller leaves the source with an AlreadyCalledError failure",
     f"source={outcome(a)} target={outcome(b)}")
consume(a)
consume(b)

a = Deferred()
b = Deferred()
a.chainDeferred(b)
b.cancel()
source_after_cancel = outcome(a)
a.callback(1)
fact("a target cancelled without a canceller swallows the source's result once, and the source is left with undefined",
     f"sourceAfterTargetCancelled={source_after_cancel} source={outcome(a)} target={outcome(b)}")
consume(b)

a = Deferred()
a.chainDeferred(a)
a.callback(1)
fact("a.chainDeferred(a) leaves a with an AlreadyCalledError failure", outcome(a))
consume(a)

cancelled = []
a = Deferred(lambda d: cancelled.append("source canceller"))
b = Deferred()
a.chainDeferred(b)
b.cancel()
fact("cancelling the target does not touch the source",
     f"sourceCalled={a.called} sourceCancellerCalls={cancelled} target={outcome(b)}")
consume(b)

a = Deferred()
b = Deferred()
a.chainDeferred(b)
a.cancel()
fact("cancelling the source errbacks the target with CancelledError, and the source is left with undefined",
     f"target={outcome(b)} source={outcome(a)}")
consume(b)

a = Deferred()
b = Deferred()
b.chainDeferred(a)
waiting = show(repr(a), {"a": a, "b": b})
state = f"called={a.called} paused={a.paused}"
b.callback(None)
fact("the target says it waits on the source from the chainDeferred call until it fires",
     f"before={waiting} {state} after={show(repr(a), {'a': a, 'b': b})}")

# Links run as Twisted's nested other.callback() call runs them (issue 9, item 6).
order = []
a = Deferred()
b = Deferred()
a.chainDeferred(b)
b.pause()
a.addCallback(lambda r: order.append(("source after the link", r)))
b.addCallback(lambda r: order.append(("target", r)))
a.callback(1)
fact("a paused target: the source goes on at once with undefined, and the target runs when unpaused",
     f"before unpause={order}")
b.unpause()
fact("a paused target: after unpause", order)

order = []
a = Deferred()
b = Deferred()
a.chainDeferred(b)


def add_to_source(r):
    order.append(("target", r))
    a.addCallback(lambda s: order.append(("added to the source from the target", s)))
    return r


b.addCallback(add_to_source)
a.addCallback(lambda r: order.append(("source after the link", r)))
a.callback(1)
fact("inside the target's chain the source counts as running: a callback added to it runs after the link, with undefined",
     order)

order = []
a = Deferred()
b = Deferred()
w = Deferred()
w.addCallback(lambda _: b)
w.callback(None)
w.pause()
w.addCallback(lambda r: order.append(("waiter", r)))
b.addCallback(lambda r: order.append(("target after the waiter's marker", r)))
a.chainDeferred(b)
a.addCallback(lambda r: order.append(("source after the link", r)))
a.callback(1)
fact("a target whose paused waiter stops its chain: the source still goes on", order)
w.unpause()
fact("a target whose paused waiter stops its chain: after the waiter is unpaused", order)

a = Deferred()
links = [a]
for _ in range(200):
    nxt = Deferred()
    links[-1].chainDeferred(nxt)
    links.append(nxt)
got = []
links[-1].addCallback(got.append)
a.callback(7)
fact("200 links: the last link fires with the value, and every other link is left with undefined",
     f"last={got} others={set(outcome(d) for d in links[:-1])} running={sum(1 for d in links if d._runningCallbacks)}")
