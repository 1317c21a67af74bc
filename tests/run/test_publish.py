"""Publishing a month is one step: a kill at any step leaves the complete old or the complete new month."""

import pytest

from analysis.run import lock, publish

STEPS = [
    "staged",
    "journal written",
    "figures moved aside",
    "figures moved in",
    "reports moved aside",
    "reports moved in",
    "old removed",
    "journal removed",
]


class Killed(BaseException):
    """Stands for the process being killed: nothing after it runs, not even except/finally clean-ups."""


def month(target: publish.Target) -> dict[str, str] | None:
    """What a reader sees of the month: every file of both folders, or None when there is none."""
    files = {}
    for folder in (target.figures, target.reports):
        for path in sorted(folder.rglob("*")) if folder.exists() else []:
            if path.is_file():
                files[path.relative_to(folder.parent.parent).as_posix()] = path.read_text()
    return files or None


def write_version(target: publish.Target, version: str, staged: bool) -> None:
    figures = target.staged_figures if staged else target.figures
    reports = target.staged_reports if staged else target.reports
    for folder, name in ((figures, "01_attacks.svg"), (reports, "key_points.md")):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(version)


def expected(target: publish.Target, version: str) -> dict[str, str]:
    return {f"figures/{target.sub}/01_attacks.svg": version, f"reports/{target.sub}/key_points.md": version}


@pytest.fixture
def target(tmp_path):
    return publish.Target("2023-10", tmp_path / "figures", tmp_path / "reports")


@pytest.fixture(autouse=True)
def no_hook():
    yield
    publish.STEP_HOOK = None


def nothing_left_behind(target: publish.Target) -> None:
    for root in (target.figures_root, target.reports_root):
        staging = root / publish.STAGING
        leftovers = [p for p in staging.rglob("*") if p.is_file()] if staging.exists() else []
        assert leftovers == [], leftovers
    assert not target.journal.exists()
    assert not target.lock.exists()


CASES = [(step, True) for step in STEPS] + [(step, False) for step in STEPS if "aside" not in step]


@pytest.mark.parametrize(
    "step, had_old", CASES, ids=[f"{'replacing' if old else 'first publish'}: {step}" for step, old in CASES]
)
def test_a_kill_at_any_step_leaves_a_whole_month(target, step, had_old):
    if had_old:
        write_version(target, "old", staged=False)
    publish.stage(target)
    write_version(target, "new", staged=True)

    def kill(name):
        if name == step:
            raise Killed(name)

    publish.STEP_HOOK = kill
    assert lock.try_acquire(target.lock)
    with pytest.raises(Killed):
        publish.publish(target)
    lock.release(target.lock)  # the killed process is gone, and so is its claim (tested in test_lock)
    publish.STEP_HOOK = None

    publish.recover(target.figures_root, target.reports_root)  # what the next command does first
    committed = STEPS.index(step) >= STEPS.index("journal written")
    assert month(target) == (expected(target, "new") if committed else expected(target, "old") if had_old else None)
    nothing_left_behind(target)


def test_an_ordinary_publish_replaces_the_month_and_leaves_nothing_behind(target):
    write_version(target, "old", staged=False)
    publish.stage(target)
    write_version(target, "new", staged=True)
    publish.publish(target)
    assert month(target) == expected(target, "new")
    nothing_left_behind(target)


def test_recovery_leaves_a_month_that_a_live_run_is_working_on(target):
    publish.stage(target)
    write_version(target, "new", staged=True)
    assert lock.try_acquire(target.lock)  # this (live) process holds it
    try:
        publish.recover(target.figures_root, target.reports_root)
        assert (target.staged_reports / "key_points.md").exists()
    finally:
        lock.release(target.lock)
    publish.recover(target.figures_root, target.reports_root)
    assert not target.staged_reports.exists()


def test_vintage_months_and_stray_files_in_staging_are_cleared(tmp_path):
    vintage = publish.Target("as-published/2021-06", tmp_path / "figures", tmp_path / "reports")
    publish.stage(vintage)
    (tmp_path / "reports" / publish.STAGING / "2023-10").write_text("a file where a folder should be")
    publish.recover(vintage.figures_root, vintage.reports_root)
    assert [p for p in (tmp_path / "reports" / publish.STAGING).rglob("*") if p.is_file()] == []
    assert not vintage.staged_figures.exists()


def test_folders_left_by_the_earlier_two_rename_swap_are_removed(tmp_path):
    stale = tmp_path / "figures" / ".old-2023-10-12345"
    stale.mkdir(parents=True)
    (stale / "01_attacks.png").write_bytes(b"old")
    publish.recover(tmp_path / "figures", tmp_path / "reports")
    assert not stale.exists()
