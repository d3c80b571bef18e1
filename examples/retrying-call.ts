/**
 * "Twisted code for retrying function calls" (2009): the post's Twitter example, ported.
 *
 * `getUserByScreenname` asks a (fake) Twitter API for a user. The API is briefly
 * unavailable now and then, so the call goes through a RetryingCall whose failure tester
 * lets server errors pass, allows exactly one 404 (it might be Twitter's mistake), and
 * gives up on anything else. The delays are the post's default back-off, in real time.
 *
 *   npm run examples    (or: node --import=tsx/esm examples/retrying-call.ts)
 */
import { type Deferred, deferLater, type Failure, realTimeScheduler, RetryingCall, simpleBackoffIterator } from '../src/index.js';
import { WebError } from './fake-web.js';

const MESSAGES: Record<string, string> = {
  '401': 'Unauthorized',
  '404': 'Not Found',
  '500': 'Internal Server Error',
  '502': 'Bad Gateway',
  '503': 'Service Unavailable',
};

/** A fake API: each request answers 10 ms later with the next status of its script ('200': the user). */
function fakeTwitter(script: string[]): (url: string) => Deferred<string> {
  return (url) => {
    const status = script.shift() ?? '200';
    console.log(`GET ${url} -> ${status}`);
    return deferLater(realTimeScheduler, 0.01, () => {
      if (status === '200') return `{"screen_name": "${url.split('=')[1]}"}`;
      const error = new WebError(status, MESSAGES[status] ?? 'Error');
      error.stack = `${error.name}: ${error.message}`; // made, not thrown: no machine-specific frames
      throw error;
    });
  };
}

/** The post's TwitterFailureTester: server errors are transient, and so is one 404. */
class TwitterFailureTester {
  static readonly okErrs = new Set(['500', '502', '503', '504']);
  seen404 = false;

  readonly test = (failure: Failure): Failure | undefined => {
    const status = (failure.value as WebError).status;
    if (status === '404') {
      if (this.seen404) return failure;
      this.seen404 = true;
    } else if (!TwitterFailureTester.okErrs.has(status)) {
      return failure;
    }
    console.log(`  (${status} may be transient: trying again)`);
    return undefined;
  };
}

function getUserByScreenname(getPage: (url: string) => Deferred<string>, screenname: string): Deferred<string> {
  const r = new RetryingCall(getPage, `http://twitter.com/users/show.json?screen_name=${screenname}`);
  return r.start({ failureTester: new TwitterFailureTester().test });
}

function report(d: Deferred<string>): Deferred<void> {
  return d.addCallbacks(
    (user) => console.log('got', user),
    (failure: Failure) => console.log('gave up:', failure.getErrorMessage()),
  );
}

console.log('the default back-off:', [...simpleBackoffIterator()].join(', '));

console.log('\n1. two server errors and one 404, then the user:');
await report(getUserByScreenname(fakeTwitter(['503', '502', '404', '200']), 'terrycojones'));

console.log('\n2. a second 404 is definitive:');
await report(getUserByScreenname(fakeTwitter(['404', '500', '404']), 'nobody'));

console.log('\n3. an error the tester does not let pass stops at once:');
await report(getUserByScreenname(fakeTwitter(['401']), 'private'));
