"""DeferredParallelCommandExecutor as the post "txdpce: a Twisted class for deferred
parallel command execution" (2011) shows it, run on real Twisted with task.Clock: the
facts spec/patterns/parallel-executor.spec.ts asserts about txdefer where the post's
behaviour is the one txdefer keeps.

The class below is written from the post (its listing lost the lines of `_done`; the
docstring says what they did).

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from twisted.internet import defer, task
from twisted.python import failure

from support.oracle import outcome, show


class ParallelCommandException(Exception):
    pass


class DeferredParallelCommandExecutor(object):
    def __init__(self):
        self._functions = []

    def registerFunction(self, func):
        self._functions.append(func)

    def execute(self, *args, **kwargs):
        if not self._functions:
            raise RuntimeError('No execution functions have been registered.')
        deferreds = [defer.maybeDeferred(func, *args, **kwargs) for func in self._functions]
        d = defer.DeferredList(deferreds, fireOnOneCallback=1, consumeErrors=1)
        d.addCallback(self._done, deferreds)
        return d

    def _done(self, deferredListResult, deferreds):
        if isinstance(deferredListResult, tuple):
            result, index = deferredListResult
            for i, d in enumerate(deferreds):
                if i != index:
                    d.cancel()
            return result
        return failure.Failure(ParallelCommandException([f for _, f in deferredListResult]))


def failureList(d):
    """The failure `d` holds (taken), with the failures inside a ParallelCommandException by type and message."""
    caught = []
    d.addErrback(caught.append)
    f = caught[0]
    return "failure %s %s" % (f.type.__name__, [(x.type.__name__, x.getErrorMessage()) for x in f.value.args[0]])


def later(clock, delay, value=None, error=None, log=None, name=None):
    """A function answering after `delay` on the clock; notes in `log` when it is cancelled."""
    def fn(*args):
        if log is not None:
            log.append("%s called with %r" % (name, args))

        def cancelled(_):
            if log is not None:
                log.append("%s cancelled" % name)

        d = task.deferLater(clock, delay, lambda: value if error is None else failure.Failure(error))
        d.addErrback(lambda f: (f.check(defer.CancelledError) and cancelled(f)) or f)
        return d
    return fn


clock = task.Clock()
log = []
executor = DeferredParallelCommandExecutor()
executor.registerFunction(later(clock, 5, value="slow", log=log, name="slow"))
executor.registerFunction(later(clock, 1, value="fast", log=log, name="fast"))
d = executor.execute("a", 2)
show("every function is called at once, in registration order, with the same arguments", log)
clock.advance(1)
show("the first success wins", outcome(d))
show("the others are cancelled", log[2:])
show("nothing is left on the clock", clock.getDelayedCalls())

clock = task.Clock()
executor = DeferredParallelCommandExecutor()
executor.registerFunction(later(clock, 1, error=ValueError("fast failure")))
executor.registerFunction(later(clock, 2, value="slow success"))
d = executor.execute()
clock.advance(1)
show("a fast failure does not decide", "called=%s" % d.called)
clock.advance(1)
show("a slower success wins over an earlier failure", outcome(d))

clock = task.Clock()
executor = DeferredParallelCommandExecutor()
executor.registerFunction(later(clock, 2, error=ValueError("registered first, fails last")))
executor.registerFunction(later(clock, 1, error=KeyError("registered second, fails first")))
d = executor.execute()
clock.advance(2)
show("all failing gives ParallelCommandException with every failure in registration order", failureList(d))


def raises():
    raise ZeroDivisionError("sync")


executor = DeferredParallelCommandExecutor()
executor.registerFunction(raises)
executor.registerFunction(lambda: "plain value")
show("a function that throws counts as a failure, and a plain value as a success", outcome(executor.execute()))
