/**
 * What the generator driver recognises moved to the core (core/kinds.ts); re-exported
 * here for code that imports it from its old place.
 */
export { isGenerator, isThenable } from '../core/kinds.js';
