"""
The Python side of the differential tester: a worker that runs printed programs on
real Twisted and sends back their traces.

Protocol (one JSON document per line):
  in:  {"programs": ["def program(t):\n    ...", ...]}
  out: {"traces": [["@0", "cb0(1)", ..., "unhandled: [...]"], ...]}

Each program is the Python text the TypeScript printer made (print.ts, printFunction),
executed as it is with the imports a printed module has (print.ts, PY_IMPORTS), so a
failing program's printed Python rendering is exactly what ran here.

Run by the runner as `/usr/bin/python3 -u spec/differential/driver.py`.
"""
import gc
import json
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import tracer as tracer_module  # noqa: E402
from tracer import Tracer, leak_line, set_current, unhandled_line  # noqa: E402

IMPORTS = """
from twisted.internet.defer import (
    AlreadyCalledError, CancelledError, Deferred, DeferredList, DeferredLock, DeferredQueue,
    DeferredSemaphore, FirstError, TimeoutError, ensureDeferred, fail, gatherResults, inlineCallbacks,
    maybeDeferred, succeed,
)
from twisted.internet.task import Clock, Cooperator, LoopingCall, deferLater
from twisted.python.failure import Failure
from tracer import ErrA, ErrB, ErrC, Tracer, run_standalone
"""

BASE = {"__name__": "differential_program"}
exec(IMPORTS, BASE)

# LoopingCall() imports the global reactor (and with it much of Twisted): import it now,
# before gc.freeze() in main(), so that the collection after each program skips it all.
import twisted.internet.reactor  # noqa: E402,F401


def run_one(source):
    tracer = Tracer()
    set_current(tracer)
    namespace = dict(BASE)
    try:
        exec(compile(source, "<program>", "exec"), namespace)
        namespace["program"](tracer)
    except BaseException:
        # A crash of the program itself (not an error a step caught): show it in the trace.
        tracer.log("PROGRAM CRASHED: " + traceback.format_exc().strip().splitlines()[-1])
    refs = tracer.finish()
    namespace.clear()
    namespace = None
    gc.collect()
    set_current(None)
    lines = tracer.lines
    leak = leak_line(refs)
    if leak:
        lines.append(leak)
    lines.append(unhandled_line(tracer.unhandled))
    if tracer_module.orphans:
        lines.append("ORPHAN REPORTS: " + ", ".join(tracer_module.orphans))
        del tracer_module.orphans[:]
    return lines


def main():
    tracer_module.install_observer()
    gc.collect()
    gc.freeze()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        request = json.loads(line)
        traces = [run_one(source) for source in request["programs"]]
        sys.stdout.write(json.dumps({"traces": traces}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
