/**
 * Type-level tests for the combinators, checked by `npx tsc -p tsconfig.json` (the file
 * is never run). Each assignment must compile; each line after a `// @ts-expect-error`
 * must not. Everything sits in a function that nobody calls.
 */
import { Deferred, type Failure } from '../../src/index.js';
import {
  DeferredList,
  type DeferredListEntry,
  type DeferredListResultList,
  type FireOnOneCallbackResult,
} from '../../src/combine/deferred-list.js';
import { gatherResults } from '../../src/combine/gather-results.js';
import { race, type RaceResult } from '../../src/combine/race.js';

export function combineTypeTests(): void {
  const text = new Deferred<string>();
  const count = new Deferred<number>();
  const texts: Array<Deferred<string>> = [text];

  // ---- DeferredList: the result type follows the options ----------------------------
  const plain: Deferred<DeferredListResultList<string>> = new DeferredList(texts);
  const consuming: Deferred<DeferredListResultList<string>> = new DeferredList(texts, { consumeErrors: true, fireOnOneErrback: true });
  const firstOne: Deferred<FireOnOneCallbackResult<string> | DeferredListResultList<string>> = new DeferredList(texts, { fireOnOneCallback: true });
  // @ts-expect-error with fireOnOneCallback the result may be [value, index]
  const notJustAList: Deferred<DeferredListResultList<string>> = new DeferredList(texts, { fireOnOneCallback: true });
  const flag = Math.random() > 0.5;
  // A flag known only at run time gives either shape.
  const either: Deferred<FireOnOneCallbackResult<string> | DeferredListResultList<string>> = new DeferredList(texts, { fireOnOneCallback: flag });
  // @ts-expect-error a flag known only at run time may be true
  const notEither: Deferred<DeferredListResultList<string>> = new DeferredList(texts, { fireOnOneCallback: flag });
  // Members of different types: name the union.
  const mixed: Deferred<DeferredListResultList<string | number>> = new DeferredList<string | number>([text, count]);
  // @ts-expect-error an explicit type argument alone means "no options": fireOnOneCallback would make the type wrong
  new DeferredList<string>(texts, { fireOnOneCallback: true });
  // @ts-expect-error unknown option
  new DeferredList(texts, { consumeError: true });
  // @ts-expect-error not Deferreds
  new DeferredList([1, 2]);

  // An entry's first element tells what the second is.
  plain.addCallback((entries) => entries.map((entry: DeferredListEntry<string>) => {
    if (entry[0]) {
      const value: string = entry[1];
      return value;
    }
    const failure: Failure = entry[1];
    return failure.getErrorMessage();
  }));

  // The read-only properties.
  const list = new DeferredList(texts);
  const results: ReadonlyArray<DeferredListEntry<string> | undefined> = list.resultList;
  const finished: number = list.finishedCount;
  // @ts-expect-error consumeErrors is read-only
  list.consumeErrors = true;

  // ---- mixed lists (issue 14): typed by position, or a union, never the first element's
  const byPosition: Deferred<[DeferredListEntry<number>, DeferredListEntry<string>]> = new DeferredList([count, text]);
  // @ts-expect-error the positions keep their own types
  const swapped: Deferred<[DeferredListEntry<string>, DeferredListEntry<number>]> = new DeferredList([count, text]);
  const mixedFirst: Deferred<FireOnOneCallbackResult<number | string> | [DeferredListEntry<number>, DeferredListEntry<string>]> =
    new DeferredList([count, text], { fireOnOneCallback: true });
  const mixedErrback: Deferred<[DeferredListEntry<number>, DeferredListEntry<string>]> = new DeferredList([count, text], {
    fireOnOneErrback: true,
    consumeErrors: true,
  });
  const mixedSet: Deferred<DeferredListResultList<number | string>> = new DeferredList(new Set([count, text]));
  const mixedArray: Array<Deferred<number> | Deferred<string>> = [count, text];
  const unknownLength: Deferred<DeferredListResultList<number | string>> = new DeferredList(mixedArray);
  // @ts-expect-error an array of unknown length gives a union, not its first element's type
  const notFirstOnly: Deferred<DeferredListResultList<number>> = new DeferredList(mixedArray);
  const mixedResults: ReadonlyArray<DeferredListEntry<number | string> | undefined> = new DeferredList([count, text]).resultList;
  const mixedRace: Deferred<RaceResult<number | string>> = race(new Set([count, text]));
  const mixedGather: Deferred<Array<number | string>> = gatherResults(mixedArray);
  const mixedGatherSet: Deferred<Array<number | string>> = gatherResults(new Set([count, text]));
  const empty: Deferred<[]> = new DeferredList([]);

  // ---- gatherResults: a tuple for an array literal, an array otherwise ---------------
  const tuple: Deferred<[string, number]> = gatherResults([text, count]);
  const array: Deferred<string[]> = gatherResults(texts, true);
  const fromSet: Deferred<string[]> = gatherResults(new Set(texts), { consumeErrors: true });
  // @ts-expect-error the second value is a number
  const wrongTuple: Deferred<[string, string]> = gatherResults([text, count]);
  // @ts-expect-error consumeErrors is a boolean
  gatherResults(texts, 'yes');

  // ---- race: [index, value] ----------------------------------------------------------
  const raced: Deferred<RaceResult<string | number>> = race([text, count]);
  const racedArray: Deferred<[number, string]> = race(texts);
  // @ts-expect-error the value may be a number
  const wrongRace: Deferred<[number, string]> = race([text, count]);

  void [plain, consuming, firstOne, notJustAList, either, notEither, mixed, results, finished];
  void [tuple, array, fromSet, wrongTuple, raced, racedArray, wrongRace];
  void [byPosition, swapped, mixedFirst, mixedErrback, mixedSet, unknownLength, notFirstOnly, mixedResults, mixedRace, mixedGather, mixedGatherSet, empty];
}
