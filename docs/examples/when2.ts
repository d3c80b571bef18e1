/**
 * when2, from "jQuery-when2 – a more flexible way to work with jQuery deferreds", on
 * Deferreds: the three behaviours the post wanted from jQuery.when. A Clock stands in
 * for real time: each lookup answers, or fails, after some seconds.
 */
import { Clock, deferLater, type Deferred, type Failure, FailureGroup, FirstError, when2 } from '../../src/index.js';

const clock = new Clock();
const at = (): string => `t=${clock.seconds()}`;

/** A lookup that answers `name` after `seconds`, or fails then if `fails`. */
function lookup(name: string, seconds: number, fails = false): Deferred<string> {
  return deferLater(clock, seconds, () => {
    if (fails) throw new Error(`${name} failed`);
    return name;
  });
}

// 1. Resolve on the first success, [index, value]; errors before it are waited out.
when2([lookup('cache', 1, true), lookup('disk', 2), lookup('network', 3)], {
  resolveOnFirstSuccess: true,
  failOnFirstError: false,
}).addCallback(([index, value]) => console.log(`${at()} first success: #${index} ${value}`));

// 2. Fail on the first error (jQuery.when's behaviour, and the default): FirstError.
when2([lookup('a', 3), lookup('b', 2, true), lookup('c', 1)]).addErrback((failure: Failure) => {
  const error = failure.value as FirstError;
  console.log(`${at()} first error: #${error.index} ${error.subFailure.getErrorMessage()}`);
});

// 3. Everything, once all are done: [success, valueOrFailure] in input order, so a
//    failure can be told from a value. A plain value counts as already there.
when2([lookup('x', 2, true), lookup('y', 1), 'a plain value'], { failOnFirstError: false }).addCallback((entries) => {
  for (const [success, value] of entries) {
    console.log(`${at()}   ${success ? `ok: ${String(value)}` : `failed: ${(value as Failure).getErrorMessage()}`}`);
  }
});

// Resolve on the first success, but every item fails: a FailureGroup holds every failure.
when2([lookup('p', 1, true), lookup('q', 2, true)], { resolveOnFirstSuccess: true, failOnFirstError: false })
  .addErrback((failure: Failure) => {
    const messages = (failure.value as FailureGroup).failures.map((f) => f.getErrorMessage());
    console.log(`${at()} every one failed: ${messages.join(', ')}`);
  });

clock.pump([1, 1, 1]);

// An already-fired item followed by a plain value fires at once (jQuery-when2 hung here),
// and an empty list fires [] at once.
const fired = lookup('fired', 0);
clock.advance(0);
when2([fired, 42]).addCallback((entries) => console.log(`no hang: ${JSON.stringify(entries)}`));
when2([]).addCallback((entries) => console.log(`empty: ${JSON.stringify(entries)}`));
