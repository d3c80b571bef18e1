"""DeferredQueue with peek, as post 000's author proposed in comment 8, on real Twisted.

"Keep a self.peekers list (of Deferreds) and provide a peek method. On peek() if
there's anything in self.pending, you get a defer.succeed back with the first pending
thing. If not, you get a Deferred that is also added to self.peekers. On put, if the
self.peekers list is not empty, fire each one with the passed object and set
self.peekers to []." Written here from that prose, over Twisted 22.4's DeferredQueue.
Each line backs the `it` of spec/sync/queue.spec.ts with the same label.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from twisted.internet.defer import Deferred, DeferredQueue, succeed


class PeekableQueue(DeferredQueue):
    def __init__(self, *args, **kwargs):
        DeferredQueue.__init__(self, *args, **kwargs)
        self.peekers = []

    def peek(self):
        if self.pending:
            return succeed(self.pending[0])
        d = Deferred()
        self.peekers.append(d)
        return d

    def put(self, obj):
        peekers, self.peekers = self.peekers, []
        for d in peekers:
            d.callback(obj)
        DeferredQueue.put(self, obj)


def show(label, value):
    print("%s: %s" % (label, value))


def result(d):
    seen = []
    d.addBoth(seen.append)
    return seen[0] if seen else "no result"


q = PeekableQueue()
q.put("a")
q.put("b")
show("peek on a queue holding objects gives the oldest at once and leaves it there",
     "peek=%r pending=%r get=%r" % (result(q.peek()), q.pending, result(q.get())))

q = PeekableQueue()
peeked = q.peek()
fired = []
peeked.addCallback(fired.append)
waiting = list(fired)
q.put("x")
show("peek on an empty queue waits, and the next put fires it with the object it puts",
     "before put: %r, after: %r" % (waiting, fired))

q = PeekableQueue()
q.peek()
q.put("x")
show("the object put while a peek waits stays in the queue for a get",
     "pending=%r get=%r" % (q.pending, result(q.get())))

q = PeekableQueue()
peeked = q.peek()
got = q.get()
q.put("x")
show("the object put while a peek and a get wait goes to the getter, and the peeker sees it too",
     "get=%r peek=%r pending=%r" % (result(got), result(peeked), q.pending))

q = PeekableQueue()
seen = []
for name in ["first", "second", "third"]:
    q.peek().addCallback(lambda v, name=name: seen.append("%s %s" % (name, v)))
q.put(1)
q.put(2)
show("every waiting peek fires with the same object, in the order they were made", seen)
