"""
A weather client, written for Twisted: the program docs/porting.md ports, line by line,
to TypeScript (weather.ts beside this file). Both print the same (weather.out).

It asks a weather service for the forecast of several cities at once. The service is a
fake on a Clock, so the program runs in no time and the same way every time: it answers
after half a second, fails its first requests for a flaky city, never answers for a
silent one, and knows nothing of a city it does not know. The client
  - times each request out (addTimeout) and retries what may work next time (the
    service unavailable, a timeout), waiting longer after each attempt (deferLater);
  - fans out over the cities with a DeferredList, which collects every outcome;
and a trial test case checks it, synchronously, on a Clock.
"""
from twisted.internet import defer, task
from twisted.internet.defer import Deferred, DeferredList, ensureDeferred, inlineCallbacks
from twisted.logger import globalLogBeginner
from twisted.python import log
from twisted.trial.reporter import TestResult
from twisted.trial.runner import TestLoader
from twisted.trial.unittest import SynchronousTestCase


class ServiceUnavailable(Exception):
    """The service could not answer this time; it may next time."""


class UnknownCity(Exception):
    """The service has no forecast for the city; asking again will not help."""


class GaveUp(Exception):
    """Every attempt failed."""

    def __init__(self, city, attempts):
        super().__init__(f"{city}: gave up after {attempts} attempts")


class FakeWeatherService:
    """A weather service on a clock, for the program and its tests."""

    def __init__(self, clock, forecasts, latency=0.5, flaky=None, silent=()):
        self.clock = clock
        self.forecasts = forecasts
        self.latency = latency
        self.flaky = dict(flaky or {})  # city -> how many requests fail before one works
        self.silent = set(silent)  # cities whose requests are never answered
        self.requests = []  # (time, city) of every request

    def request(self, city):
        self.requests.append((self.clock.seconds(), city))
        if city in self.silent:
            return Deferred()
        if self.flaky.get(city, 0) > 0:
            self.flaky[city] -= 1
            return task.deferLater(self.clock, self.latency, self.refuse, ServiceUnavailable(city))
        if city not in self.forecasts:
            return task.deferLater(self.clock, self.latency, self.refuse, UnknownCity(city))
        return task.deferLater(self.clock, self.latency, lambda: self.forecasts[city])

    def refuse(self, error):
        raise error


class WeatherClient:
    """Fetches forecasts, retrying what may work next time."""

    def __init__(self, service, clock, retries=3, timeout=2.0, backoff=1.0, report=print):
        self.service = service
        self.clock = clock
        self.retries = retries
        self.timeout = timeout
        self.backoff = backoff
        self.report = report

    def say(self, text):
        self.report(f"[{self.clock.seconds():4.1f}s] {text}")

    @inlineCallbacks
    def fetch(self, city):
        for attempt in range(1, self.retries + 1):
            d = self.service.request(city)
            d.addTimeout(self.timeout, self.clock)
            try:
                forecast = yield d
            except (ServiceUnavailable, defer.TimeoutError) as e:
                self.say(f"{city}: attempt {attempt} failed ({type(e).__name__})")
                if attempt < self.retries:
                    yield task.deferLater(self.clock, self.backoff * 2 ** (attempt - 1))
            else:
                self.say(f"{city}: {forecast} (attempt {attempt})")
                return forecast
        raise GaveUp(city, self.retries)

    def fetchAll(self, cities):
        ds = [ensureDeferred(self.fetch(city)) for city in cities]
        dl = DeferredList(ds, consumeErrors=True)
        dl.addCallback(self.collect, cities)
        return dl

    def collect(self, results, cities):
        report = {}
        for city, (succeeded, value) in zip(cities, results):
            if succeeded:
                report[city] = value
            else:
                report[city] = f"{value.type.__name__}: {value.getErrorMessage()}"
        return report

    def fetchAndLog(self, city):
        d = ensureDeferred(self.fetch(city))
        d.addErrback(log.err, f"could not fetch {city}")
        return d


def main():
    clock = task.Clock()
    forecasts = {"Oslo": "snow", "Lima": "fog", "Cairo": "sun"}
    service = FakeWeatherService(clock, forecasts, flaky={"Lima": 2}, silent=["Atlantis"])
    client = WeatherClient(service, clock)
    d = client.fetchAll(["Oslo", "Lima", "Atlantis", "Gotham", "Cairo"])
    while not d.called:
        clock.advance(0.5)
    report = d.result
    print(f"done at {clock.seconds():.1f}s after {len(service.requests)} requests:")
    for city, outcome in report.items():
        print(f"  {city}: {outcome}")


class WeatherClientTests(SynchronousTestCase):
    def setUp(self):
        self.clock = task.Clock()
        self.lines = []

    def makeClient(self, **options):
        service = FakeWeatherService(self.clock, {"Oslo": "snow"}, **options)
        return service, WeatherClient(service, self.clock, report=self.lines.append)

    def test_answer(self):
        service, client = self.makeClient()
        d = ensureDeferred(client.fetch("Oslo"))
        self.assertNoResult(d)
        self.clock.advance(0.5)
        self.assertEqual(self.successResultOf(d), "snow")

    def test_retriesWhenUnavailable(self):
        service, client = self.makeClient(flaky={"Oslo": 1})
        d = ensureDeferred(client.fetch("Oslo"))
        self.clock.pump([0.5, 1.0, 0.5])
        self.assertEqual(self.successResultOf(d), "snow")
        self.assertEqual([when for when, city in service.requests], [0.0, 1.5])

    def test_retriesAfterTimeout(self):
        service, client = self.makeClient(silent=["Oslo"])
        d = ensureDeferred(client.fetch("Oslo"))
        self.clock.pump([1.0] * 8)
        self.assertNoResult(d)
        self.clock.advance(1.0)
        failure = self.failureResultOf(d, GaveUp)
        self.assertEqual(failure.getErrorMessage(), "Oslo: gave up after 3 attempts")
        self.assertEqual([when for when, city in service.requests], [0.0, 3.0, 7.0])

    def test_unknownCityIsNotRetried(self):
        service, client = self.makeClient()
        d = ensureDeferred(client.fetch("Gotham"))
        self.clock.advance(0.5)
        self.failureResultOf(d, UnknownCity)
        self.assertEqual(len(service.requests), 1)

    def test_fetchAllReportsEveryCity(self):
        service, client = self.makeClient()
        d = client.fetchAll(["Oslo", "Gotham"])
        self.clock.advance(0.5)
        self.assertEqual(self.successResultOf(d), {"Oslo": "snow", "Gotham": "UnknownCity: Gotham"})

    def test_fetchAndLogLogsWhatFailed(self):
        service, client = self.makeClient()
        client.fetchAndLog("Gotham")
        self.clock.advance(0.5)
        self.assertEqual([f.getErrorMessage() for f in self.flushLoggedErrors(UnknownCity)], ["Gotham"])

    def test_forgetsToFlush(self):
        # Fails on purpose: trial makes a test that logged an error and did not flush it an error.
        service, client = self.makeClient()
        client.fetchAndLog("Gotham")
        self.clock.advance(0.5)


def runTests():
    for test in TestLoader().loadClass(WeatherClientTests):
        result = TestResult()
        test.run(result)
        if result.wasSuccessful():
            outcome = "ok"
        elif result.failures:
            outcome = "FAIL"
        else:
            outcome = f"ERROR ({len(result.errors)} logged and not flushed)"
        print(f"  {test.id().split('.')[-1]} ... {outcome}")


globalLogBeginner.beginLoggingTo([], redirectStandardIO=False)
main()
print("tests (trial):")
runTests()
