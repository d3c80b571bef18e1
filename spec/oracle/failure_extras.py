"""Oracle for spec/core/failure-extras.spec.ts: Failure.parents, cleanFailure,
printBriefTraceback and throwExceptionIntoGenerator (reference F.2, F.5, F.7, F.9), and
LoopingCall's deprecated `deferred` (E.10.3), on real Twisted. One labelled line per fact."""
import io
import warnings

from twisted.internet.task import Clock, LoopingCall
from twisted.python.failure import Failure


def fact(label, value):
    print(f"{label}: {value}")


class MyError(ValueError):
    pass


def caught(exc):
    try:
        raise exc
    except BaseException:
        return Failure()


f = caught(MyError("bad"))
fact("parents lists the class and its bases, innermost first", [name.split(".")[-1] for name in f.parents])
fact("check with a base class name from parents matches", f.check("builtins.ValueError") is not None)

f = caught(ValueError("kept"))
before = f.getTraceback()
fact("pickled is 0 before cleanFailure", f.pickled)
f.cleanFailure()
fact("pickled is 1 after cleanFailure", f.pickled)
fact("the traceback is the same after cleanFailure", f.getTraceback() == before)
fact("the value is the same after cleanFailure", f.value.args)

out = io.StringIO()
f = Failure(ValueError("brief"))
f.printBriefTraceback(file=out)
fact("printBriefTraceback writes the brief traceback", out.getvalue() == f.getBriefTraceback())
fact("the brief traceback of a failure without frames", out.getvalue().split("\n")[0])


def gen():
    try:
        yield "first"
    except ValueError as e:
        yield f"caught {e}"
    yield "never"


g = gen()
next(g)
fact("throwExceptionIntoGenerator gives what the generator yields next", Failure(ValueError("thrown in")).throwExceptionIntoGenerator(g))


def plain():
    yield "first"


g = plain()
next(g)
try:
    Failure(KeyError("k")).throwExceptionIntoGenerator(g)
except KeyError as e:
    fact("an error the generator does not catch comes back out", f"KeyError {e}")


def finishing():
    try:
        yield "first"
    except ValueError:
        return "done"


g = finishing()
next(g)
try:
    Failure(ValueError("end")).throwExceptionIntoGenerator(g)
except StopIteration as e:
    fact("a generator that returns ends it (StopIteration with the value)", e.value)

clock = Clock()
loop = LoopingCall(lambda: None)
loop.clock = clock
with warnings.catch_warnings(record=True) as caught_warnings:
    warnings.simplefilter("always")
    d = loop.start(1)
    fact("LoopingCall.deferred is the Deferred start() returned", loop.deferred is d)
    fact("reading it warns (deprecated)", caught_warnings[0].category.__name__)
    loop.stop()
    fact("after it fired, LoopingCall.deferred is None", loop.deferred)
