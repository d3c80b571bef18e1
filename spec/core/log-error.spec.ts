/**
 * Twisted's UtilTests (logError) and the library's own reporting channel, logFailure.
 * Oracle: spec/oracle/log_error.py.
 */
import { expect } from 'chai';
import { captureUnhandledErrors, Deferred, Failure, logError, logFailure } from '../../src/index.js';

describe('UtilTests: logError', () => {
  it('logError returns the very Failure it was given', () => {
    const log = captureUnhandledErrors();
    try {
      const failure = new Failure(new RangeError('logged'));
      expect(logError(failure)).to.equal(failure);
    } finally {
      log.stop();
    }
  });

  it('logError reports exactly that Failure to the handler', () => {
    const log = captureUnhandledErrors();
    try {
      const failure = new Failure(new RangeError('logged'));
      logError(failure);
      expect(log.flush()).to.deep.equal([failure]);
    } finally {
      log.stop();
    }
  });

  it('the logged text starts "Unhandled Error" and then the traceback', () => {
    const log = captureUnhandledErrors();
    try {
      logError(new Failure(new RangeError('logged')));
      expect(log.reports[0]?.message.startsWith('Unhandled Error\nTraceback ')).to.equal(true);
      log.flush();
    } finally {
      log.stop();
    }
  });

  it('as the last errback it leaves the chain failed', () => {
    const log = captureUnhandledErrors();
    try {
      const d = new Deferred<number>();
      d.addErrback(logError);
      d.errback(new RangeError('still failed'));
      expect(d.result).to.be.instanceOf(Failure);
      expect(log.flush(RangeError)).to.have.length(1);
      d.addErrback(() => undefined); // handled now, so it is not reported a second time
    } finally {
      log.stop();
    }
  });
});

describe('logFailure', () => {
  it('reports a failure under the heading given, as Twisted logs with log.failure(heading)', () => {
    const log = captureUnhandledErrors();
    try {
      const failure = new Failure(new RangeError('from a canceller'));
      logFailure(failure, 'Exception raised from user supplied canceller');
      expect(log.reports[0]?.heading).to.equal('Exception raised from user supplied canceller');
      expect(log.reports[0]?.message.startsWith('Exception raised from user supplied canceller\nTraceback ')).to.equal(true);
      expect(log.flush()).to.deep.equal([failure]);
    } finally {
      log.stop();
    }
  });
});
