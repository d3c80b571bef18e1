import { Clock, deferLater, fail } from '../../src/index.js';
import { assertNoResult, failureResultOf, successResultOf } from '../../src/testing/index.js';

const clock = new Clock();
const d = deferLater(clock, 5, () => 'done');
assertNoResult(d); // no result before the delay
clock.advance(5);
console.log(successResultOf(d)); // the result, now

const failure = failureResultOf(fail(new RangeError('out of range')), RangeError);
console.log(failure.getErrorMessage());

try {
  successResultOf(deferLater(clock, 1)); // no result yet
} catch (error) {
  console.log(`${(error as Error).name}: ${(error as Error).message}`);
}
