import { AlreadyCalledError, CancelledError, Deferred } from '../../src/index.js';

// A canceller that stops the work: the Deferred then fails with CancelledError.
function download(name: string): Deferred<string> {
  const d = new Deferred<string>(() => {
    clearTimeout(timer);
    console.log(`  canceller: stopped downloading ${name}`);
  });
  const timer = setTimeout(() => {
    d.callback(`contents of ${name}`);
  }, 10);
  return d;
}

console.log('1. a canceller that stops the work');
download('a.txt').addErrback((failure) => {
  failure.trap(CancelledError);
  console.log('  failed with CancelledError');
}).cancel();

// A canceller may fire the Deferred itself: that result stands, and there is no CancelledError.
console.log('2. a canceller that fires the Deferred');
const search = new Deferred<string[]>((self) => {
  console.log('  canceller: handing over what was found so far');
  self.callback(['first hit']);
});
search.addCallback((hits) => {
  console.log('  got', hits);
});
search.cancel();

// With a canceller, a late firing is not swallowed: the producer gets AlreadyCalledError.
console.log('3. a canceller that does not stop the producer');
const upload = new Deferred<string>(() => {
  console.log('  canceller: (does not stop the timer)');
});
setTimeout(() => {
  try {
    upload.callback('done');
  } catch (error) {
    console.log('  producer: callback() threw AlreadyCalledError:', error instanceof AlreadyCalledError);
  }
}, 10);
upload.addErrback((failure) => {
  failure.trap(CancelledError);
  console.log('  failed with CancelledError');
});
upload.cancel();
