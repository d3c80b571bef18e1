/**
 * The combinators of "txdlo – a Twisted deferred list observer", built on
 * DeferredListObserver: DeferredList as a function, the first N successes, and the
 * first success, else every error. Each observes before appending, so inputs that have
 * already fired are seen too (the post's deferredList never fired for those).
 */
import { Deferred, DeferredListObserver, Failure, FailureGroup, succeed } from '../../src/index.js';

/** Twisted's DeferredList, simplified, as a function: `[success, value]` for each, in input order. */
function deferredList<T>(deferreds: Array<Deferred<T>>): Deferred<Array<[boolean, T | Failure]>> {
  if (deferreds.length === 0) return succeed([]);
  const result = new Deferred<Array<[boolean, T | Failure]>>();
  const dlo = new DeferredListObserver<T>({ maintainHistory: true });
  dlo.observe(() => {
    if (dlo.pendingCount > 0 || dlo.successCount + dlo.failureCount < deferreds.length) return;
    const entries = new Array<[boolean, T | Failure]>(deferreds.length);
    for (const [index, success, value] of dlo.history ?? []) entries[index] = [success, value];
    result.callback(entries);
  });
  for (const d of deferreds) dlo.append(d).addErrback(() => undefined); // the list reports failures: consume them
  return result;
}

/** The first `n` successes as `[index, value]` pairs; fails at the first failure. */
function firstSuccesses<T>(deferreds: Array<Deferred<T>>, n: number): Deferred<Array<[number, T]>> {
  const result = new Deferred<Array<[number, T]>>();
  const successes: Array<[number, T]> = [];
  const dlo = new DeferredListObserver<T>();
  dlo.observe((index, success, value) => {
    if (result.called) return;
    if (!success) {
      result.errback(value);
      return;
    }
    successes.push([index, value as T]);
    if (successes.length === n) result.callback(successes);
  });
  if (n === 0) result.callback([]);
  for (const d of deferreds) dlo.append(d).addErrback(() => undefined);
  return result;
}

/** The first success as `[index, value]`; only if every one fails, a FailureGroup of all the failures. */
function firstSuccessElseAllErrors<T>(deferreds: Array<Deferred<T>>): Deferred<[number, T]> {
  const result = new Deferred<[number, T]>();
  const failures = new Array<Failure>(deferreds.length);
  const dlo = new DeferredListObserver<T>();
  dlo.observe((index, success, value) => {
    if (result.called) return;
    if (success) {
      result.callback([index, value as T]);
    } else {
      failures[index] = value as Failure;
      if (dlo.failureCount === deferreds.length) result.errback(new FailureGroup(failures));
    }
  });
  for (const d of deferreds) dlo.append(d).addErrback(() => undefined);
  return result;
}

const show = (label: string) => (value: unknown): void => {
  const text = value instanceof Failure ? `failed: ${value.getErrorMessage()}` : JSON.stringify(value, (_k, v: unknown) => (v instanceof Failure ? `Failure(${v.getErrorMessage()})` : v));
  console.log(`${label}: ${text}`);
};

// DeferredList as a function, over inputs that have already fired and one that fails later.
const late = new Deferred<string>();
deferredList([succeed('cache'), late, succeed('disk')]).addCallback(show('deferredList'));
late.errback(new Error('network down'));

// The first two successes, in the order they come.
const lookups = [new Deferred<number>(), new Deferred<number>(), new Deferred<number>()];
firstSuccesses(lookups, 2).addBoth(show('first 2 successes'));
lookups[2]?.callback(30);
lookups[0]?.callback(10);
lookups[1]?.callback(20);

// The avatar of the post: cache, filesystem and Gravatar asked at once; errors ignored
// while a success may still come; an error only if all three fail.
const [cache, filesystem, gravatar] = [new Deferred<string>(), new Deferred<string>(), new Deferred<string>()];
firstSuccessElseAllErrors([cache, filesystem, gravatar]).addBoth(show('avatar'));
cache.errback(new Error('not cached'));
filesystem.errback(new Error('no file'));
gravatar.callback('avatar.png from Gravatar');

const nowhere = [new Deferred<string>(), new Deferred<string>()];
firstSuccessElseAllErrors(nowhere).addErrback((failure: Failure) => {
  const group = failure.value as FailureGroup;
  console.log(`no avatar: ${group.failures.map((f) => f.getErrorMessage()).join('; ')}`);
});
for (const d of nowhere) d.errback(new Error(`lookup ${nowhere.indexOf(d)} failed`));
