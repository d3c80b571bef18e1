from twisted.internet.defer import ensureDeferred, inlineCallbacks, succeed


class Account:
    def __init__(self, owner):
        self.owner = owner

    @inlineCallbacks
    def balance(self):
        amount = yield succeed(42)
        return f"{self.owner}: {amount}"


d = ensureDeferred(Account("alice").balance())
d.addCallback(print)
