"""Where things live, derived once from the package location (no other module hard-codes a folder)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
MANIFEST = DATA / "manifest.csv"
FIGURES = ROOT / "figures"
REPORTS = ROOT / "reports"
NOTEBOOKS = ROOT / "notebooks"
GAZETTEER = RAW / "gazetteer"
CHECKSUMS = REPORTS / "SHA256SUMS"
LOGS = ROOT / "logs"  # tracebacks of unexpected errors (git-ignored)


def closed_folder(raw: Path = RAW) -> Path:
    """Where `python -m analysis close` records each closed month: data/closed/ beside data/raw (the team's
    cut-offs are not published facts, so they stay out of data/raw)."""
    return Path(raw).parent / "closed"


def month_folder(month: str, vintage: str = "current") -> str:
    """Sub-folder of figures/ and reports/ for a month: '2023-11', or 'as-published/2021-06'."""
    return month if vintage == "current" else f"{vintage}/{month}"


def relative_to_root(path: Path, root: Path = ROOT) -> str:
    """A path as written in outputs: relative to the project root when inside it (so outputs are the same in
    any clone), otherwise absolute."""
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return str(Path(path).resolve())


def code_files(root: Path = ROOT, *packages: str) -> list[Path]:
    """The analysis package's source files, sorted: all of them, or the top-level modules and `packages`."""
    top = Path(root) / "analysis"
    if not packages:
        return sorted(top.rglob("*.py"))
    return sorted([*top.glob("*.py"), *(p for name in packages for p in (top / name).rglob("*.py"))])
