from twisted.internet.defer import Deferred
from twisted.internet.task import Clock, LoopingCall

clock = Clock()

ticker = LoopingCall(lambda name: print("t=%g: tick from %s" % (clock.seconds(), name)), "ticker")
ticker.clock = clock
ticker.start(1).addCallback(
    lambda loop: print("ticker stopped (the Deferred fired with the LoopingCall: %s)" % str(loop is ticker).lower())
)
clock.advance(1)
clock.advance(2.5)
clock.advance(0.5)
ticker.stop()

slowCalls = [0]
pending = []


def poll():
    slowCalls[0] += 1
    print("t=%g: poll #%d starts" % (clock.seconds(), slowCalls[0]))
    d = Deferred()
    pending.append(d)
    return d


poller = LoopingCall(poll)
poller.clock = clock
poller.start(1)
clock.advance(3)
print("t=%g: still %d poll, its Deferred is pending" % (clock.seconds(), slowCalls[0]))
pending[0].callback(None)
clock.advance(1)
poller.stop()
pending[1].callback(None)

attempts = [0]


def flaky_call():
    attempts[0] += 1
    if attempts[0] == 3:
        raise Exception("third attempt failed")


flaky = LoopingCall(flaky_call)
flaky.clock = clock
flaky.start(1).addErrback(
    lambda failure: print(
        "flaky failed after %d calls: %s; running: %s"
        % (attempts[0], failure.getErrorMessage(), str(flaky.running).lower())
    )
)
clock.pump([1, 1, 1, 1])

counter = LoopingCall.withCount(lambda count: print("t=%g: %d interval(s) due" % (clock.seconds(), count)))
counter.clock = clock
counter.start(0.5)
clock.advance(0.5)
clock.advance(2)
counter.stop()
