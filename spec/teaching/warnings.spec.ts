import { expect } from 'chai';
import { captureUnhandledErrors, Deferred, fail, inlineCallbacks, succeed, type Failure } from '../../src/index.js';
import { checkTeachingWarnings, enableTeachingWarnings, TeachingWarning, type TeachingWarningKind } from '../../src/teaching/index.js';

/** Run `program` with teaching warnings on, and return the kinds warned of. */
function warningsOf(program: () => void): TeachingWarning[] {
  const warnings: TeachingWarning[] = [];
  const stop = enableTeachingWarnings({ handler: (warning) => warnings.push(warning) });
  try {
    program();
  } finally {
    stop();
  }
  return warnings;
}

function kinds(warnings: TeachingWarning[]): TeachingWarningKind[] {
  return warnings.map((warning) => warning.kind);
}

describe('teaching warnings', () => {
  it('are off by default: a program that would warn warns nobody', () => {
    const log = captureUnhandledErrors();
    try {
      fail(new Error('x')).addErrback(() => 'recovered');
      expect(log.reports).to.deep.equal([]);
    } finally {
      log.stop();
    }
  });

  describe('errback-returned', () => {
    it('warns when an errback returns normally, naming it and what it returned', () => {
      const warnings = warningsOf(() => {
        fail(new Error('x')).addErrback(function handle() {
          return 'recovered';
        });
      });
      expect(kinds(warnings)).to.deep.equal(['errback-returned']);
      expect(warnings[0]?.message).to.match(/errback handle returned 'recovered' instead of raising/);
    });

    it('does not warn when the errback passes the failure on (returned or thrown)', () => {
      const warnings = warningsOf(() => {
        fail(new Error('x'))
          .addErrback((f: Failure) => f)
          .addErrback((f: Failure) => {
            throw f.value;
          })
          .addErrback(() => undefined as never);
      });
      expect(kinds(warnings)).to.deep.equal(['errback-returned']); // only the last one returns normally
    });

    it('does not warn for a pass-through half, nor when a callback gets a value', () => {
      const warnings = warningsOf(() => {
        succeed(1).addErrback(() => 0).addCallback((n) => n);
      });
      expect(warnings).to.deep.equal([]);
    });
  });

  describe('callback-after-chain', () => {
    it('warns of a callback added after chainDeferred, which will see undefined', () => {
      const warnings = warningsOf(() => {
        const a = new Deferred<number>();
        a.chainDeferred(new Deferred<number>());
        a.addCallback(function late(n) {
          return n;
        });
      });
      expect(kinds(warnings)).to.deep.equal(['callback-after-chain']);
      expect(warnings[0]?.message).to.match(/callback late was added after chainDeferred\(<Deferred #\d+>\).*will see undefined/);
    });
  });

  describe('yielded-twice', () => {
    it('warns when inlineCallbacks is given the same Deferred twice', () => {
      const warnings = warningsOf(() => {
        const d = succeed(1);
        inlineCallbacks(function* () {
          yield d;
          yield d;
        })();
      });
      expect(kinds(warnings)).to.deep.equal(['yielded-twice']);
    });
  });

  describe('fired-from-own-chain', () => {
    it('warns when callback() is called from one of the Deferred\'s own callbacks', () => {
      const warnings = warningsOf(() => {
        const d = new Deferred<number>();
        d.addCallback(function again(n) {
          d.callback(n); // AlreadyCalledError: the chain fails with it
          return n;
        });
        d.addErrback(() => undefined);
        d.callback(1);
      });
      expect(kinds(warnings)).to.include('fired-from-own-chain');
      expect(warnings.find((warning) => warning.kind === 'fired-from-own-chain')?.message).to.match(/in again/);
    });

    it('does not warn of a second callback() from outside the chain (that is a plain AlreadyCalledError)', () => {
      const warnings = warningsOf(() => {
        const d = succeed(1);
        expect(() => d.callback(2)).to.throw();
      });
      expect(warnings).to.deep.equal([]);
    });
  });

  describe('failure-at-exit', () => {
    it('checkTeachingWarnings() warns of a Deferred still holding a Failure at the end of its chain', () => {
      const warnings: TeachingWarning[] = [];
      const stop = enableTeachingWarnings({ handler: (warning) => warnings.push(warning) });
      const kept = new Deferred<number>();
      try {
        kept.addCallback(() => {
          throw new RangeError('nobody caught me');
        });
        kept.callback(1);
        checkTeachingWarnings();
      } finally {
        stop();
        kept.addErrback(() => undefined); // handled now: nothing reported after the test
      }
      expect(kinds(warnings)).to.deep.equal(['failure-at-exit']);
      expect(warnings[0]?.message).to.match(/ends holding Failure\(RangeError: nobody caught me\)/);
    });

    it('does not warn of a failure handled before the check', () => {
      const warnings = warningsOf(() => {
        const d = new Deferred<number>();
        d.errback(new Error('x'));
        d.addErrback(() => undefined);
        checkTeachingWarnings();
      });
      expect(kinds(warnings)).to.not.include('failure-at-exit');
    });
  });

  it('without a handler, warnings go to the unhandled-error channel with a heading naming the kind', () => {
    const log = captureUnhandledErrors();
    const stop = enableTeachingWarnings();
    try {
      fail(new Error('x')).addErrback(() => 0);
    } finally {
      stop();
      log.stop();
    }
    expect(log.reports.map((report) => report.heading)).to.deep.equal(['Teaching warning (errback-returned):']);
    expect(log.reports[0]?.failure.check(TeachingWarning)).to.equal(TeachingWarning);
  });

  it('turning them off stops them, and a second call of the off function does nothing', () => {
    const warnings: TeachingWarning[] = [];
    const stop = enableTeachingWarnings({ handler: (warning) => warnings.push(warning) });
    stop();
    stop();
    fail(new Error('x')).addErrback(() => 0);
    expect(warnings).to.deep.equal([]);
  });

  it('a bad handler is refused, naming what was given', () => {
    expect(() => enableTeachingWarnings({ handler: 'log' as never })).to.throw(TypeError, /`handler` must be a function, got/);
  });
});
