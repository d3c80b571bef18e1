import { Clock, DeferredParallelCommandExecutor, deferLater } from '../../src/index.js';

const clock = new Clock();
const executor = new DeferredParallelCommandExecutor<[number], number>();
executor.registerFunction((n) => deferLater(clock, 5, () => n * 2));
executor.registerFunction((n) => deferLater(clock, 3, () => n + n));

// Cancelling the execution cancels every call still under way.
const d = executor.execute(21);
console.log('calls on the clock:', clock.getDelayedCalls().length);
d.addErrback((failure) => console.log('execute failed with', failure.typeName));
d.cancel();
console.log('calls on the clock:', clock.getDelayedCalls().length);

// With nothing registered, execute() still returns a Deferred: a failed one.
new DeferredParallelCommandExecutor().execute().addErrback((failure) => {
  console.log(`${failure.typeName}: ${failure.getErrorMessage()}`);
});
