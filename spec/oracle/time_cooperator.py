"""Oracle for spec/time/cooperator.spec.ts: task.Cooperator, CooperativeTask, cooperate
and coiterate, driven by a Clock, on real Twisted. One labelled line per fact."""
from twisted.internet import defer, task
from twisted.internet.task import Clock, Cooperator
from twisted.logger import globalLogBeginner
from twisted.python.failure import Failure

# The failures these facts leave unhandled are reported when collected: not printed here.
globalLogBeginner.beginLoggingTo([lambda event: None], redirectStandardIO=False)


def fact(label, value):
    print(f"{label}: {value}")


def make(terminate_after=1, started=True):
    """A Cooperator on a Clock: each tick is one callLater(1e-8); the predicate ends a tick after N units."""
    clock = Clock()

    def factory():
        count = [0]

        def predicate():
            count[0] += 1
            return count[0] >= terminate_after

        return predicate

    return clock, Cooperator(terminationPredicateFactory=factory, scheduler=lambda f: clock.callLater(0.00000001, f), started=started)


def recorder(log, name, items):
    for item in items:
        log.append(f"{name}{item}")
        yield None


def outcome(d):
    """What the Deferred holds now, without taking it."""
    if not d.called:
        return "no result"
    r = d.result
    if isinstance(r, Failure):
        return f"Failure({r.type.__name__})"
    return "the iterator" if hasattr(r, "__next__") else repr(r)


# round-robin
log = []
clock, coop = make(terminate_after=100)
for name in "abc":
    coop.cooperate(recorder(log, name, [1, 2]))
fact("nothing runs until the scheduled tick", log)
clock.advance(1)
fact("a tick works on each task in turn, round-robin", log)

# the predicate ends a tick
log = []
clock, coop = make(terminate_after=2)
coop.cooperate(recorder(log, "a", [1, 2, 3]))
coop.cooperate(recorder(log, "b", [1, 2, 3]))
units = []
for _ in range(4):
    clock.advance(1)
    units.append(list(log))
    log.clear()
fact("each tick does units of work until the predicate answers true", units)

# whenDone
log = []
clock, coop = make()
it = recorder(log, "a", [1])
t = coop.cooperate(it)
d = t.whenDone()
clock.advance(1)
fact("after the last item, the task is not done yet", outcome(d))
clock.advance(1)
fact("whenDone fires with the iterator once it is exhausted", outcome(d))
fact("whenDone after the end gives a Deferred that has fired", outcome(t.whenDone()))
fact("the Cooperator has no tick left to run", len(clock.getDelayedCalls()))


# a task that throws
def thrower(log):
    log.append("t1")
    yield None
    raise ValueError("boom")


log = []
clock, coop = make()
bad = coop.cooperate(thrower(log))
good = coop.cooperate(recorder(log, "g", [1, 2, 3]))
bad_done = bad.whenDone()
for _ in range(8):
    clock.advance(1)
fact("a task that throws fails its whenDone Deferreds with the error", outcome(bad_done))
fact("and the Cooperator goes on with the others", (log, outcome(good.whenDone())))
try:
    bad.stop()
except task.TaskFailed:
    fact("stop() on a failed task raises TaskFailed", "TaskFailed")

# yielding Deferreds
log = []
clock, coop = make()
waits = [defer.Deferred(), defer.Deferred()]


def waiter(log):
    log.append("w1")
    yield waits[0]
    log.append("w2")
    yield waits[1]
    log.append("w3")


t = coop.cooperate(waiter(log))
other = coop.cooperate(recorder(log, "o", [1, 2, 3]))
for _ in range(4):
    clock.advance(1)
fact("a yielded Deferred pauses the task until it fires", list(log))
waits[0].callback("ignored")
fact("the yielded Deferred is left with None", waits[0].result)
for _ in range(3):
    clock.advance(1)
fact("its success resumes the task", list(log))
d = t.whenDone()
waits[1].errback(KeyError("inner"))
fact("its failure fails the task with that failure", outcome(d))
fact("the failed yielded Deferred is left with None (handled)", waits[1].result)

# pause and resume
log = []
clock, coop = make()
t = coop.cooperate(recorder(log, "p", [1, 2, 3]))
t.pause()
t.pause()
clock.advance(1)
t.resume()
clock.advance(1)
fact("pauses nest: still paused after one resume", list(log))
t.resume()
clock.advance(1)
fact("running again after the second resume", list(log))
try:
    t.resume()
except task.NotPaused:
    fact("resume() on a task that is not paused raises NotPaused", "NotPaused")

# stop
log = []
clock, coop = make()
t = coop.cooperate(recorder(log, "s", [1, 2, 3]))
d = t.whenDone()
clock.advance(1)
t.stop()
fact("stop() fails whenDone with TaskStopped", outcome(d))
clock.advance(1)
fact("and no more work is done", log)
for method in ("stop", "pause"):
    try:
        getattr(t, method)()
    except task.TaskStopped as e:
        fact(f"{method}() after stop() raises TaskStopped", type(e).__name__)
t.resume() if t._pauseCount else None
try:
    t.resume()
except task.NotPaused:
    fact("resume() of a stopped task that is not paused raises NotPaused", "NotPaused")

log = []
clock, coop = make()
t = coop.cooperate(recorder(log, "x", []))
clock.advance(1)
try:
    t.stop()
except task.TaskDone:
    fact("stop() on an exhausted task raises TaskDone", "TaskDone")

# Cooperator.stop
clock, coop = make()
t = coop.cooperate(recorder([], "c", [1, 2]))
d = t.whenDone()
coop.stop()
fact("Cooperator.stop() fails the task with SchedulerStopped", outcome(d))
fact("Cooperator.stop() cancels the scheduled tick", len(clock.getDelayedCalls()))
fact("running after stop()", coop.running)
late = coop.cooperate(recorder([], "l", [1]))
fact("a task added to a stopped Cooperator fails at once", outcome(late.whenDone()))

clock, coop = make()
tasks = [coop.cooperate(recorder([], "m", [1, 2])) for _ in range(4)]
ends = [t.whenDone() for t in tasks]
coop.stop()
fact("Twisted 22.4: Cooperator.stop() with four tasks completes only the first and third", [outcome(d) for d in ends])

# started=False, start(), running
log = []
clock, coop = make(started=False)
fact("running when made with started=False", coop.running)
coop.cooperate(recorder(log, "n", [1]))
clock.advance(1)
fact("nothing is scheduled before start()", (log, len(clock.getDelayedCalls())))
coop.start()
fact("running after start()", coop.running)
clock.advance(1)
fact("start() schedules the tick", log)

# removing the last task cancels the tick
clock, coop = make()
t1 = coop.cooperate(iter([1, 2]))
t2 = coop.cooperate(iter([1, 2]))
fact("two tasks: one tick scheduled", len(clock.getDelayedCalls()))
t1.stop()
fact("one task stopped: the tick is still scheduled", len(clock.getDelayedCalls()))
t2.stop()
fact("the last task stopped: the tick is cancelled", len(clock.getDelayedCalls()))

# the round goes on where it stopped, over the live list
log = []
clock, coop = make(terminate_after=100)
coop.cooperate(recorder(log, "a", [1]))
coop.cooperate(recorder(log, "b", [1, 2]))
coop.cooperate(recorder(log, "c", [1, 2]))
clock.advance(1)
fact("a task leaving the list mid-round makes the round skip the next one", log)

log = []
clock, coop = make(terminate_after=2)
coop.cooperate(recorder(log, "a", [1, 2, 3]))
coop.cooperate(recorder(log, "b", [1, 2, 3]))
clock.advance(1)
coop.cooperate(recorder(log, "c", [1, 2, 3]))
clock.advance(1)
clock.advance(1)
fact("a task added mid-round joins the round in progress", log)

# coiterate
clock, coop = make()
done = defer.Deferred()
d = coop.coiterate(iter([1]), done)
fact("coiterate with doneDeferred returns that Deferred", d is done)
clock.advance(1)
clock.advance(1)
fact("coiterate's Deferred fires with the iterator", outcome(d))


# a Deferred-like value that is not a Deferred is just a value
class NotADeferred:
    def addCallbacks(self, *a):
        raise AssertionError("not called")


log = []
clock, coop = make()
t = coop.cooperate(iter([NotADeferred(), 2]))
for _ in range(3):
    clock.advance(1)
fact("only a Deferred pauses a task: any other value is ignored", outcome(t.whenDone()))
