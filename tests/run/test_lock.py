"""The portable lock: exclusive, names its holder, and a dead holder's lock is taken over."""

import json
import subprocess
import sys

import pytest

from analysis import paths
from analysis.errors import AnalysisError
from analysis.run import lock


def test_only_one_holder_at_a_time(tmp_path):
    path = tmp_path / "month.lock"
    assert lock.try_acquire(path)
    assert not lock.try_acquire(path)
    assert lock.holder_of(path)["pid"] > 0
    lock.release(path)
    assert lock.try_acquire(path)


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path):
    path = tmp_path / "month.lock"
    script = f"from analysis.run import lock; assert lock.try_acquire({str(path)!r})"  # exits without releasing
    subprocess.run([sys.executable, "-c", script], check=True)
    assert json.loads(path.read_text())["pid"] > 0
    assert lock.holder_of(path) is None
    assert lock.try_acquire(path)


def test_waiting_names_the_holder_and_can_give_up(tmp_path, capsys):
    path = tmp_path / "month.lock"
    assert lock.try_acquire(path)
    with pytest.raises(AnalysisError, match="locked by pid"):
        with lock.exclusive(path, "the report for 2023-11", timeout=0.3):
            pass
    assert "waiting for the report for 2023-11" in capsys.readouterr().out


_HAMMER = """
import os, sys, time
from pathlib import Path
from analysis.run import lock
path, inside, seconds = Path(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3])
holds = overlaps = 0
end = time.monotonic() + seconds
while time.monotonic() < end:
    with lock.exclusive(path, "the stress test"):
        try:
            fd = os.open(inside, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            overlaps += 1
        else:
            os.close(fd)
            holds += 1
            os.unlink(inside)
print(holds, overlaps)
"""


def test_two_processes_hammering_one_lock_never_overlap(tmp_path):
    """Bounded (about 3 s): each hold marks a file with O_EXCL; a second holder at the same time would find it."""
    path, inside = tmp_path / "month.lock", tmp_path / "inside"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    path.write_text(
        json.dumps({"pid": int(dead.stdout), "host": __import__("socket").gethostname(), "started": 1.0})
    )  # a dead holder's lock: taken over once, by one of them
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _HAMMER, str(path), str(inside), "3"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=paths.ROOT,
        )
        for _ in range(2)
    ]
    results = [run.communicate(timeout=60) for run in runs]
    assert all(run.returncode == 0 for run in runs), results
    counts = [tuple(map(int, out.split()[-2:])) for out, _ in results]
    assert sum(overlaps for _, overlaps in counts) == 0
    assert all(holds > 0 for holds, _ in counts), counts
    assert not path.exists() and not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob("*.break"))


def test_a_lock_file_is_never_visible_before_it_is_whole(tmp_path, monkeypatch):
    """The record is written to a temporary and linked into place: the lock's name never holds a partial file."""
    path = tmp_path / "month.lock"
    seen = []
    real_link = lock.os.link

    def link(source, target):
        seen.append(path.exists())
        real_link(source, target)
        seen.append(json.loads(path.read_text())["pid"])

    monkeypatch.setattr(lock.os, "link", link)
    assert lock.try_acquire(path)
    assert seen == [False, lock.os.getpid()]


def test_an_unreadable_or_foreign_lock_is_held_not_stale(tmp_path):
    path = tmp_path / "month.lock"
    path.write_text("")  # not provably dead: never removed
    assert not lock.try_acquire(path)
    assert path.exists()
    path.write_text(json.dumps({"pid": 1, "host": "another-machine", "started": 0}))
    assert not lock.try_acquire(path)


def test_a_live_holder_with_another_start_time_is_a_reused_pid(tmp_path):
    """The pid runs but was started at another time: the holder that wrote the lock is dead."""
    path = tmp_path / "month.lock"
    path.write_text(json.dumps({"pid": lock.os.getpid(), "host": __import__("socket").gethostname(), "started": 1.0}))
    assert lock.holder_of(path) is None
    assert lock.try_acquire(path)
    assert lock.holder_of(path)["pid"] == lock.os.getpid()
