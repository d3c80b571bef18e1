"""Oracle for spec/core/hostile-input.spec.ts and the issue-9 specs of
spec/core/unhandled.spec.ts: what Twisted does with the hostile cases it has. One labelled
line per fact; each label starts the title of the `it` asserting the same about txdefer."""
import gc
import json
import sys

from twisted.internet import defer
from twisted.internet.defer import Deferred, succeed
from twisted.logger import globalLogBeginner

reported = []
# Our observer is the only one: nothing goes to stderr.
globalLogBeginner.beginLoggingTo(
    [lambda event: reported.append(event) if "log_failure" in event else None],
    discardBuffer=True,
    redirectStandardIO=False,
)


def fact(label, value):
    print(f"{label}: {value}")


def dropped(scenario):
    """Run scenario (which drops its Deferreds), collect, and give the messages reported."""
    reported.clear()
    scenario()
    gc.collect()
    return [event["log_failure"].getErrorMessage() for event in reported]


def cause_scenario():
    d = Deferred()
    d.addCallback(json.loads)

    def wrap(failure):
        raise RuntimeError("load failed") from failure.value

    d.addErrback(wrap)
    d.callback("{bad")


fact("an errback that throws a new Error with the failure as its `cause`", dropped(cause_scenario))


def cycle_scenario():
    d = Deferred()

    def boom(_):
        first = ValueError("first")
        second = ValueError("second")
        first.__cause__ = second
        second.__cause__ = first
        raise RuntimeError("outer") from first

    d.addCallback(boom)
    d.callback(1)


fact("errors that refer to each other in a cycle", dropped(cycle_scenario))


def handled_scenario():
    d = defer.fail(RuntimeError("handled"))
    d.addErrback(lambda f: None)


fact("a failure handled within the same job costs no report", dropped(handled_scenario))

# A callback that overflows the stack: Twisted's RecursionError becomes the Failure.
sys.setrecursionlimit(2000)


def recurse(n):
    return recurse(n + 1) + 1


d = succeed(0)
d.addCallback(recurse)
seen = []
d.addErrback(lambda f: seen.append(f.type.__name__))
after = []
d.addBoth(lambda r: after.append("ran"))
fact("a callback that overflows the stack fails the chain with the RangeError, and the chain goes on", f"{seen} then {after}")
