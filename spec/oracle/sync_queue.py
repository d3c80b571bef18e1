"""DeferredQueue on real Twisted: the facts spec/sync/queue.spec.ts asserts about txdefer.

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from twisted.internet.defer import (
    CancelledError,
    Deferred,
    DeferredQueue,
    QueueOverflow,
    QueueUnderflow,
)
from twisted.python.failure import Failure


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
        return type(e).__name__
    return "nothing"


# ---- OtherPrimitivesTests: testQueue


def two_waiting_gets():
    queue = DeferredQueue(size=2, backlog=2)
    gotten = []
    queue.get().addCallback(gotten.append)
    queue.get().addCallback(gotten.append)
    return queue, gotten


queue, gotten = two_waiting_gets()
waiting = len(queue.waiting)
show("with backlog 2, two gets wait and a third throws QueueUnderflow",
     "waiting=%d, third get: %s, waiting after=%d" % (waiting, raises(queue.get), len(queue.waiting)))

queue, gotten = two_waiting_gets()
queue.put(0)
after_first = list(gotten)
queue.put(1)
show("puts go to the waiting gets in order, before put returns",
     "after put(0): %s, after put(1): %s, waiting=%d, pending=%s"
     % (after_first, gotten, len(queue.waiting), queue.pending))

queue = DeferredQueue(size=2, backlog=2)
queue.put(2)
queue.put(3)
kept = list(queue.pending)
show("with size 2 and nobody waiting, two puts are kept and a third throws QueueOverflow",
     "pending=%s, third put: %s, pending after=%s" % (kept, raises(queue.put, 4), queue.pending))

queue = DeferredQueue(size=2, backlog=2)
queue.put(2)
queue.put(3)
show("gets take the kept objects at once, oldest first",
     "%s, %s, pending=%s" % (outcome(queue.get()), outcome(queue.get()), queue.pending))

queue = DeferredQueue()
gotten = []
for i in range(10):
    queue.get().addCallback(gotten.append)
for i in range(10):
    queue.put(i)
show("an unbounded queue: gets made first receive the later puts in order", gotten)

queue = DeferredQueue(size=0)
show("size 0: put with nobody waiting throws QueueOverflow",
     "%s, pending=%s" % (raises(queue.put, "x"), queue.pending))

queue = DeferredQueue(backlog=0)
show("backlog 0: get on an empty queue throws QueueUnderflow",
     "%s, waiting=%d" % (raises(queue.get), len(queue.waiting)))

# ---- OtherPrimitivesTests: cancellation

queue = DeferredQueue()
queue.put("ready")
d = queue.get()
d.cancel()
show("test_cancelQueueAfterSynchronousGet: cancelling a get that received its object does nothing", outcome(d))

queue = DeferredQueue()
d = queue.get()
d.cancel()
d_outcome = outcome(d)
waiting = len(queue.waiting)
queue.put(None)
kept = list(queue.pending)
show("test_cancelQueueAfterGet: a cancelled get fails with CancelledError and a later put is kept for the next get",
     "%s, waiting=%d, pending after put=%s, next get: %s" % (d_outcome, waiting, kept, outcome(queue.get())))

# ---- reference C.7.6, E.8

queue = DeferredQueue()
first = queue.get()
second = queue.get()
first.cancel()
first_outcome = outcome(first)
queue.put("x")
show("a put skips a get that was cancelled and goes to the next waiting get",
     "first: %s, second: %s, pending=%s" % (first_outcome, outcome(second), queue.pending))

queue = DeferredQueue()
events = []
queue.get().addCallback(lambda value: events.append("getter got %s" % value))
events.append("put starts")
queue.put("x")
events.append("put returned")
show("put runs the getter's callbacks before it returns", events)

queue = DeferredQueue(size=0)
d = queue.get()
queue.put("x")
show("size 0: put with a waiting get hands the object over", outcome(d))

queue = DeferredQueue(backlog=0)
queue.put("x")
show("backlog 0: get on a queue holding an object gives it at once", outcome(queue.get()))

queue = DeferredQueue()
d = queue.get()
state = "no result" if not d.called else "has a result"
show("a get on an empty queue waits, and the waiting list holds that Deferred",
     "%s, waiting=%d, same Deferred=%s" % (state, len(queue.waiting), queue.waiting[0] is d))

bounded = DeferredQueue(size=3, backlog=4)
unbounded = DeferredQueue()
show("size and backlog are what was given, or undefined for no limit",
     [bounded.size, bounded.backlog, unbounded.size, unbounded.backlog])

queue = DeferredQueue()
gotten = []


def get_again(value):
    gotten.append(value)
    queue.get().addCallback(gotten.append)


queue.get().addCallback(get_again)
queue.put(1)
queue.put(2)
show("a getter that gets again inside its callback receives the next pending object", gotten)

queue = DeferredQueue()
d = queue.get()
queue.put(Failure(RuntimeError("sent as a failure")))
seen = []
d.addErrback(seen.append)
show("a Failure put into the queue goes to the waiting getter's errbacks",
     "errback got %s %r" % (seen[0].type.__name__, seen[0].getErrorMessage()))

# For the "txdefer only" specs: what Twisted 22.4 does with a Deferred put into the queue.
queue = DeferredQueue()
getter = queue.get()
show("txdefer only: Twisted put of a Deferred with a getter waiting", raises(queue.put, Deferred()))
queue = DeferredQueue()
queue.put(Deferred())
show("txdefer only: Twisted put of a Deferred with nobody waiting, then get", raises(queue.get))
show("txdefer only: Twisted's QueueOverflow and QueueUnderflow messages",
     "%r, %r" % (str(QueueOverflow()), str(QueueUnderflow())))
