"""Oracle for spec/core/deferred-chain.spec.ts: the rules of the callback chain
(reference sections B.1-B.10), shown on real Twisted. One labelled line per fact."""
import sys
import warnings

from twisted.internet.defer import AlreadyCalledError, Deferred, succeed
from twisted.python.failure import Failure


def fact(label, value):
    print(f"{label}: {value}")


def result_of(d):
    """The attribute as Twisted has it; 'absent' before the Deferred fires."""
    if not hasattr(d, "result"):
        return "absent"
    r = d.result
    if isinstance(r, Deferred):
        return "a Deferred"
    if isinstance(r, Failure):
        return f"Failure({r.type.__name__})"
    return repr(r)


# --- results and failures along the chain -------------------------------------------

d = Deferred()
seen = []
error = ValueError("bad")
def throws(r):
    raise error
d.addCallback(throws)
d.addCallback(lambda r: seen.append("skipped callback"))
d.addErrback(lambda f: seen.append(f))
d.callback(1)
f = seen[0]
fact("a thrown error moves the chain to the next errback, wrapped in a new Failure",
     f"isFailure={isinstance(f, Failure)} sameValue={f.value is error} callbacksSkipped={'skipped callback' not in seen}")

d = Deferred()
seen = []
d.addErrback(lambda f: "recovered")
d.addCallbacks(lambda r: seen.append(("callback", r)), lambda f: seen.append(("errback", f)))
d.errback(ValueError("bad"))
fact("an errback that returns a value recovers: the next callback gets that value", seen)

d = Deferred()
seen = []
d.addCallback(lambda r: seen.append(("callback", r)))
d.addErrback(lambda f: seen.append(("errback", type(f).__name__, f.type.__name__)))
original = Failure(KeyError("k"))
d.callback(original)
fact("callback() given a Failure runs the errbacks", seen)

d = Deferred()
seen = []
err = ValueError("as a value")
d.addCallbacks(lambda r: seen.append(("callback", r is err)), lambda f: seen.append("errback"))
d.callback(err)
fact("callback() given an Error object passes it to the callbacks as a plain value", seen)

d = Deferred()
calls = []
def two_args(r, *extra):
    calls.append((r,) + extra)
    return r
d.addBoth(two_args, "x")
d.addErrback(lambda f: None)
d.addBoth(two_args, "y")
d.errback(ValueError("v"))
fact("addBoth gives the same function the Failure on the errback path, with its extra arguments",
     [(type(c[0]).__name__,) + c[1:] for c in calls[:1]] + [c for c in calls[1:]])

# --- adding pairs -----------------------------------------------------------------

d = Deferred()
d.callback("done")
seen = []
d.addCallback(lambda r: seen.append(r))
fact("a callback added to a fired Deferred runs before addCallback returns", seen)

d = Deferred()
order = []
def first(r):
    order.append("first")
    d.addCallback(lambda r: order.append(("added during the run", r)))
    return "from first"
d.addCallback(first)
d.addCallback(lambda r: (order.append(("second", r)), "from second")[1])
d.callback(0)
fact("a callback added while the chain runs runs in turn, after the pairs already there", order)

d = Deferred()
order = []
def failing_first(f):
    order.append("errback")
    d.addErrback(lambda f: order.append(("errback added during the run", f.type.__name__)))
    raise KeyError("again")
d.addErrback(failing_first)
d.errback(ValueError("v"))
fact("an errback added while the chain runs gets the failure left by the one before it", order)

# Non-callables: 22.4 asserts at add time; 24.10 fails the chain at run time (differences row 3).
try:
    Deferred().addCallback(42)
    outcome = "accepted"
except AssertionError:
    outcome = "AssertionError at add time"
fact("adding a non-function throws TypeError at add time, naming the argument (differences row 3)",
     f"Twisted 22.4 addCallback(42): {outcome}")
try:
    Deferred().addCallbacks(lambda r: r, 42)
    outcome = "accepted"
except AssertionError:
    outcome = "AssertionError at add time"
fact("adding a non-function throws TypeError at add time, naming the argument (differences row 3)",
     f"Twisted 22.4 addCallbacks(cb, 42): {outcome}")

d = Deferred()
d.addCallbacks(lambda r, *a: r, None, 42)
seen = []
d.addErrback(lambda f: seen.append(f.type.__name__))
d.callback(1)
fact("addCallbacks with callbackArgs that are not an array throws TypeError at add time (Twisted fails the chain when the pair runs; in the spirit of differences row 3)",
     f"Twisted accepts callbackArgs=42; when the pair runs the chain fails with {seen}")

# --- pause and unpause ------------------------------------------------------------

d = Deferred()
seen = []
d.pause()
d.pause()
d.callback("v")
d.addCallback(seen.append)
d.unpause()
after_one = list(seen)
d.unpause()
fact("pause counts nest: two pauses need two unpauses",
     f"afterOneUnpause={after_one} afterTwo={seen} paused={d.paused}")

d = Deferred()
order = []
def pausing(r):
    order.append("pausing callback")
    d.pause()
    return r
d.addCallback(pausing)
d.addCallback(lambda r: (order.append("pair already in the list"), r)[1])
d.callback("v")
d.addCallback(lambda r: (order.append("pair added afterwards"), r)[1])
before = list(order)
d.unpause()
fact("pause() inside a callback does not stop the pairs already in the list, only later ones",
     f"beforeUnpause={before} afterUnpause={order}")

d = Deferred()
d.unpause()
counter = d.paused
seen = []
d.addCallback(seen.append)
d.callback("v")
d.addCallback(seen.append)
fact("unpause() without pause() leaves the Deferred stuck",
     f"paused={counter} callbacksRun={seen} called={d.called} result={result_of(d)}")

inner = Deferred()
outer = Deferred()
seen = []
outer.addCallback(lambda r: inner)
outer.addCallback(lambda r: (seen.append(("next callback got", type(r).__name__)), "moved on")[1])
outer.addCallback(lambda r: (seen.append(("later callback got", r)), r)[1])
outer.callback(0)
outer.unpause()
state_after_unpause = (list(seen), outer.paused)
inner.callback("inner value")
fact("a stray unpause() on a waiting Deferred runs its next callback with the inner Deferred, then sticks",
     f"afterUnpause={state_after_unpause[0]} paused={state_after_unpause[1]} afterInnerFired={seen} paused={outer.paused}")

inner = Deferred()
outer = Deferred()
order = []
outer.addCallback(lambda r: inner)
outer.addCallback(lambda r: (order.append(("outer", r)), r)[1])
outer.callback(0)
outer.pause()
inner.addCallback(lambda r: (order.append(("inner, added after the marker", r)), r)[1])
inner.callback("v")
step1 = list(order)
outer.unpause()
step2 = list(order)
inner.addCallback(lambda r: (order.append(("inner, added later still", r)), r)[1])
fact("stranded callbacks: a paused waiting Deferred stops the inner Deferred's later pairs until it is triggered again",
     f"afterInnerFired={step1} afterOuterUnpaused={step2} afterAddingToInner={order}")

# --- re-entrancy ------------------------------------------------------------------

d = Deferred()
seen = []
d.addCallback(lambda r: d.callback("again"))
d.addErrback(lambda f: seen.append(f.type.__name__))
d.callback("first")
fact("callback() on the same Deferred from inside its own callback becomes an AlreadyCalledError failure", seen)

# --- trap -------------------------------------------------------------------------

d = Deferred()
original = []
seen = []
def trap_miss(f):
    original.append(f)
    f.trap(KeyError)
d.addErrback(trap_miss)
d.addErrback(lambda f: seen.append(f))
error = ValueError("v")
d.errback(error)
fact("a trap miss gives the next errback a new Failure around the same value",
     f"sameFailure={seen[0] is original[0]} sameValue={seen[0].value is error}")

d = Deferred()
seen = []
d.addErrback(lambda f: f.trap(ValueError))
d.addCallback(lambda r: seen.append(r))
d.errback(ValueError("v"))
fact("an errback that only traps makes the trapped class the result", f"resultIsValueErrorClass={seen[0] is ValueError}")

# --- deep chains (Twisted checked with 10,000; the spec uses 1,000,000) ------------

N = 10_000
d = Deferred()
for _ in range(N):
    d.addCallback(lambda r: succeed(r + 1))
seen = []
d.addCallback(seen.append)
d.callback(0)
fact("deep chains: callbacks each returning an already-fired Deferred complete (limit " + str(sys.getrecursionlimit()) + ")",
     seen[0] == N)

# Each Deferred gets its callback before any of them fires, so the marker a waiting
# Deferred leaves on the next one comes after that one's own callback.
chain = [Deferred() for _ in range(N)]
for here, following in zip(chain, chain[1:]):
    here.addCallback(lambda r, following=following: following)
for here in chain[:-1]:
    here.callback(None)
seen = []
chain[0].addCallback(seen.append)
chain[-1].callback("end")
fact("deep chains: Deferreds each waiting on the next complete", seen)

# --- callback(aDeferred) ------------------------------------------------------------

d = Deferred()
try:
    d.callback(Deferred())
    outcome = "accepted"
except AssertionError:
    outcome = "AssertionError"
fact("callback(aDeferred) throws TypeError and the Deferred stays unfired (differences row 1)",
     f"Twisted 22.4: {outcome}, called={d.called} (24.10 takes the Deferred as a plain value)")

# --- called, paused, result --------------------------------------------------------

d = Deferred()
steps = [("new", d.called, d.paused, result_of(d))]
d.pause()
steps.append(("paused", d.called, d.paused, result_of(d)))
d.callback(1)
steps.append(("fired while paused", d.called, d.paused, result_of(d)))
d.addCallback(lambda r: r + 1)
steps.append(("callback added while paused", d.called, d.paused, result_of(d)))
d.unpause()
steps.append(("unpaused", d.called, d.paused, result_of(d)))
d.addCallback(lambda r: Failure(ValueError("v")))
steps.append(("callback returned a Failure", d.called, d.paused, result_of(d)))
d.addErrback(lambda f: None)
steps.append(("errback recovered", d.called, d.paused, result_of(d)))
for name, called, paused, result in steps:
    fact("called, paused and result at each step (result is undefined where Twisted has none)",
         f"{name}: called={called} paused={paused} result={result}")

inner = Deferred()
outer = Deferred()
outer.addCallback(lambda r: inner)
outer.callback(0)
steps = [("outer waiting", outer.called, outer.paused, f"{result_of(outer)} (the inner one: {outer.result is inner})")]
inner.callback("v")
steps.append(("inner fired, outer", outer.called, outer.paused, result_of(outer)))
steps.append(("inner fired, inner", inner.called, inner.paused, result_of(inner)))
for name, called, paused, result in steps:
    fact("called, paused and result while waiting on another Deferred",
         f"{name}: called={called} paused={paused} result={result}")
