"""Debug mode on real Twisted (setDebugging/getDebugging): the facts spec/core/debug.spec.ts
asserts about txdefer.

Each line is "label: observed value". Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from twisted.internet import defer
from twisted.internet.defer import AlreadyCalledError, Deferred


def show(label, value):
    print("%s: %s" % (label, value))


def debug_lines(error):
    text = error.args[0] if error.args else ""
    return [line for line in text.split("\n") if line.startswith((" C:", " I:"))]


def second_call(d):
    try:
        d.callback("again")
    except AlreadyCalledError as e:
        return e


show("default", defer.getDebugging())
defer.setDebugging(True)
show("after setDebugging(True)", defer.getDebugging())
defer.setDebugging(False)
show("after setDebugging(False)", defer.getDebugging())

# debugging off for creation and firing: nothing recorded, even if debugging is on at the second call
d = Deferred()
d.callback("first")
show("off: nothing recorded (debug info object)", d._debugInfo is None)
e = second_call(d)
show("off: second call raises", type(e).__name__)
show("off: C:/I: lines", len(debug_lines(e)))
d = Deferred()
d.callback("first")
defer.setDebugging(True)
e = second_call(d)
show("off, then on for the second call: C:/I: lines", len(debug_lines(e)))
defer.setDebugging(False)

# debugging on for creation and firing: both stacks recorded
defer.setDebugging(True)
d = Deferred()
d.callback("first")
e = second_call(d)
lines = debug_lines(e)
show("on: has C: lines", any(l.startswith(" C:") for l in lines))
show("on: has I: lines", any(l.startswith(" I:") for l in lines))
defer.setDebugging(False)
