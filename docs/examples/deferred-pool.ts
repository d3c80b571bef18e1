/**
 * DeferredPool, from "Graceful shutdown of a Twisted service with outstanding
 * deferreds": each request's Deferred goes into the pool; to stop, the service stops
 * taking requests and waits for the pool to empty. A Clock stands in for real time.
 */
import { Clock, deferLater, type Deferred, DeferredPool, succeed } from '../../src/index.js';

const clock = new Clock();

class Service {
  readonly #pool = new DeferredPool();
  #running = true;

  /** A request takes `seconds` to answer; its Deferred is pooled while it is outstanding. */
  handle(name: string, seconds: number): Deferred<string> {
    if (!this.#running) throw new Error(`${name} refused: the service is stopping`);
    const answer = deferLater(clock, seconds, () => `answer to ${name}`);
    answer.addCallback((text) => {
      console.log(`t=${clock.seconds()}: sent ${text}`);
      return text;
    });
    return this.#pool.add(answer); // add returns the Deferred, result untouched: the caller is none the wiser
  }

  /** Stop taking requests; the Deferred fires when the outstanding ones are done. */
  stopService(): Deferred<undefined> {
    this.#running = false;
    const [pooled] = this.#pool.status();
    console.log(`t=${clock.seconds()}: stopping with ${pooled} requests outstanding`);
    return this.#pool.notifyWhenEmpty();
  }
}

const service = new Service();
for (const [name, seconds] of [['a', 3], ['b', 1], ['c', 2]] as const) service.handle(name, seconds);
clock.advance(1);
service.stopService().addCallback(() => console.log(`t=${clock.seconds()}: all done, exiting`));
try {
  service.handle('d', 1);
} catch (error) {
  console.log(`t=${clock.seconds()}: ${(error as Error).message}`);
}
clock.advance(1);
clock.advance(1);

// Adding a Deferred that has already fired works: it is never counted as outstanding
// (the post's class failed it with a KeyError and then never emptied).
const pool = new DeferredPool();
const instant = pool.add(succeed('instant'));
console.log(`status after adding a fired Deferred: ${JSON.stringify(pool.status())}, its result: ${String(instant.result)}`);
