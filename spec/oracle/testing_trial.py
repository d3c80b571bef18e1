"""Oracle for spec/testing/results.spec.ts and spec/testing/logged-errors.spec.ts:
trial's SynchronousTestCase helpers (successResultOf, failureResultOf, assertNoResult,
flushLoggedErrors) on real Twisted. Addresses (0x...) are printed as 0xADDR.
One labelled line per fact."""
import re

from twisted.internet.defer import Deferred, fail, succeed
from twisted.logger import globalLogBeginner
from twisted.python import log
from twisted.trial.unittest import FailTest, SynchronousTestCase


def fact(label, value):
    print(f"{label}: {value}")


def clean(text):
    return re.sub(r"0x[0-9a-f]+", "0xADDR", text)


def first_line(text):
    return clean(text).split("\n")[0]


# Logged errors go nowhere (trial's observer still sees them); otherwise they are printed at exit.
globalLogBeginner.beginLoggingTo([lambda event: None], redirectStandardIO=False)

case = SynchronousTestCase()


def message_of(call):
    try:
        call()
    except FailTest as e:
        return first_line(str(e))
    return "no FailTest"


fact("successResultOf gives the result", case.successResultOf(succeed("ok")))
fact("successResultOf takes the result (the Deferred is left with None)",
     (lambda d: (case.successResultOf(d), d.result))(succeed("x")))
fact("successResultOf on a Deferred without a result", message_of(lambda: case.successResultOf(Deferred())))
fact("successResultOf on a failed Deferred", message_of(lambda: case.successResultOf(fail(ValueError("bad")))))
fact("failureResultOf gives the Failure", case.failureResultOf(fail(ValueError("bad"))).getErrorMessage())
fact("failureResultOf with a matching type", case.failureResultOf(fail(ValueError("bad")), KeyError, ValueError).type.__name__)
fact("failureResultOf on a Deferred without a result", message_of(lambda: case.failureResultOf(Deferred())))
fact("failureResultOf on a succeeded Deferred", message_of(lambda: case.failureResultOf(succeed("fine"))))
fact("failureResultOf with no matching type", message_of(lambda: case.failureResultOf(fail(ValueError("bad")), KeyError, TypeError)))
fact("failureResultOf takes the result (the Deferred is left with None)",
     (lambda d: (case.failureResultOf(d).type.__name__, d.result))(fail(ValueError("x"))))
d = Deferred()
case.assertNoResult(d)
d.callback("later")
fact("assertNoResult passes a later result through", d.result)
fact("assertNoResult on a succeeded Deferred", message_of(lambda: case.assertNoResult(succeed("here"))))
failed = fail(ValueError("here"))
fact("assertNoResult on a failed Deferred", message_of(lambda: case.assertNoResult(failed)))
fact("assertNoResult swallows the failure it found", failed.result)
fact("FailTest is an AssertionError", issubclass(FailTest, AssertionError))


# flushLoggedErrors: a test case that logs errors, run by trial's own machinery.
class Logging(SynchronousTestCase):
    def test_flushed(self):
        log.err(ValueError("expected"))
        log.err(KeyError("also"))
        flushed = self.flushLoggedErrors(ValueError)
        fact("flushLoggedErrors(ValueError) returns the matching failures", [f.getErrorMessage() for f in flushed])
        fact("flushLoggedErrors() returns the rest", [f.type.__name__ for f in self.flushLoggedErrors()])

    def test_not_flushed(self):
        log.err(ValueError("forgotten"))


from twisted.trial.reporter import TestResult

for name in ["test_flushed", "test_not_flushed"]:
    result = TestResult()
    Logging(name).run(result)
    fact(f"{name}: successes, errors", (result.successes, [e[1].type.__name__ for e in result.errors]))
