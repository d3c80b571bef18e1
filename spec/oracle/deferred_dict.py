"""DeferredDict from post 001 ("How to asynchronously exchange a dictionary using
Twisted deferreds") on real Twisted. The post's listing lost its indented calls
(`self._deferreds[item].add(d)`, `d.callback(value)`); they are restored from the prose:
"any consumer deferreds that were waiting on that element's value are given the value".
Each line backs the `it` with the same label in spec/structures/dict.spec.ts (marked
"(post)" there). Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from collections import defaultdict

from twisted.internet import defer


class DeferredDict(dict):
    def __init__(self, *args, **kwargs):
        self._deferreds = defaultdict(set)
        dict.__init__(self, *args, **kwargs)

    def __getitem__(self, item):
        try:
            return defer.succeed(dict.__getitem__(self, item))
        except KeyError:
            d = defer.Deferred()
            self._deferreds[item].add(d)
            return d

    def __setitem__(self, item, value):
        if item in self._deferreds:
            for d in self._deferreds[item]:
                d.callback(value)
            del self._deferreds[item]
        dict.__setitem__(self, item, value)


def show(label, value):
    print("%s: %s" % (label, value))


def now(d):
    seen = []
    d.addBoth(seen.append)
    return seen[0] if seen else "no result"


dd = DeferredDict(a=1)
show("get of a key that has a value gives an already-fired Deferred (post)", now(dd["a"]))

dd = DeferredDict()
d = dd["a"]
fired = []
d.addCallback(fired.append)
before = list(fired)
dd["a"] = 1
show("get of a missing key waits, and set fires it with the value (post)",
     "before set: %r, after: %r, a later get: %r" % (before, fired, now(dd["a"])))

dd = DeferredDict()
seen = []
dd["k"].addCallback(lambda _: seen.append("k" in dd))
dd["k"] = 1
show("set fires the waiters before storing the value: inside their callbacks the key is not there yet (post)",
     "in the callback: %r, after set: %r" % (seen, "k" in dd))

dd = DeferredDict(k=1)
del dd["k"]
d = dd["k"]
fired = []
d.addCallback(fired.append)
before = list(fired)
dd["k"] = 2
show("a deleted key waits again for its next set (post)", "before: %r, after: %r" % (before, fired))
