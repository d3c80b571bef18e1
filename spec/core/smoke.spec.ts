import { expect } from 'chai';
import { captureUnhandledErrors, Deferred } from '../../src/index.js';
import { collectGarbage } from '../support/helpers.js';

describe('unhandled smoke', () => {
  it('reports a garbage-collected failed Deferred', async () => {
    const log = captureUnhandledErrors();
    try {
      (() => {
        const d = new Deferred<number>();
        d.addCallback(() => { throw new RangeError('zero'); });
        d.callback(1);
      })();
      await collectGarbage();
      expect(log.flush(RangeError)).to.have.length(1);
    } finally {
      log.stop();
    }
  });
});
