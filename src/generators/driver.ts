/**
 * The generator driver moved to the core (core/driver.ts), beside `Deferred.fromCoroutine`;
 * re-exported here for code that imports it from its old place.
 */
export { drive } from '../core/driver.js';
export type { Drivable } from '../core/driver.js';
