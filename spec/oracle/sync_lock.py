"""DeferredLock on real Twisted: the facts spec/sync/lock.spec.ts asserts about txdefer.

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from twisted.internet.defer import CancelledError, Deferred, DeferredLock
from twisted.python.failure import Failure


class ValueError_(Exception):
    pass


def show(label, value):
    print("%s: %s" % (label, value))


def outcome(d):
    """Take d's result now: 'value ...', 'failure <type>' or 'no result'."""
    seen = []
    d.addBoth(seen.append)
    if not seen:
        return "no result"
    r = seen[0]
    if isinstance(r, Failure):
        return "failure %s" % r.type.__name__
    return "value %r" % (r,)


def raises(fn, *args):
    try:
        fn(*args)
    except Exception as e:
        return "%s %r" % (type(e).__name__, str(e))
    return "nothing"


# ---- OtherPrimitivesTests: testLock

lock = DeferredLock()
d = lock.acquire()
got = []
d.addCallback(got.append)
show("acquire on a free lock fires at once with the lock itself, and the lock is locked",
     "fired=%s, with the lock=%s, locked=%s" % (bool(got), got[0] is lock, lock.locked))

lock = DeferredLock()
lock.acquire()
second = lock.acquire()
show("a second acquire waits while the lock is held",
     "%s, locked=%s, waiting=%d" % (outcome(second), lock.locked, len(lock.waiting)))

lock = DeferredLock()
counter = []
lock.acquire().addCallback(lambda _: counter.append("first"))
lock.acquire().addCallback(lambda _: counter.append("second"))
before = list(counter)
lock.release()
show("release hands the lock to the waiter, which runs at once; the lock stays locked",
     "before=%s, after=%s, locked=%s, waiting=%d" % (before, counter, lock.locked, len(lock.waiting)))

lock = DeferredLock()
lock.acquire()
lock.release()
show("release with nobody waiting unlocks the lock", "locked=%s" % lock.locked)

lock = DeferredLock()
try:
    lock.run()
    ran = "nothing"
except TypeError:
    ran = "TypeError"
show("run without a function throws TypeError", "%s, locked=%s" % (ran, lock.locked))

lock = DeferredLock()
control = Deferred()
calls = []


def helper(resultValue, returnValue):
    calls.append([resultValue])
    return returnValue


ran = lock.run(helper, "first", control)
show("run calls the function at once with its arguments and holds the lock until its Deferred fires",
     "calls=%s, locked=%s, run: %s" % (calls, lock.locked, outcome(ran)))

lock = DeferredLock()
control = Deferred()
ran = lock.run(lambda: control)
queued = lock.acquire()
queued_before = "fired" if queued.called else "no result"
control.callback("second")
q = []
queued.addCallback(q.append)
show("when the function's Deferred fires, run gives its result and the lock passes to the next acquirer",
     "queued before: %s; run: %s; queued got the lock=%s; locked=%s"
     % (queued_before, outcome(ran), q[0] is lock, lock.locked))

lock = DeferredLock()
lock.acquire()
seen = []
waiter = lock.acquire()
waiter.addBoth(seen.append)
waiter.cancel()
is_ce = len(seen) == 1 and isinstance(seen[0], Failure) and seen[0].type is CancelledError
lock.release()
show("a cancelled waiting acquire gets a CancelledError failure, and a later release unlocks",
     "CancelledError failure=%s, locked=%s" % (is_ce, lock.locked))

# ---- OtherPrimitivesTests: cancellation

lock = DeferredLock()
d = lock.acquire()
d.cancel()
got = []
d.addCallback(got.append)
show("test_cancelLockAfterAcquired: cancelling an acquire that succeeded does nothing",
     "still fired with the lock=%s, locked=%s" % (got[0] is lock, lock.locked))

lock = DeferredLock()
lock.acquire()
d = lock.acquire()
d.cancel()
show("test_cancelLockBeforeAcquired: cancelling a waiting acquire fails it with CancelledError at once",
     "%s, waiting=%d" % (outcome(d), len(lock.waiting)))

# ---- reference C.7.5, E.8

lock = DeferredLock()
order = []
lock.acquire()
for name in ["a", "b", "c"]:
    lock.acquire().addCallback(lambda _, name=name: order.append(name))
lock.release()
lock.release()
lock.release()
show("waiters get the lock first come, first served", order)

lock = DeferredLock()
lock.acquire()
b = lock.acquire()
c = lock.acquire()
b.cancel()
b_outcome = outcome(b)
lock.release()
got = []
c.addCallback(got.append)
show("a release skips a waiter that was cancelled and hands the lock to the next",
     "b: %s; c got the lock=%s; locked=%s" % (b_outcome, got[0] is lock, lock.locked))

lock = DeferredLock()
lock.acquire()
b = lock.acquire()
c = lock.acquire()
show("the waiting Deferreds are the ones acquire returned, first in line first",
     "same objects, in order=%s" % (len(lock.waiting) == 2 and lock.waiting[0] is b and lock.waiting[1] is c))

lock = DeferredLock()
events = []
lock.acquire()
lock.acquire().addCallback(lambda held: events.append("waiter runs, locked=%s" % str(held.locked).lower()))
events.append("release starts")
lock.release()
events.append("release returned")
show("release runs the waiter's callbacks before it returns, with the lock already held for it", events)

lock = DeferredLock()
lock.acquire()
lock.acquire().addCallback(lambda held: held.release())
lock.release()
show("a waiter that releases inside its callback leaves the lock unlocked", "locked=%s" % lock.locked)

lock = DeferredLock()
show("release of an unlocked lock throws, with Twisted's message, and the lock stays unlocked",
     "%s, locked=%s" % (raises(lock.release), lock.locked))

# ---- run

lock = DeferredLock()
ran = lock.run(lambda a, b: a + b, 2, 3)
show("run gives the function's plain return value and releases the lock",
     "%s, locked=%s" % (outcome(ran), lock.locked))

lock = DeferredLock()
error = ValueError_("boom")


def throws():
    raise error


ran = lock.run(throws)
seen = []
ran.addErrback(seen.append)
show("run gives the error the function throws as a failure and releases the lock",
     "same error=%s, locked=%s" % (seen[0].value is error, lock.locked))

lock = DeferredLock()
inner = Deferred()
ran = lock.run(lambda: inner)
held = lock.locked
inner.errback(ValueError_("later"))
show("run gives the failure of the function's Deferred and releases the lock",
     "held while pending=%s; %s, locked=%s" % (held, outcome(ran), lock.locked))

lock = DeferredLock()
calls = []
lock.acquire()


def record():
    calls.append("called")
    return "done"


ran = lock.run(record)
before = list(calls)
lock.release()
show("run on a held lock calls the function only when the lock is handed over, inside release",
     "before release=%s, after=%s, %s, locked=%s" % (before, calls, outcome(ran), lock.locked))

lock = DeferredLock()
calls = []
lock.acquire()
ran = lock.run(lambda: calls.append("called"))
ran.cancel()
ran_outcome = outcome(ran)
held = lock.locked
lock.release()
show("cancelling run while it waits for the lock: the function is never called, and the holder keeps the lock",
     "%s, held after cancel=%s, calls=%s, locked after release=%s" % (ran_outcome, held, calls, lock.locked))

lock = DeferredLock()
cancelled = []
inner = Deferred(lambda d: cancelled.append("inner canceller"))
ran = lock.run(lambda: inner)
ran.cancel()
show("cancelling run while the function's Deferred is pending cancels that Deferred and releases the lock",
     "%s, %s, locked=%s" % (cancelled, outcome(ran), lock.locked))

lock = DeferredLock()
inner = Deferred(lambda d: d.callback("settled by canceller"))
ran = lock.run(lambda: inner)
ran.cancel()
show("cancelling run whose function's canceller fires a value: run gives that value and releases the lock",
     "%s, locked=%s" % (outcome(ran), lock.locked))

lock = DeferredLock()
ran = lock.run(lambda: "done")
ran.cancel()
show("cancelling run after the function's Deferred fired does nothing",
     "%s, locked=%s" % (outcome(ran), lock.locked))
