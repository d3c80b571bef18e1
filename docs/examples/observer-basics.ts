/**
 * DeferredListObserver: Deferreds appended at any time, fired or not; observers told
 * (index, success, value) as each fires; a history replayed to a late observer.
 */
import { Deferred, DeferredListObserver, setUnhandledErrorHandler, succeed } from '../../src/index.js';

setUnhandledErrorHandler((report) => console.log(`reported: ${report.heading}: ${report.failure.getErrorMessage()}`));

const dlo = new DeferredListObserver<string>({ maintainHistory: true });
dlo.observe((index, success, value) => {
  console.log(`#${index} ${success ? 'succeeded with' : 'failed with'} ${success ? String(value) : 'a Failure'}`);
});

const slow = dlo.append(new Deferred<string>());
dlo.append(succeed('already there')); // fired: observed inside append
const broken = dlo.append(new Deferred<string>());
console.log(`pending ${dlo.pendingCount}, succeeded ${dlo.successCount}, failed ${dlo.failureCount}`);

broken.errback(new Error('no route'));
slow.callback('finally');

// The failure was not consumed: the Deferred's own errback still gets it.
broken.addErrback((failure) => console.log(`broken's own errback: ${failure.getErrorMessage()}`));

// A late observer can be sent what happened so far.
dlo.observe((index, success) => console.log(`late observer: #${index} ${success}`), { replayHistory: true });

// An observer that throws is reported; the Deferred and the other observers are unaffected.
dlo.observe(() => {
  throw new Error('observer bug');
});
const last = dlo.append(succeed('last'));
console.log(`last still holds: ${String(last.result)}`);
console.log(`history: ${JSON.stringify(dlo.history?.map(([index, success]) => [index, success]))}`);
