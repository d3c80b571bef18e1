"""
The Python twin of fake-web.ts: a stand-in for twisted.web.client.getPage that
returns a Deferred at once and fires it from the reactor's timer, with the page's
text, or with twisted.web.error.Error (404) for a page that does not exist.
run-all.ts runs the *.py programs beside the *.ts ones when real Twisted is
installed, to show that the ports print what Twisted prints.
"""
from twisted.internet import defer, reactor
from twisted.web import error

PAGES = {
    'http://twistedmatrix.com/':
        '<html><head><title>Twisted</title></head>\n'
        '<body><h1>Twisted</h1><p>Building the Engine of your Internet.</p></body></html>',
}


def getPage(url):
    def fire():
        if url in PAGES:
            deferred.callback(PAGES[url])
        else:
            # Made, never raised, as Twisted's own getPage does: the Failure has no frames.
            deferred.errback(error.Error(b'404', b'Not Found'))

    call = reactor.callLater(0.02, fire)
    deferred = defer.Deferred(lambda d: call.cancel())
    return deferred
