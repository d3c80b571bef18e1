"""The deferred-init mixin ("A mixin class allowing Python __init__ methods to work with
Twisted deferreds", 2009) and the metaclass ("A Python metaclass for Twisted allowing
__init__ to return a Deferred", 2008), run on real Twisted with task.Clock: the facts
spec/patterns/queue-until-ready.spec.ts and spec/patterns/instantiate.spec.ts assert
about txdefer where the posts' behaviour is the one txdefer keeps.

Both are written from the posts (their listings lost the lines that fire the waiting
Deferreds and call the original __init__; the prose says what they did). The mixin's
example used the global reactor; here a Clock stands in for it.

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from twisted.internet import defer, task

from support.oracle import outcome, show


class deferredInitMixin(object):
    def wrap(self, d, *wrappedMethods):
        self.waiting = []
        self.stored = {}

        def restore(_):
            for method in self.stored:
                setattr(self, method, self.stored[method])
            for d in self.waiting:
                d.callback(None)

        def makeWrapper(method):
            def wrapper(*args, **kw):
                d = defer.Deferred()
                d.addCallback(lambda _: self.stored[method](*args, **kw))
                self.waiting.append(d)
                return d
            return wrapper

        for method in wrappedMethods:
            self.stored[method] = getattr(self, method)
            setattr(self, method, makeWrapper(method))

        d.addCallback(restore)


clock = task.Clock()
log = []


def late(value):
    d = defer.Deferred()

    def fire():
        log.append("I finally fired, with value %s" % (value,))
        d.callback(value)
    clock.callLater(1, fire)
    return d


class Test(deferredInitMixin):
    def __init__(self):
        d = late("Test")
        deferredInitMixin.wrap(self, d, "f1", "f2")

    def f1(self, arg):
        log.append("f1 called with %s" % (arg,))
        return late(arg)

    def f2(self, arg):
        log.append("f2 called with %s" % (arg,))
        return late(arg)


t = Test()
d1 = t.f1(44)
d1.addCallback(lambda r: log.append("final callback of f1, result = %s" % (r,)))
d2 = t.f1(33)
d2.addCallback(lambda r: log.append("final callback of f1, result = %s" % (r,)))
d3 = t.f2(11)
d3.addCallback(lambda r: log.append("final callback of f2, result = %s" % (r,)))
show("calls made before the initialising Deferred fires return Deferreds and wait", (log, d1.called))
clock.advance(1)
show("once it fires, the queued calls run in the order they were made", log)
show("the original methods are back once it fired", (t.f1.__func__ is Test.f1, t.f2.__func__ is Test.f2))
del log[:]
clock.advance(1)
show("each queued call's Deferred fires with what the method's Deferred fires with", log)

log = []
ready = defer.succeed("done")


class Ready(deferredInitMixin):
    def __init__(self):
        deferredInitMixin.wrap(self, ready, "f1")

    def f1(self, arg):
        log.append("f1 called with %s" % (arg,))
        return defer.succeed(arg)


r = Ready()
show("if it has already fired, the methods are left as they are and run at once",
     (r.f1.__func__ is Ready.f1, outcome(r.f1(5)), log))


# ---- the metaclass -------------------------------------------------------------------------
class TxDeferredInitMeta(type):
    def __new__(mcl, classname, bases, classdict):
        hidden = "__hidden__"
        instantiate = "__instantiate__"
        for name in hidden, instantiate:
            if name in classdict:
                raise Exception("Class %s contains an illegally-named %s method" % (classname, name))
        try:
            origInit = classdict["__init__"]
        except KeyError:
            origInit = lambda self: None

        def newInit(self, *args, **kw):
            hiddenDict = dict(args=args, kw=kw, __init__=origInit)
            setattr(self, hidden, hiddenDict)

        def _instantiate(self):
            def addSelf(result):
                return (self, result)
            hiddenDict = getattr(self, hidden)
            d = defer.maybeDeferred(hiddenDict["__init__"], self, *hiddenDict["args"], **hiddenDict["kw"])
            return d.addCallback(addSelf)

        classdict["__init__"] = newInit
        classdict[instantiate] = _instantiate
        return super(TxDeferredInitMeta, mcl).__new__(mcl, classname, bases, classdict)


clock = task.Clock()
created = []


class MyClass(metaclass=TxDeferredInitMeta):
    def __init__(self, name):
        self.name = name
        created.append(name)
        return task.deferLater(clock, 2, lambda: "table %s created" % name)


d = MyClass("users").__instantiate__()
before = d.called
clock.advance(2)
seen = []
d.addCallback(seen.append)
instance, result = seen[0]
show("instantiate fires with the instance and init's result once init's Deferred has fired",
     (before, type(instance).__name__, instance.name, result))


class Plain(metaclass=TxDeferredInitMeta):
    def __init__(self):
        return 42


seen = []
Plain().__instantiate__().addCallback(lambda pair: seen.append(pair[1]))
show("an init returning a plain value gives it at once", seen)


class Broken(metaclass=TxDeferredInitMeta):
    def __init__(self):
        raise ValueError("no database")


show("an init that throws fails the Deferred", outcome(Broken().__instantiate__()))
