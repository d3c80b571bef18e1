/**
 * memoize, from "Promises are first-class objects for function calls": the cache
 * holds calls, not results, so a call with the same argument while the first is still
 * running waits for that one instead of starting another. A Clock stands in for time.
 */
import { Clock, deferLater, type Deferred, type Failure, memoize } from '../../src/index.js';

const clock = new Clock();
let requests = 0;

/** A slow lookup: 2 seconds a call. 'nobody' fails. */
function fetchUser(name: string): Deferred<string> {
  requests += 1;
  console.log(`t=${clock.seconds()}: request ${requests}: fetching ${name}`);
  return deferLater(clock, 2, () => {
    if (name === 'nobody') throw new Error(`no user ${name}`);
    return `<user ${name}>`;
  });
}

const getUser = memoize(fetchUser);

// Three calls for alice while the first is in flight: one request.
for (const caller of ['header', 'sidebar', 'footer']) {
  getUser('alice').addCallback((user) => console.log(`t=${clock.seconds()}: ${caller} got ${user}`));
}
clock.advance(1);
getUser('alice').addCallback((user) => console.log(`t=${clock.seconds()}: a late caller got ${user}`));
clock.advance(1);

// Finished calls are kept: no new request.
getUser('alice').addCallback((user) => console.log(`t=${clock.seconds()}: later still, ${user} (no new request)`));

// Failures are not kept by default: the next call tries again.
getUser('nobody').addErrback((failure: Failure) => console.log(`t=${clock.seconds()}: ${failure.getErrorMessage()}`));
clock.advance(2);
getUser('nobody').addErrback((failure: Failure) => console.log(`t=${clock.seconds()}: again ${failure.getErrorMessage()}`));
clock.advance(2);
console.log(`requests made: ${requests}`);

// A key function of your own: here, case does not matter.
const getUserAnyCase = memoize(fetchUser, { key: (name) => name.toLowerCase() });
getUserAnyCase('Bob');
getUserAnyCase('BOB').addCallback((user) => console.log(`t=${clock.seconds()}: BOB is ${user}`));
clock.advance(2);
console.log(`requests made: ${requests}`);
