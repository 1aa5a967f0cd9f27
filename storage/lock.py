"""One writer per data directory, decided by an OS file lock.

flock() locks die with the process that holds them, so a crashed or killed
writer never leaves a stale lock behind: the next start simply gets it.

Taking the lock writes nothing: a poll that finds every feed unchanged must
leave the data directory untouched, and writing the pid into the file on
every start rewrote it each time. On Linux the holder's pid (for "another
aiwire, pid N, is writing" messages) comes from /proc/locks, which lists
every flock() with its pid, device and inode. Only where there is no
/proc/locks is the pid still written into the file, as it always was.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

PROC_LOCKS = Path("/proc/locks")


def flock_holder(path: Path, proc_locks: Path = PROC_LOCKS) -> int | None:
    """The pid holding a flock() on `path`, from /proc/locks; None if none is seen.

    A line reads "1: FLOCK  ADVISORY  WRITE 4242 fe:00:2220305 0 EOF": the
    device as hex major:minor, then the inode. Waiters ("1: -> FLOCK ...") and
    POSIX locks are skipped. The pid is 0 when the holder lives in another pid
    namespace: None then, as for no holder.
    """
    try:
        stat = path.stat()
        lines = proc_locks.read_text().splitlines()
    except OSError:
        return None
    where = f"{os.major(stat.st_dev):02x}:{os.minor(stat.st_dev):02x}:{stat.st_ino}"
    by_inode: list[int] = []
    for line in lines:
        fields = line.split()
        if len(fields) < 6 or fields[1] != "FLOCK" or not fields[4].isdigit():
            continue
        if fields[5] == where:
            return int(fields[4]) or None
        if fields[5].rpartition(":")[2] == str(stat.st_ino):
            by_inode.append(int(fields[4]))
    # Some layered file systems (overlayfs) report another device than stat()
    # does: a lone lock on the same inode is then taken as ours.
    return (by_inode[0] or None) if len(by_inode) == 1 else None


class WriterLock:
    def __init__(self, data_dir: Path, *, proc_locks: Path = PROC_LOCKS) -> None:
        self.path = data_dir / "writer.lock"
        self._proc_locks = proc_locks
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    @property
    def _pid_in_file(self) -> bool:
        """Without /proc/locks the holder must write its pid for others to read."""
        return not self._proc_locks.exists()

    def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; never blocks, writes nothing (on Linux)."""
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        if self._pid_in_file:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def holder_pid(self) -> int | None:
        """The pid of the process holding the lock, for messages only."""
        if not self._pid_in_file:
            return flock_holder(self.path, self._proc_locks)
        try:
            return int(self.path.read_text().strip() or 0) or None
        except (OSError, ValueError):
            return None

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None
