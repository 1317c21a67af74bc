"""Publishing a report: its `figures/<sub>` and `reports/<sub>` folders change together, or not at all.

A run writes into staging folders (`figures/.staging/<sub>`, `reports/.staging/<sub>`). Publishing then
1. writes a journal (`reports/.publish/<key>.journal`): from here on the new version is committed;
2. for figures, then reports: moves the published folder aside (`<staged>.old`) and the staged one in;
3. removes the old folders, then the journal.
A kill at any instant leaves either no journal (the staging is discarded by the next command: the old
month stands) or a journal that the next command of any kind completes (`recover`) before it reads
anything (the new month stands). Each month has a lock (`reports/.publish/<key>.lock`), held for its whole
run, so recovery never touches a month another live run is working on.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..outputs import atomic_write_text
from . import lock

STAGING, CONTROL = ".staging", ".publish"

# Tests set this to a callable that receives each step's name, to interrupt publishing at that step.
STEP_HOOK: Callable[[str], None] | None = None


def _step(name: str) -> None:
    if STEP_HOOK is not None:
        STEP_HOOK(name)


@dataclass(frozen=True)
class Target:
    """Where one report ('2023-11', 'as-published/2021-06', 'overview') is staged and published."""

    sub: str
    figures_root: Path
    reports_root: Path

    @property
    def key(self) -> str:
        return self.sub.replace("/", "_")

    @property
    def figures(self) -> Path:
        return Path(self.figures_root) / self.sub

    @property
    def reports(self) -> Path:
        return Path(self.reports_root) / self.sub

    @property
    def staged_figures(self) -> Path:
        return Path(self.figures_root) / STAGING / self.sub

    @property
    def staged_reports(self) -> Path:
        return Path(self.reports_root) / STAGING / self.sub

    @property
    def journal(self) -> Path:
        return Path(self.reports_root) / CONTROL / f"{self.key}.journal"

    @property
    def lock(self) -> Path:
        return Path(self.reports_root) / CONTROL / f"{self.key}.lock"

    def pairs(self) -> list[tuple[Path, Path]]:
        """(staged, published) folders, figures first."""
        return [(self.staged_figures, self.figures), (self.staged_reports, self.reports)]


def _aside(folder: Path) -> Path:
    return folder.with_name(folder.name + ".old")


def stage(target: Target) -> None:
    """Empty staging folders for a new run of `target` (call while holding its lock)."""
    for staged, _ in target.pairs():
        shutil.rmtree(staged, ignore_errors=True)
        shutil.rmtree(_aside(staged), ignore_errors=True)
        staged.mkdir(parents=True)


def discard(target: Target) -> None:
    """Remove a run's staging folders (the published month is untouched)."""
    for staged, _ in target.pairs():
        shutil.rmtree(staged, ignore_errors=True)


def publish(target: Target) -> None:
    """Swap the staged folders in as one step (call while holding the target's lock)."""
    _step("staged")
    atomic_write_text(target.journal, target.sub + "\n")
    _step("journal written")
    _complete(target)


def _complete(target: Target) -> None:
    """Roll a committed publish forward from wherever it stopped (each move happens once)."""
    for kind, (staged, final) in zip(("figures", "reports"), target.pairs()):
        if staged.exists():
            if final.exists():
                shutil.rmtree(_aside(staged), ignore_errors=True)
                os.replace(final, _aside(staged))
                _step(f"{kind} moved aside")
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, final)
            _step(f"{kind} moved in")
    for staged, _ in target.pairs():
        shutil.rmtree(_aside(staged), ignore_errors=True)
    _step("old removed")
    target.journal.unlink(missing_ok=True)
    _step("journal removed")


def recover(figures_root: Path, reports_root: Path) -> list[str]:
    """Complete every committed publish and discard every abandoned staging folder; return the subs completed.

    Runs at the start of every command, before anything reads figures/ or reports/. Months whose lock a
    live run holds are left to that run."""
    figures_root, reports_root = Path(figures_root), Path(reports_root)
    completed = []
    for journal in sorted((reports_root / CONTROL).glob("*.journal")):
        target = Target(journal.read_text(encoding="utf-8").strip(), figures_root, reports_root)
        if lock.try_acquire(target.lock):
            try:
                _complete(target)
                completed.append(target.sub)
            finally:
                lock.release(target.lock)
    for root in (figures_root, reports_root):
        for legacy in root.glob(".old-*"):  # left by the swap of earlier versions, which had no journal
            shutil.rmtree(legacy, ignore_errors=True)
        for leftover in _staged_folders(root / STAGING):
            sub = leftover.relative_to(root / STAGING).as_posix().removesuffix(".old")
            target = Target(sub, figures_root, reports_root)
            if target.journal.exists() or not lock.try_acquire(target.lock):
                continue
            try:
                if leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink(missing_ok=True)
            finally:
                lock.release(target.lock)
    return completed


def _staged_folders(stage_root: Path) -> list[Path]:
    """'2023-11', 'overview', 'as-published/2021-06' (and their '.old') under a staging root."""
    if not stage_root.is_dir():
        return []
    found = []
    for entry in sorted(stage_root.iterdir()):
        if entry.is_dir() and entry.name.removesuffix(".old") in ("as-published",):
            found.extend(sorted(p for p in entry.iterdir()))
        elif entry.exists():
            found.append(entry)
    return found
