import { deferLater, type Scheduler } from '../../src/index.js';
import { react } from '../../src/node/index.js';

function main(clock: Scheduler, name: string) {
  return deferLater(clock, 0.1, console.log, `hello, ${name}`);
}

react(main, ['world']); // exits with 0 once main's Deferred has fired
