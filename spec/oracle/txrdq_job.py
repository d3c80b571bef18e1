"""txrdq's Job life cycle, on real Twisted, written from the post "A resizable dispatch
queue for Twisted" and txrdq's description of Job: a job is pending, then underway when
launched (its function called through maybeDeferred), then finished with its result,
failed with its failure, or cancelled (cancelling a running job cancels the function's
Deferred); a watcher's Deferred fires with the job, or fails with the job as the
failure's value; cancelling after the end changes nothing. Times come from a Clock
here (txrdq used time.time()). Each line backs the `it` marked "(txrdq)" with the same
label in spec/structures/dispatch-queue.spec.ts. Run with /usr/bin/python3.
"""
from twisted.internet import defer, task
from twisted.python.failure import Failure


class Job(object):
    def __init__(self, clock, arg, priority=0):
        self.clock = clock
        self.arg = arg
        self.priority = priority
        self.state = "pending"
        self.queuedAt = clock.seconds()
        self.startedAt = self.stoppedAt = None
        self.result = self.failure = None
        self.watchers = []
        self.underway = None

    def launch(self, fn):
        self.state = "underway"
        self.startedAt = self.clock.seconds()
        self.underway = defer.maybeDeferred(fn, self.arg)
        self.underway.addCallbacks(self._finished, self._failed)

    def _end(self, state):
        self.state = state
        self.stoppedAt = self.clock.seconds()
        watchers, self.watchers = self.watchers, []
        return watchers

    def _finished(self, result):
        if self.state == "underway":
            self.result = result
            for d in self._end("finished"):
                d.callback(self)

    def _failed(self, failure):
        if self.state == "underway":
            self.failure = failure
            for d in self._end("failed"):
                d.errback(self)

    def cancel(self):
        if self.state in ("pending", "underway"):
            running = self.state == "underway"
            watchers = self._end("cancelled")
            if running:
                self.underway.cancel()
            for d in watchers:
                d.errback(self)

    def watch(self):
        d = defer.Deferred(lambda _: self.cancel())
        self.watchers.append(d)
        return d


def show(label, value):
    print("%s: %s" % (label, value))


def outcome(d):
    seen = []
    d.addBoth(seen.append)
    if not seen:
        return "no result"
    r = seen[0]
    if isinstance(r, Failure):
        return "failure whose value is a %s" % type(r.value).__name__
    return r


clock = task.Clock()
job = Job(clock, 2)
d = job.watch()
job.launch(lambda seconds: task.deferLater(clock, seconds, lambda: "done %d" % seconds))
before = outcome(job.watch())
clock.advance(2)
j = outcome(d)
show("put gives a Deferred that fires with the finished Job, whose result is the function's (txrdq)",
     "before: %s; then %r %s %r" % (before, j.arg, j.state, j.result))


def broken(arg):
    return task.deferLater(clock, 1, lambda: 1 / 0)


clock = task.Clock()
job = Job(clock, "+1 212 555")
d = job.watch()
job.launch(broken)
clock.advance(1)
show("a failed job fails put's Deferred with JobFailed carrying the Job and its argument (txrdq)",
     "%s; job %r %s %s, stopped at %r" % (outcome(d), job.arg, job.state, job.failure.type.__name__, job.stoppedAt))

clock = task.Clock()
clock.advance(4)
job = Job(clock, 1)
d = job.watch()
d.cancel()
show("cancelling put's Deferred of a pending job takes it out; it fails with JobFailed, state cancelled (txrdq)",
     "%s; %s, started %r, stopped %r" % (outcome(d), job.state, job.startedAt, job.stoppedAt))

clock = task.Clock()
job = Job(clock, 1)
d = job.watch()
job.launch(lambda arg: arg)
d.cancel()
job.cancel()
show("cancelling a job that has ended changes nothing", job.state)
