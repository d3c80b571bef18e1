"""ControllableDeferred as the post "Yet another cancelable Twisted deferred class"
(2013) describes it, run on real Twisted: the facts
spec/patterns/controllable-deferred.spec.ts asserts about txdefer.

The class below is written from the post (its listing lost the bodies of most methods;
the docstring says what they do: "Any time you need to fire a ControllableDeferred2013
instance for any reason, call its callback, errback or cancel method. It will fire
immediately with the value you provide and the original Deferred will be cancelled.").

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from twisted.internet.defer import CancelledError, Deferred
from twisted.python.failure import Failure

from support.oracle import outcome, show


class ControllableDeferred2013(object):
    def __init__(self, originalDeferred):
        self._fired = False
        self._originalDeferred = originalDeferred
        self._newDeferred = Deferred()
        for method in ('addBoth', 'addCallback', 'addCallbacks', 'addErrback'):
            setattr(self, method, getattr(self._newDeferred, method))
        originalDeferred.addBoth(self._originalFired)

    def _originalFired(self, result):
        if not self._fired:
            self._fired = True
            self._newDeferred.callback(result)

    def cancel(self, value=None):
        if not self._fired:
            self._fired = True
            self._newDeferred.cancel()
            self._originalDeferred.cancel()

    def callback(self, result=None):
        if not self._fired:
            self._fired = True
            self._newDeferred.callback(result)
            self._originalDeferred.cancel()

    def errback(self, fail=None):
        if not self._fired:
            self._fired = True
            self._newDeferred.errback(fail)
            self._originalDeferred.cancel()

    def pause(self):
        self._newDeferred.pause()

    def unpause(self):
        self._newDeferred.unpause()


def noting(log):
    """An original Deferred whose canceller notes that it ran."""
    return Deferred(lambda d: log.append("original's canceller ran"))


original = Deferred()
c = ControllableDeferred2013(original)
c.callback("holder's value")
show("callback fires it with the holder's value", outcome(c))

log = []
c = ControllableDeferred2013(noting(log))
c.callback("holder's value")
show("after the holder fires it, the original is cancelled", log)

original = Deferred()
c = ControllableDeferred2013(original)
c.callback("holder's value")
original.callback("late value")
show("the original's late result is ignored", outcome(c))

c = ControllableDeferred2013(Deferred())
c.errback(Failure(ValueError("holder's error")))
show("errback fails it with the holder's error", outcome(c))

log = []
c = ControllableDeferred2013(noting(log))
c.cancel()
show("cancel fails it with CancelledError and cancels the original", (outcome(c), log))

original = Deferred()
c = ControllableDeferred2013(original)
original.callback("original's value")
show("if the original fires first, its value passes through", outcome(c))

original = Deferred()
c = ControllableDeferred2013(original)
original.errback(Failure(KeyError("original's error")))
show("if the original fails first, its failure passes through", outcome(c))

original = Deferred()
c = ControllableDeferred2013(original)
original.callback("original's value")
c.callback("holder's value")
c.cancel()
show("the holder's calls after the original fired are ignored", outcome(c))

original = Deferred()
c = ControllableDeferred2013(original)
seen = []
c.addCallback(seen.append)
c.pause()
c.callback("held")
before = list(seen)
c.unpause()
show("pause and unpause hold the callbacks back", (before, seen))
