"""Oracle for spec/node/lockfile.spec.ts: FilesystemLock and DeferredFilesystemLock
(reference E.8, C.7.10; test_defer's DeferredFilesystemLockTests), on real Twisted, in a
temporary directory. One labelled line per fact."""
import os
import subprocess
import sys
import tempfile

from twisted.internet import defer
from twisted.internet.task import Clock
from twisted.python.failure import Failure
from twisted.python.lockfile import FilesystemLock


def fact(label, value):
    print(f"{label}: {value}")


def outcome(d):
    seen = []
    d.addBoth(seen.append)
    if not seen:
        return "no result"
    r = seen[0]
    if isinstance(r, Failure):
        return f"Failure({r.type.__name__}: {r.getErrorMessage()})"
    return repr(r)


def dead_pid():
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


directory = tempfile.mkdtemp()
name = os.path.join(directory, "lock")

lock = FilesystemLock(name)
fact("a free lock is taken, cleanly", (lock.lock(), lock.locked, lock.clean))
fact("the lock is a symbolic link to the holder's pid", os.readlink(name) == str(os.getpid()))
fact("taking it again from another object fails", FilesystemLock(name).lock())
lock.unlock()
fact("unlock removes the link", (os.path.lexists(name), lock.locked))

sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
os.symlink(str(sleeper.pid), name)
fact("a lock held by a running process is not taken", FilesystemLock(name).lock())
other = FilesystemLock(name)
try:
    other.unlock()
except ValueError as e:
    fact("unlock of a lock held by another process raises", str(e).replace(name, "NAME"))
sleeper.kill()
sleeper.wait()
os.remove(name)

os.symlink(str(dead_pid()), name)
lock = FilesystemLock(name)
fact("a stale lock (its holder no longer runs) is taken over, not cleanly", (lock.lock(), lock.clean))
lock.unlock()

# DeferredFilesystemLock on a Clock
clock = Clock()
lock = defer.DeferredFilesystemLock(name, scheduler=clock)
fact("deferUntilLocked on a free lock fires at once", outcome(lock.deferUntilLocked()))
lock.unlock()

holder = FilesystemLock(name)
holder.lock()
lock = defer.DeferredFilesystemLock(name, scheduler=clock)
d = lock.deferUntilLocked(timeout=5.5)
fact("a taken lock: no result yet", "no result" if not d.called else "fired")
clock.pump([1] * 10)
fact("test_waitUntilLockedWithTimeoutLocked", outcome(d).replace(name, "NAME"))

lock = defer.DeferredFilesystemLock(name, scheduler=clock)
d = lock.deferUntilLocked(timeout=10)
clock.callLater(1, holder.unlock)
clock.pump([1] * 10)
fact("test_waitUntilLockedWithTimeoutUnlocked", outcome(d))
lock.unlock()

holder.lock()
lock = defer.DeferredFilesystemLock(name, scheduler=clock)
d1 = lock.deferUntilLocked()
d2 = lock.deferUntilLocked()
fact("test_concurrentUsage", outcome(d2))
d1.cancel()
fact("test_cancelDeferUntilLocked", (outcome(d1), lock._tryLockCall))
d = lock.deferUntilLocked(timeout=5)
timeout_call = lock._timeoutCall
d.cancel()
fact("test_cancelDeferUntilLockedWithTimeout", (outcome(d), timeout_call.active(), len(clock.getDelayedCalls())))
holder.unlock()

lock = defer.DeferredFilesystemLock(name, scheduler=clock)
first = outcome(lock.deferUntilLocked())
lock.unlock()
fact("test_multipleUsages", (first, outcome(lock.deferUntilLocked())))
lock.unlock()

holder.lock()
lock = defer.DeferredFilesystemLock(name, scheduler=clock)
d = lock.deferUntilLocked()
holder.unlock()
d.cancel()
fact("cancelling makes one last attempt, which may take the lock", outcome(d))
lock.unlock()
os.rmdir(directory)
