"""A portable exclusive lock: a file that names its holder, made visible whole with one atomic link.

Works the same on Linux, macOS and Windows (no fcntl). The holder's record (pid, host, start time) is
written to a private temporary file first and then hard-linked to the lock's name, which fails when the
name exists: so no one ever sees a lock file that is empty or half written. A lock is stale only when its
holder is provably dead (no process with that pid, or one started at another time); an unreadable lock, or
one whose holder cannot be asked, is held. A stale lock is removed under a second, short-lived lock
(`<name>.break`), so two contenders that both saw the same dead holder cannot each remove a lock the other
has just taken.
"""

from __future__ import annotations

import json
import os
import socket
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import psutil

from ..errors import AnalysisError


def _me() -> dict:
    return {"pid": os.getpid(), "host": socket.gethostname(), "started": psutil.Process().create_time()}


def _alive(holder: dict) -> bool:
    """Whether the process that wrote `holder` may still run: False only when it provably does not."""
    if holder.get("host") != socket.gethostname():
        return True  # on another host: it cannot be asked
    try:
        pid, started = int(holder["pid"]), float(holder["started"])
    except (KeyError, TypeError, ValueError):
        return True  # not a record this module wrote: not provably dead (the waiting message names the file)
    try:
        return abs(psutil.Process(pid).create_time() - started) < 1.0  # another start time: the pid was reused
    except psutil.NoSuchProcess:
        return False
    except psutil.Error:  # access denied, say: it runs
        return True


def _read(path: Path) -> tuple[bytes, dict] | None:
    """The lock file's bytes and record, or None when there is no lock file."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        return b"", {}
    try:
        holder = json.loads(data.decode("utf-8"))
    except ValueError:
        holder = {}
    return data, holder if isinstance(holder, dict) else {}


def holder_of(path: Path) -> dict | None:
    """Who holds the lock at `path` (None when it is free or its holder is provably gone)."""
    read = _read(path)
    if read is None:
        return None
    holder = read[1]
    return holder if _alive(holder) else None


def _create(path: Path) -> bool:
    """Make `path` exist holding this process's record, whole, or return False when it already exists."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    try:
        with open(temporary, "x", encoding="utf-8") as handle:
            json.dump(_me(), handle)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
        return True
    finally:
        temporary.unlink(missing_ok=True)


def _break_stale(path: Path, seen: bytes) -> None:
    """Remove the lock at `path` if it still holds `seen` and that holder is dead (under `<path>.break`)."""
    breaker = path.with_name(path.name + ".break")
    if not _create(breaker):
        read = _read(breaker)
        if read is not None and not _alive(read[1]) and read[1]:
            breaker.unlink(missing_ok=True)  # a breaker that died within its few lines; retried next round
        return
    try:
        read = _read(path)
        if read is not None and read[0] == seen and read[1] and not _alive(read[1]):
            path.unlink(missing_ok=True)
    finally:
        breaker.unlink(missing_ok=True)


def try_acquire(path: Path) -> bool:
    """Take the lock if it is free (or its holder is provably dead); True when taken."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(2):
        if _create(path):
            return True
        read = _read(path)
        if read is None:
            continue  # released in between
        if not read[1] or _alive(read[1]):
            return False
        _break_stale(path, read[0])
    return False


def release(path: Path) -> None:
    """Give the lock up (only its holder calls this)."""
    Path(path).unlink(missing_ok=True)


@contextmanager
def exclusive(path: Path, what: str, timeout: float | None = None):
    """Hold the lock at `path` for the block; wait for another holder, saying once who it is."""
    path, said, start = Path(path), False, time.monotonic()
    while not try_acquire(path):
        read = _read(path)
        holder = read[1] if read else {}
        if not said:
            who = (
                f"pid {holder['pid']}"
                if "pid" in holder
                else f"the lock file {path} (unreadable: delete it if no other run is working)"
            )
            print(f"waiting for {what}: another run ({who}) is working on it", flush=True)
            said = True
        if timeout is not None and time.monotonic() - start > timeout:
            raise AnalysisError(
                f"{what} is locked by pid {holder.get('pid', '?')} ({path}).\n"
                "  What to do: wait for that run to finish, or delete the lock file if no such run "
                "exists."
            )
        time.sleep(0.05)
    try:
        yield
    finally:
        release(path)
