"""The seven programs of "Deferreds En Masse" (deferred-list/deferred-list-1.py to -7.py),
in Python 3, on real Twisted: what examples/en-masse-1.ts to -7.ts port.

Each program runs in a function, so that its Deferreds are freed when it returns, as
they are when the original program's interpreter exits; then the garbage is collected
and any "Unhandled error in Deferred:" report is printed in short (header, failure type
and message). Every line is labelled with the example it backs.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
import gc

from twisted.internet import defer
from twisted.logger import globalLogBeginner

events = []
globalLogBeginner.beginLoggingTo([events.append], discardBuffer=True, redirectStandardIO=False)

label = None


def out(*words):
    print("%s: %s" % (label, " ".join(str(w) for w in words)))


def got_results(res):
    out('We got:', res)


def program_1():
    out('Empty List.')
    d = defer.DeferredList([])
    out('Adding Callback.')
    d.addCallback(got_results)


def program_2():
    out('One Deferred.')
    d1 = defer.Deferred()
    d = defer.DeferredList([d1])
    out('Adding Callback.')
    d.addCallback(got_results)
    out('Firing d1.')
    d1.callback('d1 result')


def program_3():
    out('Two Deferreds.')
    d1 = defer.Deferred()
    d2 = defer.Deferred()
    d = defer.DeferredList([d1, d2])
    out('Adding Callback.')
    d.addCallback(got_results)
    out('Firing d1.')
    d1.callback('d1 result')
    out('Firing d2.')
    d2.callback('d2 result')


def program_4():
    out('Two Deferreds.')
    d1 = defer.Deferred()
    d2 = defer.Deferred()
    d = defer.DeferredList([d1, d2])
    out('Adding Callback.')
    d.addCallback(got_results)
    out('Firing d2.')
    d2.callback('d2 result')
    out('Firing d1.')
    d1.callback('d1 result')


def program_5(consume=True):
    d1 = defer.Deferred()
    d2 = defer.Deferred()
    d = defer.DeferredList([d1, d2], consumeErrors=consume)
    d.addCallback(got_results)
    out('Firing d1.')
    d1.callback('d1 result')
    out('Firing d2 with errback.')
    d2.errback(Exception('d2 failure'))


def program_6():
    program_5(consume=False)


def program_7():
    d1 = defer.Deferred()
    d2 = defer.Deferred()
    d = defer.DeferredList([d1, d2])
    d2.addErrback(lambda err: None)  # handle d2 error
    d.addCallback(got_results)
    out('Firing d1.')
    d1.callback('d1 result')
    out('Firing d2 with errback.')
    d2.errback(Exception('d2 failure'))


for number, program in enumerate([program_1, program_2, program_3, program_4, program_5, program_6, program_7], 1):
    label = "en-masse-%d" % number
    program()
    gc.collect()
    for i, event in enumerate(events):
        if event.get("log_format") == "Unhandled error in Deferred:":
            failure = events[i + 1]["log_failure"]
            out("Unhandled error in Deferred:")
            out("%s: %s" % (failure.type.__name__, failure.getErrorMessage()))
    del events[:]
