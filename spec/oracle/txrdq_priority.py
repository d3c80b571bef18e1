"""txrdq's DeferredPriorityQueue ordering rule, on real Twisted: a heap of
(priority, count) pairs, so a lower priority comes out first and equal priorities come
out in the order put; a get on an empty queue waits for the next put, whatever its
priority. Written from the post "A resizable dispatch queue for Twisted" and txrdq's
description (heapq plus Twisted's DeferredQueue). Each line backs the `it` with the same
label in spec/sync/priority-queue.spec.ts. Run with /usr/bin/python3.
"""
import heapq
import itertools

from twisted.internet.defer import Deferred, succeed


class PriorityQueue(object):
    def __init__(self):
        self.waiting = []
        self.heap = []
        self.counter = itertools.count()

    def put(self, obj, priority=0):
        if self.waiting:
            self.waiting.pop(0).callback(obj)
        else:
            heapq.heappush(self.heap, (priority, next(self.counter), obj))

    def get(self):
        if self.heap:
            return succeed(heapq.heappop(self.heap)[2])
        d = Deferred()
        self.waiting.append(d)
        return d


def show(label, value):
    print("%s: %s" % (label, value))


def drain(q):
    out = []
    while q.heap:
        q.get().addCallback(out.append)
    return out


q = PriorityQueue()
q.put("low", 5)
q.put("high", -1)
q.put("middle", 0)
show("a lower priority number comes out first", drain(q))

q = PriorityQueue()
for index, priority in enumerate([3, 1, 3, 2, 1, 3, 2, 1]):
    q.put(index, priority)
show("equal priorities come out in the order they were put", drain(q))

q = PriorityQueue()
q.put("zero")
q.put("minus one", -1)
show("the default priority is 0", drain(q))

q = PriorityQueue()
got = []
q.get().addCallback(got.append)
q.get().addCallback(got.append)
q.put("late", 99)
q.put("early", -99)
show("a get on an empty queue waits and the next put fires it, whatever its priority", got)
