"""
Oracle for spec/core/failure.spec.ts and spec/core/errors.spec.ts: what real Twisted's
Failure (twisted.python.failure) and the twisted.internet.defer exceptions do.

Each line is "label: observed value"; the label names the spec (`it`) asserting the same
fact about txdefer. The JavaScript specs use small stand-in classes (ValueLikeError for
ValueError, and so on); Python's own classes are used here.
"""
import re

from twisted.internet import defer
from twisted.internet.defer import Deferred, fail, succeed
from twisted.python.failure import Failure, NoCurrentExceptionError


def out(label, value):
    print(f"{label}: {value}")


def no_address(text):
    return re.sub(r" at 0x[0-9a-f]+", "", text)


def raised_by(fn):
    try:
        fn()
    except BaseException as e:  # noqa: B902 - we want whatever is raised
        return e
    return None


# ---- construction -------------------------------------------------------------------

error = ValueError("bad value")
f = Failure(error)
out("wraps an Error: value is the very object", f.value is error)
out("wraps an Error: type is its class", f.type is ValueError)

f = Failure(42)
out("wraps a number: value", f.value)
out("wraps a number: type is int", f.type is int)

e = raised_by(lambda: Failure("text"))
# 22.4 refuses strings; Twisted 24.7+ accepts them with type str (reference F.1, appendix Z).
out("wraps a string (22.4 only: refused)", f"{type(e).__name__}: {e}")

obj = object()
f = Failure(obj)
out("wraps a plain object: value is the very object", f.value is obj)

e = raised_by(lambda: Failure())
out("new Failure() outside a handler raises", type(e).__name__)
out("NoCurrentExceptionError is an Exception", isinstance(e, Exception))
# Failure(None) means "no argument" in Python; txdefer wraps undefined instead (differences row 4).
out("Failure(None) outside a handler raises", type(raised_by(lambda: Failure(None))).__name__)

inner = Failure(ValueError("copied"))
outer = Failure(inner)
out("copying a Failure: value identical", outer.value is inner.value)
out("copying a Failure: a different object", outer is not inner)
out("copying a Failure: type identical", outer.type is inner.type)

# ---- check and trap --------------------------------------------------------------------

f = Failure(ValueError("v"))
out("check returns the first matching argument", f.check(LookupError, ValueError, Exception).__name__)
out("check returns the first matching argument (ancestor first)", f.check(Exception, ValueError).__name__)
out("trap returns the first matching argument", f.trap(Exception, ValueError).__name__)
out("check returns None when nothing matches", f.check(LookupError, KeyError))

f = Failure(NotImplementedError("ni"))
out("trap matches an ancestor (failAndTrap)", f.trap(SystemExit, RuntimeError).__name__)
out("trap leaves type unchanged (failAndTrap)", f.type.__name__)
# Twisted wants the qualified name; txdefer takes the class name (differences row 10).
out("check accepts a class name string", f.check("builtins.RuntimeError"))

f = Failure(42)
out("check on a primitive: check(int) on 42", f.check(int).__name__)

original = ValueError("not trapped")
f = Failure(original)
e = raised_by(lambda: f.trap(OverflowError))
out("trap with no match raises the wrapped value itself", e is original)
out("trap with no match does not raise the Failure", e is not f)
e = raised_by(lambda: f.trap())
out("trap() with no arguments raises", e is original)

f = Failure(RuntimeError("kept"))
out("trap keeps value (ExplicitPass)", f.trap(RuntimeError).__name__ + " " + str(f.value))


def divide():
    return 1 / 0


try:
    divide()
except ZeroDivisionError:
    f = Failure()
e = raised_by(f.raiseException)
out("raiseException raises the wrapped value", e is f.value)
tb = e.__traceback__
while tb.tb_next is not None:
    tb = tb.tb_next
out("raiseException keeps the original traceback (innermost function)", tb.tb_frame.f_code.co_name)

# ---- messages and tracebacks --------------------------------------------------------------

out("getErrorMessage of an exception", Failure(ValueError("the message")).getErrorMessage())
out("getErrorMessage of an exception without message", repr(Failure(ValueError()).getErrorMessage()))
out("getErrorMessage of a number", repr(Failure(42).getErrorMessage()))


class BrokenStr:
    def __str__(self):
        raise RuntimeError("no str for you")


message = Failure(BrokenStr()).getErrorMessage()
out("getErrorMessage when str() raises: no raise, describes", "with str error" in message and "BrokenStr" in message)


def raiser():
    raise ValueError("from a frame")


try:
    raiser()
except ValueError:
    f = Failure()
text = f.getTraceback()
lines = text.splitlines()
out("getTraceback with frames: first line", lines[0])
out("getTraceback with frames: mentions the raising function", ", in raiser" in text)
out("getTraceback with frames: last line", lines[-1])
brief = f.getBriefTraceback()
out("getBriefTraceback with frames: first line", brief.splitlines()[0])

f = Failure(42)
out("getTraceback with no frames", repr(f.getTraceback()))
out("getBriefTraceback with no frames", repr(f.getBriefTraceback()))
out("str(failure)", repr(str(f)))
out("repr(failure)", repr(Failure(ValueError("shown"))))
out("repr(failure) with an empty message", repr(repr(Failure(ValueError()))))

d = Deferred()
d.errback(Failure(ValueError("in a Deferred")))
out("repr(Deferred) holding a failure", no_address(repr(d)))
d.addErrback(lambda _: None)


class BrokenType(type):
    def __str__(cls):
        raise RuntimeError("no str for the class")


class BrokenTypeError(Exception, metaclass=BrokenType):
    pass


for name, value in [("broken value", BrokenStr()), ("broken type", BrokenTypeError())]:
    f = Failure(value)
    for detail in ("default", "brief"):
        try:
            ok = isinstance(f.getTraceback(detail=detail), str)
        except BaseException as e:  # noqa: B902
            ok = f"raised {type(e).__name__}"
        out(f"GetTracebackTests {name} {detail}: a string", ok)

# ---- inside a chain ---------------------------------------------------------------------

raisedFailure = Failure(ValueError("raised as a Failure"))
seen = []
d = Deferred()


def raiseTheFailure(_):
    raise raisedFailure


d.addCallback(raiseTheFailure)
d.addErrback(seen.append)
d.callback(None)
out("a raised Failure becomes a new Failure (B.9): same value", seen[0].value is raisedFailure.value)
out("a raised Failure becomes a new Failure (B.9): not the same object", seen[0] is not raisedFailure)

first = []
second = []
d = Deferred()


def trapMiss(f):
    first.append(f)
    f.trap(KeyError)


d.addErrback(trapMiss)
d.addErrback(second.append)
d.errback(ValueError("missed"))
out("trap miss in an errback: next Failure is a different object", second[0] is not first[0])
out("trap miss in an errback: with the same value", second[0].value is first[0].value)

d = fail(ValueError("trapped"))
d.addErrback(lambda f: f.trap(ValueError))
out("an errback that only traps makes the class the result", d.result is ValueError)

# ---- the errors of twisted.internet.defer ---------------------------------------------------

for cls in (defer.AlreadyCalledError, defer.CancelledError, defer.TimeoutError):
    out(f"{cls.__name__} is an Exception subclass", issubclass(cls, Exception))
out("AlreadyCalledError message (differences row 6)", repr(str(defer.AlreadyCalledError())))
out("CancelledError message (differences row 6)", repr(str(defer.CancelledError())))
out("TimeoutError(10, 'Deferred') (differences row 6)", str(defer.TimeoutError(10, "Deferred")))
d = Deferred()
d.cancel()
caught = []
d.addErrback(caught.append)
out("cancel fails with CancelledError", caught[0].check(defer.CancelledError).__name__)
