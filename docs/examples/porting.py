from twisted.internet import defer


def lookup(userId, users):
    return users[userId]  # raises KeyError for an unknown id


def greet(name, punctuation, greeting='Hello'):
    return '%s, %s%s' % (greeting, name, punctuation)


def unknownUser(failure):
    failure.trap(KeyError)
    return None


def show(result):
    if result is None:
        print('(no such user)')
    else:
        print(result)


users = {1: 'Alice', 2: 'Bob'}
for userId in [1, 2, 3]:
    d = defer.Deferred()
    d.addCallback(lookup, users)
    d.addCallback(greet, '!', greeting='Hi')
    d.addErrback(unknownUser)
    d.addCallback(show)
    d.callback(userId)
