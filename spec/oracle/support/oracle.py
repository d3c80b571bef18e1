"""Helpers shared by the oracle snippets of the patterns (spec/oracle/patterns_*.py).

A snippet imports them with `from support.oracle import show, outcome`: it runs with
its own folder, spec/oracle, first on sys.path. This folder holds no snippet, so
spec/oracle.spec.ts does not run it.
"""
from twisted.python.failure import Failure


def show(label, value):
    """One labelled line: "label: value"; the label names the spec (`it`) it backs."""
    print("%s: %s" % (label, value))


def outcome(d):
    """What `d` holds now, taken as successResultOf/failureResultOf take it (a failure counts as handled)."""
    seen = []
    d.addBoth(seen.append)
    if not seen:
        return "no result"
    r = seen[0]
    if isinstance(r, Failure):
        return "failure %s(%s)" % (r.type.__name__, r.getErrorMessage())
    return "value %r" % (r,)
