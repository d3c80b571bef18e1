/**
 * The differential run against real Twisted, small enough for `npm test`: 200
 * generated programs run on txdefer and on Twisted must trace the same (the full run
 * is `npm run test:twisted`; docs/faithfulness.md). Also checks that the printed
 * renderings trace what the runner saw, and that each kept regression's Python program
 * still prints the Twisted trace its .json records.
 *
 * Without python3-twisted under /usr/bin/python3 the whole block is skipped, and says so.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bothTraces, describeDifference, differentialRun, REGRESSIONS_DIR } from './differential.js';
import { samplePrograms } from './generate.js';
import type { Program } from './model.js';
import { checkPrinters } from './printer-check.js';
import { PYTHON, PythonWorker, twistedAvailable } from './python.js';
import { DEFAULT_SEED } from './settings.js';

const available = twistedAvailable();
if (!available) {
  process.stdout.write('the differential run against Twisted was skipped (python3-twisted not installed)\n');
}

interface Regression {
  readonly name: string;
  readonly note: string;
  readonly program: Program;
  readonly twisted: string[];
}

const regressions = readdirSync(REGRESSIONS_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(join(REGRESSIONS_DIR, file), 'utf8')) as Regression);

describe('differential run against Twisted (spec/differential; full run: npm run test:twisted)', function () {
  this.timeout(300_000);
  let worker: PythonWorker | undefined;

  before(function () {
    // Skipped only where /usr/bin/python3 cannot import twisted; .ci/run installs it, so CI never skips.
    if (!available) this.skip();
    worker = new PythonWorker();
  });

  after(function () {
    worker?.close();
  });

  it(`200 generated programs (seed ${DEFAULT_SEED}) trace the same on txdefer and on Twisted`, async function () {
    const summary = await differentialRun({ seed: DEFAULT_SEED, count: 200, shrinkLimit: 1, worker: worker as PythonWorker });
    const described = summary.differences.map((difference) => describeDifference(difference, DEFAULT_SEED)).join('\n');
    expect(summary.failed, `${summary.failed} of 200 programs differ:\n${described}`).to.equal(0);
  });

  it('the printed TypeScript and Python of 5 programs, run as files, trace what the runner saw', async function () {
    const programs = samplePrograms(DEFAULT_SEED + 1, 5);
    const both = await bothTraces(worker as PythonWorker, programs);
    expect(checkPrinters(programs, both)).to.deep.equal([]);
  });

  for (const regression of regressions) {
    it(`regressions/${regression.name}.py still prints the Twisted trace recorded in ${regression.name}.json`, function () {
      const printed = execFileSync(PYTHON, [join(REGRESSIONS_DIR, `${regression.name}.py`)], { encoding: 'utf8' });
      expect(printed.trimEnd().split('\n')).to.deep.equal(regression.twisted);
    });
  }
});
