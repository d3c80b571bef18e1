"""The `callback` and `errback` decorators as the post "Simpler Twisted deferred code via
decorated callbacks" (2012) describes them, run on real Twisted: the facts
spec/patterns/decorators.spec.ts asserts about txdefer where the post's behaviour is
the one txdefer keeps.

The post shows no code for the decorators (it points to a repository); these are
written from its prose: Deferred arguments are waited for (one by adding to its chain,
several by a DeferredList made for them), the function is called with their values,
and a Deferred always comes back; on the first failure the other arguments are
cancelled and the function is not called; an errback-decorated function runs only on
failure.

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from functools import wraps

from twisted.internet import defer
from twisted.python.failure import Failure

from support.oracle import outcome, show


def callback(func):
    @wraps(func)
    def wrapper(*args):
        positions = [i for i, a in enumerate(args) if isinstance(a, defer.Deferred)]
        if not positions:
            return defer.maybeDeferred(func, *args)

        def call(values):
            given = list(args)
            for i, value in zip(positions, values):
                given[i] = value
            return func(*given)

        if len(positions) == 1:
            return args[positions[0]].addCallback(lambda value: call([value]))
        inputs = [args[i] for i in positions]

        def firstFailure(f):
            f.trap(defer.FirstError)
            for d in inputs:
                if not d.called:
                    d.cancel()
            return f.value.subFailure

        dl = defer.DeferredList(inputs, fireOnOneErrback=True, consumeErrors=True)
        return dl.addCallbacks(lambda results: call([value for _, value in results]), firstFailure)
    return wrapper


def errback(func):
    @wraps(func)
    def wrapper(checked, *args):
        def handle(result):
            if isinstance(result, Failure):
                return func(result, *args)
            return result
        if isinstance(checked, defer.Deferred):
            return checked.addErrback(handle)
        return defer.maybeDeferred(handle, checked)
    return wrapper


log = []


def getPage(url):
    return defer.succeed("<page of %s>" % url)


@errback
def errcheck(failure, arg):
    log.append("errcheck called")
    return "<error page %s>" % arg


@callback
def cleanup(page, arg):
    return page.replace("<", "[").replace(">", "]") + " cleaned " + arg


@callback
def reformat(page, arg):
    return page.upper() + " " + arg


show("reformat(cleanup(errcheck(getPage(url), a1), a2), a3) works and returns a Deferred",
     outcome(reformat(cleanup(errcheck(getPage("x.org"), "a1"), "a2"), "a3")))
show("errcheck is not called when nothing fails", log)

missing = defer.fail(KeyError("404"))
show("errcheck runs on failure and its return value goes on down the chain",
     outcome(reformat(cleanup(errcheck(missing, "a1"), "a2"), "a3")))


@callback
def add(a, b):
    return a + b


show("with no Deferred argument, the function is called at once and a Deferred comes back", outcome(add(1, 2)))

d = defer.Deferred()
returned = add(d, 2)
show("with one Deferred argument, that very Deferred comes back", returned is d)
d.callback(40)
show("with one Deferred argument, the function gets its value", outcome(returned))

d1 = defer.Deferred()
d2 = defer.Deferred()
total = add(d1, d2)
d2.callback(2)
before = total.called
d1.callback(1)
show("several Deferred arguments are waited for together", (before, outcome(total)))

calls = []


@callback
def record(*values):
    calls.append(values)
    return values


cancelled = []
d1 = defer.Deferred(lambda d: cancelled.append("d1"))
d2 = defer.Deferred()
d3 = defer.Deferred(lambda d: cancelled.append("d3"))
result = record(d1, d2, d3)
d2.errback(Failure(ValueError("d2 failed")))
show("on the first failure the others are cancelled and the function is not called",
     (cancelled, calls, outcome(result)))


@errback
def recover(failure):
    return "recovered from %s" % failure.getErrorMessage()


show("an errback-decorated function passes a success through", outcome(recover(defer.succeed("fine"))))


@errback
def refail(failure):
    raise TypeError("still broken")


show("an errback-decorated function that raises fails the call", outcome(refail(defer.fail(ValueError("broken")))))


@callback
def func1(a, b):
    return "func1(%s, %s)" % (a, b)


@callback
def func2(a, b):
    return "func2(%s, %s)" % (a, b)


show("func1(getDeferred1(), errcheck(func2(getDeferred2(), getDeferred3()))) nests",
     outcome(func1(defer.succeed(1), errcheck(func2(defer.succeed(2), defer.succeed(3)), "x"))))
