/**
 * The errors of a delayed call (twisted.internet.error.AlreadyCancelled and
 * AlreadyCalled): `cancel()`, `reset()` or `delay()` on a call that is no longer
 * scheduled. Twisted uses the same two messages for all three methods.
 */
import { brandError } from '../core/errors.js';

/** The delayed call was cancelled before: it cannot be cancelled, reset or delayed again. */
export class AlreadyCancelled extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'AlreadyCancelled');
  constructor(message = 'Tried to cancel an already-cancelled event.') {
    super(message);
  }
}

/** The delayed call has already run (or is running now): it cannot be cancelled, reset or delayed. */
export class AlreadyCalled extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'AlreadyCalled');
  constructor(message = 'Tried to cancel an already-called event.') {
    super(message);
  }
}
