import { mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock } from '../../src/index.js';
import { DeferredFilesystemLock, FilesystemLock } from '../../src/node/index.js';

const directory = mkdtempSync(join(tmpdir(), 'txdefer-'));
const name = join(directory, 'app.lock');
const clock = new Clock();

const holder = new FilesystemLock(name);
console.log('holder took the lock:', holder.lock() ? 'True' : 'False');

const waiter = new DeferredFilesystemLock(name, clock);
const d = waiter.deferUntilLocked(10);
d.addCallback(() => console.log(`waiter has it at ${clock.seconds().toFixed(0)}s`));
clock.advance(1);
clock.advance(1);
holder.unlock(); // the waiter tries every second
clock.advance(1);
waiter.unlock();
rmdirSync(directory);
