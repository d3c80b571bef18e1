"""Cancelling inlineCallbacks on real Twisted: the facts spec/generators/cancellation.spec.ts
asserts about txdefer (test_inlinecb's CancellationTests, with the stacked variants of
24.10, and reference C.7.4 steps 1-9).

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted, 22.4).

Stack types: "not stacked" yields the child Deferred directly; "stacked inlineCallbacks"
goes through one more inlineCallbacks level; "stacked coroutine" goes through a coroutine
driven by Twisted (ensureDeferred here, which also works on 22.4; the port yields a plain
generator, which it drives as a sub-task as 24.7 does). "on second Deferred": the
generator first waits on another Deferred, fired with 1 before cancel().
"""
from twisted.internet.defer import CancelledError, Deferred, ensureDeferred, inlineCallbacks
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


class UntranslatedError(Exception):
    pass


class TranslatedError(Exception):
    pass


class DontFail(Exception):
    def __init__(self, actual):
        Exception.__init__(self)
        self.actualValue = actual


@inlineCallbacks
def inlineLevel(getChild):
    x = yield getChild()
    return x


async def coroLevel(getChild):
    return await getChild()


@inlineCallbacks
def sampleInlineCB(stackType, getChild, firstDeferred=None):
    if firstDeferred is not None:
        yield firstDeferred
    try:
        if stackType == "not stacked":
            x = yield getChild()
        elif stackType == "stacked inlineCallbacks":
            x = yield inlineLevel(getChild)
        else:
            x = yield ensureDeferred(coroLevel(getChild))
    except UntranslatedError:
        raise TranslatedError()
    except DontFail as df:
        x = df.actualValue - 2
    return x + 1


VARIANTS = [
    ("not stacked", False),
    ("stacked inlineCallbacks", False),
    ("stacked inlineCallbacks on second Deferred", True),
    ("stacked coroutine", False),
    ("stacked coroutine on second Deferred", True),
]


def start(name, getChild):
    stackType = name.replace(" on second Deferred", "")
    if name.endswith("on second Deferred"):
        first = Deferred()
        d = sampleInlineCB(stackType, getChild, first)
        first.callback(1)
        return d
    return sampleInlineCB(stackType, getChild)


for name, _ in VARIANTS:
    # test_cascadeCancellingOnCancel
    seen = []

    def getChild():
        d = Deferred()

        def eb(f):
            seen.append(f.check(CancelledError))
            return f

        d.addErrback(eb)
        return d

    d = start(name, getChild)
    d.addErrback(lambda f: None)
    d.cancel()
    show("cascade, %s: the child saw" % name, [c.__name__ for c in seen])

    # test_errbackCancelledErrorOnCancel
    d = start(name, Deferred)
    d.cancel()
    show("CancelledError, %s" % name, outcome(d))

    # test_errorToErrorTranslation
    def cancelUntranslated(it):
        it.errback(UntranslatedError())

    d = start(name, lambda: Deferred(cancelUntranslated))
    d.cancel()
    show("error translated, %s" % name, outcome(d))

    # test_errorToSuccessTranslation
    def cancelDontFail(it):
        it.errback(DontFail(4321))

    d = start(name, lambda: Deferred(cancelDontFail))
    results = []
    d.addCallback(results.append)
    d.cancel()
    show("error to success, %s" % name, results)

    # test_asynchronousCancellation
    more = Deferred()

    def deferMe():
        d = Deferred()

        def deferMeMore(f):
            f.trap(CancelledError)
            return more

        d.addErrback(deferMeMore)
        return d

    d = start(name, deferMe)
    d.cancel()
    show("asynchronous cancellation, %s: after cancel" % name, "called" if d.called else "not called")
    got = []
    d.addBoth(lambda r: got.append(r) or r)
    show("asynchronous cancellation, %s: user callbacks ran" % name, bool(got))
    more.callback(6543)
    show("asynchronous cancellation, %s: after more fires" % name, outcome(d))


# test_inlineCallbacksCancelCaptured: catch the CancelledError, then wait on another Deferred
canceller1 = []
canceller2 = []
d1 = Deferred(lambda it: canceller1.append(1))
d2 = Deferred(lambda it: canceller2.append(1))
caught = []


@inlineCallbacks
def captured():
    try:
        yield d1
    except CancelledError:
        caught.append("CancelledError")
    yield d2


d = captured()
d.cancel()
show("captured: first cancel calls the first canceller", canceller1)
show("captured: the generator caught", caught)
show("captured: after the first cancel, called", d.called)
got = []
d.addBoth(lambda r: got.append(r) or r)
show("captured: after the first cancel, user callbacks ran", bool(got))
d.cancel()
show("captured: second cancel calls the second canceller", canceller2)
show("captured: after the second cancel", outcome(d))

# Step 3: D.called right after cancel(), and D is then waiting
child = Deferred(lambda it: None)  # a canceller that does not fire: cancel() errbacks it


@inlineCallbacks
def waitsTwice():
    try:
        yield child
    except CancelledError:
        pass
    yield Deferred()


d = waitsTwice()
show("step 3: called before cancel", d.called)
d.cancel()
show("step 3: called right after cancel", d.called)
show("step 3: result is a Deferred (waiting)", isinstance(d.result, Deferred))

# A canceller that calls back: the generator gets the value, D gets its return value
def cancelWithValue(it):
    it.callback("from the canceller")


@inlineCallbacks
def returnsWhatItGot():
    x = yield Deferred(cancelWithValue)
    return "generator got %s" % x


d = returnsWhatItGot()
d.cancel()
show("a canceller that calls back", outcome(d))

# Step 9: cancelling from inside the running generator is ignored
holder = []
resume = Deferred()


@inlineCallbacks
def cancelsItself():
    yield resume
    holder[0].cancel()
    yield None
    return "finished normally"


d = cancelsItself()
holder.append(d)
resume.callback(None)
show("step 9: cancelling from inside the running generator", outcome(d))

# Cancelling after D has fired does nothing
@inlineCallbacks
def quick():
    yield None
    return 5


d = quick()
d.cancel()
show("cancel after the result", outcome(d))

# The generator sees CancelledError where it waits
where = []


@inlineCallbacks
def watches():
    try:
        yield Deferred()
    except CancelledError:
        where.append("at the yield")
        raise


d = watches()
d.cancel()
show("the generator sees CancelledError at its yield", where)
show("then the Deferred fails with", outcome(d))

# Cancelling a generator blocked on a pending Deferred with no canceller leaves it cancelled
child = Deferred()


@inlineCallbacks
def plain():
    yield child


d = plain()
d.cancel()
show("the awaited Deferred afterwards: called", child.called)
show("and the Deferred", outcome(d))
