from twisted.internet.defer import Deferred, inlineCallbacks
from twisted.internet.task import Clock

clock = Clock()


def fetchPage(url, seconds):
    d = Deferred()
    clock.callLater(seconds, d.callback, "<page %s>" % url)
    return d


@inlineCallbacks
def fetchBoth(first, second):
    a = yield fetchPage(first, 1)
    print("t=%g: got %s" % (clock.seconds(), a))
    b = yield fetchPage(second, 2)
    print("t=%g: got %s" % (clock.seconds(), b))
    return "%s and %s" % (a, b)


fetchBoth("/one", "/two").addCallback(
    lambda both: print("t=%g: done with %s" % (clock.seconds(), both))
)
print("t=%g: started, nothing has arrived yet" % clock.seconds())
clock.advance(1)
clock.advance(2)
