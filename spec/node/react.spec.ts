/**
 * react (twisted.internet.task.react), from txdefer/node: each program of
 * spec/oracle/node_react.py runs in a Node process of its own (spec/node/fixtures), and
 * its exit code and what it reported are checked against what Twisted's did
 * (spec/oracle/node_react.out); the rest runs in this process, with `options.exit`.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Clock,
  Deferred,
  deferLater,
  fail,
  NotACoroutineError,
  setUnhandledErrorHandler,
  succeed,
  type UnhandledErrorReport,
} from '../../src/index.js';
import { react, SystemExit } from '../../src/node/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function runProgram(scenario: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import=tsx/esm', 'spec/node/fixtures/react-program.ts', scenario], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout.trim(), stderr: run.stderr };
}

describe('react (txdefer/node)', function () {
  this.timeout(60_000);

  describe('in a process of its own', () => {
    it('success exits with code 0', () => {
      const run = runProgram('success');
      expect([run.status, run.stdout, run.stderr.includes('main function encountered error')]).to.deep.equal([0, '', false]);
    });

    it('a failure is reported and exits with code 1', () => {
      const run = runProgram('failure');
      expect([run.status, run.stdout, run.stderr.includes('main function encountered error')]).to.deep.equal([1, '', true]);
      expect(run.stderr).to.include('RangeError: broken');
    });

    it('a SystemExit failure exits with its code', () => {
      const run = runProgram('system-exit');
      expect([run.status, run.stdout, run.stderr.includes('main function encountered error')]).to.deep.equal([3, '', false]);
    });

    it('main gets its arguments after the reactor', () => {
      const run = runProgram('arguments');
      expect([run.status, run.stdout]).to.deep.equal([0, 'one two']);
    });

    it('main returning neither a Deferred nor a coroutine raises', () => {
      const run = runProgram('not-a-coroutine');
      expect(run.status).to.equal(1);
      expect(run.stderr).to.include('NotACoroutineError: 42 is not a coroutine or a Deferred');
    });
  });

  describe('with options.exit and options.clock', () => {
    it('exits when the Deferred fires, not before', () => {
      const clock = new Clock();
      const codes: number[] = [];
      react((c) => deferLater(c, 5, () => 'done'), [], { clock, exit: (code) => codes.push(code) });
      clock.advance(4);
      expect(codes).to.deep.equal([]);
      clock.advance(1);
      expect(codes).to.deep.equal([0]);
    });

    it('main is called at once, with the clock first', () => {
      const clock = new Clock();
      const seen: unknown[] = [];
      react(
        (c, x: number) => {
          seen.push(c, x);
          return succeed(undefined);
        },
        [7],
        { clock, exit: () => undefined },
      );
      expect(seen).to.deep.equal([clock, 7]);
    });

    it('a generator or a Promise from main is waited for', async () => {
      const codes: number[] = [];
      react(
        function* () {
          yield succeed(1);
        },
        [],
        { exit: (code) => codes.push(code) },
      );
      let done!: () => void;
      const finished = new Promise<void>((resolve) => {
        done = resolve;
      });
      react(() => Promise.resolve(2), [], {
        exit: (code) => {
          codes.push(code);
          done();
        },
      });
      await finished;
      expect(codes).to.deep.equal([0, 0]);
    });

    it('any other failure is reported as "main function encountered error" and gives 1', () => {
      const reports: UnhandledErrorReport[] = [];
      const previous = setUnhandledErrorHandler((report) => reports.push(report));
      try {
        const codes: number[] = [];
        react(() => fail(new RangeError('broken')), [], { exit: (code) => codes.push(code) });
        expect(codes).to.deep.equal([1]);
        expect(reports.map((report) => [report.heading, report.failure.typeName])).to.deep.equal([
          ['main function encountered error', 'RangeError'],
        ]);
      } finally {
        setUnhandledErrorHandler(previous);
      }
    });

    it('what main throws is thrown from react', () => {
      const boom = new RangeError('at once');
      expect(() =>
        react(
          () => {
            throw boom;
          },
          [],
          { exit: () => undefined },
        ),
      ).to.throw(boom);
    });

    it('main returning something else throws NotACoroutineError', () => {
      expect(() => react(() => 42 as never, [], { exit: () => undefined })).to.throw(
        NotACoroutineError,
        '42 is not a coroutine or a Deferred',
      );
    });

    it('SystemExit(code) keeps its code; codes outside 0-255 are a RangeError', () => {
      expect(new SystemExit(3).code).to.equal(3);
      expect(new SystemExit().code).to.equal(0);
      expect(() => new SystemExit(256)).to.throw(RangeError, '`code` must be an integer from 0 to 255');
      expect(() => new SystemExit(1.5)).to.throw(RangeError);
      expect(() => new SystemExit('2' as never)).to.throw(TypeError, '`code` must be a number, got string');
    });

    it('a Deferred that never fires never exits', () => {
      const codes: number[] = [];
      react(() => new Deferred(), [], { exit: (code) => codes.push(code) });
      expect(codes).to.deep.equal([]);
    });
  });

  describe('bad input', () => {
    it('main that is not a function, argv that is not an array, options that are not an object: TypeErrors', () => {
      expect(() => react(42 as never)).to.throw(TypeError, 'react: `main` must be a function, got number 42');
      expect(() => react(() => succeed(1), 'ab' as never)).to.throw(TypeError, 'react: `argv` must be an array');
      expect(() => react(() => succeed(1), [], 5 as never)).to.throw(TypeError, 'react: `options` must be an object');
      expect(() => react(() => succeed(1), [], { exit: 5 as never })).to.throw(TypeError, 'react: `options.exit` must be a function');
    });
  });
});
