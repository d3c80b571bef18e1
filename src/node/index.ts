/**
 * txdefer/node: the parts of Twisted that need Node (a process, a file system), in a
 * subpath of their own so that `txdefer` itself stays browser-safe.
 *
 *   - `react(main, argv)`: run a program until its Deferred finishes, then exit with 0
 *     or 1 (twisted.internet.task.react), `SystemExit` for other codes;
 *   - `FilesystemLock` and `DeferredFilesystemLock`: a lock between processes held by a
 *     file (twisted.python.lockfile, twisted.internet.defer), with `AlreadyTryingToLockError`.
 */

/* twisted.internet.task.react */
export { react, SystemExit } from './react.js';
export type { ReactOptions, ReactResult } from './react.js';

/* twisted.python.lockfile and twisted.internet.defer.DeferredFilesystemLock */
export { DeferredFilesystemLock, FilesystemLock } from './lockfile.js';
export { AlreadyTryingToLockError } from './errors.js';
