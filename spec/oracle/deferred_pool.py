"""DeferredPool from the post "Graceful shutdown of a Twisted service with outstanding
deferreds" on real Twisted. The listing lost its indented calls; they are restored from
the prose ("The first thing that method does is take the deferred out of the pool",
"fire all the waiting deferreds", add "adds a callback and an errback", "returns d").
Each line backs the `it` with the same label in spec/structures/pool.spec.ts; the last
records the original's defect, which txdefer fixes (its spec says the opposite).
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from twisted.internet import defer
from twisted.python.failure import Failure


class DeferredPool(object):
    def __init__(self):
        self._pool = set()
        self._waiting = []

    def _fired(self, result, d):
        self._pool.remove(d)
        if not self._pool:
            waiting, self._waiting = self._waiting, []
            for waiter in waiting:
                waiter.callback(None)
        return result

    def add(self, d):
        d.addBoth(self._fired, d)
        self._pool.add(d)
        return d

    def notifyWhenEmpty(self, testImmediately=True):
        if testImmediately and not self._pool:
            return defer.succeed(None)
        d = defer.Deferred()
        self._waiting.append(d)
        return d

    def status(self):
        return (len(self._pool), len(self._waiting))


def show(label, value):
    print("%s: %s" % (label, value))


def now(d):
    seen = []
    d.addBoth(seen.append)
    if not seen:
        return "no result"
    r = seen[0]
    return "failure %s" % r.type.__name__ if isinstance(r, Failure) else repr(r)


show("an empty pool has status [0, 0] (post)", DeferredPool().status())

pool = DeferredPool()
d = defer.Deferred()
same = pool.add(d) is d
pool.add(defer.Deferred())
show("add returns the Deferred it was given, and counts it while it has not fired (post)",
     "same: %r, status: %r" % (same, pool.status()))

pool = DeferredPool()
ok = pool.add(defer.Deferred())
bad = pool.add(defer.Deferred())
ok.callback(1)
after_ok = pool.status()
bad.errback(Exception("boom"))
bad.addErrback(lambda _: None)
show("a pooled Deferred leaves the pool when it succeeds or fails (post)", "%r %r" % (after_ok, pool.status()))

pool = DeferredPool()
seen = []
d = defer.Deferred()
d.addCallback(lambda v: (seen.append(v), v + 1)[1])
pool.add(d)
d.addCallback(seen.append)
d.callback(1)
show("the pool is transparent to results: callbacks added before and after see the value (post)", seen)

pool = DeferredPool()
d = pool.add(defer.Deferred())
f = Failure(ValueError("bad"))
d.errback(f)
got = []
d.addErrback(got.append)
show("the pool is transparent to failures: the errback after it gets the same Failure (post)", got[0] is f)

show("notifyWhenEmpty on an empty pool gives an already-fired Deferred by default (post)", now(DeferredPool().notifyWhenEmpty()))

pool = DeferredPool()
notified = pool.notifyWhenEmpty(False)
fired = []
notified.addCallback(fired.append)
status = pool.status()
pool.add(defer.Deferred()).callback(1)
show("notifyWhenEmpty(false) on an empty pool waits for the pool to fill and empty again (post)",
     "status %r, fired %r" % (status, fired))

pool = DeferredPool()
a = pool.add(defer.Deferred())
b = pool.add(defer.Deferred())
order = []
pool.notifyWhenEmpty().addCallback(lambda _: order.append(1))
pool.notifyWhenEmpty().addCallback(lambda _: order.append(2))
a.callback("a")
after_a = list(order)
b.callback("b")
show("every waiter fires, in order, when the last pooled Deferred fires (post)",
     "after a: %r, after b: %r, status %r" % (after_a, order, pool.status()))

pool = DeferredPool()
d = defer.succeed("done")
pool.add(d)
show("the original's defect: adding an already-fired Deferred",
     "its result becomes %s, status %r, notifyWhenEmpty: %s" % (now(d), pool.status(), now(pool.notifyWhenEmpty())))
