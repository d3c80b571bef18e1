/**
 * Two copies of txdefer in one process: the built ESM file (dist/index.mjs, what
 * `import 'txdefer'` loads) and the built CommonJS file (dist/index.cjs, what
 * `require('txdefer')` loads). An application gets both when one dependency imports
 * txdefer and another requires it (the "dual package hazard").
 *
 * The two copies define different classes, so `instanceof` cannot tell a Deferred
 * from the other copy. txdefer recognises its objects by a shared brand instead
 * (`Symbol.for`), and these specs show that the copies then work together: a
 * callback may return the other copy's Deferred, failures and cancellation cross
 * over, and `Failure.check` matches the other copy's error classes.
 *
 * The specs load dist/, so they build it first when it is missing or older than src/.
 */
import { expect } from 'chai';
import sinon from 'sinon';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { collectGarbage } from '../support/helpers.js';

/** One copy of the library; both builds have the API of src/index.ts. */
type Txdefer = typeof import('../../src/index.js');
type CopyName = 'ESM' | 'CJS';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const esmFile = join(root, 'dist', 'index.mjs');
const cjsFile = join(root, 'dist', 'index.cjs');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function distIsCurrent(): boolean {
  if (!existsSync(esmFile) || !existsSync(cjsFile)) return false;
  const built = Math.min(statSync(esmFile).mtimeMs, statSync(cjsFile).mtimeMs);
  return built >= newestMtime(join(root, 'src'));
}

const copies: Partial<Record<CopyName, Txdefer>> = {};

function copy(name: CopyName): Txdefer {
  const loaded = copies[name];
  if (loaded === undefined) throw new Error(`the ${name} build of txdefer was not loaded (see the before() hook)`);
  return loaded;
}

/** Adds a last step recording what reaches it; it returns undefined, so a failure counts as handled. */
function record(deferred: { addBoth(fn: (result: unknown) => unknown): unknown }): unknown[] {
  const seen: unknown[] = [];
  deferred.addBoth((result) => {
    seen.push(result);
    return undefined;
  });
  return seen;
}

/** "an ESM", "a CJS": the name with its article, for test titles. */
function an(name: CopyName): string {
  return name === 'ESM' ? 'an ESM' : 'a CJS';
}

const DIRECTIONS: ReadonlyArray<readonly [CopyName, CopyName]> = [
  ['ESM', 'CJS'],
  ['CJS', 'ESM'],
];

describe('Multiple copies of txdefer in one process (ESM build beside CommonJS build)', function () {
  before(async function () {
    if (!distIsCurrent()) {
      // Building takes a few seconds; CI builds before `npm test`, so there it is skipped.
      this.timeout(180_000);
      try {
        execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'pipe', encoding: 'utf8' });
      } catch (error) {
        const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
        throw new Error(`dist/ is missing or older than src/, and \`npm run build\` failed:\n${stdout}${stderr}`, { cause: error });
      }
    }
    copies.ESM = (await import(pathToFileURL(esmFile).href)) as Txdefer;
    copies.CJS = createRequire(import.meta.url)(cjsFile) as Txdefer;
  });

  describe('the hazard the brand solves', () => {
    it('the two builds define different Deferred, Failure and error classes', () => {
      const esm = copy('ESM');
      const cjs = copy('CJS');
      expect(esm.Deferred).to.not.equal(cjs.Deferred);
      expect(esm.Failure).to.not.equal(cjs.Failure);
      expect(esm.CancelledError).to.not.equal(cjs.CancelledError);
    });

    it('instanceof does not recognise the other copy\'s objects', () => {
      expect(new (copy('CJS').Deferred)()).to.not.be.an.instanceof(copy('ESM').Deferred);
      expect(new (copy('ESM').Failure)(new Error('x'))).to.not.be.an.instanceof(copy('CJS').Failure);
    });
  });

  describe('isDeferred and isFailure', () => {
    for (const [mine, theirs] of DIRECTIONS) {
      it(`${mine} isDeferred recognises ${theirs} Deferreds, fired or not`, () => {
        const other = copy(theirs);
        expect(copy(mine).isDeferred(new other.Deferred())).to.equal(true);
        expect(copy(mine).isDeferred(other.succeed(1))).to.equal(true);
      });

      it(`${mine} isFailure recognises ${theirs} Failures`, () => {
        expect(copy(mine).isFailure(new (copy(theirs).Failure)(new Error('x')))).to.equal(true);
      });
    }

    it('neither copy takes a Promise, a thenable or a plain object for a Deferred or a Failure', () => {
      for (const name of ['ESM', 'CJS'] as const) {
        const lib = copy(name);
        for (const value of [Promise.resolve(1), { then() {} }, { value: new Error('x') }, new Error('x'), null]) {
          expect(lib.isDeferred(value), `${name} isDeferred(${String(value)})`).to.equal(false);
          expect(lib.isFailure(value), `${name} isFailure(${String(value)})`).to.equal(false);
        }
      }
    });
  });

  describe('a callback returning the other copy\'s Deferred', () => {
    for (const [outerName, innerName] of DIRECTIONS) {
      it(`${an(outerName)} Deferred takes the result of ${an(innerName)} Deferred that has already fired`, () => {
        const inner = copy(innerName).succeed('inner result');
        const outer = copy(outerName).succeed('start').addCallback(() => inner);
        expect(record(outer)).to.deep.equal(['inner result']);
      });

      it(`the already-fired ${innerName} Deferred is left with the result undefined, as a chained Deferred is`, () => {
        const inner = copy(innerName).succeed('inner result');
        copy(outerName).succeed('start').addCallback(() => inner);
        expect(inner.result).to.equal(undefined);
      });

      it(`${an(outerName)} Deferred waits for ${an(innerName)} Deferred that fires later`, () => {
        const inner = new (copy(innerName).Deferred)<string>();
        const outer = copy(outerName).succeed('start').addCallback(() => inner);
        const seen = record(outer);
        expect(seen).to.deep.equal([]);
        expect(outer.result).to.equal(inner);
        inner.callback('later');
        expect(seen).to.deep.equal(['later']);
        expect(inner.result).to.equal(undefined);
      });

      it(`${an(outerName)} Deferred waiting on ${an(innerName)} one runs the callbacks added while it waited`, () => {
        const inner = new (copy(innerName).Deferred)<number>();
        const outer = copy(outerName).succeed(1).addCallback(() => inner);
        const later = outer.addCallback((n: number) => n * 10);
        const seen = record(later);
        inner.callback(4);
        expect(seen).to.deep.equal([40]);
      });

      it(`${an(outerName)} Deferred moves to its errback path when an already-failed ${innerName} Deferred is returned`, () => {
        const failure = new (copy(innerName).Failure)(new RangeError('inner failed'));
        const inner = new (copy(innerName).Deferred)();
        inner.errback(failure);
        const skipped = sinon.spy();
        const outer = copy(outerName).succeed('start').addCallback(() => inner).addCallback(skipped);
        const seen = record(outer);
        expect(skipped.called).to.equal(false);
        expect(seen).to.have.length(1);
        expect(seen[0]).to.equal(failure);
      });

      it(`${an(outerName)} Deferred moves to its errback path when the ${innerName} Deferred it waits on fails later`, () => {
        const inner = new (copy(innerName).Deferred)();
        const skipped = sinon.spy();
        const outer = copy(outerName).succeed('start').addCallback(() => inner).addCallback(skipped);
        const errback = sinon.spy((failure: unknown) => (failure as { getErrorMessage(): string }).getErrorMessage());
        outer.addErrback(errback);
        const failure = new (copy(innerName).Failure)(new RangeError('inner failed'));
        inner.errback(failure);
        expect(skipped.called).to.equal(false);
        expect(errback.calledOnceWith(failure)).to.equal(true);
        expect(errback.returnValues).to.deep.equal(['inner failed']);
      });

      it(`awaiting ${an(outerName)} Deferred that waits on ${an(innerName)} one gives the inner result`, async () => {
        const inner = new (copy(innerName).Deferred)<string>();
        const outer = copy(outerName).succeed('start').addCallback(() => inner);
        const awaited = (async () => outer)();
        inner.callback('awaited');
        expect(await awaited).to.equal('awaited');
      });

      it(`awaiting ${an(outerName)} Deferred whose ${innerName} inner Deferred fails throws the inner error`, async () => {
        const inner = new (copy(innerName).Deferred)<string>();
        const outer = copy(outerName).succeed('start').addCallback(() => inner);
        const awaited = (async () => outer)();
        const error = new RangeError('inner failed');
        inner.errback(error);
        let thrown: unknown;
        try {
          await awaited;
        } catch (caught) {
          thrown = caught;
        }
        expect(thrown).to.equal(error);
      });
    }

    it('a chain that crosses copies twice (ESM waits on CJS, which waits on ESM) delivers the innermost result', () => {
      const innermost = new (copy('ESM').Deferred)<string>();
      const middle = copy('CJS').succeed('middle').addCallback(() => innermost);
      const outer = copy('ESM').succeed('outer').addCallback(() => middle);
      const seen = record(outer);
      expect(seen).to.deep.equal([]);
      innermost.callback('innermost');
      expect(seen).to.deep.equal(['innermost']);
    });
  });

  describe('cancellation across copies', () => {
    for (const [outerName, innerName] of DIRECTIONS) {
      it(`cancelling ${an(outerName)} Deferred that waits on ${an(innerName)} Deferred cancels the ${innerName} one`, () => {
        const canceller = sinon.spy();
        const inner = new (copy(innerName).Deferred)<string>(canceller);
        const innerFailures: unknown[] = [];
        inner.addErrback((failure) => {
          innerFailures.push(failure.value);
          return failure;
        });
        const outer = copy(outerName).succeed('start').addCallback(() => inner);
        record(outer);
        outer.cancel();
        expect(canceller.calledOnceWith(inner)).to.equal(true);
        expect(innerFailures).to.have.length(1);
        expect(innerFailures[0]).to.be.an.instanceof(copy(innerName).CancelledError);
      });

      it(`the ${outerName} Deferred then fails with the ${innerName} CancelledError, which both copies' check() match`, () => {
        const inner = new (copy(innerName).Deferred)<string>();
        const outer = copy(outerName).succeed('start').addCallback(() => inner);
        const seen = record(outer);
        outer.cancel();
        expect(seen).to.have.length(1);
        const failure = seen[0] as InstanceType<Txdefer['Failure']>;
        expect(copy(outerName).isFailure(failure)).to.equal(true);
        expect(failure.value).to.be.an.instanceof(copy(innerName).CancelledError);
        expect(failure.check(copy(outerName).CancelledError)).to.equal(copy(outerName).CancelledError);
        expect(failure.check(copy(innerName).CancelledError)).to.equal(copy(innerName).CancelledError);
      });

      it(`a canceller of the ${innerName} Deferred that fires it with a value gives the ${outerName} Deferred that value`, () => {
        const inner = new (copy(innerName).Deferred)<string>((self) => {
          self.callback('cancelled politely');
        });
        const outer = copy(outerName).succeed('start').addCallback(() => inner);
        const seen = record(outer);
        outer.cancel();
        expect(seen).to.deep.equal(['cancelled politely']);
      });
    }
  });

  describe('Failure.check and trap across copies', () => {
    const ERROR_CLASSES = ['AlreadyCalledError', 'CancelledError', 'TimeoutError', 'NoCurrentExceptionError'] as const;
    for (const [mine, theirs] of DIRECTIONS) {
      for (const errorClass of ERROR_CLASSES) {
        it(`${mine} Failure.check(${errorClass}) matches ${an(theirs)} ${errorClass}`, () => {
          const failure = new (copy(mine).Failure)(new (copy(theirs)[errorClass])());
          expect(failure.check(copy(mine)[errorClass])).to.equal(copy(mine)[errorClass]);
        });
      }

      it(`${mine} Failure.trap(CancelledError) returns its own class for ${an(theirs)} CancelledError`, () => {
        const failure = new (copy(mine).Failure)(new (copy(theirs).CancelledError)());
        expect(failure.trap(copy(mine).TimeoutError, copy(mine).CancelledError)).to.equal(copy(mine).CancelledError);
      });

      it(`${mine} Failure.check does not match ${an(theirs)} CancelledError against a different txdefer error class`, () => {
        const failure = new (copy(mine).Failure)(new (copy(theirs).CancelledError)());
        expect(failure.check(copy(mine).TimeoutError, copy(mine).AlreadyCalledError)).to.equal(undefined);
        expect(() => failure.trap(copy(mine).TimeoutError)).to.throw(copy(theirs).CancelledError);
      });

      it(`${mine} Failure.check(CancelledError) matches a user subclass of the ${theirs} CancelledError`, () => {
        class ShutdownError extends copy(theirs).CancelledError {}
        const failure = new (copy(mine).Failure)(new ShutdownError());
        expect(failure.check(copy(mine).CancelledError)).to.equal(copy(mine).CancelledError);
      });

      it(`an AlreadyCalledError thrown by ${an(theirs)} Deferred is matched by ${mine} Failure.check`, () => {
        const deferred = copy(theirs).succeed(1);
        let thrown: unknown;
        try {
          deferred.callback(2);
        } catch (error) {
          thrown = error;
        }
        expect(new (copy(mine).Failure)(thrown).check(copy(mine).AlreadyCalledError)).to.equal(copy(mine).AlreadyCalledError);
      });
    }
  });

  describe('firing and chaining with the other copy\'s objects', () => {
    for (const [mine, theirs] of DIRECTIONS) {
      it(`${mine} errback() given ${an(theirs)} Failure passes that same Failure down the chain`, () => {
        const failure = new (copy(theirs).Failure)(new RangeError('theirs'));
        const deferred = new (copy(mine).Deferred)();
        const seen = record(deferred);
        deferred.errback(failure);
        expect(seen).to.have.length(1);
        expect(seen[0]).to.equal(failure);
      });

      it(`${an(mine)} callback returning ${an(theirs)} Failure moves to the errback path with that same Failure`, () => {
        const failure = new (copy(theirs).Failure)(new RangeError('returned'));
        const skipped = sinon.spy();
        const deferred = copy(mine).succeed(1).addCallback(() => failure).addCallback(skipped);
        const seen = record(deferred);
        expect(skipped.called).to.equal(false);
        expect(seen[0]).to.equal(failure);
      });

      it(`${an(mine)} callback that throws ${an(theirs)} Failure moves to the errback path with a Failure of the same value`, () => {
        const failure = new (copy(theirs).Failure)(new RangeError('thrown'));
        const deferred = copy(mine).succeed(1).addCallback(() => {
          throw failure;
        });
        const seen = record(deferred);
        expect(seen).to.have.length(1);
        expect(copy(mine).isFailure(seen[0])).to.equal(true);
        expect((seen[0] as { value: unknown }).value).to.equal(failure.value);
      });

      it(`new ${mine} Failure(${theirs} Failure) copies the other Failure: the same value`, () => {
        const failure = new (copy(theirs).Failure)(new RangeError('copied'));
        expect(new (copy(mine).Failure)(failure).value).to.equal(failure.value);
      });

      it(`${mine} callback() given ${an(theirs)} Deferred is refused with a TypeError, as for its own Deferreds`, () => {
        const deferred = new (copy(mine).Deferred)<unknown>();
        expect(() => deferred.callback(new (copy(theirs).Deferred)())).to.throw(TypeError, /was given a Deferred/);
        expect(deferred.called).to.equal(false);
      });

      it(`${mine} succeed() given ${an(theirs)} Deferred is refused with a TypeError`, () => {
        expect(() => copy(mine).succeed(new (copy(theirs).Deferred)())).to.throw(TypeError);
      });

      it(`${mine} chainDeferred() to ${an(theirs)} Deferred fires it with the result`, () => {
        const target = new (copy(theirs).Deferred)<string>();
        const seen = record(target);
        const source = new (copy(mine).Deferred)<string>();
        source.chainDeferred(target);
        source.callback('passed on');
        expect(seen).to.deep.equal(['passed on']);
        expect(source.result).to.equal(undefined);
      });
    }
  });

  describe('long chainDeferred chains alternating between the copies (issue 9, item 6)', () => {
    /** `count` links alternating ESM, CJS, ESM, ...: each chained to the next. */
    function alternatingLinks(count: number): Array<InstanceType<Txdefer['Deferred']>> {
      const all: Array<InstanceType<Txdefer['Deferred']>> = [];
      for (let i = 0; i < count; i += 1) {
        const next = new (copy(i % 2 === 0 ? 'ESM' : 'CJS').Deferred)<unknown>();
        all[all.length - 1]?.chainDeferred(next);
        all.push(next);
      }
      return all;
    }

    it('200 alternating links carry the value to the last link', () => {
      const all = alternatingLinks(200);
      const seen = record(all[all.length - 1] as InstanceType<Txdefer['Deferred']>);
      all[0]?.callback('across the copies');
      expect(seen).to.deep.equal(['across the copies']);
    });

    it('5,000 alternating links (each crossing is a nested call) leave no Deferred dead, however deep the stack goes', () => {
      const all = alternatingLinks(5000);
      const last = all[all.length - 1] as InstanceType<Txdefer['Deferred']>;
      last.addErrback(() => undefined);
      try {
        all[0]?.callback('deep');
      } catch {
        // A stack overflow may escape to the caller, as Twisted's RecursionError does.
      }
      // Whatever happened, every link that was fired runs a callback added now, at once.
      const dead = all.filter((d) => {
        if (!d.called) return false;
        let ran = false;
        d.addBoth((result) => {
          ran = true;
          return copy('ESM').isFailure(result) ? undefined : result;
        });
        return !ran;
      });
      expect(dead).to.have.length(0);
    });
  });

  describe('combining the other copy\'s Deferreds', () => {
    for (const [mine, theirs] of DIRECTIONS) {
      it(`${mine} DeferredList records ${theirs} members as they fire, in input order`, () => {
        const [a, b] = [new (copy(theirs).Deferred)<string>(), new (copy(theirs).Deferred)<string>()];
        const list = new (copy(mine).DeferredList)<string>([a, b]);
        b.callback('b');
        expect(list.resultList).to.deep.equal([undefined, [true, 'b']]);
        a.callback('a');
        expect(record(list)).to.deep.equal([[[true, 'a'], [true, 'b']]]);
      });

      it(`${mine} gatherResults fails with FirstError when ${an(theirs)} member fails, and consumes it on request`, () => {
        const member = new (copy(theirs).Deferred)<string>();
        const gathered = copy(mine).gatherResults([member], true);
        member.errback(new RangeError('member failed'));
        const [failure] = record(gathered) as [InstanceType<Txdefer['Failure']>];
        expect(failure.check(copy(mine).FirstError)).to.equal(copy(mine).FirstError);
        expect(record(member)).to.deep.equal([undefined]);
      });
    }
  });

  describe('maybeDeferred across copies', () => {
    for (const [mine, theirs] of DIRECTIONS) {
      it(`${mine} maybeDeferred of a function returning ${an(theirs)} Deferred returns that Deferred`, () => {
        const theirDeferred = new (copy(theirs).Deferred)<number>();
        expect(copy(mine).maybeDeferred(() => theirDeferred)).to.equal(theirDeferred);
      });

      it(`${mine} maybeDeferred of a function returning ${an(theirs)} Failure fails with that Failure`, () => {
        const failure = new (copy(theirs).Failure)(new RangeError('returned'));
        const seen = record(copy(mine).maybeDeferred(() => failure));
        expect(seen).to.have.length(1);
        expect(seen[0]).to.equal(failure);
      });
    }
  });

  describe('unhandled failures across copies', () => {
    it('a failure taken over from the other copy is reported once, by the copy whose Deferred ends holding it', async function () {
      this.timeout(10_000);
      const esmLog = copy('ESM').captureUnhandledErrors();
      const cjsLog = copy('CJS').captureUnhandledErrors();
      try {
        (() => {
          const inner = new (copy('CJS').Deferred)();
          copy('ESM').succeed('start').addCallback(() => inner);
          inner.errback(new RangeError('nobody handled this'));
        })();
        await collectGarbage();
        expect(esmLog.flush(RangeError).map((failure) => failure.getErrorMessage())).to.deep.equal(['nobody handled this']);
        expect(cjsLog.flush()).to.deep.equal([]);
      } finally {
        esmLog.stop();
        cjsLog.stop();
      }
    });

    it('a failure from the other copy that is handled is reported by neither copy', async function () {
      this.timeout(10_000);
      const esmLog = copy('ESM').captureUnhandledErrors();
      const cjsLog = copy('CJS').captureUnhandledErrors();
      try {
        (() => {
          const inner = new (copy('CJS').Deferred)();
          copy('ESM').succeed('start').addCallback(() => inner).addErrback(() => 'handled');
          inner.errback(new RangeError('handled on the ESM side'));
        })();
        await collectGarbage();
        expect(esmLog.flush()).to.deep.equal([]);
        expect(cjsLog.flush()).to.deep.equal([]);
      } finally {
        esmLog.stop();
        cjsLog.stop();
      }
    });
  });
});
