/**
 * The logged-error check in a real mocha run (a child process): a test that logged a
 * failure and did not flush it fails, the other tests pass, and the suite goes on after
 * it, as trial reports such a test as an error (spec/oracle/testing_trial.out:
 * `test_not_flushed: successes, errors: (0, ['ValueError'])`).
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface MochaReport {
  passes: Array<{ title: string }>;
  failures: Array<{ title: string; err: { message: string } }>;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('txdefer/testing: the logged-error check in a mocha run of its own', function () {
  this.timeout(60_000);

  let ran: { report: MochaReport; status: number | null } | undefined;

  /** The fixture's mocha run, made once for both specs. */
  function runFixture(): { report: MochaReport; status: number | null } {
    if (ran !== undefined) return ran;
    const run = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'),
        '--no-config',
        '--node-option=import=tsx/esm',
        '--node-option=expose-gc',
        '--reporter=json',
        'spec/testing/fixtures/logged-errors.fixture.ts',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    ran = { report: JSON.parse(run.stdout) as MochaReport, status: run.status };
    return ran;
  }

  it('with the hooks: fails the test that did not flush (which mocha also counted as passed); the suite goes on', () => {
    const { report, status } = runFixture();
    expect(report.failures.map((test) => test.title)).to.deep.equal(['test_not_flushed', 'wrapped_not_flushed']);
    expect(report.passes.map((test) => test.title)).to.include.members(['test_flushed', 'test_not_flushed', 'test_after']);
    expect(report.failures[0]?.err.message).to.match(/^1 failure was reported during the test and not flushed/);
    expect(report.failures[0]?.err.message).to.include('ValueError: forgotten');
    expect(status).to.equal(2);
  });

  it('wrapped: the test itself fails, counted once', () => {
    const { report } = runFixture();
    const wrapped = (titles: Array<{ title: string }>): string[] =>
      titles.map((test) => test.title).filter((title) => title.startsWith('wrapped'));
    expect(wrapped(report.passes)).to.deep.equal(['wrapped_flushed', 'wrapped_after']);
    expect(wrapped(report.failures)).to.deep.equal(['wrapped_not_flushed']);
    expect(report.failures[1]?.err.message).to.include('ValueError: forgotten');
  });
});
