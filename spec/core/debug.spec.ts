/**
 * Debug mode (reference B.13): setDebugging/getDebugging, and what is recorded when
 * it is off. Twisted's output for the same cases: spec/oracle/debug.py. How the
 * recorded stacks appear in messages is covered by already-called.spec.ts and
 * unhandled.spec.ts.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AlreadyCalledError, Deferred, getDebugging, setDebugging } from '../../src/index.js';

/** What `d.callback()` throws on a Deferred that has already fired. */
function secondCallbackError(d: Deferred<string>): AlreadyCalledError {
  try {
    d.callback('again');
  } catch (error) {
    expect(error).to.be.instanceOf(AlreadyCalledError);
    return error as AlreadyCalledError;
  }
  throw new Error('the second callback() did not throw');
}

function debugLines(message: string): string[] {
  return message.split('\n').filter((line) => line.startsWith(' C:') || line.startsWith(' I:'));
}

describe('debug mode', () => {
  afterEach(() => {
    setDebugging(false);
  });

  it('is off in a fresh process', function () {
    this.timeout(20_000);
    const indexUrl = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), '../../src/index.ts')).href;
    const printed = execFileSync(
      process.execPath,
      ['--import=tsx/esm', '--input-type=module', '-e', `import { getDebugging } from ${JSON.stringify(indexUrl)}; console.log(getDebugging());`],
      { encoding: 'utf8' },
    );
    expect(printed.trim()).to.equal('false');
  });

  it('getDebugging() returns what setDebugging() set, both ways', () => {
    setDebugging(true);
    expect(getDebugging()).to.equal(true);
    setDebugging(false);
    expect(getDebugging()).to.equal(false);
  });

  it('records no stacks while off: AlreadyCalledError has no " C:" or " I:" lines', () => {
    setDebugging(false);
    const d = new Deferred<string>();
    d.callback('first');

    const error = secondCallbackError(d);

    expect(error.message).not.to.include(' C:');
    expect(debugLines(error.message)).to.have.length(0);
  });

  it('records nothing while off, so turning it on before the second call adds no stacks', () => {
    setDebugging(false);
    const d = new Deferred<string>();
    d.callback('first');
    setDebugging(true);

    const error = secondCallbackError(d);

    expect(debugLines(error.message)).to.have.length(0);
  });

  it('records both the creation and the first firing while on', () => {
    setDebugging(true);
    const d = new Deferred<string>();
    d.callback('first');

    const lines = debugLines(secondCallbackError(d).message);

    expect(lines.some((line) => line.startsWith(' C:'))).to.equal(true);
    expect(lines.some((line) => line.startsWith(' I:'))).to.equal(true);
  });
});
