/**
 * Type checks (compiled by `npm run typecheck`, never run) for inlineCallbacks as a
 * decorator and as a function, and for txdefer/testing's helpers. Each `@ts-expect-error`
 * line must be an error.
 */
import { type Deferred, Failure, inlineCallbacks, succeed } from '../../src/index.js';
import { assertNoResult, failureResultOf, successResultOf } from '../../src/testing/index.js';

class Client {
  constructor(readonly base: number) {}

  // The decorator is accepted on a generator method, and `this` is the class inside it.
  @inlineCallbacks
  *fetch(extra: number): Generator<unknown, number, number> {
    const got = yield succeed(extra);
    const base: number = this.base;
    return base + got;
  }

  // @ts-expect-error inlineCallbacks decorates generator methods only
  @inlineCallbacks
  plain(): number {
    return this.base;
  }

  // The field form: the Deferred's type is inferred from what the generator returns.
  readonly field = inlineCallbacks(function* (this: Client, extra: number) {
    const got: number = yield succeed(extra);
    return `${this.base + got}`;
  });
}

export function checks(client: Client): void {
  const inferred: Deferred<string> = client.field(1);
  // @ts-expect-error the field's Deferred carries a string
  const wrong: Deferred<number> = client.field(1);
  // @ts-expect-error the field checks its arguments
  client.field('one');

  // successResultOf(d: Deferred<T>): T
  const value: number = successResultOf(succeed(1));
  // @ts-expect-error successResultOf of a Deferred<number> is a number
  const notString: string = successResultOf(succeed(1));
  const failure: Failure = failureResultOf(succeed(1), RangeError, 'TypeError');
  // @ts-expect-error failureResultOf takes classes or class names
  failureResultOf(succeed(1), 42);
  assertNoResult(succeed(1));
  // @ts-expect-error a Promise is not a Deferred
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- the type error this line checks
  successResultOf(Promise.resolve(1) as PromiseLike<number>);

  void [inferred, wrong, value, notString, failure];
}
