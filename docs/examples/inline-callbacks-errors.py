from twisted.internet.defer import fail, inlineCallbacks, succeed


class NotFound(Exception):
    pass


def lookup(key):
    return fail(NotFound("no %s" % key)) if key == "missing" else succeed("value of %s" % key)


@inlineCallbacks
def lookUpThree():
    print((yield lookup("a")))
    try:
        yield lookup("missing")
    except NotFound as e:
        print("caught %s: %s" % (type(e).__name__, e))
    yield lookup("missing")
    print("never printed")


lookUpThree().addErrback(
    lambda f: print("lookUpThree failed: %s: %s" % (f.type.__name__, f.getErrorMessage()))
)


@inlineCallbacks
def checked(n):
    if n < 0:
        raise NotFound("nothing below zero: %d" % n)
    return (yield succeed(n * 2))


d = checked(-1)
print("checked(-1) returned a Deferred; called: %s" % str(d.called).lower())
d.addErrback(
    lambda f: print("checked(-1) failed: %s: %s" % (f.type.__name__, f.getErrorMessage()))
)
checked(21).addCallback(lambda n: print("checked(21): %s" % n))
