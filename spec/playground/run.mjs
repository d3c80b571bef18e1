#!/usr/bin/env node
/**
 * `npm run test:playground`: the playground (docs/playground/) in a real browser.
 *
 * Serves the repository (scripts/playground.mjs, building dist/ if needed), opens the page
 * in Debian's chromium driven by playwright-core, and for every preset: runs it, steps
 * forward through every record to the end and back again, and checks at each position
 * that the drawing agrees with the trace: as many boxes marked as having run, and as many
 * value labels, as there are step records so far for the Deferreds drawn; the current
 * step's box highlighted; each label showing its step's value. Then a program written in
 * the editor, and one with a syntax error (shown as an error; the page still works).
 *
 * Usage: npm run test:playground [-- --screenshot]
 *   --screenshot  also write docs/playground.png (the walk-through preset, at its end)
 * Environment: CHROMIUM_PATH=/path/to/chromium to choose the browser.
 * The last line is "N passed, N failed"; the exit code is 1 if anything failed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { ensureBuilt, PLAYGROUND, root, serve } from '../../scripts/playground.mjs';

const { values } = parseArgs({ options: { screenshot: { type: 'boolean', default: false } } });
let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed += 1;
  else failed += 1;
  process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'}  ${name}${ok || detail === '' ? '' : `\n        ${detail}`}\n`);
}

ensureBuilt();
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  process.stdout.write(`test:playground: no browser at ${executablePath} (apt-get install chromium)\n0 passed, 1 failed\n`);
  process.exit(1);
}
const { server, port } = await serve();
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'], headless: true, timeout: 60_000 });
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(`http://127.0.0.1:${port}${PLAYGROUND}`);
  await page.waitForFunction(() => window.playground !== undefined);
  process.stdout.write(`${await browser.version()} on http://127.0.0.1:${port}${PLAYGROUND}\n`);

  /** What the page shows now, and what the trace says it should. */
  const observe = () =>
    page.evaluate(() => {
      const { state } = window.playground;
      const drawn = new Set([...document.querySelectorAll('#svg g[data-deferred]')].map((g) => Number(g.dataset.deferred)));
      const steps = state.records.slice(0, state.position).filter((record) => record.type === 'step' && drawn.has(record.deferred));
      const current = state.records[state.position - 1];
      const highlighted = document.querySelector('#svg rect.current');
      return {
        position: state.position,
        total: state.records.length,
        expectedRan: steps.length,
        ran: document.querySelectorAll('#svg rect[data-ran="true"]').length,
        labels: [...document.querySelectorAll('#svg text.value')].map((text) => text.textContent),
        expectedLabels: steps.map((step) => step.input.repr.slice(0, 12)),
        currentIsDrawnStep: current?.type === 'step' && drawn.has(current.deferred),
        highlighted: highlighted === null ? undefined : `${highlighted.closest('g').dataset.deferred}/${highlighted.dataset.pair}/${highlighted.dataset.column}`,
        expectedHighlight: current?.type === 'step' ? `${current.deferred}/${current.pair}/${current.column}` : undefined,
        record: document.getElementById('record').textContent,
        error: document.getElementById('error').hidden ? undefined : document.getElementById('error').textContent,
        output: document.getElementById('output').textContent,
      };
    });

  /** Whether the drawing agrees with the trace at the current position. */
  // The drawing lists Deferreds in its own order (a DeferredList before its members), the
  // trace in the order things happened: each step's label is matched with one label drawn.
  const labelsMatch = (labels, expected) => {
    const left = [...labels];
    return expected.every((prefix) => {
      const index = left.findIndex((label) => label.startsWith(prefix.slice(0, 10)));
      if (index === -1) return false;
      left.splice(index, 1);
      return true;
    });
  };
  const agrees = (seen) =>
    seen.ran === seen.expectedRan &&
    seen.labels.length === seen.expectedLabels.length &&
    labelsMatch(seen.labels, seen.expectedLabels) &&
    (!seen.currentIsDrawnStep || seen.highlighted === seen.expectedHighlight);

  const presets = await page.evaluate(() => window.playground.presets);
  check('the page offers the presets of seeds 003 and 004, DeferredList, cancellation and pause', presets.length >= 14, presets.join(', '));
  for (const name of presets) {
    await page.selectOption('#preset', name);
    const start = await observe();
    check(`${name}: runs without error, with records to step through`, start.error === undefined && start.total > 0, start.error ?? 'no records');
    let disagreements = [];
    const forward = [];
    for (let position = 1; position <= start.total; position += 1) {
      await page.evaluate((to) => window.playground.goTo(to), position);
      const seen = await observe();
      forward.push(seen);
      if (!agrees(seen)) disagreements.push(`at ${position}: ${JSON.stringify(seen)}`);
    }
    check(`${name}: stepping forward, the drawing agrees with the trace at each of ${start.total} records`, disagreements.length === 0, disagreements.slice(0, 2).join('\n        '));
    disagreements = [];
    for (let position = start.total - 1; position >= 1; position -= 1) {
      await page.click('#back');
      const seen = await observe();
      const before = forward[position - 1];
      if (!agrees(seen) || seen.ran !== before.ran || seen.record !== before.record) disagreements.push(`at ${position}: ${JSON.stringify(seen)}`);
    }
    check(`${name}: stepping back restores each earlier drawing`, disagreements.length === 0, disagreements.slice(0, 2).join('\n        '));
    const end = forward[forward.length - 1];
    check(`${name}: at the end, boxes ran and the program's output is shown`, end !== undefined && end.ran > 0 && (name.startsWith('en-masse-1') || end.output !== '' || name === 'fire-on-one'), JSON.stringify(end));
  }

  // A program written in the editor.
  await page.fill('#code', "const d = new Deferred();\nd.addCallback(function shout(s) { return s.toUpperCase(); });\nd.callback('hello');\nlog(d.result);\n");
  await page.click('#run');
  await page.click('#last');
  const written = await observe();
  check('a program written in the editor runs and is drawn', written.error === undefined && written.output === 'HELLO' && written.ran === 1 && agrees(written), JSON.stringify(written));

  // A program with a syntax error: shown as an error, and the page still works.
  await page.fill('#code', 'const d = new Deferred(;\n');
  await page.click('#run');
  const broken = await observe();
  check('a syntax error is shown as an error, with nothing drawn', broken.error !== undefined && /SyntaxError/.test(broken.error) && broken.total === 0, JSON.stringify(broken));
  await page.selectOption('#preset', 'walk-through');
  await page.click('#last');
  const after = await observe();
  check('after an error the presets still run', after.error === undefined && after.ran > 0 && agrees(after), JSON.stringify(after));
  check('no uncaught error in the page', pageErrors.length === 0, pageErrors.join('\n'));

  if (values.screenshot) {
    await page.evaluate(() => window.playground.goTo(14));
    await page.screenshot({ path: join(root, 'docs', 'playground.png'), fullPage: false });
    process.stdout.write('wrote docs/playground.png\n');
  }
} finally {
  await browser.close();
  server.close();
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
