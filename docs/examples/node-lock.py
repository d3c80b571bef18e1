import os
import tempfile

from twisted.internet import defer, task
from twisted.python.lockfile import FilesystemLock

directory = tempfile.mkdtemp()
name = os.path.join(directory, "app.lock")
clock = task.Clock()

holder = FilesystemLock(name)
print("holder took the lock:", holder.lock())

waiter = defer.DeferredFilesystemLock(name, scheduler=clock)
d = waiter.deferUntilLocked(timeout=10)
d.addCallback(lambda _: print(f"waiter has it at {clock.seconds():.0f}s"))
clock.advance(1)
clock.advance(1)
holder.unlock()  # the waiter tries every second
clock.advance(1)
waiter.unlock()
os.rmdir(directory)
