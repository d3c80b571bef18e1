import { Deferred } from '../../src/index.js';

function report(name: string, d: Deferred<unknown>): void {
  d.addCallbacks(
    (value) => {
      console.log(`  ${name} got the value`, value);
    },
    (failure) => {
      console.log(`  ${name} failed:`, failure.getErrorMessage());
    },
  );
}

console.log('1. outer waits on inner; cancelling outer cancels inner');
{
  const inner = new Deferred<string>(() => console.log('  inner canceller called'));
  const outer = new Deferred<number>(() => console.log('  outer canceller called (not printed)'));
  report('outer', outer.addCallback(() => inner));
  outer.callback(1);
  console.log(' ', String(outer));
  outer.cancel(); // outer has fired, so its own canceller is not called: it forwards
}

console.log("2. inner's canceller fires it with a value: outer gets that value");
{
  const inner = new Deferred<string>((self) => self.callback('cached copy'));
  const outer = new Deferred<number>();
  report('outer', outer.addCallback(() => inner));
  outer.callback(1);
  outer.cancel();
}
