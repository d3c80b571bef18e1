/**
 * FilesystemLock and DeferredFilesystemLock, from txdefer/node (reference E.8, C.7.10;
 * Twisted's DeferredFilesystemLockTests), in a temporary directory, on a Clock.
 *
 * Each `it` is backed by the line with the same label in spec/oracle/node_lockfile.out,
 * printed by real Twisted.
 */
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancelledError, Clock, type Deferred, TimeoutError } from '../../src/index.js';
import { AlreadyTryingToLockError, DeferredFilesystemLock, FilesystemLock } from '../../src/node/index.js';
import { assertNoResult, failureResultOf, successResultOf } from '../../src/testing/index.js';

/** The pid of a process that has exited. */
function deadPid(): number {
  const run = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(run.stdout);
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

describe('FilesystemLock and DeferredFilesystemLock (txdefer/node)', () => {
  let directory: string;
  let name: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'txdefer-lock-'));
    name = join(directory, 'lock');
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  describe('FilesystemLock', () => {
    it('a free lock is taken, cleanly', () => {
      const lock = new FilesystemLock(name);
      expect([lock.lock(), lock.locked, lock.clean]).to.deep.equal([true, true, true]);
    });

    it("the lock is a symbolic link to the holder's pid", () => {
      new FilesystemLock(name).lock();
      expect(readlinkSync(name)).to.equal(String(process.pid));
    });

    it('taking it again from another object fails', () => {
      new FilesystemLock(name).lock();
      expect(new FilesystemLock(name).lock()).to.equal(false);
    });

    it('unlock removes the link', () => {
      const lock = new FilesystemLock(name);
      lock.lock();
      lock.unlock();
      expect([exists(name), lock.locked]).to.deep.equal([false, false]);
    });

    it('a lock held by a running process is not taken; unlock of a lock held by another process raises', async () => {
      const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
      try {
        symlinkSync(String(sleeper.pid), name);
        expect(new FilesystemLock(name).lock()).to.equal(false);
        expect(() => new FilesystemLock(name).unlock()).to.throw(Error, `Lock '${name}' not owned by this process`);
      } finally {
        sleeper.kill();
        await new Promise((resolve) => sleeper.once('exit', resolve));
      }
    });

    it('a stale lock (its holder no longer runs) is taken over, not cleanly', () => {
      symlinkSync(String(deadPid()), name);
      const lock = new FilesystemLock(name);
      expect([lock.lock(), lock.clean]).to.deep.equal([true, false]);
      expect(readlinkSync(name)).to.equal(String(process.pid));
    });

    it('other file-system errors are thrown (a missing directory)', () => {
      expect(() => new FilesystemLock(join(directory, 'missing', 'lock')).lock()).to.throw(Error, /ENOENT/);
    });

    it('unlock with no lock throws ENOENT', () => {
      expect(() => new FilesystemLock(name).unlock()).to.throw(Error, /ENOENT/);
    });
  });

  describe('DeferredFilesystemLock on a Clock', () => {
    it('deferUntilLocked on a free lock fires at once', () => {
      const lock = new DeferredFilesystemLock(name, new Clock());
      expect(successResultOf(lock.deferUntilLocked())).to.equal(undefined);
      expect(lock.locked).to.equal(true);
    });

    it('a taken lock: no result yet; test_waitUntilLockedWithTimeoutLocked', () => {
      const clock = new Clock();
      new FilesystemLock(name).lock();
      const d = new DeferredFilesystemLock(name, clock).deferUntilLocked(5.5);
      assertNoResult(d);
      clock.pump(Array<number>(10).fill(1));
      const failure = failureResultOf(d, TimeoutError);
      expect(failure.getErrorMessage()).to.equal(`Timed out acquiring lock: ${name} after 5.500000s`);
    });

    it('test_waitUntilLockedWithTimeoutUnlocked', () => {
      const clock = new Clock();
      const holder = new FilesystemLock(name);
      holder.lock();
      const lock = new DeferredFilesystemLock(name, clock);
      const d = lock.deferUntilLocked(10);
      clock.callLater(1, () => {
        holder.unlock();
      });
      clock.pump(Array<number>(10).fill(1));
      expect(successResultOf(d)).to.equal(undefined);
      expect(clock.getDelayedCalls()).to.deep.equal([]);
    });

    it('test_defaultScheduler', async () => {
      const lock = new DeferredFilesystemLock(name);
      expect(lock.scheduler).to.have.property('callLater');
      expect(await lock.deferUntilLocked()).to.equal(undefined);
    });

    it('test_concurrentUsage', () => {
      new FilesystemLock(name).lock();
      const lock = new DeferredFilesystemLock(name, new Clock());
      const d1 = lock.deferUntilLocked();
      const failure = failureResultOf(lock.deferUntilLocked(), AlreadyTryingToLockError);
      expect(failure.getErrorMessage()).to.equal("deferUntilLocked isn't safe for concurrent use.");
      d1.cancel();
      failureResultOf(d1, CancelledError);
    });

    it('test_cancelDeferUntilLocked', () => {
      const clock = new Clock();
      new FilesystemLock(name).lock();
      const d = new DeferredFilesystemLock(name, clock).deferUntilLocked();
      expect(clock.getDelayedCalls()).to.have.length(1);
      d.cancel();
      failureResultOf(d, CancelledError);
      expect(clock.getDelayedCalls()).to.have.length(0);
    });

    it('test_cancelDeferUntilLockedWithTimeout', () => {
      const clock = new Clock();
      new FilesystemLock(name).lock();
      const d = new DeferredFilesystemLock(name, clock).deferUntilLocked(5);
      expect(clock.getDelayedCalls()).to.have.length(2);
      d.cancel();
      failureResultOf(d, CancelledError);
      expect(clock.getDelayedCalls()).to.have.length(0);
    });

    it('test_multipleUsages', () => {
      const lock = new DeferredFilesystemLock(name, new Clock());
      successResultOf(lock.deferUntilLocked());
      lock.unlock();
      successResultOf(lock.deferUntilLocked());
    });

    it('cancelling makes one last attempt, which may take the lock', () => {
      const holder = new FilesystemLock(name);
      holder.lock();
      const lock = new DeferredFilesystemLock(name, new Clock());
      const d = lock.deferUntilLocked();
      holder.unlock();
      d.cancel();
      expect(successResultOf(d)).to.equal(undefined);
      expect(lock.locked).to.equal(true);
    });

    it('a stale lock is taken over by deferUntilLocked too', () => {
      symlinkSync(String(deadPid()), name);
      const lock = new DeferredFilesystemLock(name, new Clock());
      successResultOf(lock.deferUntilLocked());
      expect(lock.clean).to.equal(false);
    });

    it('tries every DeferredFilesystemLock.interval seconds', () => {
      const clock = new Clock();
      const holder = new FilesystemLock(name);
      holder.lock();
      const d: Deferred<undefined> = new DeferredFilesystemLock(name, clock).deferUntilLocked();
      expect(DeferredFilesystemLock.interval).to.equal(1);
      holder.unlock();
      clock.advance(0.5);
      assertNoResult(d);
      clock.advance(0.5);
      successResultOf(d);
    });
  });

  describe('bad input', () => {
    it('a name that is not a non-empty string, a scheduler without callLater, a timeout that is not a number: named errors', () => {
      expect(() => new FilesystemLock('')).to.throw(TypeError, "FilesystemLock: `name` must be the lock file's path");
      expect(() => new DeferredFilesystemLock(42 as never)).to.throw(TypeError, 'DeferredFilesystemLock: `name`');
      expect(() => new DeferredFilesystemLock(name, {} as never)).to.throw(TypeError, '`scheduler` must have a callLater');
      const lock = new DeferredFilesystemLock(name, new Clock());
      expect(() => lock.deferUntilLocked('5' as never)).to.throw(TypeError, '`timeout` must be a number of seconds');
      expect(() => lock.deferUntilLocked(Number.NaN)).to.throw(RangeError, 'got NaN');
      expect(existsSync(name)).to.equal(false);
    });
  });
});
