from twisted.internet.error import AlreadyCancelled
from twisted.internet.task import Clock

clock = Clock()


def log(what):
    print("t=%g: %s" % (clock.seconds(), what))


clock.callLater(2, log, "due at 2")
clock.callLater(1, log, "due at 1")
clock.callLater(1, log, "also due at 1, scheduled later, so it runs later")
never = clock.callLater(5, log, "cancelled before its time")
print("%d calls scheduled, none run yet" % len(clock.getDelayedCalls()))

clock.advance(1)
clock.advance(1)

never.cancel()
try:
    never.cancel()
except AlreadyCancelled as error:
    print("cancelling twice: %s: %s" % (type(error).__name__, error))


def at_five():
    log("due at 5, run by a jump to 12")
    clock.callLater(0, log, "scheduled with delay 0 during advance()")


clock.callLater(3, at_five)
clock.advance(10)
print("%d calls left" % len(clock.getDelayedCalls()))
