from twisted.internet import task

clock = task.Clock()
# Each tick does two units of work, then the next tick is scheduled on the clock.
cooperator = task.Cooperator(
    terminationPredicateFactory=lambda: (lambda count=[0]: count.append(1) or len(count) > 2),
    scheduler=lambda step: clock.callLater(0.01, step),
)


def job(name, steps):
    for i in range(1, steps + 1):
        print(f"{name} step {i}")
        yield None


cooperator.coiterate(job("a", 3)).addCallback(lambda _: print("a done"))
cooperator.coiterate(job("b", 2)).addCallback(lambda _: print("b done"))
for tick in range(1, 5):
    print(f"tick {tick}")
    clock.advance(0.01)
