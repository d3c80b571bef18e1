/**
 * txdefer/decorators: the `callback` and `errback` decorators of "Simpler Twisted
 * deferred code via decorated callbacks", in an entry of their own, so that the post's
 * names stay apart from the root's Deferred API. Everything else comes from 'txdefer'.
 */
export { callback, errback } from './patterns/decorators.js';
export type { DeferredArgument, DeferredArguments } from './patterns/decorators.js';
