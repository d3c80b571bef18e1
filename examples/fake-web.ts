/**
 * A stand-in for Twisted's `twisted.web.client.getPage`, so that the programs of the
 * introduction ("Asynchronous Programming with Twisted") run without a network.
 *
 * `getPage(url)` returns at once with a Deferred, as the real one does, and fires it
 * later from a timer: with the page's text for a URL it knows, or with a 404 error
 * for any other URL (such as 'http://twistedmatrix.com/does-not-exist').
 */
import { Deferred } from '../src/index.js';

/** The pages this fake web serves. */
const PAGES = new Map<string, string>([
  [
    'http://twistedmatrix.com/',
    '<html><head><title>Twisted</title></head>\n<body><h1>Twisted</h1><p>Building the Engine of your Internet.</p></body></html>',
  ],
]);

/**
 * An HTTP error, after `twisted.web.error.Error`: a status and its message;
 * `String(error)` reads "WebError: 404 Not Found".
 */
export class WebError extends Error {
  readonly status: string;
  constructor(status: string, message: string) {
    super(`${status} ${message}`);
    this.name = 'WebError';
    this.status = status;
  }
}

/** How long the fake network takes to answer, in milliseconds. */
const LATENCY_MS = 20;

/**
 * Fetch `url`: a Deferred that fires, after a short delay, with the page's text, or
 * fails with a `WebError` for a page that does not exist. Cancelling it stops the
 * timer (the Deferred then fails with `CancelledError`).
 */
export function getPage(url: string): Deferred<string> {
  const deferred = new Deferred<string>(() => {
    clearTimeout(timer);
  });
  const timer = setTimeout(() => {
    const page = PAGES.get(url);
    if (page !== undefined) {
      deferred.callback(page);
    } else {
      deferred.errback(notFound());
    }
  }, LATENCY_MS);
  return deferred;
}

/**
 * The error for a missing page. Twisted's getPage builds this error object and hands
 * it to `errback` without ever raising it, so its Failure has no frames: `str(failure)`
 * reads "[Failure instance: Traceback (failure with no frames): ...]". A JavaScript
 * Error, by contrast, records the call stack where it is created, with this machine's
 * file paths and line numbers in it. We drop those recorded frames (keeping the
 * "WebError: 404 Not Found" line a stack starts with), so the error is, as in Twisted,
 * made rather than thrown, and the program prints the same text on every machine.
 */
function notFound(): WebError {
  const error = new WebError('404', 'Not Found');
  error.stack = `${error.name}: ${error.message}`;
  return error;
}
