"""A portable exclusive lock: a file created with O_EXCL that names its holder.

Works the same on Linux, macOS and Windows (no fcntl). A lock left behind by a process that no longer runs
(killed, machine restarted) is noticed by its pid and start time, and taken over.
"""

from __future__ import annotations

import json
import os
import socket
import time
from contextlib import contextmanager
from pathlib import Path

import psutil

from ..errors import AnalysisError


def _me() -> dict:
    return {"pid": os.getpid(), "host": socket.gethostname(), "started": psutil.Process().create_time()}


def _alive(holder: dict) -> bool:
    """Whether the process that wrote `holder` still runs (on another host: assume it does)."""
    if holder.get("host") != socket.gethostname():
        return True
    try:
        return abs(psutil.Process(int(holder["pid"])).create_time() - float(holder["started"])) < 1.0
    except (psutil.Error, KeyError, TypeError, ValueError):
        return False


def holder_of(path: Path) -> dict | None:
    """Who holds the lock at `path` (None when it is free or its holder is gone)."""
    try:
        holder = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return holder if isinstance(holder, dict) and _alive(holder) else None


def try_acquire(path: Path) -> bool:
    """Take the lock if it is free (or stale); True when taken."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(2):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            if holder_of(path) is not None:
                return False
            try:  # stale: its holder is gone
                os.unlink(path)
            except FileNotFoundError:
                pass
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(_me(), handle)
        return True
    return False


def release(path: Path) -> None:
    Path(path).unlink(missing_ok=True)


@contextmanager
def exclusive(path: Path, what: str, timeout: float | None = None):
    """Hold the lock at `path` for the block; wait for another holder, saying once who it is."""
    path, said, start = Path(path), False, time.monotonic()
    while not try_acquire(path):
        holder = holder_of(path) or {}
        if not said:
            print(f"waiting for {what}: another run (pid {holder.get('pid', '?')}) is working on it", flush=True)
            said = True
        if timeout is not None and time.monotonic() - start > timeout:
            raise AnalysisError(f"{what} is locked by pid {holder.get('pid', '?')} ({path}).\n"
                                "  What to do: wait for that run to finish, or delete the lock file if no such run "
                                "exists.")
        time.sleep(0.1)
    try:
        yield
    finally:
        release(path)
