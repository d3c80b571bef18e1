from twisted.internet.defer import Deferred, TimeoutError
from twisted.internet.task import Clock

clock = Clock()

slow = Deferred()
slow.addTimeout(10, clock)


def slow_failed(failure):
    failure.trap(TimeoutError)
    print("slow: timed out after %s seconds" % failure.value.args[0])


slow.addCallbacks(lambda value: print("slow:", value), slow_failed)

quick = Deferred()
quick.addTimeout(10, clock)
quick.addCallback(lambda value: print("quick:", value))

withDefault = Deferred()
withDefault.addTimeout(5, clock, lambda result, timeout: "a default, after %s s" % timeout)
withDefault.addCallback(lambda value: print("withDefault:", value))

clock.advance(3)
quick.callback("in time")
print("t=%g: timers pending: %d" % (clock.seconds(), len(clock.getDelayedCalls())))
clock.advance(7)
print("t=%g: timers pending: %d" % (clock.seconds(), len(clock.getDelayedCalls())))
