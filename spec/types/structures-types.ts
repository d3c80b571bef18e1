/**
 * Type-level tests for the structures of the source posts, checked by
 * `npx tsc -p tsconfig.json` (the file is never run). Each assignment must compile; each
 * line after a `// @ts-expect-error` must not.
 */
import {
  type Deferred,
  DeferredDict,
  DeferredListObserver,
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
  // Mixed lists (issue 14): an array literal is typed by position; any other iterable by the union.
  const byPosition: Deferred<[DeferredListEntry<number>, DeferredListEntry<string>]> = when2([succeed(1), 'two']);
  // @ts-expect-error the positions keep their own types
  const swapped: Deferred<[DeferredListEntry<string>, DeferredListEntry<number>]> = when2([succeed(1), 'two']);
  const fromSet: Deferred<Array<DeferredListEntry<number | string>>> = when2(new Set<Deferred<number> | string>([succeed(1), 'two']));
  const firstOfMixed: Deferred<[number, number | string]> = when2([succeed(1), 'two'], { resolveOnFirstSuccess: true });
  // DeferredListObserver takes any mix when its type is left open, or the union it is given.
  const observer = new DeferredListObserver();
  const appendedNumber: Deferred<number> = observer.append(succeed(1));
  const appendedString: Deferred<string> = observer.append(succeed('a'));
  const typed = new DeferredListObserver<number | string>();
  typed.append(succeed(1));
  typed.append(succeed('a'));
  // @ts-expect-error a boolean is not among the observed types
  typed.append(succeed(true));
  void [byPosition, swapped, fromSet, firstOfMixed, appendedNumber, appendedString];

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
