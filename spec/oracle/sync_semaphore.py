"""DeferredSemaphore on real Twisted: the facts spec/sync/semaphore.spec.ts asserts about txdefer.

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from twisted.internet.defer import CancelledError, Deferred, DeferredSemaphore
from twisted.python.failure import Failure

N = 13


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


# ---- OtherPrimitivesTests: testSemaphore

sem = DeferredSemaphore(N)
pending = Deferred()
args = []
arg = object()


def helper(given):
    args.append(given)
    return pending


ran = sem.run(helper, arg)
tokens_while = sem.tokens
before = "no result" if not ran.called or isinstance(ran.result, Deferred) else "has a result"
pending.callback(None)
show("run calls the function at once with its argument, takes a token until its Deferred fires, and gives its result",
     "called with it=%s, tokens while pending=%d (N-1), before: %s, after: %s, tokens=%d"
     % (len(args) == 1 and args[0] is arg, tokens_while, before, outcome(ran), sem.tokens))

sem = DeferredSemaphore(N)
counter = []
at_once = True
for i in range(1, N + 1):
    sem.acquire().addCallback(lambda _, i=i: counter.append(i))
    at_once = at_once and len(counter) == i
tokens = sem.tokens
extra = sem.acquire()
show("the first N acquires succeed at once, and the next one waits",
     "each at once=%s, tokens=%d, extra: %s, waiting=%d" % (at_once, tokens, outcome(extra), len(sem.waiting)))

sem = DeferredSemaphore(N)
for i in range(N):
    sem.acquire()
seen = []
waiter = sem.acquire()
waiter.addErrback(seen.append)
waiter.cancel()
show("a waiting acquire that is cancelled goes to its errback with CancelledError",
     "errback got %s, waiting=%d" % ([f.type.__name__ for f in seen], len(sem.waiting)))

sem = DeferredSemaphore(N)
count = [0]


def bump(_):
    count[0] += 1


for i in range(N):
    sem.acquire().addCallback(bump)
cancelled = sem.acquire()
cancelled.cancel()
cancelled.addErrback(lambda f: None)
sem.acquire().addCallback(bump)
before = count[0]
sem.release()
after_one = (count[0], sem.tokens)
for i in range(N):
    sem.release()
show("one release wakes the next waiter; N more releases free every token and wake nobody else",
     "before=%d (N), after one release=%d (N+1) tokens=%d, after N more=%d tokens=%d"
     % (before, after_one[0], after_one[1], count[0], sem.tokens))

# ---- OtherPrimitivesTests: tokens and cancellation

show("test_semaphoreInvalidTokens: 0 and -1 tokens are refused",
     "%s; %s" % (raises(DeferredSemaphore, 0), raises(DeferredSemaphore, -1)))

sem = DeferredSemaphore(1)
d = sem.acquire()
d.cancel()
got = []
d.addCallback(got.append)
show("test_cancelSemaphoreAfterAcquired: cancelling an acquire that succeeded does nothing",
     "still fired with the semaphore=%s, tokens=%d" % (got[0] is sem, sem.tokens))

sem = DeferredSemaphore(1)
sem.acquire()
d = sem.acquire()
d.cancel()
show("test_cancelSemaphoreBeforeAcquired: cancelling a waiting acquire fails it with CancelledError at once",
     "%s, waiting=%d" % (outcome(d), len(sem.waiting)))

# ---- reference C.7.5, E.8

sem = DeferredSemaphore(3)
trace = [(sem.limit, sem.tokens)]
sem.acquire()
trace.append((sem.limit, sem.tokens))
sem.acquire()
trace.append((sem.limit, sem.tokens))
sem.release()
trace.append((sem.limit, sem.tokens))
show("limit is the tokens given; tokens counts down as acquires succeed and back up on release", trace)

sem = DeferredSemaphore(2)
got = []
sem.acquire().addCallback(got.append)
show("acquire fires with the semaphore itself", got[0] is sem)

sem = DeferredSemaphore(1)
order = []
sem.acquire()
waiters = []
for name in ["a", "b", "c"]:
    d = sem.acquire()
    d.addCallbacks(lambda _, name=name: order.append(name),
                   lambda _, name=name: order.append("%s cancelled" % name))
    waiters.append(d)
waiters[1].cancel()
sem.release()
sem.release()
show("waiters get a token first come, first served, skipping one that was cancelled",
     "%s, tokens=%d" % (order, sem.tokens))

sem = DeferredSemaphore(1)
events = []
sem.acquire()
sem.acquire().addCallback(lambda s: events.append("waiter runs, tokens=%d" % s.tokens))
events.append("release starts")
sem.release()
events.append("release returned")
show("release runs the waiter's callbacks before it returns, with the token already taken for it", events)

sem = DeferredSemaphore(2)
sem.acquire()
sem.release()
show("releasing more often than acquiring throws, with Twisted's message, and leaves the tokens at the limit",
     "%s, tokens=%d" % (raises(sem.release), sem.tokens))

sem = DeferredSemaphore(2)
jobs = [Deferred() for _ in range(5)]
started = []
results = []
for index, job in enumerate(jobs):
    sem.run(lambda index=index, job=job: (started.append(index), job)[1]).addCallback(results.append)
snapshots = [list(started)]
jobs[1].callback("one")
snapshots.append(list(started))
jobs[0].callback("zero")
snapshots.append(list(started))
jobs[2].callback("two")
jobs[3].callback("three")
jobs[4].callback("four")
show("run with limit 2 keeps at most two calls going, and starts the next one as each finishes",
     "started %s, results %s, tokens=%d" % (snapshots, results, sem.tokens))

sem = DeferredSemaphore(1)
calls = []
sem.acquire()
ran = sem.run(lambda: calls.append("called"))
ran.cancel()
ran_outcome = outcome(ran)
tokens = sem.tokens
sem.release()
show("cancelling run while it waits for a token: the function is never called, and the tokens are unchanged",
     "%s, tokens after cancel=%d, calls=%s, tokens after release=%d" % (ran_outcome, tokens, calls, sem.tokens))

sem = DeferredSemaphore(1)
cancelled = []
inner = Deferred(lambda d: cancelled.append("inner canceller"))
ran = sem.run(lambda: inner)
ran.cancel()
show("cancelling run while the function's Deferred is pending cancels that Deferred and gives the token back",
     "%s, %s, tokens=%d" % (cancelled, outcome(ran), sem.tokens))

# For the "txdefer only" specs: what Twisted 22.4 does with a fractional number of tokens.
show("txdefer only: Twisted accepts 1.5 tokens", raises(DeferredSemaphore, 1.5))
