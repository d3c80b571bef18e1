"""Stacked inlineCallbacks on real Twisted: the facts spec/generators/stacked.spec.ts
asserts about txdefer (24.10's StackedInlineCallbacksTests, reference G.2).

f1 waits on a Deferred of its own (fired later, in creation order) and adds 1; f2 adds 2;
f3 adds 4. Each records when it enters and exits. The Deferreds are fired by one loop
that walks a list growing while it runs, so Deferreds made during the loop are fired by
it too. "coroutine" variants make f2 an `async def` (driven here through ensureDeferred,
which also works on 22.4).

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted, 22.4).
"""
from twisted.internet.defer import Deferred, ensureDeferred, inlineCallbacks
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
        return "failure %s" % r.type.__name__
    return "value %r" % (r,)


class MyException(Exception):
    pass


class Scenario:
    def __init__(self):
        self.deferreds = []
        self.order = []

    def wait(self, result=None):
        d = Deferred()
        self.deferreds.append((d, result))
        return d

    def fireAll(self):
        for d, result in self.deferreds:  # also fires Deferreds appended while looping
            if isinstance(result, Exception):
                d.errback(result)
            else:
                d.callback(result)

    def text(self):
        return ", ".join("%s %s" % step for step in self.order)


def run(label, build, x=1):
    s = Scenario()
    d = build(s)(x)
    s.fireAll()
    show("%s: result" % label, outcome(d))
    show("%s: order" % label, s.text())


def makeF1(s, waiting=True):
    @inlineCallbacks
    def f1(x):
        s.order.append(("f1 enter", x))
        if waiting:
            yield s.wait()
        else:
            yield None
        s.order.append(("f1 exit", x + 1))
        return x + 1

    return f1


def plainF2(s):
    def f2(x):
        s.order.append(("f2 enter", x))
        s.order.append(("f2 exit", x + 2))
        return x + 2

    return f2


def singleYield(s, coro=False):
    f1 = makeF1(s)
    if coro:
        async def f2coro(x):
            s.order.append(("f2 enter", x))
            x = await f1(x)
            s.order.append(("f2 exit", x + 2))
            return x + 2

        f2 = lambda x: ensureDeferred(f2coro(x))
    else:
        @inlineCallbacks
        def f2(x):
            s.order.append(("f2 enter", x))
            x = yield f1(x)
            s.order.append(("f2 exit", x + 2))
            return x + 2

    @inlineCallbacks
    def f3(x):
        s.order.append(("f3 enter", x))
        x = yield f2(x)
        s.order.append(("f3 exit", x + 4))
        return x + 4

    return f3


def multipleYields(s, coro=False):
    f1 = makeF1(s)
    if coro:
        async def f2coro(x):
            s.order.append(("f2 enter", x))
            for _ in range(3):
                x = await f1(x)
            s.order.append(("f2 exit", x + 2))
            return x + 2

        f2 = lambda x: ensureDeferred(f2coro(x))
    else:
        @inlineCallbacks
        def f2(x):
            s.order.append(("f2 enter", x))
            for _ in range(3):
                x = yield f1(x)
            s.order.append(("f2 exit", x + 2))
            return x + 2

    @inlineCallbacks
    def f3(x):
        s.order.append(("f3 enter", x))
        for _ in range(3):
            x = yield f2(x)
        s.order.append(("f3 exit", x + 4))
        return x + 4

    return f3


run("test_nonCalledDeferredSingleYield", singleYield)
run("test_nonCalledDeferredSingleYieldCoro", lambda s: singleYield(s, coro=True))
run("test_nonCalledDeferredMultipleYields", multipleYields)
run("test_nonCalledDeferredMultipleYieldsCoro", lambda s: multipleYields(s, coro=True))


def addCallbacksFirstYield(s, waiting):
    f1 = makeF1(s, waiting)
    f2 = plainF2(s)

    @inlineCallbacks
    def f3(x):
        s.order.append(("f3 enter", x))
        d = f1(x)
        d.addCallback(f2)
        x = yield d
        s.order.append(("f3 exit", x + 4))
        return x + 4

    return f3


run("test_intermediateAddCallbacksAndNoWaiting", lambda s: addCallbacksFirstYield(s, False))
run("test_intermediateAddCallbacksAndWithWaitingFirstYield", lambda s: addCallbacksFirstYield(s, True))


def addCallbacksSecondYield(s):
    f1 = makeF1(s)
    f2 = plainF2(s)

    @inlineCallbacks
    def f3(x):
        s.order.append(("f3 enter", x))
        x = yield f1(x)
        d = f1(x)
        d.addCallback(f2)
        x = yield d
        s.order.append(("f3 exit", x + 4))
        return x + 4

    return f3


run("test_intermediateAddCallbacksAndWithWaitingSecondYield", addCallbacksSecondYield)


def failingF2(s):
    @inlineCallbacks
    def f2(x):
        s.order.append(("f2 enter", x))
        yield s.wait(MyException("boom"))
        s.order.append(("f2 exit", x + 2))
        return x + 2

    return f2


def raisesFirst(s):
    f2 = failingF2(s)

    @inlineCallbacks
    def f3(x):
        s.order.append(("f3 enter", x))
        try:
            x = yield f2(x)
        except MyException:
            pass
        s.order.append(("f3 exit", x + 4))
        return x + 4

    return f3


def raisesSecond(s):
    f1 = makeF1(s)
    f2 = failingF2(s)

    @inlineCallbacks
    def f3(x):
        s.order.append(("f3 enter", x))
        x = yield f1(x)
        try:
            x = yield f2(x)
        except MyException:
            pass
        s.order.append(("f3 exit", x + 4))
        return x + 4

    return f3


run("test_raisesExceptionFromDeferredWithWaitingFirstCallback", raisesFirst)
run("test_raisesExceptionFromDeferredWithWaitingSecondCallback", raisesSecond)
