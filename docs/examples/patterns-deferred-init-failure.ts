import { Clock, type Deferred, deferLater, queueUntilReady } from '../../src/index.js';

// The connection fails: the calls made while waiting fail with that same failure, and so
// does every later call (the instance never became ready).
const clock = new Clock();

class Store {
  readonly ready: Deferred<void>;
  constructor() {
    this.ready = deferLater(clock, 1, (): void => {
      throw new Error('cannot connect');
    });
    queueUntilReady(this, this.ready, 'get');
    this.ready.addErrback((failure) => console.log('store:', failure.getErrorMessage()));
  }

  get(key: string): Deferred<string> {
    return deferLater(clock, 0, () => `value of ${key}`);
  }
}

const store = new Store();
store.get('a').addErrback((failure) => console.log('get(a) while waiting:', failure.getErrorMessage()));
clock.advance(1);
store.get('b').addErrback((failure) => console.log('get(b) afterwards:', failure.getErrorMessage()));
