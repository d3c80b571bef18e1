/**
 * The pictures of a trace: the text ladder, the Mermaid flowchart, the SVG document and
 * the one-line state summary.
 *
 * Golden files: spec/teaching/golden/NAME.ladder.txt and NAME.mmd hold the pictures of
 * each program of spec/teaching/programs.ts (seeds 003 and 004), drawn from
 * `renumbered()` records so that the Deferred numbers do not depend on what ran before.
 * After a deliberate change to a picture, write them again with
 *
 *   UPDATE_GOLDEN=1 npx mocha spec/teaching/pictures.spec.ts
 *
 * and read the diff before committing.
 */
import { expect } from 'chai';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Deferred, fail, succeed } from '../../src/index.js';
import {
  describeState,
  draw,
  drawLadder,
  drawMermaid,
  drawSvg,
  renumbered,
  trace,
  traceAll,
  UnknownPictureFormatError,
} from '../../src/teaching/index.js';
import { PROGRAMS } from './programs.js';

/** Compare `text` with golden file `name` (found when first needed: the browser run leaves these specs out). */
function matchesGolden(name: string, text: string): void {
  const UPDATE = process.env.UPDATE_GOLDEN === '1';
  const path = join(dirname(fileURLToPath(import.meta.url)), 'golden', name);
  if (UPDATE || !existsSync(path)) {
    if (!UPDATE) throw new Error(`no golden file ${name}: run with UPDATE_GOLDEN=1 to write it`);
    writeFileSync(path, `${text}\n`);
  }
  expect(`${text}\n`).to.equal(readFileSync(path, 'utf8'));
}

/** Checks that `svg` is well-formed XML as far as tags go: every tag closed, in order, and no bare `&` or `<` in text. */
function expectWellFormed(svg: string): void {
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)([^>]*?)(\/?)>|&(?!(amp|lt|gt|quot|apos);)/g)) {
    if (match[0].startsWith('&')) throw new Error(`a bare & in the SVG at ${match.index}`);
    const [, closing, name, , selfClosing] = match;
    if (selfClosing === '/') continue;
    if (closing === '/') expect(stack.pop(), `closing </${name}>`).to.equal(name);
    else stack.push(name as string);
  }
  expect(stack).to.deep.equal([]);
}

describe('teaching: pictures of a trace', () => {
  describe('golden pictures of the source posts\' programs', () => {
    for (const [name, run] of Object.entries(PROGRAMS)) {
      it(`${name}: the ladder and the Mermaid flowchart are the recorded ones`, () => {
        const { trace: recorded, main } = run();
        const records = renumbered(recorded);
        // The main Deferred's number among the renumbered records: same position, new number.
        const mainId = Number(/#(\d+)/.exec(String(main))?.[1]);
        const start = records[recorded.records.findIndex((record) => record.deferred === mainId)]?.deferred ?? 1;
        matchesGolden(`${name}.ladder.txt`, drawLadder(records, { deferred: start }));
        matchesGolden(`${name}.mmd`, drawMermaid(records, { deferred: start }));
      });
    }
  });

  describe('drawLadder', () => {
    it('marks the box that ran, with the value in and out, and a pass-through half as -', () => {
      const d = new Deferred<number>();
      const t = trace(d);
      d.addCallback(function double(n: number) {
        return n * 2;
      });
      d.callback(4);
      t.stop();
      expect(drawLadder(t)).to.match(/ {3}0 {3}\[double\]\* +- +4 -> 8/);
    });

    it('draws the path crossing to the errbacks where a callback throws, and back where an errback recovers', () => {
      const d = new Deferred<number>();
      const t = trace(d);
      d.addCallback((): number => {
        throw new Error('x');
      });
      d.addErrback(() => 1);
      d.addCallback((n) => n);
      d.callback(0);
      t.stop();
      const lines = drawLadder(t).split('\n');
      expect(lines.filter((line) => /^ +'-+\.$/.test(line))).to.have.length(1);
      expect(lines.filter((line) => /^ +\.-+'$/.test(line))).to.have.length(1);
    });

    it('shows pairs the chain has not reached as not run, and what it waits on', () => {
      const d = new Deferred<number>();
      const inner = new Deferred<number>();
      const t = trace(d);
      d.addCallback(() => inner);
      d.addCallback(function later(n: number) {
        return n;
      });
      d.callback(1);
      t.stop();
      const picture = drawLadder(t, { alone: true });
      expect(picture).to.match(/~ waiting on #\d+/);
      expect(picture).to.match(/\[later\] +- +not run/);
    });

    it('draws a Deferred waited on beside the one that waits, when they fit', () => {
      const d = new Deferred<number>();
      const inner = new Deferred<number>();
      const t = trace(d);
      d.addCallback(() => inner);
      d.callback(1);
      inner.callback(2);
      t.stop();
      const first = drawLadder(t, { width: 1000 }).split('\n')[0] as string;
      expect(first).to.match(/^Deferred #\d+ +Deferred #\d+$/);
      const stacked = drawLadder(t, { width: 40 }).split('\n');
      expect(stacked.filter((line) => /^Deferred #\d+$/.test(line))).to.have.length(2);
    });

    it('a chain of a million pairs draws in bounded space, saying how many rows were left out', function () {
      this.timeout(60_000);
      const d = new Deferred<number>();
      const t = trace(d);
      for (let index = 0; index < 1_000_000; index += 1) d.addCallback((n: number) => n + 1);
      d.callback(0);
      t.stop();
      const picture = drawLadder(t, { maxRows: 10 });
      expect(picture).to.include('... 999990 rows left out (rows 5 to 999994) ...');
      expect(picture.split('\n').length).to.be.below(40);
      expect(picture).to.match(/999999 -> 1000000/);
    });

    it('an empty trace says so', () => {
      expect(drawLadder([])).to.equal('(an empty trace: nothing happened while it was on)');
    });

    it('refuses what is not a trace, a bad maxRows and a Deferred not in the trace, naming what was wrong', () => {
      expect(() => drawLadder(42)).to.throw(TypeError, /drawLadder: expected a Trace or an array of trace records, got .*42/);
      expect(() => drawLadder([], { maxRows: 1 })).to.throw(RangeError, /`maxRows` must be a whole number of at least 2, got .*1/);
      const t = trace(succeed(1));
      t.stop();
      expect(() => drawLadder(t, { deferred: -5 })).to.throw(RangeError, /no Deferred #-5 in this trace/);
    });
  });

  describe('drawMermaid', () => {
    it('quotes every label, so values with quotes and brackets cannot break the diagram', () => {
      const d = new Deferred<string>();
      const t = trace(d);
      d.addCallback((s: string) => `"${s}" <b>[x]</b>`);
      d.callback('a "b"');
      t.stop();
      const text = drawMermaid(t);
      expect(text.startsWith('flowchart TD\n')).to.equal(true);
      for (const line of text.split('\n')) {
        const labels = line.match(/"[^"]*"/g) ?? [];
        for (const label of labels) expect(label.slice(1, -1)).to.not.match(/["<>]/);
      }
      expect(text).to.include('#quot;');
    });
  });

  describe('long chains and waits in every picture', () => {
    function longChain(pairs: number): ReturnType<typeof trace> {
      const d = new Deferred<number>();
      const t = trace(d);
      for (let index = 0; index < pairs; index += 1) d.addCallback((n: number) => n + 1);
      d.callback(0);
      t.stop();
      return t;
    }

    it('drawMermaid leaves out the middle rows of a long chain, in a box saying how many', () => {
      const text = drawMermaid(longChain(50), { maxRows: 4 });
      expect(text).to.include('["... 46 rows left out ..."]');
      expect(text.match(/_\d+c\[/g)).to.have.length(4);
    });

    it('drawSvg leaves out the middle rows of a long chain, and says how many', () => {
      const svg = drawSvg(longChain(50), { maxRows: 4 });
      expect(svg).to.include('… 46 rows left out …');
      expect(svg.match(/<rect class="box/g)).to.have.length(8);
      expectWellFormed(svg);
    });

    it('drawMermaid and drawSvg draw the wait on another Deferred and the hand-over of its result', () => {
      const outer = new Deferred<number>();
      const inner = new Deferred<number>();
      const t = trace(outer);
      outer.addCallback(() => inner).addCallback((n: number) => n);
      outer.callback(0);
      inner.callback(3);
      t.stop();
      const mermaid = drawMermaid(t);
      expect(mermaid).to.match(/-\. "waits on" \.-> d\d+_start/);
      expect(mermaid).to.match(/-\. "hands 3 to" \.-> d\d+/);
      expect(mermaid).to.match(/-- "3" -->/);
      const svg = drawSvg(t);
      expect(svg).to.match(/<path class="wait"/);
      expect(svg).to.include('waits on #');
      expect(svg.match(/<g class="deferred"/g)).to.have.length(2);
    });

    it('bad options are refused by every picture, naming them', () => {
      expect(() => drawMermaid([], { maxRows: 0 })).to.throw(RangeError, /drawMermaid: `maxRows`/);
      expect(() => drawSvg([], null as never)).to.throw(TypeError, /drawSvg: `options` must be an object/);
      expect(() => drawMermaid('trace')).to.throw(TypeError, /drawMermaid: expected a Trace/);
      expect(() => drawLadder([], { width: -1 })).to.throw(RangeError, /drawLadder: `width` must be a positive number/);
    });
  });

  describe('drawSvg', () => {
    it('is a standalone, well-formed SVG document with one box per half, the ones that ran marked', () => {
      const d = fail<number>(new Error('<&>'));
      const t = trace(d);
      d.addCallbacks(
        (n: number) => n,
        () => 1,
      );
      t.stop();
      const svg = drawSvg(t);
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).to.equal(true);
      expectWellFormed(svg);
      expect(svg.match(/<rect class="box/g)).to.have.length(2);
      expect(svg.match(/data-ran="true"/g)).to.have.length(1);
      expect(svg).to.not.match(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    });

    it('stays well-formed for every golden program', () => {
      for (const run of Object.values(PROGRAMS)) expectWellFormed(drawSvg(run().trace));
    });
  });

  describe('draw', () => {
    it('draws in the format named', () => {
      const t = traceAll();
      succeed(1).addCallback((n) => n);
      t.stop();
      expect(draw(t, 'ladder')).to.equal(drawLadder(t));
      expect(draw(t, 'mermaid')).to.equal(drawMermaid(t));
      expect(draw(t, 'svg')).to.equal(drawSvg(t));
    });

    it('an unknown format is an UnknownPictureFormatError naming it and the known ones', () => {
      expect(() => draw([], 'png' as never)).to.throw(UnknownPictureFormatError, /draw: unknown picture format .*'png'; the formats are 'ladder', 'mermaid', 'svg'/);
      expect(new UnknownPictureFormatError('x')).to.be.instanceOf(TypeError);
    });
  });

  describe('describeState', () => {
    it('says a Deferred has not fired, with its pauses and pairs to run', () => {
      const d = new Deferred<number>();
      d.addCallback((n) => n);
      d.pause();
      expect(describeState(d)).to.match(/^<Deferred #\d+> not fired, paused ×1, 1 pair to run$/);
    });

    it('says what it fired with, or failed with', () => {
      expect(describeState(succeed('orange'))).to.match(/> fired with 'orange'$/);
      const failed = fail(new RangeError('no'));
      expect(describeState(failed)).to.match(/> failed with Failure\(RangeError: no\)$/);
      failed.addErrback(() => undefined);
    });

    it('says it is waiting on another, without counting the wait as a pause', () => {
      const d = new Deferred<number>();
      const inner = new Deferred<number>();
      d.addCallback(() => inner);
      d.callback(0);
      expect(describeState(d)).to.equal(`<Deferred #${/#(\d+)/.exec(String(d))?.[1]}> waiting on #${/#(\d+)/.exec(String(inner))?.[1]}`);
    });

    it('says a cancelled Deferred is cancelled', () => {
      const d = new Deferred<number>();
      d.cancel();
      expect(describeState(d)).to.match(/> cancelled$/);
      d.addErrback(() => undefined);
    });

    it('refuses what is not a Deferred', () => {
      expect(() => describeState({} as never)).to.throw(TypeError, /describeState: `deferred` must be a Deferred, got/);
    });
  });
});
