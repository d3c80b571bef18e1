"""The five examples of the post "Twisted's Deferred class chainDeferred method is too
simplistic?" (2010), run on stock Twisted 22.4: what the faithful `chainDeferred` does,
which spec/patterns/strict-chain-deferred.spec.ts asserts about txdefer's
`source.chainDeferred(target)` before showing what `strictChainDeferred` does instead.
(The strict behaviour comes from the post's patched defer.py, which no stock Twisted has.)

The examples are written from the post (its listings lost the lines that chain, fire
and cancel; the comments above each say what they did).

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from twisted.internet import defer
from twisted.python.failure import Failure

from support.oracle import outcome, show


def result(d):
    """What d holds now, without taking it."""
    r = d.result
    if isinstance(r, Failure):
        return "failure %s" % r.type.__name__
    return "value %r" % (r,)


# 1. boom1: the target is cancelled, then the source fires.
log = []
d1 = defer.Deferred()
d2 = defer.Deferred(lambda d: log.append("cancelling"))
d2.addErrback(lambda f: log.append("cancelled"))
d1.chainDeferred(d2)
d2.cancel()
d1.callback("hey")
show("boom1: firing the source after cancelling the target fails the source with AlreadyCalledError", (log, outcome(d1)))

# 2. boom2: the target is fired directly, then the source fires.
d1 = defer.Deferred()
d2 = defer.Deferred()
d1.chainDeferred(d2)
d2.callback("direct")
d1.callback("hey")
show("boom2: firing the target directly is accepted, and the source's firing then fails with AlreadyCalledError",
     (result(d2), outcome(d1)))

# 3. uncalled: the source is cancelled.
log = []
d1 = defer.Deferred(lambda d: log.append("cancel one"))
d1.addErrback(lambda f, which: log.append("cancelled %s" % which), "one")
d2 = defer.Deferred(lambda d: log.append("cancel two"))
d2.addErrback(lambda f, which: log.append("cancelled %s" % which), "two")
d1.chainDeferred(d2)
d1.cancel()
d2.cancel()
show("uncalled: cancelling the source never runs the target's canceller; the target gets what the source's chain made of it",
     (log, result(d2)))

# 4. unexpected1: a callback added to the source after chaining.
log = []
d1 = defer.Deferred()
d2 = defer.Deferred()
d1.chainDeferred(d2)
d1.addCallback(lambda r: log.append("called: %s" % (r,)))
d1.callback("hey")
show("unexpected1: the source's later callbacks see None", log)

# 5. unexpected2: one source chained to two targets.
log = []
d1 = defer.Deferred()
d2 = defer.Deferred().addCallback(lambda r: log.append("called 2: %s" % (r,)))
d3 = defer.Deferred().addCallback(lambda r: log.append("called 3: %s" % (r,)))
d1.chainDeferred(d2)
d1.chainDeferred(d3)
d1.callback("hey")
show("unexpected2: the second target gets None", log)

# A failure: the target gets it, the source goes on with None.
d1 = defer.Deferred()
d2 = defer.Deferred()
d1.chainDeferred(d2)
d1.errback(Failure(ValueError("bad")))
show("a failure goes to the target, and the source goes on with None", (outcome(d2), outcome(d1)))
