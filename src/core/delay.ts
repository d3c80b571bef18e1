/**
 * The one rule for delays, everywhere a delay is given (`callLater`, `DelayedCall.reset`,
 * `deferLater`, `addTimeout`, on a Clock or in real time):
 *   - a delay is a number of seconds; anything else is a TypeError;
 *   - NaN is a RangeError;
 *   - a negative delay is accepted and means "already due", as on Twisted's Clock: the
 *     call is scheduled at that time in the past, so a Clock runs it at the next
 *     `advance` (even `advance(0)`), before calls due later; the real-time scheduler
 *     runs it as soon as the host's timers allow. (Twisted's real reactor asserts
 *     `delay >= 0`; its Clock, which ported tests run on, does not.)
 *   - Infinity means "never".
 */
import { describeValue } from './repr.js';

/** Check a delay by the rule above; `where` and `name` say which call and argument, for the message. */
export function requireDelay(value: unknown, where: string, name: string): asserts value is number {
  if (typeof value !== 'number') {
    throw new TypeError(`${where}: \`${name}\` must be a number of seconds, got ${describeValue(value)}`);
  }
  if (Number.isNaN(value)) {
    throw new RangeError(`${where}: \`${name}\` must be a number of seconds, got NaN`);
  }
}
