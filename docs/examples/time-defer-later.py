from twisted.internet.defer import CancelledError
from twisted.internet.task import Clock, deferLater

clock = Clock()

greeting = deferLater(clock, 3, lambda name: "hello, %s" % name, "world")
greeting.addCallback(lambda text: print("t=%g: %s" % (clock.seconds(), text)))
clock.advance(2)
print("t=%g: still waiting" % clock.seconds())
clock.advance(1)

chore = deferLater(clock, 1, lambda: print("this never runs"))


def cancelled(failure):
    failure.trap(CancelledError)
    print("cancelled; delayed calls left: %d" % len(clock.getDelayedCalls()))


chore.addErrback(cancelled)
chore.cancel()
clock.advance(5)
