"""txdlo's DeferredListObserver, written from the post "txdlo - a Twisted deferred list
observer" and the description of its API (append at any time, observers called with
(index, success, value), optional history with replay, the three counters, failures
passed on), run on real Twisted. Each line backs the `it` marked "(txdlo)" with the
same label in spec/combine/observer.spec.ts; the last lines record the defects txdefer
fixes (an observer that raises; the post's deferredList example with fired inputs).
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from twisted.internet.defer import Deferred, fail, succeed
from twisted.python.failure import Failure


class DeferredListObserver(object):
    def __init__(self, maintainHistory=False):
        self._history = [] if maintainHistory else None
        self.successCount = self.failureCount = self.pendingCount = 0
        self._observers = []

    @property
    def history(self):
        return self._history

    def _event(self, value, index, success):
        self.pendingCount -= 1
        if success:
            self.successCount += 1
        else:
            self.failureCount += 1
        if self._history is not None:
            self._history.append((index, success, value))
        for observer in self._observers:
            observer(index, success, value)
        return value

    def append(self, deferred):
        index = self.successCount + self.failureCount + self.pendingCount
        self.pendingCount += 1
        return deferred.addCallbacks(self._event, self._event,
                                     callbackArgs=(index, True), errbackArgs=(index, False))

    def observe(self, observer, replayHistory=False):
        if replayHistory:
            if self._history is None:
                raise RuntimeError("no history to replay")
            for event in self._history:
                observer(*event)
        self._observers.append(observer)


def show(label, value):
    print("%s: %s" % (label, value))


def counts(dlo):
    return (dlo.pendingCount, dlo.successCount, dlo.failureCount)


show("a new observer has every count at zero (txdlo testEmptySetHasCountsZero)", counts(DeferredListObserver()))

dlo = DeferredListObserver()
dlo.append(Deferred())
show("appending an unfired Deferred makes one pending (txdlo)", counts(dlo))

dlo = DeferredListObserver(maintainHistory=True)
dlo.append(succeed(None))
show("appending a fired Deferred counts one success, and the history has its event (txdlo)",
     "%r %r" % (counts(dlo), dlo.history))

dlo = DeferredListObserver()
dlo.append(fail(Exception("x"))).addErrback(lambda _: None)
show("appending a failed Deferred counts one failure (txdlo)", counts(dlo))

dlo = DeferredListObserver()
ok = dlo.append(Deferred())
bad = dlo.append(Deferred())
ok.callback(1)
middle = counts(dlo)
bad.errback(Exception("x"))
bad.addErrback(lambda _: None)
show("a pending Deferred that succeeds or fails moves from pending to the right count (txdlo)", "%r %r" % (middle, counts(dlo)))

dlo = DeferredListObserver()
calls = []
dlo.observe(lambda i, s, v: calls.append("first %d %s %s" % (i, s, v)))
dlo.observe(lambda i, s, v: calls.append("second %d %s %s" % (i, s, v)))
dlo.append(Deferred()).callback(42)
show("observers get (index, success, value), in the order they were added (txdlo)", calls)

dlo = DeferredListObserver()
events = []
dlo.observe(lambda i, s, v: events.append((i, s, type(v).__name__, v.value.args[0])))
d = dlo.append(Deferred())
d.errback(ValueError("bad"))
d.addErrback(lambda _: None)
show("a failure reaches observers as (index, false, Failure) (txdlo)", events)

dlo = DeferredListObserver(maintainHistory=True)
a = dlo.append(Deferred())
dlo.append(succeed("b"))
c = dlo.append(Deferred())
dlo.append(succeed("d"))
c.callback("c")
a.callback("a")
show("indices count from 0 in append order; events come in firing order (txdlo)", "%r %r" % (dlo.history, counts(dlo)))

dlo = DeferredListObserver()
d = Deferred()
same = dlo.append(d) is d
d.callback(5)
got = []
d.addCallback(got.append)
show("append returns the Deferred, and its own callbacks still see the value (txdlo)", "%r %r" % (same, got))

dlo = DeferredListObserver()
d = dlo.append(Deferred())
d.errback(ValueError("kept"))
got = []
d.addErrback(lambda f: got.append(f.getErrorMessage()))
show("it never consumes a failure: the Deferred's own errbacks still get it (txdlo)", got)

dlo = DeferredListObserver(maintainHistory=True)
dlo.append(succeed(1))
later = dlo.append(Deferred())
events = []
dlo.observe(lambda *e: events.append(e), replayHistory=True)
later.callback(2)
show("a late observer with replayHistory gets the earlier events first (txdlo)", events)

dlo = DeferredListObserver(maintainHistory=True)
dlo.append(succeed(1))
events = []
dlo.observe(lambda *e: events.append(e))
show("a late observer without replay gets only later events (txdlo)", events)

try:
    DeferredListObserver().observe(lambda *e: None, replayHistory=True)
    outcome = "nothing"
except RuntimeError as e:
    outcome = "RuntimeError"
show("replay without history throws NoHistoryError (txdlo: RuntimeError)", outcome)

dlo = DeferredListObserver()
events = []


def raising(*e):
    raise ValueError("observer")


dlo.observe(raising)
dlo.observe(lambda *e: events.append(e))
d = dlo.append(Deferred())
d.callback(1)
seen = []
d.addBoth(seen.append)
show("txdlo's defect: an observer that raises",
     "the Deferred now holds %s, the second observer heard %r" % (type(seen[0]).__name__ + " " + seen[0].type.__name__, events))
