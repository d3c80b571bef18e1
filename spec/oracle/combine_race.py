"""race on real Twisted: what can be checked on 22.4 for spec/combine/race.spec.ts.

`race` and `FailureGroup` were added to twisted.internet.defer in Twisted 23.8; Debian's
22.4 does not have them, so race.spec.ts follows the reference's description (sections
C.7.3 and E.3, from Twisted 24.10's code and tests: RaceTests). What this snippet checks on
22.4 is that they are absent, and the Deferred behaviour race is built on, which the race
specs rely on. Each line is "label: observed value".
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from twisted.internet import defer
from twisted.internet.defer import CancelledError, Deferred
from twisted.logger import globalLogBeginner
from twisted.python.failure import Failure

events = []
globalLogBeginner.beginLoggingTo([events.append], discardBuffer=True, redirectStandardIO=False)


def show(label, value):
    print("%s: %s" % (label, value))


def outcome(d):
    seen = []
    d.addBoth(seen.append)
    if not seen:
        return "no result"
    r = seen[0]
    if isinstance(r, Failure):
        return "failure %s" % r.type.__name__
    return "value %r" % (r,)


show("22.4 has race", hasattr(defer, "race"))
show("22.4 has FailureGroup", hasattr(defer, "FailureGroup"))

# test_resultAfterCancel relies on this: a losing input without a canceller, cancelled by
# the race, fails with CancelledError, and its producer's later callback is swallowed.
d = Deferred()
d.addBoth(lambda r: None)  # like race's own pair: takes the result
d.cancel()
raised = "nothing"
try:
    d.callback("late")
except Exception as e:
    raised = type(e).__name__
show("a cancelled input without a canceller ignores its producer's late callback", (raised, len(events)))

# test_resultFromCancel relies on this: a canceller that calls back fires the input with
# that value, and cancel() adds no CancelledError.
d = Deferred(lambda d: d.callback("from canceller"))
d.cancel()
show("a canceller that calls back gives the input that value", outcome(d))

# C.6: an exception raised by a canceller comes out of cancel(), and the Deferred stays unfired.


def raising(d):
    raise RuntimeError("canceller failed")


d = Deferred(raising)
try:
    d.cancel()
    raised = "nothing"
except RuntimeError as e:
    raised = "RuntimeError %s" % e
show("a canceller's exception comes out of cancel(), leaving the Deferred unfired", (raised, d.called))
