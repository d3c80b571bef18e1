import { ensureDeferred, inlineCallbacks, succeed } from '../../src/index.js';

class Account {
  constructor(readonly owner: string) {}

  @inlineCallbacks
  *balance(): Generator<unknown, string, number> {
    const amount = yield succeed(42);
    return `${this.owner}: ${amount}`;
  }
}

// TypeScript sees balance() as the generator it is written as; ensureDeferred gives the
// Deferred<string> it returns at run time (a Deferred is handed back as it is).
const d = ensureDeferred(new Account('alice').balance());
d.addCallback((text) => {
  console.log(text);
});
