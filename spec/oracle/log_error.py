"""UtilTests: logError, against real Twisted (backs spec/core/log-error.spec.ts)."""
import io
import sys

from twisted.internet.defer import Deferred, logError
from twisted.python import log
from twisted.python.failure import Failure

events = []
log.addObserver(events.append)
sys.stderr = io.StringIO()  # keep the default observer's copy of the log out of the output

f = Failure(RuntimeError("logged"))
print("logError returns the very Failure it was given:", logError(f) is f)
logged = [e["failure"] for e in events if e.get("isError") and "failure" in e]
print("logError reports exactly that Failure:", logged == [f])
text = log.textFromEventDict(events[-1])
print("the logged text starts 'Unhandled Error' then the traceback:", text.startswith("Unhandled Error\nTraceback "))

d = Deferred()
d.addErrback(logError)
d.errback(RuntimeError("still failed"))
print("as the last errback it leaves the chain failed:", isinstance(d.result, Failure))
d.addErrback(lambda _: None)
