"""`make verify`: rebuild everything from data/raw in a scratch copy and compare with reports/SHA256SUMS.

"Verified" means: every output file (figures, tables, key points, executed notebooks, HTML) rebuilt from
the raw data by the pinned environment has exactly the sha256 recorded in the committed checksum list.
provenance.json files are left out: they record the commit and the machine, which differ by design.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .. import paths
from ..outputs import sha256_of

SKIP_FILES = {"provenance.json", "SHA256SUMS", ".gitkeep"}


def output_files(root: Path) -> list[Path]:
    """Every checked output under figures/ and reports/, sorted (hidden files and folders, such as staging,
    journals and locks, are not outputs)."""
    found = []
    for top in ("figures", "reports"):
        for path in sorted((Path(root) / top).rglob("*")):
            rel = path.relative_to(root)
            if path.is_file() and path.name not in SKIP_FILES and not any(p.startswith(".") for p in rel.parts):
                found.append(path)
    return found


def checksums(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): sha256_of(p) for p in output_files(root)}


def write_checksums(root: Path = paths.ROOT, out: Path = paths.CHECKSUMS) -> Path:
    """The sha256sum-style list of every output (run after `make all`)."""
    from ..outputs import atomic_write_text

    lines = [f"{digest}  {path}" for path, digest in sorted(checksums(root).items())]
    return atomic_write_text(out, "\n".join(lines) + "\n")


def not_current(root: Path = paths.ROOT) -> list[str]:
    """Why the outputs under `root` are not a complete, current build (empty when every month's report and the
    overview are built from the data/raw and code as they are now, and nothing else lies beside them)."""
    from . import data_build
    from .provenance import environment
    from .runner import MONTHLY_NOTEBOOK, OVERVIEW_NOTEBOOK, Job, Roots, is_current

    root = Path(root)
    raw, processed = root / "data" / "raw", root / "data" / "processed"
    if not raw.is_dir():
        return [f"{root} is not a project folder (it has no data/raw)"]
    record = data_build.current_record(raw, processed, allow_rejections=False)
    if record is None:
        return ["data/processed is not built from data/raw as it is now (or was built with rejections allowed)"]
    months = data_build.months(processed)
    jobs = [Job(month) for month in months] + [Job()]
    published = {
        p.relative_to(root).parts[2]
        for p in output_files(root)
        if len(p.relative_to(root).parts) > 3 and p.relative_to(root).parts[1] == "as-published"
    }
    jobs += [Job(month, "as-published") for month in sorted(published & set(months))]  # built by hand: kept current
    roots = Roots(processed, root / "figures", root / "reports")
    envs = {nb: environment(root / "notebooks" / nb.name, root) for nb in (MONTHLY_NOTEBOOK, OVERVIEW_NOTEBOOK)}
    stale = [job.sub for job in jobs if not is_current(job, roots, envs[job.notebook], record)]
    problems = []
    if stale:
        problems.append(
            f"{len(stale)} of {len(jobs)} reports are not built or are stale against data/raw and the "
            f"code: {_listing(stale)}"
        )
    expected = {job.sub for job in jobs}
    extra = sorted(
        {
            "/".join(p.relative_to(root).parts[1 : 3 if p.relative_to(root).parts[1] == "as-published" else 2])
            for p in output_files(root)
        }
        - expected
    )
    if extra:
        problems.append(
            f"outputs of reports that are not built from data/raw lie under figures/ or reports/: "
            f"{_listing(extra)} (delete them)"
        )
    return problems


def _listing(names: list[str], limit: int = 12) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def committed_checksums(root: Path, out: Path) -> dict[str, str] | None:
    """The checksum list as committed (git's HEAD), else as it is on disk; None when there is none."""
    try:
        relative = Path(out).resolve().relative_to(Path(root).resolve()).as_posix()
        shown = subprocess.run(["git", "show", f"HEAD:{relative}"], cwd=root, capture_output=True, text=True)
        if shown.returncode == 0:
            return _parse_checksums(shown.stdout)
    except (ValueError, OSError):
        pass
    return read_checksums(out) if Path(out).is_file() else None


def read_checksums(path: Path) -> dict[str, str]:
    return _parse_checksums(Path(path).read_text())


def _parse_checksums(text: str) -> dict[str, str]:
    entries = {}
    for line in text.splitlines():
        if line.strip():
            digest, _, name = line.partition("  ")
            entries[name] = digest
    return entries


def project_files(root: Path) -> list[str]:
    """The project's files as a fresh clone would build from them (as they are in the work tree): tracked
    files and new untracked ones, but under data/raw only tracked ones, so that an ACLED export, an incident
    log or any other file a user happens to keep there locally never enters a rebuild or a test's copy."""

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "ls-files", *args], cwd=root, capture_output=True, text=True)

    listed, local = git("-co", "--exclude-standard"), git("-o", "--exclude-standard", "--", "data/raw")
    if listed.returncode != 0:  # not a git checkout: every file but the environment's, data/raw's tracked kind
        return [
            p.relative_to(root).as_posix()
            for p in sorted(Path(root).rglob("*"))
            if p.is_file()
            and not {".venv", ".git"} & set(p.relative_to(root).parts)
            and not p.relative_to(root).as_posix().startswith(("data/raw/acled/", "data/raw/incidents/"))
        ]
    untracked_raw = set(local.stdout.splitlines())
    return [name for name in listed.stdout.splitlines() if name not in untracked_raw]


def _scratch_copy(root: Path, target: Path) -> None:
    """Copy the project's files (`project_files`) and the committed checksum list."""
    names = project_files(root) + ["reports/SHA256SUMS"]
    for name in names:
        src = root / name
        if src.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / name)


def compare(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    """One line per difference."""
    problems = []
    for name in sorted(set(expected) | set(actual)):
        if name not in actual:
            problems.append(f"MISSING   {name} (listed in SHA256SUMS, not rebuilt)")
        elif name not in expected:
            problems.append(f"NEW       {name} (rebuilt, not in SHA256SUMS)")
        elif expected[name] != actual[name]:
            problems.append(f"DIFFERS   {name}")
    return problems


TEXT_SUFFIXES = {".svg", ".md", ".csv", ".html", ".ipynb", ".json", ".txt"}
SHOWN = 100  # characters of each version shown around the first difference


def _around(line: str, column: int) -> str:
    start = max(0, column - SHOWN // 3)
    part = line[start : start + SHOWN]
    return ("…" if start else "") + part + ("…" if start + SHOWN < len(line) else "")


def _first_line_difference(listed: bytes, rebuilt: bytes) -> str:
    old, new = listed.decode("utf-8", "replace").splitlines(), rebuilt.decode("utf-8", "replace").splitlines()
    for number, (a, b) in enumerate(zip(old, new), start=1):
        if a != b:
            column = next(i for i, (x, y) in enumerate(zip(a + "\0", b + "\0")) if x != y)
            return (
                f"first difference at line {number}, column {column + 1}:\n"
                f"            listed:  {_around(a, column)!r}\n            rebuilt: {_around(b, column)!r}"
            )
    if len(old) == len(new):  # same lines: the line endings or the final newline differ
        return "the same lines; line endings or the final newline differ"
    longer, which = (old, "listed") if len(old) > len(new) else (new, "rebuilt")
    first = min(len(old), len(new))
    return f"line {first + 1} on is only in the {which} version: {_around(longer[first], 0)!r}"


def _png_difference(listed: Path, rebuilt: Path) -> str:
    from matplotlib import image

    pa, pb = image.imread(listed), image.imread(rebuilt)
    if pa.shape[:2] != pb.shape[:2]:
        return f"size {pa.shape[1]}x{pa.shape[0]} listed, {pb.shape[1]}x{pb.shape[0]} rebuilt"
    if pa.shape != pb.shape:
        return f"another pixel format ({pa.shape[2:] or 'grey'} listed, {pb.shape[2:] or 'grey'} rebuilt)"
    differ = (pa != pb).reshape(pa.shape[0], pa.shape[1], -1).any(axis=2)
    if not differ.any():
        return "the same pixels (the file differs in its metadata or compression)"
    rows, cols = differ.nonzero()
    return (
        f"{differ.mean():.4%} of the pixels differ ({int(differ.sum())} of {differ.size}), within "
        f"x {cols.min()}-{cols.max()}, y {rows.min()}-{rows.max()}"
    )


def _zip_difference(listed: Path, rebuilt: Path) -> str:
    import zipfile

    with zipfile.ZipFile(listed) as a, zipfile.ZipFile(rebuilt) as b:
        if a.namelist() != b.namelist():
            return f"other parts: {sorted(set(a.namelist()) ^ set(b.namelist())) or 'the same parts in another order'}"
        for name in a.namelist():
            old, new = a.read(name), b.read(name)
            if old != new:
                detail = _first_line_difference(old, new) if name.endswith((".xml", ".rels")) else "binary part"
                return f"part {name}: {detail}"
    return "the same parts (the archive differs in its dates or compression)"


def describe(listed: Path, rebuilt: Path) -> str:
    """What differs between the listed version of an output and the rebuilt one: for text (SVG, Markdown,
    CSV, HTML, notebooks) the first differing line, both versions trimmed; for a PNG the share of pixels that
    differ; for a .docx the first differing part."""
    try:
        suffix = rebuilt.suffix.lower()
        if suffix in TEXT_SUFFIXES:
            return _first_line_difference(listed.read_bytes(), rebuilt.read_bytes())
        if suffix == ".png":
            return _png_difference(listed, rebuilt)
        if suffix == ".docx":
            return _zip_difference(listed, rebuilt)
        old, new = listed.read_bytes(), rebuilt.read_bytes()
        at = next((i for i, (x, y) in enumerate(zip(old, new)) if x != y), min(len(old), len(new)))
        return f"first differing byte at offset {at} ({len(old)} bytes listed, {len(new)} rebuilt)"
    except Exception as exc:  # a damaged file still gets its DIFFERS line
        return f"cannot be compared ({type(exc).__name__}: {exc})"


def listed_copy(name: str, digest: str, places: list[Path]) -> Path | None:
    """A copy of the listed version of `name`: the first of `places` holding a file with exactly that digest."""
    for place in places:
        candidate = Path(place) / name
        if candidate.is_file() and sha256_of(candidate) == digest:
            return candidate
    return None


def explain(problems: list[str], expected: dict[str, str], rebuilt: Path, places: list[Path]) -> list[str]:
    """The DIFFERS lines, each followed by what differs where a copy of the listed version is at hand (the
    checkout's own outputs when `make all` built them, or a folder given with --against)."""
    out = []
    for line in problems:
        out.append(line)
        if not line.startswith("DIFFERS"):
            continue
        name = line.split()[1]
        copy = listed_copy(name, expected[name], places)
        if copy is None:
            out.append(
                "          (no copy of the listed version here to show what differs: figures/ and reports/ "
                "are not committed; pass a folder holding it with AGAINST=DIR)"
            )
        else:
            out.append("          " + describe(copy, rebuilt / name))
    return out


def verify(
    months: list[str] | None = None,
    jobs: int = 2,
    keep: bool = False,
    root: Path = paths.ROOT,
    against: Path | None = None,
) -> int:
    """Rebuild in a scratch folder and compare; 0 when every file matches. Each file that differs is described
    against a copy of its listed version where one is at hand (`against`, else the checkout's own outputs)."""
    if not paths.CHECKSUMS.exists():
        print(f"{paths.CHECKSUMS} is missing: run `make all` then `make checksums`, and commit it.")
        return 1
    scratch = Path(tempfile.mkdtemp(prefix="sleeper-cell-verify-"))
    try:
        print(f"Rebuilding everything from data/raw in {scratch} ...", flush=True)
        _scratch_copy(root, scratch)
        command = [sys.executable, "-m", "analysis", "all", "--jobs", str(jobs)]
        if months:
            command += ["--months", *months]
        env = {**os.environ, "PYTHONPATH": str(scratch)}
        build = subprocess.run(command, cwd=scratch, env=env)
        if build.returncode != 0:
            print("The rebuild itself failed (see above); nothing was compared.")
            return 1
        expected = read_checksums(paths.CHECKSUMS)
        if months:
            wanted = tuple(f"{top}/{m}/" for top in ("figures", "reports") for m in [*months, "overview"])
            expected = {k: v for k, v in expected.items() if k.startswith(wanted)}
        problems = compare(expected, checksums(scratch))
        for line in explain(problems, expected, scratch, [p for p in (against, root) if p is not None]):
            print(line)
        if problems:
            print(f"NOT VERIFIED: {len(problems)} of {len(expected)} files differ from reports/SHA256SUMS.")
            return 1
        print(f"VERIFIED: all {len(expected)} outputs rebuilt from data/raw match reports/SHA256SUMS byte for byte.")
        return 0
    finally:
        if keep:
            print(f"Scratch folder kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
