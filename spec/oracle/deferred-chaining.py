"""Oracle for spec/core/deferred-chaining.spec.ts: implicit chaining (a callback that
returns a Deferred), from Twisted's DeferredTests (reference G.1) and sections B.5,
B.6 and B.11, shown on real Twisted. One labelled line per fact."""
import re
import traceback
import warnings

from twisted.internet.defer import Deferred, fail, succeed
from twisted.python.failure import Failure


def fact(label, value):
    print(f"{label}: {value}")


def show(text, names):
    """Replace each Deferred's address with #name, as the spec names them."""
    for name, obj in names.items():
        text = text.replace(f"0x{id(obj):x}", f"#{name}")
    return re.sub(r"0x[0-9a-f]+", "#?", text)


def gathered(d):
    """A stand-in for gatherResults([d]) (not part of this file): a new Deferred
    fired by d's chain, whose own first callback wraps the value in a list."""
    out = Deferred()
    d.addCallback(lambda r: out.callback(r))
    out.addCallback(lambda r: [r])
    return out


# --- DeferredTests ---------------------------------------------------------------

def nested(add_final_before_inner_fires, wrap_inner):
    results = []
    failures = []
    inner = Deferred()

    def cb(result):
        results.append(("start-of-cb", result))
        d = succeed("inner")

        def first_callback(result):
            results.append(("firstCallback", result))
            return inner.addCallback(lambda x: [x]) if wrap_inner else inner

        def second_callback(result):
            results.append(("secondCallback", result))
            return result * 2

        d.addCallback(first_callback).addCallback(second_callback)
        d.addErrback(failures.append)
        return d

    outer = succeed("outer")
    outer.addCallback(cb)
    if add_final_before_inner_fires:
        outer.addCallback(results.append)
    before = list(results)
    inner.callback("withers" if wrap_inner else "orange")
    if not add_final_before_inner_fires:
        outer.addCallback(results.append)
    inner.addErrback(failures.append)
    outer.addErrback(failures.append)
    return before, results, failures


before, results, failures = nested(False, False)
fact("an inner Deferred's own callbacks run before the outer chain goes on", f"results={results} failures={failures}")

before, results, failures = nested(True, False)
fact("nested Deferreds waiting on a pending one resume in order when it fires",
     f"beforeInnerFired={before} after={results} failures={failures}")

before, results, failures = nested(True, True)
fact("nested Deferreds: callbacks the innermost one had before it was returned run first",
     f"beforeInnerFired={before} after={results} failures={failures}")

for with_final in (False, True):
    results = []
    failures = []
    a = Deferred()

    def cb(result):
        results.append(("cb", result))
        d = Deferred()

        def first_callback(ignored):
            results.append(("firstCallback", ignored))
            return gathered(a)

        def second_callback(result):
            results.append(("secondCallback", result))

        d.addCallback(first_callback)
        d.addCallback(second_callback)
        d.addErrback(failures.append)
        d.callback(None)
        return d

    outer = succeed("outer")
    outer.addCallback(cb)
    if with_final:
        outer.addCallback(lambda x: results.append(("final", None)))
    outer.addErrback(failures.append)
    before = list(results)
    a.callback("withers")
    if with_final:
        fact("callbacks added to a waiting Deferred run after the result arrives, in order",
             f"beforeFired={before} after={results} failures={failures}")
    else:
        fact("a returned Deferred that has callbacks of its own before the marker still feeds the outer one",
             f"beforeFired={before} after={results} failures={failures}")

marker = object()
first = succeed(marker)
second = Deferred()
second.addCallback(lambda ignored: first)
second.callback(None)
later = []
first.addCallback(later.append)
got = []
second.addCallback(got.append)
fact("a callback returning an already-fired Deferred passes its result on at once, leaving it undefined",
     f"laterCallbackOnInner={later} outerGotTheValue={got[0] is marker}")

first = Deferred()
second = Deferred()
second.addCallback(lambda ignored: first)
second.callback(None)
first_results = []
first.addCallback(first_results.append)
second_results = []
second.addCallback(second_results.append)
before = (list(first_results), list(second_results))
marker = object()
first.callback(marker)
fact("a callback returning a pending Deferred passes its result on when it fires, leaving it undefined",
     f"before={before} inner={first_results} outerGotTheValue={second_results == [marker]}")

first = fail(RuntimeError("First Deferred's Failure"))
second = Deferred()
second.addCallback(lambda ignored: first)
second.callback(None)
first_results = []
first.addCallback(first_results.append)
errors = []
second.addErrback(errors.append)
fact("a callback returning an already-failed Deferred moves the failure to the outer chain",
     f"laterCallbackOnInner={first_results} outerFailure={errors[0].type.__name__}")

first = Deferred()
second = Deferred()
second.addCallback(lambda ignored: first)
second.callback(None)
second_errors = []
second.addErrback(second_errors.append)
first_results = []
first.addCallback(first_results.append)
second_results = []
second.addCallback(second_results.append)
before = (list(first_results), list(second_results))
first.errback(RuntimeError("First Deferred's Failure"))
fact("a callback returning a pending Deferred that then fails moves the failure to the outer chain",
     f"before={before} outerFailure={second_errors[0].type.__name__} inner={first_results} outerLaterCallbacks={len(second_results)}")

first = Deferred()
second = Deferred()
second.addCallback(lambda ignored: first)
third = Deferred()
third.addCallback(lambda ignored: second)
third_results = []
third.addCallback(third_results.append)
second.callback(None)
third.callback(None)
before = list(third_results)
marker = object()
first.callback(marker)
fact("a Deferred waiting on one that waits on a third gets the third's result",
     f"before={before} after={'the result' if third_results == [marker] else third_results}")

first = Deferred()
second = Deferred()
third = Deferred()
first.addCallback(lambda ignored: second)
second.addCallback(lambda ignored: third)
second.callback(None)
first.callback(None)
third.callback(None)
seen = []
second.addCallback(seen.append)
fact("a Deferred that fed a waiting one, after waiting itself, is left with undefined", seen)

a = Deferred()
b = Deferred()
a.addCallback(lambda ignored: b)
a.callback(None)
while_waiting = show(str(a), {"a": a, "b": b})
b.callback("done")
fact("String(d) says a Deferred waiting on a returned one waits on it, until its result arrives",
     f"waiting={while_waiting} after={show(str(a), {'a': a, 'b': b})}")

# --- a callback returning its own Deferred (differences row 5) ---------------------

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    d = Deferred()
    d.addCallback(lambda r: d)
    later = []
    d.addCallbacks(later.append, later.append)
    d.callback("foo")
fact("a callback that returns its own Deferred fails the chain with a TypeError carrying Twisted's warning text (differences row 5)",
     f"Twisted: {len(caught)} {caught[0].category.__name__}: {caught[0].message}")
fact("a callback that returns its own Deferred fails the chain with a TypeError carrying Twisted's warning text (differences row 5)",
     f"Twisted: then later pairs never run={later == []} paused={d.paused} {show(str(d), {'d': d})}")
with warnings.catch_warnings():
    warnings.simplefilter("error")
    d = Deferred()
    d.addCallback(lambda r: d)
    d.callback("foo")
    errors = []
    d.addErrback(errors.append)
fact("a callback that returns its own Deferred fails the chain with a TypeError carrying Twisted's warning text (differences row 5)",
     f"Twisted with warnings as errors: the chain fails with {errors[0].type.__name__}")

# --- ordering (B.5) ----------------------------------------------------------------

order = []
inner = Deferred()
outer = Deferred()
inner.addCallback(lambda r: (order.append(("inner, before the marker", r)), r + "!")[1])
outer.addCallback(lambda r: inner)
outer.callback(None)
inner.addCallback(lambda r: order.append(("inner, after the marker", r)))
outer.addCallback(lambda r: (order.append(("outer, next callback", r)), r)[1])
inner.callback("v")
fact("order when the inner Deferred fires: its own earlier callbacks, then the outer chain, then its later callbacks", order)

inner = Deferred()
outer = Deferred()
outer.addCallback(lambda r: inner)
outer.callback(None)
inner.callback("v")
fact("the inner Deferred is left called, with result undefined, after the outer one took its result",
     f"called={inner.called} result={inner.result!r} paused={inner.paused}")

# --- bounded stack depth -----------------------------------------------------------

def depth_at_final_callback(how_many):
    depths = []
    top = Deferred()
    middle = [Deferred() for _ in range(how_many)]
    last = Deferred()
    links = [top] + middle
    for here, following in zip(links, middle + [last]):
        here.addCallback(lambda r, following=following: following)
    top.addCallback(lambda r: depths.append(len(traceback.extract_stack())))
    for d in links:
        d.callback(None)
    last.callback(None)
    return depths[0]


fact("the depth at which the final callback runs does not grow with the number of chained Deferreds",
     f"1 vs 2 equal={depth_at_final_callback(1) == depth_at_final_callback(2)} "
     f"1 vs 50 equal={depth_at_final_callback(1) == depth_at_final_callback(50)}")
