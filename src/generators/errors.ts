/**
 * NotACoroutineError lives in the core (core/errors.ts), beside `Deferred.fromCoroutine`,
 * which throws it; re-exported here, where the generator functions' errors were.
 */
export { NotACoroutineError } from '../core/errors.js';
