// The playground's presets: short programs against txdefer, each run under a trace.
// A program sees every name txdefer and txdefer/teaching export, and `log` to print.
// Time comes from a Clock (`clock.advance(s)`), never a real timer, so a run is the
// same every time and can be stepped through.

const FAKE_GET_PAGE = `// A stand-in for Twisted's getPage: the page arrives when the clock moves on.
const clock = new Clock();
function getPage(url) {
  return deferLater(clock, 0.02, () => {
    if (url === 'http://twistedmatrix.com/') return '<html><h1>Twisted</h1></html>';
    throw new Error('404 Not Found');
  });
}
`;

export const PRESETS = [
  {
    name: 'intro-1',
    title: 'Twisted intro 1: one callback (getPage)',
    code: `${FAKE_GET_PAGE}
const deferred = getPage('http://twistedmatrix.com/');
label(deferred, 'getPage');
deferred.addCallback(function printContents(contents) {
  log(contents);
});
clock.advance(0.02);
`,
  },
  {
    name: 'intro-2',
    title: 'Twisted intro 2: two callbacks',
    code: `${FAKE_GET_PAGE}
const deferred = getPage('http://twistedmatrix.com/');
label(deferred, 'getPage');
deferred.addCallback(function lowerCaseContents(contents) {
  return contents.toLowerCase();
});
deferred.addCallback(function printContents(contents) {
  log(contents);
});
clock.advance(0.02);
`,
  },
  {
    name: 'intro-3',
    title: 'Twisted intro 3: the errback',
    code: `${FAKE_GET_PAGE}
const deferred = getPage('http://twistedmatrix.com/does-not-exist');
label(deferred, 'getPage');
deferred.addCallback(function printContents(contents) {
  log(contents);
});
deferred.addErrback(function errorHandler(error) {
  log('An error has occurred: <' + error.getErrorMessage() + '>');
});
clock.advance(0.02);
`,
  },
  {
    name: 'walk-through',
    title: 'Callbacks and errbacks: the walk-through',
    code: `const d = new Deferred();
label(d, 'walk-through');
d.addCallback(function double(n) { return n * 2; });
d.addCallback(function check(n) {
  if (n > 10) throw new RangeError(n + ' is too big');
  return n;
});
d.addCallback(function notReached(n) { return n; });
d.addErrback(function recover(failure) {
  failure.trap(RangeError);
  return 10;
});
d.addCallbacks(
  function report(n) { log('result', n); return n; },
  function neverCalled() { return 'no'; },
);
d.callback(21);
`,
  },
  ...[
    ['en-masse-1', 'En masse 1: an empty DeferredList', `const d = new DeferredList([]);
d.addCallback(got_results);`],
    ['en-masse-2', 'En masse 2: one Deferred', `const d1 = new Deferred();
const d = new DeferredList([d1]);
d.addCallback(got_results);
d1.callback('d1 result');`],
    ['en-masse-3', 'En masse 3: two Deferreds', `const d1 = new Deferred();
const d2 = new Deferred();
const d = new DeferredList([d1, d2]);
d.addCallback(got_results);
d1.callback('d1 result');
d2.callback('d2 result');`],
    ['en-masse-4', 'En masse 4: fired in the other order', `const d1 = new Deferred();
const d2 = new Deferred();
const d = new DeferredList([d1, d2]);
d.addCallback(got_results);
d2.callback('d2 result');
d1.callback('d1 result');`],
    ['en-masse-5', 'En masse 5: consumeErrors', `const d1 = new Deferred();
const d2 = new Deferred();
const d = new DeferredList([d1, d2], { consumeErrors: true });
d.addCallback(got_results);
d1.callback('d1 result');
d2.errback(new Error('d2 failure'));`],
    ['en-masse-6', 'En masse 6: a failure left on d2', `const d1 = new Deferred();
const d2 = new Deferred();
const d = new DeferredList([d1, d2]);
d.addCallback(got_results);
d1.callback('d1 result');
d2.errback(new Error('d2 failure'));`],
    ['en-masse-7', 'En masse 7: d2 handles its own error', `const d1 = new Deferred();
const d2 = new Deferred();
const d = new DeferredList([d1, d2]);
d2.addErrback(function handleError() { return undefined; });
d.addCallback(got_results);
d1.callback('d1 result');
d2.errback(new Error('d2 failure'));`],
  ].map(([name, title, body]) => ({
    name,
    title,
    code: `function got_results(res) {
  log('We got:', res.map(([ok, value]) => [ok, ok ? value : value.getErrorMessage()]));
}
${body}
`,
  })),
  {
    name: 'fire-on-one',
    title: 'DeferredList: fireOnOneCallback',
    code: `const slow = new Deferred();
const fast = new Deferred();
const first = new DeferredList([slow, fast], { fireOnOneCallback: true });
first.addCallback(function winner([value, index]) {
  log('first result', value, 'from Deferred', index);
});
fast.callback('fast');
slow.callback('slow');
`,
  },
  {
    name: 'cancel',
    title: 'Cancellation: the canceller, then CancelledError',
    code: `const clock = new Clock();
const download = deferLater(clock, 5, () => 'file contents');
label(download, 'download');
download.addCallback(function save(contents) { log('saved', contents); });
download.addErrback(function whyNot(failure) {
  log('no download:', failure.typeName);
});
clock.advance(1);
download.cancel();
`,
  },
  {
    name: 'pause',
    title: 'Pause and unpause, and waiting on another Deferred',
    code: `const d = new Deferred();
label(d, 'outer');
const inner = new Deferred();
label(inner, 'inner');
d.addCallback(function fetchMore(n) { return inner; });
d.addCallback(function add(n) { return n + 1; });
d.pause();
d.callback(1);
log('paused, so nothing ran:', d.paused);
d.unpause();
inner.callback(41);
log('result', d.result);
`,
  },
];
