import { AlreadyCalledError, CancelledError, Deferred } from '../../src/index.js';

console.log('Returning b from a callback of a: a waits for b, and cancelling a cancels b.');
{
  const b = new Deferred<string>(() => console.log('  b cancelled'));
  const a = new Deferred<number>();
  a.addCallback(() => b).addErrback((failure) => {
    console.log('  a got', failure.check(CancelledError)?.name);
  });
  a.callback(1);
  a.cancel();
}

console.log('a.chainDeferred(b): cancelling b does not touch a; a later hands b a second result.');
{
  const b = new Deferred<string>(() => console.log('  b cancelled'));
  b.addErrback((failure) => {
    console.log('  b got', failure.check(CancelledError)?.name);
  });
  const a = new Deferred<string>(() => console.log('  a cancelled (not printed)'));
  a.chainDeferred(b);
  b.cancel();
  a.callback('late'); // b.callback('late') now throws inside a's chain
  a.addErrback((failure) => {
    console.log('  a got', failure.check(AlreadyCalledError)?.name);
  });
}
