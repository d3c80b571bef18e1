/**
 * Failures still unhandled when a Node process exits are reported then, once (issue 15):
 * CPython collects everything at exit, so Twisted reports them; a JavaScript engine
 * collects nothing at exit, so without this a short program whose chain ends in an
 * unhandled failure would print nothing. Each spec runs a small program in a new Node
 * process and reads what it printed.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const INDEX = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'index.ts')).href;

/** Run `body` (an ES module that has `txdefer`'s names from `import * as tx`) in a new process. */
function run(body: string): { stdout: string; stderr: string; status: number | null } {
  const source = `import * as tx from ${JSON.stringify(INDEX)};\n${body}\n`;
  const result = spawnSync(process.execPath, ['--expose-gc', '--import=tsx/esm', '--input-type=module', '--eval', source], {
    encoding: 'utf8',
    cwd: join(dirname(fileURLToPath(import.meta.url)), '..', '..'),
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

function count(text: string, word: string): number {
  return text.split(word).length - 1;
}

describe('Failures still unhandled at exit (Node)', function () {
  this.timeout(60_000);

  it('a failure kept in a variable to the end is reported at exit, to the default handler (stderr), and the exit code stays 0', () => {
    const { stderr, status } = run(`
      const kept = tx.fail(new RangeError('kept until the end'));
      console.log('end of program');
    `);
    expect(count(stderr, 'Unhandled error in Deferred:')).to.equal(1);
    expect(stderr).to.include('RangeError: kept until the end');
    expect(status).to.equal(0);
  });

  it('a failure dropped but not yet collected is reported at exit', () => {
    const { stderr } = run(`
      const d = new tx.Deferred();
      d.addCallback(() => { throw new TypeError('dropped'); });
      d.callback(1);
    `);
    expect(count(stderr, 'TypeError: dropped')).to.equal(1);
  });

  it('a handled failure is not reported', () => {
    const { stderr } = run(`
      tx.fail(new Error('handled')).addErrback(() => undefined);
    `);
    expect(stderr).to.equal('');
  });

  it('a failure already reported when its Deferred was collected is not reported again at exit', () => {
    const { stdout, stderr } = run(`
      tx.setUnhandledErrorHandler((report) => console.log('REPORT', report.failure.getErrorMessage()));
      (() => { tx.fail(new Error('collected before exit')); })();
      for (let round = 0; round < 4; round += 1) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        gc();
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
      console.log('exiting');
    `);
    expect(stderr).to.equal('');
    expect(count(stdout, 'REPORT collected before exit')).to.equal(1);
    expect(stdout.indexOf('REPORT')).to.be.lessThan(stdout.indexOf('exiting')); // reported by the collector
  });

  it('process.exit() in the same job as the failure still reports it', () => {
    const { stderr, status } = run(`
      tx.fail(new Error('then exit at once'));
      process.exit(3);
    `);
    expect(count(stderr, 'Error: then exit at once')).to.equal(1);
    expect(status).to.equal(3);
  });

  it('reports go to the handler in place at exit', () => {
    const { stdout, stderr } = run(`
      const kept = tx.fail(new Error('to my handler'));
      tx.setUnhandledErrorHandler((report) => console.log('MINE', report.heading, report.failure.getErrorMessage()));
    `);
    expect(stderr).to.equal('');
    expect(stdout).to.include('MINE Unhandled error in Deferred: to my handler');
  });

  it('a failure handled after being noted (within the program) is not reported at exit', () => {
    const { stderr } = run(`
      const d = tx.fail(new Error('handled later'));
      await new Promise((resolve) => setTimeout(resolve, 0));
      d.addErrback(() => undefined);
    `);
    expect(stderr).to.equal('');
  });
});
