"""The portable lock: exclusive, names its holder, and a dead holder's lock is taken over."""

import json
import subprocess
import sys

import pytest

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
