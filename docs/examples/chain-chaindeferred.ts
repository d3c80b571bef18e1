import { Deferred } from '../../src/index.js';

const a = new Deferred<string>();
const b = new Deferred<string>();
b.addCallback((value) => {
  console.log('b got', JSON.stringify(value));
  return value;
});

a.chainDeferred(b); // is a.addCallbacks(b.callback, b.errback)
a.addCallback((value) => {
  console.log("a's next callback got", value, '(b.callback returned nothing)');
  return value;
});
console.log('b before:', String(b));

a.callback('hello');
console.log('a after:', String(a));
console.log('b after:', String(b));
