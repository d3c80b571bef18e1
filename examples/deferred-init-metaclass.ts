/**
 * "A Python metaclass for Twisted allowing __init__ to return a Deferred" (2008), ported
 * as a factory: the post's class wants its database table created before anyone uses an
 * instance. A JavaScript constructor cannot return a Deferred, so the asynchronous part is
 * the class's init() method, and instantiate(cls, ...args) gives `[instance, result]` once
 * init's Deferred has fired; nobody gets the instance before that.
 *
 *   npm run examples    (or: node --import=tsx/esm examples/deferred-init-metaclass.ts)
 */
import { type Deferred, deferLater, instantiate, realTimeScheduler } from '../src/index.js';

/** A stand-in for adbapi's runInteraction: runs `sql` after a short while, in real time. */
function runInteraction(sql: string): Deferred<string> {
  console.log('running:', sql);
  return deferLater(realTimeScheduler, 0.05, () => `done: ${sql}`);
}

class UserTable {
  constructor(readonly name: string) {
    console.log(`constructing ${name} (synchronous part)`);
  }

  init(): Deferred<string> {
    return runInteraction(`CREATE TABLE IF NOT EXISTS ${this.name} (id INTEGER)`);
  }

  describe(): string {
    return `the ${this.name} table, ready to use`;
  }
}

const [table, result] = await instantiate(UserTable, 'users');
console.log('init gave:', result);
console.log('instance:', table.describe());
