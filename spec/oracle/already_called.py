"""AlreadyCalledError on real Twisted, with and without debugging: the facts
spec/core/already-called.spec.ts asserts about txdefer.

Each line is "label: observed value". Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from twisted.internet import defer
from twisted.internet.defer import AlreadyCalledError, Deferred
from twisted.python.failure import Failure


def show(label, value):
    print("%s: %s" % (label, value))


def create_deferred():
    return Deferred()


def first_callback(d):
    d.callback("hello")


def first_errback(d):
    d.errback(Failure(RuntimeError()))


def second_callback(d):
    d.callback("twice")


def second_errback(d):
    d.errback(Failure(RuntimeError()))


def count(lines, prefix, name):
    """How many lines start with prefix and end with name (Twisted's own test's check)."""
    return sum(1 for line in lines if line.startswith(prefix) and line.endswith(name))


def second_call_error(first, second):
    d = create_deferred()
    d.addErrback(lambda f: None)
    first(d)
    try:
        second(d)
    except AlreadyCalledError as e:
        return e
    return None


pairs = {
    "CC": (first_callback, second_callback),
    "CE": (first_callback, second_errback),
    "EE": (first_errback, second_errback),
    "EC": (first_errback, second_callback),
}

defer.setDebugging(True)
for name, (first, second) in pairs.items():
    e = second_call_error(first, second)
    show("%s raises" % name, type(e).__name__)
    lines = e.args[0].split("\n")
    show("%s debug: first line empty" % name, lines[0] == "")
    show("%s debug: has ' C: Deferred was created:'" % name, " C: Deferred was created:" in lines)
    show("%s debug: has ' I: First Invoker was:'" % name, " I: First Invoker was:" in lines)
    show("%s debug: C: lines naming the creator" % name, count(lines, " C:", "create_deferred"))
    show("%s debug: C: lines naming the first caller" % name, count(lines, " C:", first.__name__))
    show("%s debug: C: lines naming the second caller" % name, count(lines, " C:", second.__name__))
    show("%s debug: I: lines naming the first caller" % name, count(lines, " I:", first.__name__))
    show("%s debug: I: lines naming the second caller" % name, count(lines, " I:", second.__name__))
    show("%s debug: message mentions the second caller" % name, second.__name__ in e.args[0])


# creation through a helper: both the helper and its caller are in the C: lines
def deferred_factory_helper():
    return Deferred()


def code_using_the_helper():
    return deferred_factory_helper()


d = code_using_the_helper()
d.callback(1)
try:
    d.callback(2)
except AlreadyCalledError as e:
    lines = e.args[0].split("\n")
    show("helper: C: lines naming the helper", count(lines, " C:", "deferred_factory_helper"))
    show("helper: C: lines naming the helper's caller", count(lines, " C:", "code_using_the_helper"))

# a subclass of Deferred: the creator is the code that constructed it
class NamedDeferred(Deferred):
    pass


def make_named_deferred():
    return NamedDeferred()


d = make_named_deferred()
d.callback(1)
try:
    d.callback(2)
except AlreadyCalledError as e:
    lines = e.args[0].split("\n")
    show("subclass: C: lines naming the constructing function", count(lines, " C:", "make_named_deferred"))

# switching debugging around does not crash (Twisted's testSwitchDebugging)
defer.setDebugging(False)
d = Deferred()
d.addBoth(lambda ign: None)
defer.setDebugging(True)
d.callback(None)
show("switch: off at creation, on at firing: fired", d.called)
try:
    d.callback(None)
except AlreadyCalledError as e:
    lines = e.args[0].split("\n")
    show("switch: off at creation: C: lines", sum(1 for l in lines if l.startswith(" C:")))
    show("switch: off at creation: has I: lines", any(l.startswith(" I:") for l in lines))

defer.setDebugging(False)
d = Deferred()
d.callback(None)
defer.setDebugging(True)
seen = []
d.addBoth(seen.append)
show("switch: fired with debugging off, callback added with it on: ran", seen == [None])
try:
    d.callback(None)
except AlreadyCalledError as e:
    show("switch: fired with debugging off: second call raises", type(e).__name__)
    show("switch: fired with debugging off: C:/I: lines", sum(1 for l in e.args[0].split("\n") if l.startswith((" C:", " I:"))))

# debugging off: AlreadyCalledError without any debug text
defer.setDebugging(False)
for name, (first, second) in pairs.items():
    e = second_call_error(first, second)
    show("no debugging %s raises" % name, type(e).__name__)
    show("no debugging %s args" % name, e.args)
