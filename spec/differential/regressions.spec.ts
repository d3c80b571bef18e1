/**
 * Regression specs for differences the differential run found between txdefer and
 * Twisted (docs/faithfulness.md, "Turning a difference into a spec"). Each
 * `regressions/NAME.ts` is a printed program; running it on txdefer must give the
 * trace Twisted gave, recorded in `regressions/NAME.json` ("twisted"). twisted.spec.ts
 * checks that `regressions/NAME.py` still prints that trace on real Twisted.
 *
 * A spec here fails until the engine is fixed: that is its purpose.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REGRESSIONS_DIR, sideBySide } from './differential.js';
import { traceOf } from './harness.js';
import type { Tracer } from './tracer.js';

interface Regression {
  readonly name: string;
  readonly note: string;
  readonly twisted: string[];
}

const regressions = readdirSync(REGRESSIONS_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(join(REGRESSIONS_DIR, file), 'utf8')) as Regression);

describe('differences from Twisted found by the differential run (spec/differential/regressions)', function () {
  for (const regression of regressions) {
    it(`${regression.name}: ${regression.note}`, async function () {
      const module = (await import(pathToFileURL(join(REGRESSIONS_DIR, `${regression.name}.ts`)).href)) as {
        program: (t: Tracer) => void;
      };
      const trace = await traceOf(module.program);
      expect(trace, `txdefer | Twisted:\n${sideBySide(trace, regression.twisted)}`).to.deep.equal(regression.twisted);
    });
  }
});
