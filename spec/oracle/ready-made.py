"""Oracle for spec/core/ready-made.spec.ts: succeed, fail and maybeDeferred, from
Twisted's DeferredTests (reference G.1, A.1, E.6), shown on real Twisted.
One labelled line per fact."""
import asyncio

from twisted.internet.defer import Deferred, ensureDeferred, fail, maybeDeferred, succeed
from twisted.python.failure import Failure


def fact(label, value):
    print(f"{label}: {value}")


class GenericError(Exception):
    pass


def outcome(d):
    if not hasattr(d, "result"):
        return "no result"
    r = d.result
    if isinstance(r, Failure):
        return f"Failure({r.type.__name__}: {r.getErrorMessage()})"
    return repr(r)


seen = []
d = succeed("success")
d.addCallback(seen.append)
fact("succeed(x) gives a Deferred whose next callback gets x at once", seen)

manual = Deferred()
manual.callback("x")
ready = succeed("x")
fact("succeed(x) is in the same state as a Deferred fired with callback(x)",
     f"called={(ready.called, manual.called)} paused={(ready.paused, manual.paused)} result={(ready.result, manual.result)}")

seen = []
d = fail(GenericError("fail"))
d.addErrback(seen.append)
fact("fail(error) gives a Deferred whose next errback gets a Failure around the error at once",
     f"{len(seen)} {seen[0].type.__name__}: {seen[0].getErrorMessage()}")

returned = object()
seen = []
d = maybeDeferred(lambda: returned)
d.addCallback(seen.append)
fact("maybeDeferred passes a plain return value on, the same object", seen[0] is returned)

d = maybeDeferred(lambda x: x + 5, 10)
fact("maybeDeferred calls the function with the extra arguments", outcome(d))

seen = []
def unacceptable():
    raise ValueError("that value is unacceptable")
d = maybeDeferred(unacceptable)
failures = []
d.addCallbacks(seen.append, failures.append)
fact("maybeDeferred turns a thrown error into a failed Deferred, never a synchronous throw",
     f"callbacks={seen} errback={failures[0].type.__name__}: {failures[0].getErrorMessage()}")

returned_failure = Failure(GenericError("returned"))
failures = []
d = maybeDeferred(lambda: returned_failure)
d.addErrback(failures.append)
fact("maybeDeferred turns a returned Failure into a failed Deferred with that same Failure", failures[0] is returned_failure)

d1 = Deferred()
d = maybeDeferred(lambda: d1)
before = outcome(d)
d1.callback("Success")
fact("maybeDeferred returns a returned Deferred itself, which fires later",
     f"sameDeferred={d is d1} before={before} after={outcome(d)}")

d1 = Deferred()
d = maybeDeferred(lambda: d1)
d1.errback(RuntimeError("later"))
fact("maybeDeferred gives the later failure of a returned Deferred", outcome(d))
d.addErrback(lambda f: None)

try:
    d = maybeDeferred(42)
    result = outcome(d)
    d.addErrback(lambda f: None)
except Exception as e:
    result = f"raised {type(e).__name__}"
fact("maybeDeferred(notAFunction) gives a failed Deferred with a TypeError, as Twisted does", result.split(":")[0] + ")")


# Coroutines: 22.4 does not drive them (a coroutine becomes the success value); 24.10
# drives a returned coroutine as fromCoroutine does, which ensureDeferred shows here.
async def seven():
    return 7


async def raising():
    raise GenericError("in a coroutine")


coro = seven()
d = maybeDeferred(lambda: coro)
fact("maybeDeferred follows a returned Promise to its value (differences row 12: Twisted drives a coroutine)",
     f"22.4 takes the coroutine as the value: {d.result is coro}; driven: {outcome(ensureDeferred(seven()))}")
coro.close()

fact("maybeDeferred follows a Promise returned by a plain function, and callbacks see its value (differences row 12)",
     f"driven, +1: {outcome(ensureDeferred(seven()).addCallback(lambda r: r + 1))}")

d = ensureDeferred(raising())
fact("maybeDeferred follows a rejected Promise to a failure (differences row 12)", outcome(d))
d.addErrback(lambda f: None)
