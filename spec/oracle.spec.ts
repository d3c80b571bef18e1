/**
 * Re-runs the Python snippets in spec/oracle/ against real Twisted and checks that
 * Twisted still prints what each snippet's `.out` file records. Those recorded facts
 * are what the TypeScript specs assert about txdefer, so this keeps the specs honest.
 *
 * Each `spec/oracle/NAME.py` prints labelled lines ("test_name: observed value");
 * `spec/oracle/NAME.out` holds the expected output. Twisted is Debian's
 * python3-twisted, run by /usr/bin/python3 (.ci/run installs it).
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PYTHON = '/usr/bin/python3';
const oracleDir = join(dirname(fileURLToPath(import.meta.url)), 'oracle');

function twistedAvailable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import twisted'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const snippets = readdirSync(oracleDir).filter((name) => name.endsWith('.py')).sort();
const available = twistedAvailable();
if (!available) {
  process.stdout.write('Twisted is not installed for /usr/bin/python3: the oracle checks against real Twisted were skipped\n');
}

describe('oracle: what real Twisted does (spec/oracle)', function () {
  this.timeout(60_000);
  for (const snippet of snippets) {
    const expectedFile = join(oracleDir, snippet.replace(/\.py$/, '.out'));
    it(`${snippet} prints what ${snippet.replace(/\.py$/, '.out')} records`, function () {
      // Skipped only on a machine without python3-twisted; CI installs it, so CI never skips.
      if (!available) this.skip();
      expect(existsSync(expectedFile), `${expectedFile} is missing`).to.equal(true);
      const printed = execFileSync(PYTHON, [join(oracleDir, snippet)], { encoding: 'utf8', cwd: oracleDir });
      expect(printed).to.equal(readFileSync(expectedFile, 'utf8'));
    });
  }
});
