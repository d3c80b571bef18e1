/**
 * FilesystemLock (twisted.python.lockfile) and DeferredFilesystemLock
 * (twisted.internet.defer): a lock between processes, held by a file.
 *
 * The lock is a symbolic link whose content is the holder's process id. Creating a
 * symbolic link is atomic and fails if the name exists, so at most one process holds it;
 * removing the link releases it. What `lock()` does, as Twisted's does on POSIX:
 *   - it creates the link to `String(process.pid)`; if that works, the lock is held
 *     (`clean` is true unless a stale lock was taken over on the way);
 *   - if the name exists, it reads the link: a link gone meanwhile means try again; a
 *     holder that no longer runs (`process.kill(pid, 0)` fails with ESRCH) left a stale
 *     lock, which is removed (`clean` becomes false) before trying again; a holder that
 *     runs means the lock is taken: `lock()` returns false;
 *   - any other error (no permission, a missing directory) is thrown.
 * Twisted makes a directory instead of a link on Windows; this module uses links only
 * (Windows needs the right to create symbolic links for it).
 *
 * DeferredFilesystemLock adds `deferUntilLocked(timeout)`: a Deferred that fires once the
 * lock is held, trying again every second on its scheduler (a `Clock` in tests).
 */
import { readlinkSync, symlinkSync, unlinkSync } from 'node:fs';
import { describeValue } from '../core/repr.js';
import { CancelledError, Deferred, fail, Failure, type IDelayedCall, realTimeScheduler, type Scheduler, TimeoutError } from '../index.js';
import { AlreadyTryingToLockError } from './errors.js';

declare const process: { readonly pid: number; kill(pid: number, signal: number): boolean };

/** What an error from a Node file-system call carries: its `code` ("EEXIST", "ENOENT", ...). */
function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

/**
 * A lock between processes, held by a symbolic link named `name` (Twisted's
 * `FilesystemLock`). `lock()` takes it without waiting; `unlock()` releases it.
 *
 * @example
 * ```ts
 * const lock = new FilesystemLock('/tmp/my-app.lock');
 * if (lock.lock()) {
 *   try { work(); } finally { lock.unlock(); }
 * }
 * ```
 */
export class FilesystemLock {
  /** The path of the lock's symbolic link. */
  readonly name: string;
  /**
   * Whether the last holder released the lock cleanly: false when `lock()` had to take
   * over a stale lock left by a process that no longer runs. `null` until `lock()` succeeds.
   */
  clean: boolean | null = null;
  /** Whether this object holds the lock now. */
  locked = false;

  /** A lock held by the symbolic link at `name`; nothing happens on disk until `lock()`. */
  constructor(name: string) {
    if (typeof name !== 'string' || name === '') {
      throw new TypeError(`${new.target.name}: \`name\` must be the lock file's path (a non-empty string), got ${describeValue(name)}`);
    }
    this.name = name;
  }

  /**
   * Take the lock if it is free, or stale (its holder no longer runs); never waits.
   * Returns whether the lock is now held. Throws what the file system throws, other than
   * the errors that mean "taken" or "gone meanwhile".
   */
  lock(): boolean {
    let clean = true;
    for (;;) {
      try {
        symlinkSync(String(process.pid), this.name);
      } catch (error) {
        if (codeOf(error) !== 'EEXIST') throw error;
        let holder: string;
        try {
          holder = readlinkSync(this.name);
        } catch (readError) {
          if (codeOf(readError) === 'ENOENT') continue; // released meanwhile: try again
          throw readError;
        }
        try {
          process.kill(Number.parseInt(holder, 10), 0);
        } catch (killError) {
          if (codeOf(killError) !== 'ESRCH') throw killError;
          // The holder no longer runs: the lock is stale. Remove it and try again.
          try {
            unlinkSync(this.name);
          } catch (removeError) {
            if (codeOf(removeError) === 'ENOENT') continue;
            throw removeError;
          }
          clean = false;
          continue;
        }
        return false;
      }
      this.locked = true;
      this.clean = clean;
      return true;
    }
  }

  /**
   * Release the lock: remove the link. Throws an `Error` ("Lock '<name>' not owned by
   * this process") if another process holds it, and what the file system throws (ENOENT
   * when there is no lock).
   */
  unlock(): void {
    const holder = readlinkSync(this.name);
    if (Number.parseInt(holder, 10) !== process.pid) {
      throw new Error(`Lock '${this.name}' not owned by this process`);
    }
    unlinkSync(this.name);
    this.locked = false;
  }
}

/**
 * A FilesystemLock whose `deferUntilLocked()` gives a Deferred that fires when the lock
 * is held (Twisted's `DeferredFilesystemLock`), trying again every `interval` seconds on
 * `scheduler` (the real-time scheduler unless given; a `Clock` in tests).
 *
 * @example
 * ```ts
 * const lock = new DeferredFilesystemLock('/tmp/my-app.lock');
 * lock.deferUntilLocked(10).addCallback(() => {
 *   // held: work, then lock.unlock()
 * });
 * ```
 */
export class DeferredFilesystemLock extends FilesystemLock {
  /** Seconds between two attempts (Twisted's `_interval`). */
  static readonly interval = 1;
  readonly #scheduler: Scheduler;
  /** The next attempt, while `deferUntilLocked` waits (Twisted's `_tryLockCall`). */
  #tryLockCall: IDelayedCall | null = null;
  /** The timeout, while `deferUntilLocked(timeout)` waits (Twisted's `_timeoutCall`). */
  #timeoutCall: IDelayedCall | null = null;

  /** A lock held by the symbolic link at `name`, whose attempts are scheduled on `scheduler`. */
  constructor(name: string, scheduler: Scheduler = realTimeScheduler) {
    super(name);
    if (typeof (scheduler as Partial<Scheduler> | null)?.callLater !== 'function') {
      throw new TypeError(
        `DeferredFilesystemLock: \`scheduler\` must have a callLater(delay, fn) method (a Clock or a scheduler), got ${describeValue(scheduler)}`,
      );
    }
    this.#scheduler = scheduler;
  }

  /** The scheduler attempts are made on. */
  get scheduler(): Scheduler {
    return this.#scheduler;
  }

  /**
   * A Deferred that fires (with `undefined`) once this lock is held: it tries now, then
   * every `DeferredFilesystemLock.interval` seconds. With `timeout`, it fails with
   * `TimeoutError` ("Timed out acquiring lock: <name> after <timeout>s") if the lock is
   * still taken that many seconds from now, after one last attempt. Cancelling it stops
   * the attempts and, after one last attempt, fails it with `CancelledError`. Not for
   * concurrent use: while one call waits, another gives a Deferred failed with
   * `AlreadyTryingToLockError`.
   */
  deferUntilLocked(timeout?: number): Deferred<undefined> {
    if (timeout !== undefined) {
      if (typeof timeout !== 'number') {
        throw new TypeError(
          `DeferredFilesystemLock.deferUntilLocked: \`timeout\` must be a number of seconds, got ${describeValue(timeout)}`,
        );
      }
      if (Number.isNaN(timeout)) {
        throw new RangeError('DeferredFilesystemLock.deferUntilLocked: `timeout` must be a number of seconds, got NaN');
      }
    }
    if (this.#tryLockCall !== null) {
      return fail(new AlreadyTryingToLockError("deferUntilLocked isn't safe for concurrent use."));
    }
    const giveUp = (reason: Failure): void => {
      this.#tryLockCall?.cancel();
      this.#tryLockCall = null;
      if (this.#timeoutCall?.active() === true) this.#timeoutCall.cancel();
      this.#timeoutCall = null;
      if (this.lock()) deferred.callback(undefined);
      else deferred.errback(reason);
    };
    const deferred = new Deferred<undefined>(() => {
      giveUp(new Failure(new CancelledError()));
    });
    const tryLock = (): void => {
      if (this.lock()) {
        this.#timeoutCall?.cancel();
        this.#timeoutCall = null;
        this.#tryLockCall = null;
        deferred.callback(undefined);
        return;
      }
      if (timeout !== undefined && this.#timeoutCall === null) {
        const reason = new Failure(new TimeoutError(timeout, `Timed out acquiring lock: ${this.name} after ${timeout.toFixed(6)}s`));
        this.#timeoutCall = this.#scheduler.callLater(timeout, giveUp, reason);
      }
      this.#tryLockCall = this.#scheduler.callLater(DeferredFilesystemLock.interval, tryLock);
    };
    tryLock();
    return deferred;
  }
}
