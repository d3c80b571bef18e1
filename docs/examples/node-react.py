from twisted.internet import task


def main(reactor, name):
    return task.deferLater(reactor, 0.1, print, f"hello, {name}")


task.react(main, ["world"])
