/**
 * Shared by the five chainDeferred examples (examples/chain-deferred-*.ts): runs an
 * example once with Twisted's chainDeferred and once with strictChainDeferred, under a
 * heading each, and describes what a Deferred ends with.
 */
import { type Deferred, isFailure, strictChainDeferred } from '../src/index.js';

/** Make `target` fire with `source`'s result, one way or the other. */
export type Chain = <T>(source: Deferred<T>, target: Deferred<T>) => void;

export function bothWays(example: (chain: Chain) => void): void {
  console.log("Twisted's chainDeferred:");
  example((source, target) => {
    source.chainDeferred(target);
  });
  console.log('strictChainDeferred:');
  example((source, target) => {
    strictChainDeferred(source, target);
  });
}

/** What `d` ends with ("value 'hey'", "failure AlreadyCalledError"), taking it. */
export function endsWith(d: Deferred<unknown>): string {
  let text = 'no result';
  d.addBoth((result) => {
    text = isFailure(result) ? `failure ${result.typeName}` : `value ${JSON.stringify(result)}`;
  });
  return text;
}
