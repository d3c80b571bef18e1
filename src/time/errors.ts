/**
 * The errors of a delayed call (twisted.internet.error.AlreadyCancelled and
 * AlreadyCalled): `cancel()`, `reset()` or `delay()` on a call that is no longer
 * scheduled. Twisted uses the same two messages for all three methods.
 */
import { ERROR_NAME } from '../core/errors.js';

function brand(cls: { prototype: Error; [ERROR_NAME]?: string }, name: string): void {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
  // Lets Failure.check match this class against its twin from another copy of txdefer (ESM beside CJS).
  Object.defineProperty(cls, ERROR_NAME, { value: name });
}

/** The delayed call was cancelled before: it cannot be cancelled, reset or delayed again. */
export class AlreadyCancelled extends Error {
  constructor(message = 'Tried to cancel an already-cancelled event.') {
    super(message);
  }
}
brand(AlreadyCancelled, 'AlreadyCancelled');

/** The delayed call has already run (or is running now): it cannot be cancelled, reset or delayed. */
export class AlreadyCalled extends Error {
  constructor(message = 'Tried to cancel an already-called event.') {
    super(message);
  }
}
brand(AlreadyCalled, 'AlreadyCalled');
