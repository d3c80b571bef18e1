/**
 * DeferredSemaphore.run: five downloads, at most two at a time. A Clock stands in for
 * real time, so the program prints the same lines on every run.
 */
import { Clock, deferLater, type Deferred, DeferredSemaphore } from '../../src/index.js';

const clock = new Clock();
const semaphore = new DeferredSemaphore(2);

/** A pretend download: fires with the page's size after `seconds` on the clock. */
function download(url: string, seconds: number): Deferred<number> {
  console.log(`t=${clock.seconds()}: start ${url}, tokens left: ${semaphore.tokens}`);
  return deferLater(clock, seconds, () => url.length * 100);
}

const jobs: Array<[string, number]> = [
  ['/a', 4],
  ['/bb', 1],
  ['/ccc', 1],
  ['/dddd', 5],
  ['/eeeee', 1],
];
for (const [url, seconds] of jobs) {
  semaphore.run(download, url, seconds).addCallback((size) => {
    console.log(`t=${clock.seconds()}: ${url} done, ${size} bytes`);
  });
}
console.log(`running: ${semaphore.limit - semaphore.tokens}, waiting: ${semaphore.waitingCount}`);

while (clock.getDelayedCalls().length > 0) clock.advance(1);
console.log(`tokens: ${semaphore.tokens} of ${semaphore.limit}`);
