"""ensureDeferred and Deferred.fromCoroutine on real Twisted: the facts
spec/generators/ensure-deferred.spec.ts asserts about txdefer (test_defer's
EnsureDeferredTests and the fromCoroutine cases, test_defer_await's AwaitTests,
test_defer_yieldfrom's YieldFromTests; reference E.5, G.4, G.5).

Python's coroutines are `async def` (awaiting Deferreds) and generators (`yield from d`);
the port's are async functions (Promises) and generators (`yield d`).

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted, 22.4).
"""
from twisted.internet.defer import (
    Deferred,
    NotACoroutineError,
    ensureDeferred,
    fail,
    succeed,
)
from twisted.internet.task import Clock
from twisted.python.failure import Failure


def show(label, value):
    print("%s: %s" % (label, value))


def outcome(d):
    seen = []
    d.addBoth(lambda r: seen.append(r))
    if not seen:
        return "no result"
    r = seen[0]
    if isinstance(r, Failure):
        return "failure %s%r" % (r.type.__name__, r.value.args)
    return "value %r" % (r,)


def raises(fn, *args):
    try:
        fn(*args)
    except Exception as e:
        return "%s (a TypeError: %s) %r" % (type(e).__name__, isinstance(e, TypeError), str(e))
    return "nothing"


# EnsureDeferredTests
d = Deferred()
show("test_passesThroughDeferreds", ensureDeferred(d) is d)
show("test_willNotAllowNonDeferredOrCoroutine", raises(ensureDeferred, "something"))
show("ensureDeferred of a number", raises(ensureDeferred, 1))

# fromCoroutine refuses what is not a coroutine (test_fromCoroutineRequiresCoroutine)
show("fromCoroutine of a number", raises(Deferred.fromCoroutine, 1))
for label, thing in [
    ("a function", lambda: None),
    ("True", True),
    ("None", None),
    ("a Deferred", Deferred()),
]:
    try:
        Deferred.fromCoroutine(thing)
        show("fromCoroutine of %s" % label, "accepted")
    except NotACoroutineError:
        show("fromCoroutine of %s" % label, "NotACoroutineError")


async def awaitsFoo():
    return await succeed("foo")


def yieldsFoo():
    return (yield from succeed("foo"))


show("test_ensureDeferredCoroutine", outcome(ensureDeferred(awaitsFoo())))
show("test_ensureDeferredGenerator", outcome(ensureDeferred(yieldsFoo())))
show("fromCoroutine of a generator", outcome(Deferred.fromCoroutine(yieldsFoo())))


def yieldsPlainValues():
    a = yield 1
    b = yield "two"
    return [a, b]


show("a plain generator's yielded values are sent back", outcome(Deferred.fromCoroutine(yieldsPlainValues())))

# A generator that waits: the Deferred fires when it finishes
pending = Deferred()


def waits():
    x = yield from pending
    return x * 2


d = ensureDeferred(waits())
show("a waiting generator: before", "no result" if not d.called else "fired")
pending.callback(21)
show("a waiting generator: after", outcome(d))


# AwaitTests / YieldFromTests: test_deferredFromCoroutine
async def inner():
    return await succeed("foo")


async def outer():
    await succeed("bar")
    return await inner()


show("test_deferredFromCoroutine", outcome(Deferred.fromCoroutine(outer())))


# test_exception
async def raisesAfterAwait():
    await succeed(None)
    raise ValueError("Oh no!")


show("test_exception", outcome(ensureDeferred(raisesAfterAwait())))


def raisesAfterYield():
    yield from succeed(None)
    raise ValueError("Oh no!")


show("test_exception (generator)", outcome(ensureDeferred(raisesAfterYield())))


# test_reraise
async def reraise():
    try:
        await fail(ValueError("Boom"))
    except ValueError as e:
        return "caught %r" % (e.args,)
    return 0


show("test_reraise", outcome(ensureDeferred(reraise())))


def reraiseGen():
    try:
        yield from fail(ValueError("Boom"))
    except ValueError as e:
        return "caught %r" % (e.args,)
    return 0


show("test_reraise (generator)", outcome(ensureDeferred(reraiseGen())))


# test_twoDeep: nested coroutines waiting on a Clock
def sleep(clock, seconds):
    d = Deferred()
    clock.callLater(seconds, d.callback, None)
    return d


def twoDeep(style):
    clock = Clock()
    sections = []

    if style == "async":
        async def innerLevel():
            sections.append(2)
            await sleep(clock, 1)
            sections.append(3)
            return "Yay!"

        async def outerLevel():
            sections.append(1)
            result = await innerLevel()
            sections.append(4)
            await sleep(clock, 1)
            sections.append(5)
            return result
    else:
        def innerLevel():
            sections.append(2)
            yield from sleep(clock, 1)
            sections.append(3)
            return "Yay!"

        def outerLevel():
            sections.append(1)
            result = yield from innerLevel()
            sections.append(4)
            yield from sleep(clock, 1)
            sections.append(5)
            return result

    d = ensureDeferred(outerLevel())
    log = []
    for t in [0.9, 0.1, 0.9, 0.1]:
        clock.advance(t)
        log.append("%.1f s %s" % (clock.seconds(), sections))
    log.append(outcome(d))
    return "; ".join(log)


show("test_twoDeep", twoDeep("async"))
show("test_twoDeep (generator)", twoDeep("generator"))


# test_chained: awaiting a Deferred that is itself waiting on another one
def chained(style):
    clock = Clock()
    first = Deferred()
    second = Deferred()
    first.addCallback(lambda _: second)
    first.callback("hi")
    clock.callLater(1, second.callback, "bye")

    if style == "async":
        async def waitsOnFirst():
            return await first
    else:
        def waitsOnFirst():
            return (yield from first)

    d = ensureDeferred(waitsOnFirst())
    before = outcome(d) if d.called else "no result"
    clock.advance(1)
    return "before %s; after %s" % (before, outcome(d))


show("test_chained", chained("async"))
show("test_chained (generator)", chained("generator"))

# Cancelling the Deferred of a driven generator cancels what it waits on
child = Deferred()
seen = []


def waitsOnChild():
    try:
        yield from child
    except Exception as e:
        seen.append(type(e).__name__)
        return "recovered"
    return "not cancelled"


d = ensureDeferred(waitsOnChild())
d.cancel()
show("cancelling a driven generator: it saw", seen)
show("cancelling a driven generator: result", outcome(d))
