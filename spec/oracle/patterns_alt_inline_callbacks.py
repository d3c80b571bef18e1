"""altInlineCallbacks as the post "A kinder and more consistent defer.inlineCallbacks"
(2008) shows it, run on real Twisted: the facts
spec/generators/alt-inline-callbacks.spec.ts asserts about txdefer.

The decorator below is written from the post; where it called Twisted 8's
`_inlineCallbacks(None, result, deferred)`, Twisted 22.4 spells the same step
`_cancellableInlineCallbacks(result)`.

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
import types
from functools import wraps

from twisted.internet import defer

from support.oracle import outcome, show


def altInlineCallbacks(f):
    @wraps(f)
    def unwindGenerator(*args, **kwargs):
        deferred = defer.Deferred()
        try:
            result = f(*args, **kwargs)
        except Exception:
            deferred.errback()
            return deferred
        if isinstance(result, types.GeneratorType):
            return defer._cancellableInlineCallbacks(result)
        deferred.callback(result)
        return deferred
    return unwindGenerator


@altInlineCallbacks
def notAGenerator(x):
    return x * 2


show("a function that is not a generator fires with its return value", outcome(notAGenerator(21)))


@altInlineCallbacks
def raisesAtOnce():
    raise ValueError("before anything")


show("a synchronous throw gives a failed Deferred", outcome(raisesAtOnce()))


inner = defer.Deferred()


@altInlineCallbacks
def aGenerator(x):
    y = yield inner
    return x + y


d = aGenerator(1)
before = d.called
inner.callback(2)
show("a generator is driven as inlineCallbacks drives it", (before, outcome(d)))


@altInlineCallbacks
def throwsBeforeItsFirstYield():
    raise KeyError("in the generator")
    yield None


show("a generator that throws before its first yield fails the Deferred", outcome(throwsBeforeItsFirstYield()))


class Yes(object):
    def send(self, value):
        print("send was called: the look-alike was driven")


@altInlineCallbacks
def looksLikeAGenerator():
    return Yes()


show("an object that only looks like a generator is a plain result, never driven",
     type(looksLikeAGenerator().result).__name__)


@defer.inlineCallbacks
def plainInlineCallbacks():
    return 1


try:
    plainInlineCallbacks()
    show("inlineCallbacks, by contrast, throws for a function that is not a generator", "no exception")
except TypeError:
    show("inlineCallbacks, by contrast, throws for a function that is not a generator", "TypeError")
