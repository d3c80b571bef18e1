"""Oracle for spec/generators/decorator.spec.ts: @inlineCallbacks on methods, on real
Twisted. One labelled line per fact."""
from twisted.internet.defer import Deferred, inlineCallbacks, succeed
from twisted.python.failure import Failure


def fact(label, value):
    print(f"{label}: {value}")


class Client:
    def __init__(self, base):
        self.base = base
        self.calls = []

    @inlineCallbacks
    def fetch(self, extra):
        self.calls.append("fetch")
        got = yield succeed(extra)
        return self.base + got

    @inlineCallbacks
    def broken(self):
        yield succeed(None)
        raise ValueError(f"broken on {self.base}")


def result(d):
    seen = []
    d.addBoth(seen.append)
    r = seen[0]
    return f"Failure({r.type.__name__}: {r.getErrorMessage()})" if isinstance(r, Failure) else r


d = Client(40).fetch(2)
fact("a decorated method returns a Deferred of what the generator returns", (isinstance(d, Deferred), result(d)))
a, b = Client(1), Client(100)
fact("this is the object the method is called on", (result(a.fetch(1)), result(b.fetch(1)), a.calls, b.calls))
fact("what the generator throws fails the Deferred", result(Client(7).broken()))
fact("the method keeps its name, as functools.wraps keeps it", Client.fetch.__name__)
fact("a method taken off its object and called with another this uses that this", result(Client.fetch(Client(1000), 1)))
