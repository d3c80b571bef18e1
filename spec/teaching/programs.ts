/**
 * The programs whose pictures are kept as golden files (spec/teaching/golden/): the three
 * getPage programs of the Twisted introduction (seed 003), its callback/errback
 * walk-through, and the seven programs of "Deferreds En Masse" (seed 004), as in
 * examples/. Each runs synchronously under a trace of every Deferred (the fake page
 * arrives by a direct `callback`, not a timer) and returns the trace and the Deferred to
 * draw first. The callbacks return what the originals print, so the pictures show it.
 */
import { Deferred, DeferredList, type Failure } from '../../src/index.js';
import { label, traceAll, type Trace } from '../../src/teaching/index.js';

/** A traced program: the trace, and the Deferred the picture starts from. */
export interface TracedProgram {
  readonly trace: Trace;
  readonly main: Deferred<unknown>;
}

const PAGE = '<html><head><title>Twisted</title></head><body><h1>Twisted</h1></body></html>';

/**
 * Run `build` under a trace of every Deferred; it returns the Deferred to draw first, and
 * maybe what to do once the trace has stopped (handle a failure the program leaves, so
 * that the suite reports nothing).
 */
function traced(build: () => Deferred<unknown> | [Deferred<unknown>, () => void]): TracedProgram {
  const trace = traceAll();
  let built: Deferred<unknown> | [Deferred<unknown>, () => void];
  try {
    built = build();
  } finally {
    trace.stop();
  }
  if (Array.isArray(built)) {
    built[1]();
    return { trace, main: built[0] };
  }
  return { trace, main: built };
}

/** An Error like twisted.web.error.Error for a missing page. */
class WebError extends Error {
  override name = 'WebError';
}

/** What the posts' got_results prints: each entry's success flag and its value (a failure by its message). */
function gotResults(result: ReadonlyArray<readonly [boolean, unknown]>): string {
  const entries = result.map(([ok, value]) => `(${ok ? 'True' : 'False'}, ${ok ? String(value) : (value as Failure).getErrorMessage()})`);
  return `We got: [${entries.join(', ')}]`;
}

export const PROGRAMS: Record<string, () => TracedProgram> = {
  // 003, first program: one callback prints the page.
  '003-1-one-callback': () =>
    traced(() => {
      const deferred = new Deferred<string>();
      label(deferred, 'getPage');
      deferred.addCallback(function printContents(contents: string) {
        return `printed ${contents.length} characters`;
      });
      deferred.callback(PAGE);
      return deferred;
    }),
  // 003, second program: lowerCaseContents, then printContents.
  '003-2-two-callbacks': () =>
    traced(() => {
      const deferred = new Deferred<string>();
      label(deferred, 'getPage');
      deferred
        .addCallback(function lowerCaseContents(contents: string) {
          return contents.toLowerCase().slice(0, 24);
        })
        .addCallback(function printContents(contents: string) {
          return `printed ${contents}`;
        });
      deferred.callback(PAGE);
      return deferred;
    }),
  // 003, third program: the page does not exist; the errback runs.
  '003-3-errback': () =>
    traced(() => {
      const deferred = new Deferred<string>();
      label(deferred, 'getPage');
      deferred.addCallback(function printContents(contents: string) {
        return contents;
      });
      deferred.addErrback(function errorHandler(error: Failure) {
        return `An error has occurred: <${error.getErrorMessage()}>`;
      });
      deferred.errback(new WebError('404 Not Found'));
      return deferred;
    }),
  // 003, the walk-through: each result goes to the next function, down whichever column it is in.
  '003-4-walk-through': () =>
    traced(() => {
      const deferred = new Deferred<number>();
      label(deferred, 'walk-through');
      deferred
        .addCallback(function double(n: number) {
          return n * 2;
        })
        .addCallback(function check(n: number): number {
          if (n > 10) throw new RangeError(`${n} is too big`);
          return n;
        })
        .addCallback(function notReached(n: number) {
          return n;
        })
        .addErrback(function recover(failure: Failure) {
          failure.trap(RangeError);
          return 10;
        })
        .addCallbacks(
          function report(n: number) {
            return `result ${n}`;
          },
          function neverCalled() {
            return 'no';
          },
        );
      deferred.callback(21);
      return deferred;
    }),
  // 004, deferred-list-1: an empty list fires at once.
  '004-1-empty-list': () =>
    traced(() => {
      const d = new DeferredList([]);
      d.addCallback(gotResults);
      return d;
    }),
  // 004, deferred-list-2: one Deferred.
  '004-2-one-deferred': () =>
    traced(() => {
      const d1 = new Deferred<string>();
      const d = new DeferredList([d1]);
      d.addCallback(gotResults);
      d1.callback('d1 result');
      return d;
    }),
  // 004, deferred-list-3: two Deferreds, fired in order.
  '004-3-two-deferreds': () =>
    traced(() => {
      const d1 = new Deferred<string>();
      const d2 = new Deferred<string>();
      const d = new DeferredList([d1, d2]);
      d.addCallback(gotResults);
      d1.callback('d1 result');
      d2.callback('d2 result');
      return d;
    }),
  // 004, deferred-list-4: two Deferreds, fired in the other order (the results keep the list's order).
  '004-4-other-order': () =>
    traced(() => {
      const d1 = new Deferred<string>();
      const d2 = new Deferred<string>();
      const d = new DeferredList([d1, d2]);
      d.addCallback(gotResults);
      d2.callback('d2 result');
      d1.callback('d1 result');
      return d;
    }),
  // 004, deferred-list-5: consumeErrors: the failure is the list's, and d2 is left with undefined.
  '004-5-consume-errors': () =>
    traced(() => {
      const d1 = new Deferred<string>();
      const d2 = new Deferred<string>();
      const d = new DeferredList([d1, d2], { consumeErrors: true });
      d.addCallback(gotResults);
      d1.callback('d1 result');
      d2.errback(new Error('d2 failure'));
      return d;
    }),
  // 004, deferred-list-6: without consumeErrors, d2 keeps its failure (reported as unhandled).
  '004-6-unconsumed-error': () =>
    traced(() => {
      const d1 = new Deferred<string>();
      const d2 = new Deferred<string>();
      const d = new DeferredList([d1, d2]);
      d.addCallback(gotResults);
      d1.callback('d1 result');
      d2.errback(new Error('d2 failure'));
      return [d, () => d2.addErrback(() => undefined)];
    }),
  // 004, deferred-list-7: d2's own errback handles the error before the list sees it.
  '004-7-handled-error': () =>
    traced(() => {
      const d1 = new Deferred<string>();
      const d2 = new Deferred<string>();
      const d = new DeferredList([d1, d2]);
      d2.addErrback(function handleD2Error() {
        return undefined;
      });
      d.addCallback(gotResults);
      d1.callback('d1 result');
      d2.errback(new Error('d2 failure'));
      return d;
    }),
};
