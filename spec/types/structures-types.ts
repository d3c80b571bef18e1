/**
 * Type-level tests for the structures of the source posts, checked by
 * `npx tsc -p tsconfig.json` (the file is never run). Each assignment must compile; each
 * line after a `// @ts-expect-error` must not.
 */
import {
  type Deferred,
  DeferredDict,
  type DeferredListEntry,
  DeferredPriorityQueue,
  DeferredQueue,
  type Job,
  memoize,
  ResizableDispatchQueue,
  succeed,
  when2,
} from '../../src/index.js';

export function structuresTypeTests(): void {
  // when2's result follows its options.
  const all: Deferred<Array<DeferredListEntry<number | string>>> = when2([succeed(1), 'two']);
  const first: Deferred<[number, number]> = when2([succeed(1), succeed(2)], { resolveOnFirstSuccess: true });
  const noFail: Deferred<Array<DeferredListEntry<number>>> = when2([succeed(1)], { failOnFirstError: false });
  // @ts-expect-error resolveOnFirstSuccess gives [index, value], not the entries
  const wrong: Deferred<Array<DeferredListEntry<number>>> = when2([succeed(1)], { resolveOnFirstSuccess: true });

  // memoize keeps the argument types and unwraps a returned Deferred or Promise.
  const fromDeferred: (name: string) => Deferred<number> = memoize((name: string) => succeed(name.length));
  const fromPromise: (id: number) => Deferred<string> = memoize(async (id: number) => String(id));
  // @ts-expect-error the memoized function takes a string
  fromDeferred(42);

  // DeferredDict, the queues and the dispatch queue are typed by their contents.
  const dict = new DeferredDict<string, number>();
  const got: Deferred<number> = dict.get('a');
  // @ts-expect-error the values are numbers
  dict.set('a', 'one');
  const peeked: Deferred<string> = new DeferredQueue<string>().peek();
  new DeferredPriorityQueue<string>().put('x', 3);
  const rdq = new ResizableDispatchQueue((arg: number) => succeed(String(arg)));
  const job: Deferred<Job<number, string>> = rdq.put(1, -1);
  // @ts-expect-error the jobs take numbers
  rdq.put('one');
  void [all, first, noFail, wrong, fromPromise, got, peeked, job];
}
