from twisted.internet.defer import CancelledError, Deferred, inlineCallbacks

slow = Deferred(lambda d: print("the slow request is cancelled"))


@inlineCallbacks
def fetchSlowly():
    try:
        return (yield slow)
    except Exception as e:
        print("the generator sees %s where it waits" % type(e).__name__)
        raise


def callerSees(failure):
    failure.trap(CancelledError)
    print("the caller sees CancelledError")


d = fetchSlowly()
d.addErrback(callerSees)
d.cancel()

first = Deferred()
fallback = Deferred(lambda d: print("the fallback is cancelled"))


@inlineCallbacks
def stubborn():
    try:
        return (yield first)
    except Exception:
        print("cancelled once; trying the fallback")
        return (yield fallback)


def cancelledTwice(failure):
    failure.trap(CancelledError)
    print("cancelled twice: the caller sees CancelledError")


e = stubborn()
e.addErrback(cancelledTwice)
e.cancel()
print("after the first cancel: called is %s" % str(e.called).lower())
e.cancel()
