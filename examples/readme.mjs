import { Deferred } from 'txdefer';

function getNumber() {
  const d = new Deferred();
  setTimeout(() => d.callback(21), 100); // the result arrives later
  return d;
}

getNumber()
  .addCallback((n) => n * 2)
  .addCallback((n) => {
    if (n > 40) throw new RangeError(`${n} is too big`);
    return n;
  })
  .addErrback((failure) => {
    console.log('recovered from:', failure.getErrorMessage());
    return 0;
  })
  .addCallback((n) => console.log('result:', n));
