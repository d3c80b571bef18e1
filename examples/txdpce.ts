/**
 * "txdpce: a Twisted class for deferred parallel command execution" (2011), ported:
 * several ways of getting one result (a cache, the network, a local computation) are
 * tried at once, and the fastest success wins; the others are cancelled.
 *
 * The three ways are fakes that answer after a delay, in real time.
 *
 *   npm run examples    (or: node --import=tsx/esm examples/txdpce.ts)
 */
import {
  CancelledError,
  type Deferred,
  DeferredParallelCommandExecutor,
  deferLater,
  type Failure,
  ParallelCommandException,
  realTimeScheduler,
} from '../src/index.js';

/** A way of computing `key`'s value that takes `seconds`, and fails with `error` if one is given. */
function source(name: string, seconds: number, error?: string): (key: string) => Deferred<string> {
  return (key) => {
    console.log(`  ${name}: looking up ${key}`);
    const d = deferLater(realTimeScheduler, seconds, () => {
      if (error !== undefined) throw new Error(`${name}: ${error}`);
      return `${key} (from the ${name})`;
    });
    d.addErrback((failure: Failure) => {
      if (failure.check(CancelledError)) console.log(`  ${name}: cancelled`);
      else console.log(`  ${name}: failed`);
      return failure;
    });
    return d;
  };
}

async function run(title: string, executor: DeferredParallelCommandExecutor<[string], string>): Promise<void> {
  console.log(title);
  await executor.execute('user:42').addCallbacks(
    (value) => console.log(`  result: ${value}`),
    (failure: Failure) => {
      const error = failure.value as ParallelCommandException;
      console.log(`  all failed: ${error.failures.map((f) => f.getErrorMessage()).join('; ')}`);
    },
  );
}

const fastCache = new DeferredParallelCommandExecutor<[string], string>();
fastCache.registerFunction(source('network', 0.08));
fastCache.registerFunction(source('cache', 0.02));
fastCache.registerFunction(source('local computation', 0.05));
await run('1. the cache answers first:', fastCache);

const cacheMiss = new DeferredParallelCommandExecutor<[string], string>();
cacheMiss.registerFunction(source('network', 0.05));
cacheMiss.registerFunction(source('cache', 0.01, 'miss'));
await run('2. a cache miss does not decide; the network answers:', cacheMiss);

const nothingWorks = new DeferredParallelCommandExecutor<[string], string>();
nothingWorks.registerFunction(source('network', 0.03, 'unreachable'));
nothingWorks.registerFunction(source('cache', 0.01, 'miss'));
await run('3. everything fails: the failures, in registration order:', nothingWorks);
