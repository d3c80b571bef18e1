"""RetryingCall and simpleBackoffIterator as the post "Twisted code for retrying
function calls" (2009) describes them, run on real Twisted with task.Clock: the facts
spec/patterns/retrying-call.spec.ts and spec/patterns/simple-backoff-iterator.spec.ts
assert about txdefer where the post's behaviour is the one txdefer keeps.

The class below is written from the post (its listing lost lines; the prose says what
they did). The one change: the reactor is a parameter, so a Clock can drive it.

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from functools import partial
from operator import add, mul

from twisted.internet import defer, task
from twisted.python import failure

from support.oracle import outcome, show


def simpleBackoffIterator(maxResults=10, maxDelay=120.0, now=True, initDelay=0.01, incFunc=None):
    assert maxResults > 0
    remaining = maxResults
    delay = initDelay
    incFunc = incFunc or partial(mul, 2.0)
    if now:
        yield 0.0
        remaining -= 1
    while remaining > 0:
        yield (delay if delay < maxDelay else maxDelay)
        delay = incFunc(delay)
        remaining -= 1


class RetryingCall(object):
    def __init__(self, f, *args, **kw):
        self._f = f
        self._args = args
        self._kw = kw

    def _err(self, fail):
        if self.failure is None:
            self.failure = fail
        try:
            fail = self._failureTester(fail)
        except:
            self._deferred.errback()
        else:
            if isinstance(fail, failure.Failure):
                self._deferred.errback(fail)
            else:
                self._call()

    def _call(self):
        try:
            delay = next(self._backoffIterator)
        except StopIteration:
            self._deferred.errback(self.failure)
        else:
            d = task.deferLater(self._reactor, delay, self._f, *self._args, **self._kw)
            d.addCallbacks(self._deferred.callback, self._err)

    def start(self, reactor, backoffIterator=None, failureTester=None):
        self._reactor = reactor
        self._backoffIterator = iter(backoffIterator or simpleBackoffIterator())
        self._failureTester = failureTester or (lambda _: None)
        self._deferred = defer.Deferred()
        self.failure = None
        self._call()
        return self._deferred


def seconds(values):
    return [round(v, 6) for v in values]


# ---- simpleBackoffIterator -------------------------------------------------------------
show("the defaults give the post's ten delays", seconds(simpleBackoffIterator()))
show("now=False starts at initDelay", seconds(simpleBackoffIterator(maxResults=4, now=False)))
show("now counts towards maxResults", len(list(simpleBackoffIterator(maxResults=3))))
show("maxDelay caps each delay", seconds(simpleBackoffIterator(maxResults=5, now=False, initDelay=1, incFunc=partial(mul, 3), maxDelay=10)))
show("incFunc makes each delay from the one before", seconds(simpleBackoffIterator(maxResults=3, now=False, initDelay=2, incFunc=partial(add, 3))))
show("a constant incFunc gives the same delay each time", seconds(simpleBackoffIterator(maxResults=4, now=False, initDelay=5, incFunc=lambda _: 5)))


# ---- RetryingCall ------------------------------------------------------------------------
class Flaky(object):
    """Fails with the given errors in turn, then succeeds with 'done'."""

    def __init__(self, clock, errors):
        self.clock = clock
        self.errors = list(errors)
        self.calls = []

    def __call__(self, *args):
        self.calls.append((round(self.clock.seconds(), 6), args))
        if self.errors:
            raise self.errors.pop(0)
        return "done"


clock = task.Clock()
f = Flaky(clock, [])
d = RetryingCall(f, 1, 2).start(clock)
show("the first attempt waits for the clock, even with delay 0", (len(f.calls), d.called))
clock.advance(0)
show("a first success fires with the value", (f.calls, outcome(d)))

clock = task.Clock()
f = Flaky(clock, [ValueError("one"), ValueError("two")])
d = RetryingCall(f).start(clock)
clock.pump([0, 0.01, 0.02])
show("failures are retried after the next delay until one succeeds", (f.calls, outcome(d)))

clock = task.Clock()
f = Flaky(clock, [ValueError("first"), ValueError("second"), ValueError("third"), ValueError("fourth")])
d = RetryingCall(f).start(clock, backoffIterator=[0, 1, 2])
clock.pump([0, 1, 2])
show("when the delays run out it fails with the first failure", (len(f.calls), outcome(d)))


def onlyValueErrors(fail):
    if not fail.check(ValueError):
        return fail


clock = task.Clock()
f = Flaky(clock, [ValueError("retry me"), KeyError("give up")])
d = RetryingCall(f).start(clock, failureTester=onlyValueErrors)
clock.pump([0, 0.01, 0.02, 0.04])
show("a tester returning the failure gives up with it", (len(f.calls), outcome(d)))


def trapValueErrors(fail):
    fail.trap(ValueError)


clock = task.Clock()
f = Flaky(clock, [ValueError("retry me"), TypeError("trapped out")])
d = RetryingCall(f).start(clock, failureTester=trapValueErrors)
clock.pump([0, 0.01, 0.02, 0.04])
show("a tester that throws gives up with what it threw", (len(f.calls), outcome(d)))


def deferredSuccess():
    return defer.succeed("from a Deferred")


clock = task.Clock()
d = RetryingCall(deferredSuccess).start(clock)
clock.advance(0)
show("a function returning a Deferred is waited for", outcome(d))
