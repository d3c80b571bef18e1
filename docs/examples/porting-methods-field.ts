import { type Deferred, inlineCallbacks, succeed } from '../../src/index.js';

class Account {
  constructor(readonly owner: string) {}

  // A field holding the decorated generator function: its type, with the Deferred's, is inferred.
  readonly balance = inlineCallbacks(function* (this: Account) {
    const amount: number = yield succeed(42);
    return `${this.owner}: ${amount}`;
  });
}

const d: Deferred<string> = new Account('alice').balance();
d.addCallback((text) => {
  console.log(text);
});
