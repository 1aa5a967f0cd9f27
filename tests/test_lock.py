"""The writer lock: one writer per data directory, found without writing anything."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.lock import PROC_LOCKS, WriterLock, flock_holder

REPO_ROOT = Path(__file__).resolve().parent.parent

linux_only = pytest.mark.skipif(not PROC_LOCKS.exists(), reason="needs /proc/locks")

HOLD = (
    "import sys, time; from pathlib import Path; from storage.lock import WriterLock;"
    "lock = WriterLock(Path(sys.argv[1])); assert lock.try_acquire();"
    "print('ready', flush=True); time.sleep(60)"
)


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Another process holding the lock of tmp_path."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path)],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == b"ready"
        yield process
    finally:
        process.kill()
        process.wait()


def signature(path: Path) -> tuple[int, int, bytes]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size, path.read_bytes()


@linux_only
def test_taking_an_existing_lock_writes_nothing(tmp_path: Path) -> None:
    first = WriterLock(tmp_path)
    assert first.try_acquire()
    first.release()
    before = signature(first.path)

    again = WriterLock(tmp_path)
    assert again.try_acquire()
    again.release()

    assert signature(again.path) == before
    assert before[1] == 0, "no pid is written into the file"


@linux_only
def test_the_holder_pid_is_found_without_the_holder_writing_it(
    tmp_path: Path, holder: subprocess.Popen[bytes]
) -> None:
    lock = WriterLock(tmp_path)

    assert not lock.try_acquire()
    assert lock.holder_pid() == holder.pid
    assert lock.path.read_bytes() == b""


@linux_only
def test_a_stale_pid_left_in_the_file_by_an_older_aiwire_is_not_believed(tmp_path: Path) -> None:
    lock = WriterLock(tmp_path)
    lock.path.write_text("99999999\n")
    assert lock.holder_pid() is None
    assert lock.try_acquire()
    assert lock.holder_pid() == os.getpid()  # /proc/locks tells the truth


def test_no_holder_means_no_pid(tmp_path: Path) -> None:
    lock = WriterLock(tmp_path)
    assert lock.holder_pid() is None
    assert flock_holder(tmp_path / "missing.lock") is None


def test_waiters_and_posix_locks_in_proc_locks_are_not_the_holder(tmp_path: Path) -> None:
    path = tmp_path / "writer.lock"
    path.write_bytes(b"")
    stat = path.stat()
    where = f"{os.major(stat.st_dev):02x}:{os.minor(stat.st_dev):02x}:{stat.st_ino}"
    locks = tmp_path / "locks"
    locks.write_text(
        f"1: POSIX  ADVISORY  WRITE 11 {where} 0 EOF\n"
        f"2: FLOCK  ADVISORY  WRITE 22 {where} 0 EOF\n"
        f"2: -> FLOCK  ADVISORY  WRITE 33 {where} 0 EOF\n"
        "3: FLOCK  ADVISORY  WRITE 44 00:2a:1 0 EOF\n"
    )
    assert flock_holder(path, locks) == 22


def test_a_lock_seen_on_another_device_counts_when_its_inode_is_the_only_match(
    tmp_path: Path,
) -> None:
    path = tmp_path / "writer.lock"
    path.write_bytes(b"")
    inode = path.stat().st_ino
    locks = tmp_path / "locks"
    locks.write_text(f"1: FLOCK  ADVISORY  WRITE 55 00:99:{inode} 0 EOF\n")
    assert flock_holder(path, locks) == 55
    locks.write_text(
        f"1: FLOCK  ADVISORY  WRITE 55 00:99:{inode} 0 EOF\n"
        f"2: FLOCK  ADVISORY  WRITE 66 00:98:{inode} 0 EOF\n"
    )
    assert flock_holder(path, locks) is None, "ambiguous: better no pid than a wrong one"


def test_without_proc_locks_the_holder_writes_its_pid_as_before(tmp_path: Path) -> None:
    nowhere = tmp_path / "no-proc-locks"
    holder = WriterLock(tmp_path, proc_locks=nowhere)
    assert holder.try_acquire()
    other = WriterLock(tmp_path, proc_locks=nowhere)
    assert not other.try_acquire()
    assert other.holder_pid() == os.getpid()
    holder.release()
    assert other.try_acquire()
