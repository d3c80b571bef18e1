/**
 * A weather client: weather.py (a Twisted program) ported line by line to txdefer.
 * docs/porting.md walks through the port; both print the same (weather.out).
 *
 * It asks a weather service for the forecast of several cities at once. The service is a
 * fake on a Clock, so the program runs in no time and the same way every time: it answers
 * after half a second, fails its first requests for a flaky city, never answers for a
 * silent one, and knows nothing of a city it does not know. The client
 *   - times each request out (addTimeout) and retries what may work next time (the
 *     service unavailable, a timeout), waiting longer after each attempt (deferLater);
 *   - fans out over the cities with a DeferredList, which collects every outcome;
 * and a trial test case checks it, synchronously, on a Clock.
 */
import { deepStrictEqual } from 'node:assert';
import {
  Clock,
  Deferred,
  DeferredList,
  type DeferredListResultList,
  deferLater,
  ensureDeferred,
  type Failure,
  inlineCallbacks,
  logFailure,
  TimeoutError,
} from '../../src/index.js';
import * as trial from '../../src/testing/index.js';

class ServiceUnavailable extends Error {} // The service could not answer this time; it may next time.

class UnknownCity extends Error {} // The service has no forecast for the city; asking again will not help.

/** Every attempt failed. */
class GaveUp extends Error {
  constructor(city: string, attempts: number) {
    super(`${city}: gave up after ${attempts} attempts`);
  }
}

interface ServiceOptions {
  latency?: number;
  flaky?: Record<string, number>;
  silent?: string[];
}

/** A weather service on a clock, for the program and its tests. */
class FakeWeatherService {
  readonly latency: number;
  readonly flaky: Record<string, number>; // city -> how many requests fail before one works
  readonly silent: Set<string>; // cities whose requests are never answered
  readonly requests: Array<[number, string]> = []; // (time, city) of every request

  constructor(
    readonly clock: Clock,
    readonly forecasts: Record<string, string>,
    { latency = 0.5, flaky = {}, silent = [] }: ServiceOptions = {},
  ) {
    this.latency = latency;
    this.flaky = { ...flaky };
    this.silent = new Set(silent);
  }

  request(city: string): Deferred<string> {
    this.requests.push([this.clock.seconds(), city]);
    if (this.silent.has(city)) {
      return new Deferred();
    }
    if ((this.flaky[city] ?? 0) > 0) {
      this.flaky[city] = (this.flaky[city] ?? 0) - 1;
      return deferLater(this.clock, this.latency, (error) => this.refuse(error), new ServiceUnavailable(city));
    }
    if (!(city in this.forecasts)) {
      return deferLater(this.clock, this.latency, (error) => this.refuse(error), new UnknownCity(city));
    }
    return deferLater(this.clock, this.latency, () => this.forecasts[city] as string);
  }

  refuse(error: Error): never {
    throw error;
  }
}

/** Fetches forecasts, retrying what may work next time. */
class WeatherClient {
  constructor(
    readonly service: FakeWeatherService,
    readonly clock: Clock,
    readonly retries = 3,
    readonly timeout = 2.0,
    readonly backoff = 1.0,
    readonly report: (line: string) => unknown = console.log,
  ) {}

  say(text: string): void {
    this.report(`[${this.clock.seconds().toFixed(1).padStart(4)}s] ${text}`);
  }

  @inlineCallbacks
  *fetch(city: string): Generator<unknown, string, unknown> {
    for (let attempt = 1; attempt <= this.retries; attempt += 1) {
      const d = this.service.request(city);
      d.addTimeout(this.timeout, this.clock);
      let forecast: string;
      try {
        forecast = (yield d) as string;
      } catch (e) {
        if (!(e instanceof ServiceUnavailable || e instanceof TimeoutError)) throw e;
        this.say(`${city}: attempt ${attempt} failed (${e.constructor.name})`);
        if (attempt < this.retries) {
          yield deferLater(this.clock, this.backoff * 2 ** (attempt - 1));
        }
        continue;
      }
      this.say(`${city}: ${forecast} (attempt ${attempt})`);
      return forecast;
    }
    throw new GaveUp(city, this.retries);
  }

  fetchAll(cities: string[]): Deferred<Record<string, string>> {
    const ds = cities.map((city) => ensureDeferred(this.fetch(city)));
    const dl = new DeferredList(ds, { consumeErrors: true });
    return dl.addCallback((results, names) => this.collect(results, names), cities);
  }

  collect(results: DeferredListResultList<string>, cities: string[]): Record<string, string> {
    const report: Record<string, string> = {};
    for (const [city, [succeeded, value]] of cities.map((city, i) => [city, results[i] as [boolean, unknown]] as const)) {
      if (succeeded) {
        report[city] = value as string;
      } else {
        report[city] = `${(value as Failure).typeName}: ${(value as Failure).getErrorMessage()}`;
      }
    }
    return report;
  }

  fetchAndLog(city: string): Deferred<unknown> {
    const d = ensureDeferred(this.fetch(city));
    return d.addErrback(logFailure, `could not fetch ${city}`);
  }
}

function main(): void {
  const clock = new Clock();
  const forecasts = { Oslo: 'snow', Lima: 'fog', Cairo: 'sun' };
  const service = new FakeWeatherService(clock, forecasts, { flaky: { Lima: 2 }, silent: ['Atlantis'] });
  const client = new WeatherClient(service, clock);
  const d = client.fetchAll(['Oslo', 'Lima', 'Atlantis', 'Gotham', 'Cairo']);
  while (!d.called) {
    clock.advance(0.5);
  }
  const report = d.result as Record<string, string>;
  console.log(`done at ${clock.seconds().toFixed(1)}s after ${service.requests.length} requests:`);
  for (const [city, outcome] of Object.entries(report)) {
    console.log(`  ${city}: ${outcome}`);
  }
}

/** trial's SynchronousTestCase, as far as these tests use it: its assertions are txdefer/testing's. */
class SynchronousTestCase {
  setUp(): void {}
  assertEqual(actual: unknown, expected: unknown): void {
    deepStrictEqual(actual, expected);
  }
  assertNoResult = trial.assertNoResult;
  successResultOf = trial.successResultOf;
  failureResultOf = trial.failureResultOf;
  flushLoggedErrors = trial.flushLoggedErrors;
}

class WeatherClientTests extends SynchronousTestCase {
  clock!: Clock;
  lines!: string[];

  override setUp(): void {
    this.clock = new Clock();
    this.lines = [];
  }

  makeClient(options: ServiceOptions = {}): [FakeWeatherService, WeatherClient] {
    const service = new FakeWeatherService(this.clock, { Oslo: 'snow' }, options);
    return [service, new WeatherClient(service, this.clock, undefined, undefined, undefined, (line) => this.lines.push(line))];
  }

  test_answer(): void {
    const [, client] = this.makeClient();
    const d = ensureDeferred(client.fetch('Oslo'));
    this.assertNoResult(d);
    this.clock.advance(0.5);
    this.assertEqual(this.successResultOf(d), 'snow');
  }

  test_retriesWhenUnavailable(): void {
    const [service, client] = this.makeClient({ flaky: { Oslo: 1 } });
    const d = ensureDeferred(client.fetch('Oslo'));
    this.clock.pump([0.5, 1.0, 0.5]);
    this.assertEqual(this.successResultOf(d), 'snow');
    this.assertEqual(
      service.requests.map(([when]) => when),
      [0.0, 1.5],
    );
  }

  test_retriesAfterTimeout(): void {
    const [service, client] = this.makeClient({ silent: ['Oslo'] });
    const d = ensureDeferred(client.fetch('Oslo'));
    this.clock.pump(Array<number>(8).fill(1.0));
    this.assertNoResult(d);
    this.clock.advance(1.0);
    const failure = this.failureResultOf(d, GaveUp);
    this.assertEqual(failure.getErrorMessage(), 'Oslo: gave up after 3 attempts');
    this.assertEqual(
      service.requests.map(([when]) => when),
      [0.0, 3.0, 7.0],
    );
  }

  test_unknownCityIsNotRetried(): void {
    const [service, client] = this.makeClient();
    const d = ensureDeferred(client.fetch('Gotham'));
    this.clock.advance(0.5);
    this.failureResultOf(d, UnknownCity);
    this.assertEqual(service.requests.length, 1);
  }

  test_fetchAllReportsEveryCity(): void {
    const [, client] = this.makeClient();
    const d = client.fetchAll(['Oslo', 'Gotham']);
    this.clock.advance(0.5);
    this.assertEqual(this.successResultOf(d), { Oslo: 'snow', Gotham: 'UnknownCity: Gotham' });
  }

  test_fetchAndLogLogsWhatFailed(): void {
    const [, client] = this.makeClient();
    client.fetchAndLog('Gotham');
    this.clock.advance(0.5);
    this.assertEqual(
      this.flushLoggedErrors(UnknownCity).map((f) => f.getErrorMessage()),
      ['Gotham'],
    );
  }

  test_forgetsToFlush(): void {
    // Fails on purpose: trial makes a test that logged an error and did not flush it an error.
    const [, client] = this.makeClient();
    client.fetchAndLog('Gotham');
    this.clock.advance(0.5);
  }
}

/** What trial's runner does for these tests: each test on a fresh instance, errors logged and not flushed fail it. */
async function runTests(): Promise<void> {
  const names = Object.getOwnPropertyNames(WeatherClientTests.prototype)
    .filter((name) => name.startsWith('test_'))
    .sort();
  for (const name of names) {
    const test = new WeatherClientTests() as unknown as Record<string, () => void> & SynchronousTestCase;
    let outcome = 'ok';
    trial.startLoggedErrorCheck();
    try {
      test.setUp();
      test[name]?.();
      await trial.finishLoggedErrorCheck();
    } catch (error) {
      if (error instanceof trial.LoggedErrors) {
        outcome = `ERROR (${error.failures.length} logged and not flushed)`;
      } else {
        outcome = 'FAIL';
      }
    }
    console.log(`  ${name} ... ${outcome}`);
  }
}

main();
console.log('tests (trial):');
await runTests();
