import { Deferred, type Failure, FailureGroup, race } from '../../src/index.js';

/** A pending request that says when it is cancelled. */
function request(name: string): Deferred<string> {
  return new Deferred<string>(() => console.log(`  ${name} cancelled`));
}

// The first success wins, as [index, value]; the others are cancelled.
const [east, west, north] = [request('east'), request('west'), request('north')];
race([east, west, north]).addCallback(([index, value]) => console.log(`winner: #${index} with ${value}`));
east.errback(new Error('east is down')); // a failure does not end the race
console.log('west answers:');
west.callback('west data');

// When every input fails: FailureGroup, failures in input order.
const [a, b] = [request('a'), request('b')];
race([a, b]).addErrback((failure: Failure) => {
  const group = failure.value as FailureGroup;
  console.log('all failed:', group.failures.map((f) => f.getErrorMessage()));
});
b.errback(new Error('b failed first'));
a.errback(new Error('a failed second'));

// Cancelling the race cancels every input; they all fail, so the race fails with FailureGroup.
const [x, y] = [request('x'), request('y')];
const raced = race([x, y]);
raced.addErrback((failure: Failure) => {
  console.log(`cancelled race: ${failure.typeName}: ${failure.getErrorMessage()}`);
});
console.log('cancelling the race:');
raced.cancel();
