"""Oracle for spec/core/execute.spec.ts: execute, passthru and Deferred.fromCoroutine
(reference A.1, E.5, E.6) on real Twisted. One labelled line per fact."""
import warnings

from twisted.internet.defer import Deferred, execute, fail, passthru, succeed
from twisted.python.failure import Failure


def fact(label, value):
    print(f"{label}: {value}")


def outcome(d):
    seen = []
    d.addBoth(seen.append)
    if not seen:
        return "no result"
    r = seen[0]
    if isinstance(r, Failure):
        return f"Failure({r.type.__name__}: {r.getErrorMessage()})"
    return repr(r)


fact("execute calls the function now with its arguments and succeeds with what it returns", outcome(execute(lambda a, b: a + b, 2, 3)))
fact("execute fails with what the function raises", outcome(execute(lambda: 1 / 0)))
called = []
execute(called.append, "now")
fact("execute calls the function before it returns", called)
inner = Deferred()
fact("execute does not follow a returned object: it is the result", outcome(execute(lambda: [1, 2])))
try:
    execute(lambda: inner)
    fact("execute refuses a returned Deferred", "no error")
except AssertionError:
    fact("execute refuses a returned Deferred", "AssertionError")
f = Failure(ValueError("returned"))
fact("a returned Failure makes the result a failure", outcome(execute(lambda: f)))
fact("a function that cannot be called gives a failed Deferred", outcome(execute(42)))
fact("passthru returns its argument", passthru("same"))
fact("addErrback's other half is passthru", Deferred().addErrback(str).callbacks[0][0][0] is passthru)


def gen():
    x = yield succeed(20)
    return x + 1


fact("Deferred.fromCoroutine drives a generator", outcome(Deferred.fromCoroutine(gen())))


async def coro():
    x = await succeed(40)
    return x + 2


fact("Deferred.fromCoroutine drives a coroutine", outcome(Deferred.fromCoroutine(coro())))
try:
    Deferred.fromCoroutine(succeed(1))
except TypeError as e:
    fact("Deferred.fromCoroutine refuses a Deferred", f"{type(e).__name__}, a TypeError")
try:
    Deferred.fromCoroutine("text")
except TypeError as e:
    fact("Deferred.fromCoroutine refuses anything else", f"{type(e).__name__}: {e}")
