"""
What a printed Python program records as it runs on Twisted: the twin of tracer.ts.

Both write the same trace lines (see tracer.ts for the list), and every value goes
through show(), which applies the mappings listed in docs/faithfulness.md:
None <-> undefined, True <-> true, tuples and lists both as [a, b],
Failure -> "Failure(ErrA: message)", Twisted's errors whose messages txdefer words
differently by name only, and the AssertionError that DeferredLock/DeferredSemaphore
raise on an over-release (docs/differences.md row 25) as OverReleaseError.
DelayedCall's AlreadyCalled / AlreadyCancelled are shown by name; LoopingCall's
AssertionErrors (start/stop/reset in the wrong state) show as they are, and tracer.ts
shows txdefer's plain Error with the same message the same way (docs/time.md).

Unhandled-failure reports ("Unhandled error in Deferred:") and errors Twisted logs
with log.failure (DeferredList.cancel) are caught by a log observer installed here.
"""
import json

from twisted.internet.defer import (
    AlreadyCalledError,
    CancelledError,
    Deferred,
    DeferredLock,
    DeferredQueue,
    DeferredSemaphore,
    FirstError,
    QueueOverflow,
    QueueUnderflow,
    TimeoutError,
)
from twisted.internet.error import AlreadyCalled, AlreadyCancelled
from twisted.internet.task import SchedulerError
from twisted.logger import globalLogBeginner
from twisted.python.failure import Failure


class ErrA(Exception):
    pass


class ErrB(ErrA):
    pass


class ErrC(Exception):
    pass


# SchedulerError and its subclasses (TaskDone, TaskStopped, TaskFailed, SchedulerStopped, NotPaused)
# have no message in Twisted and one in txdefer.
BY_NAME_ONLY = (AlreadyCalledError, CancelledError, QueueOverflow, QueueUnderflow, AlreadyCalled, AlreadyCancelled, SchedulerError)

# docs/differences.md row 25: Twisted asserts, txdefer throws OverReleaseError.
OVER_RELEASE_MESSAGES = (
    "Tried to release an unlocked lock",
    "Someone released me too many times: too many tokens!",
)

MAX_DEPTH = 12

# Most values one show() call renders (see tracer.ts, MAX_NODES).
MAX_NODES = 300


class FailureNumbers:
    """Numbers Failures in the order a trace first shows them (see tracer.ts)."""

    def __init__(self):
        self._numbers = {}

    def number_of(self, failure):
        entry = self._numbers.get(id(failure))
        if entry is None:
            # The Failure is kept with its number, so that its id() is not reused meanwhile.
            entry = (len(self._numbers) + 1, failure)
            self._numbers[id(failure)] = entry
        return entry[0]


def show(value, names=None, depth=0, failures=None, budget=None):
    if names is None:
        names = {}
    if budget is None:
        budget = [MAX_NODES]
    budget[0] -= 1
    if depth > MAX_DEPTH or budget[0] < 0:
        return "..."
    if value is None:
        return "None"
    if value is True:
        return "True"
    if value is False:
        return "False"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else "float(%r)" % value
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join([show(item, names, depth + 1, failures, budget) for item in value]) + "]"
    if isinstance(value, Failure):
        number = "" if failures is None else "#%d" % failures.number_of(value)
        return "Failure" + number + "(" + show_error(value.value, names, depth + 1, failures, budget) + ")"
    if isinstance(value, Deferred):
        return names.get(id(value), "Deferred#internal")
    if isinstance(value, type):
        return "class:" + value.__name__
    name = names.get(id(value))
    if name is not None:
        return name
    if isinstance(value, BaseException):
        return "exc(" + show_error(value, names, depth + 1, failures, budget) + ")"
    return "<" + type(value).__name__ + ">"


def show_error(error, names=None, depth=0, failures=None, budget=None):
    if budget is None:
        budget = [MAX_NODES]
    if not isinstance(error, BaseException):
        return "value(" + show(error, names, depth, failures, budget) + ")"
    if isinstance(error, TimeoutError):
        return "TimeoutError(" + show(error.args[0] if error.args else None, names, depth + 1, failures, budget) + ")"
    if isinstance(error, FirstError):
        return "FirstError(#%d, %s)" % (error.index, show(error.subFailure, names, depth + 1, failures, budget))
    if isinstance(error, (BY_NAME_ONLY, RecursionError)):
        return type(error).__name__
    if isinstance(error, AssertionError) and str(error) in OVER_RELEASE_MESSAGES:
        return "OverReleaseError"
    return type(error).__name__ + ": " + str(error)


def show_number(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return show(value)


class Tracer:
    def __init__(self):
        self.lines = []
        self._failures = FailureNumbers()
        self.unhandled = []
        self._deferreds = {}
        self._primitives = {}
        self._names = {}
        self._cancelling = set()
        self._pauses = {}
        self._clock = None
        self._calls = {}
        self._loops = {}
        self._loop_calls = {}
        self._cooperators = {}

    def log(self, line):
        self.lines.append(line)

    def step(self, index):
        self.lines.append("@%d" % index)

    def show(self, value):
        return show(value, self._names, 0, self._failures)

    def _error(self, error):
        return show_error(error, self._names, 0, self._failures)

    def register(self, n, deferred):
        self._deferreds[n] = deferred
        if id(deferred) not in self._names:
            self._names[id(deferred)] = "Deferred#%d" % n
            self._guard_cancel(n, deferred)
        return deferred

    def _guard_cancel(self, n, deferred):
        """A cancel() that comes back round while this one runs only logs (see tracer.ts)."""
        original = deferred.cancel
        cancelling = self._cancelling
        lines = self.lines

        def cancel():
            if id(deferred) in cancelling:
                lines.append("cancel cycle: d%d" % n)
                return
            cancelling.add(id(deferred))
            try:
                original()
            finally:
                cancelling.discard(id(deferred))

        deferred.cancel = cancel

    def make(self, n, make):
        try:
            deferred = make()
        except Exception as error:
            self.lines.append("raise " + self._error(error))
            deferred = Deferred()
        return self.register(n, deferred)

    def primitive(self, n, kind, value):
        self._primitives[n] = (kind, value)
        self._names[id(value)] = "prim#%d" % n
        return value

    def use_clock(self, clock):
        self._clock = clock
        return clock

    def delayed_call(self, n, make):
        call = None
        try:
            call = make()
        except Exception as error:
            self.lines.append("raise " + self._error(error))
        self._calls[n] = call
        return call

    def loop(self, n, loop):
        self._loops[n] = loop
        self._names[id(loop)] = "loop#%d" % n
        return loop

    def loop_call(self, name, *args):
        self.enter(name, *args)
        count = self._loop_calls.get(name, 0) + 1
        self._loop_calls[name] = count
        return count

    def cooperator(self, n, cooperator):
        self._cooperators[n] = cooperator
        self._names[id(cooperator)] = "coop#%d" % n
        return cooperator

    def task(self, n, task):
        self._names[id(task)] = "task#%d" % n
        return task

    def job(self, job_id, generator):
        self._names[id(generator)] = "job#%d" % job_id
        return generator

    def units(self, n):
        def factory():
            count = [0]

            def predicate():
                count[0] += 1
                return count[0] >= n

            return predicate

        return factory

    def read_cooperator(self, n):
        self.lines.append(self._describe_cooperator(n))

    def _describe_cooperator(self, n):
        cooperator = self._cooperators.get(n)
        if cooperator is None:
            return "k%d: missing" % n
        return "k%d: running=%s" % (n, bool(cooperator.running))

    def read_call(self, n):
        self.lines.append(self._describe_call(n))

    def read_loop(self, n):
        self.lines.append(self._describe_loop(n))

    def _describe_call(self, n):
        call = self._calls.get(n)
        if call is None:
            return "c%d: missing" % n
        return "c%d: active=%s time=%s called=%s cancelled=%s" % (
            n,
            bool(call.active()),
            show_number(call.getTime()),
            bool(call.called),
            bool(call.cancelled),
        )

    def _describe_loop(self, n):
        loop = self._loops.get(n)
        if loop is None:
            return "l%d: missing" % n
        start = "None" if loop.starttime is None else show_number(loop.starttime)
        return "l%d: running=%s starttime=%s" % (n, bool(loop.running), start)

    def attempt(self, action):
        try:
            action()
        except Exception as error:
            self.lines.append("raise " + self._error(error))

    def enter(self, name, *args):
        self.lines.append(name + "(" + ", ".join(self.show(arg) for arg in args) + ")")

    def got(self, name, value):
        self.lines.append(name + " got " + self.show(value))

    def caught(self, name, error):
        self.lines.append(name + " caught " + self._error(error))

    def pause(self, n, deferred):
        self._pauses[n] = self._pauses.get(n, 0) + 1
        deferred.pause()

    def unpause(self, n, deferred):
        pauses = self._pauses.get(n, 0)
        if pauses == 0:
            self.lines.append("skip")
            return
        self._pauses[n] = pauses - 1
        deferred.unpause()

    def read(self, n):
        self.lines.append(self._describe(n))

    def _describe(self, n):
        deferred = self._deferreds.get(n)
        if deferred is None:
            return "d%d: missing" % n
        result = self.show(deferred.result) if deferred.called else "-"
        return "d%d: called=%s paused=%d result=%s" % (n, "True" if deferred.called else "False", deferred.paused, result)

    def _describe_primitive(self, n):
        entry = self._primitives.get(n)
        if entry is None:
            return "p%d: missing" % n
        kind, value = entry
        if kind == "lock":
            return "p%d lock: locked=%s waiting=%d" % (n, "True" if value.locked else "False", len(value.waiting))
        if kind == "semaphore":
            return "p%d semaphore: tokens=%d limit=%d waiting=%d" % (n, value.tokens, value.limit, len(value.waiting))
        return "p%d queue: pending=%d waiting=%d" % (n, len(value.pending), len(value.waiting))

    def read_primitive(self, n):
        self.lines.append(self._describe_primitive(n))

    def finish(self):
        """Log the state of everything, then let go of it all (see tracer.ts)."""
        self.lines.append("end")
        for n in sorted(self._deferreds):
            self.lines.append("end " + self._describe(n))
        for n in sorted(self._primitives):
            self.lines.append("end " + self._describe_primitive(n))
        for n in sorted(self._calls):
            self.lines.append("end " + self._describe_call(n))
        for n in sorted(self._loops):
            self.lines.append("end " + self._describe_loop(n))
        for n in sorted(self._cooperators):
            self.lines.append("end " + self._describe_cooperator(n))
        if self._clock is not None:
            clock = self._clock
            self.lines.append("end clock: now=%s calls=%d" % (show_number(clock.seconds()), len(clock.getDelayedCalls())))
        import weakref

        refs = []
        for n in sorted(self._deferreds):
            refs.append((n, weakref.ref(self._deferreds[n])))
        self._deferreds = {}
        self._primitives = {}
        self._names = {}
        self._cancelling = set()
        self._failures = FailureNumbers()
        self._clock = None
        self._calls = {}
        self._loops = {}
        self._loop_calls = {}
        self._cooperators = {}
        return refs


def leak_line(refs):
    """The trace line for Deferreds that were never collected (harness.ts prints the same), or None."""
    alive = [n for n, ref in refs if ref() is not None]
    if not alive:
        return None
    return "LEAK: " + ", ".join("d%d" % n for n in alive) + " never collected"


# ---- log observer: unhandled failures and logged errors -------------------------------

_current = [None]
orphans = []


def set_current(tracer):
    _current[0] = tracer


def _observe(event):
    failure = event.get("log_failure")
    if failure is None:
        return
    tracer = _current[0]
    heading = event.get("log_format") or ""
    if heading == "" or heading.startswith("(debug:"):
        line = show(failure)
        (tracer.unhandled if tracer is not None else orphans).append(line)
    else:
        line = "logged(" + heading + "): " + show(failure)
        (tracer.lines if tracer is not None else orphans).append(line)


_installed = [False]


def install_observer():
    if _installed[0]:
        return
    _installed[0] = True
    globalLogBeginner.beginLoggingTo([_observe], discardBuffer=True, redirectStandardIO=False)


def unhandled_line(reports):
    return "unhandled: [" + ", ".join(sorted(reports)) + "]"


def trace_of(program):
    """Run one printed program on Twisted and return its trace (what the runner compares)."""
    import gc

    install_observer()
    gc.collect()
    tracer = Tracer()
    set_current(tracer)
    try:
        program(tracer)
    finally:
        refs = tracer.finish()
        program = None
        gc.collect()
        set_current(None)
    leak = leak_line(refs)
    return tracer.lines + ([leak] if leak else []) + [unhandled_line(tracer.unhandled)]


def run_standalone(program):
    """Run one printed program and print its trace, one line each."""
    for line in trace_of(program):
        print(line)
