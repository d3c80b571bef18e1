/**
 * The txdefer/decorators entry (src/decorators.ts): the post's two names, kept apart
 * from the root. The decorators themselves: spec/patterns/decorators.spec.ts.
 */
import { expect } from 'chai';
import * as decorators from '../src/decorators.js';
import * as root from '../src/index.js';

describe('txdefer/decorators', () => {
  it('exports callback and errback, and nothing else', () => {
    expect(Object.keys(decorators).sort()).to.deep.equal(['callback', 'errback']);
  });

  it('the root exports neither name, so they never shadow the Deferred methods of the same names', () => {
    expect(Object.keys(root)).not.to.include.members(['callback']);
    expect(Object.keys(root)).not.to.include.members(['errback']);
  });
});
