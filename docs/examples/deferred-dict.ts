/**
 * DeferredDict, from "How to asynchronously exchange a dictionary using Twisted
 * deferreds": a producer builds a dictionary at its own pace, in its own order, and a
 * consumer looks things up in the order it needs them. A Clock stands in for real time.
 */
import { Clock, DeferredDict } from '../../src/index.js';

const clock = new Clock();
const capitals = new DeferredDict<string, string>([['France', 'Paris']]);

// The consumer asks for what it needs, in its own order: each get gives a Deferred.
for (const country of ['Japan', 'France', 'Peru']) {
  capitals.get(country).addCallback((city) => {
    console.log(`t=${clock.seconds()}: consumer learns ${country} -> ${city}`);
  });
}
console.log(`t=0: waiting for ${capitals.waitingKeys().join(' and ')}`);

// The producer works in its own order, one entry a second.
const work: Array<[string, string]> = [['Peru', 'Lima'], ['Chile', 'Santiago'], ['Japan', 'Tokyo']];
work.forEach(([country, city], index) => {
  clock.callLater(index + 1, () => {
    console.log(`t=${clock.seconds()}: producer sets ${country}`);
    capitals.set(country, city);
  });
});
clock.advance(1);
clock.advance(1);
clock.advance(1);

// A later lookup of a known key fires at once.
capitals.get('Chile').addCallback((city) => console.log(`t=${clock.seconds()}: Chile -> ${city}, at once`));
console.log(`entries: ${[...capitals].map(([country, city]) => `${country}=${city}`).join(', ')}`);
