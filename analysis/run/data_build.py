"""When data/processed must be rebuilt, decided by content, and the record of the build that made it.

A build is current when the digest of what it reads (every file under data/raw, incidents/ and acled/
included; the ingest code and the shared modules; the lock; the build's options) equals the digest in
`data/processed/build.json`, and every file that record lists still has its sha256. So an edited raw file
(whatever its time), a deleted or truncated processed file, a new incident log or ACLED export, or a build
made with rejections allowed followed by a plain one: each is noticed and rebuilt.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import catalog, paths
from ..outputs import atomic_write_text, digest_of, sha256_of, unchanged
from . import lock
from .manifest import raw_digests

RECORD = "build.json"


def inputs_digest(raw: Path, allow_rejections: bool, root: Path = paths.ROOT) -> tuple[str, dict[str, str]]:
    """The digest of everything a data build reads, and the raw files' own digests."""
    raw_files = raw_digests(raw, drop_folders=True)
    entries = {f"raw/{name}": digest for name, digest in raw_files.items()}
    closed = paths.closed_folder(raw)
    entries.update({f"closed/{p.name}": sha256_of(p) for p in sorted(closed.glob("*.json"))} if closed.is_dir() else {})
    entries.update({paths.relative_to_root(p, root): sha256_of(p) for p in paths.code_files(root, "ingest")})
    entries["requirements.lock"] = sha256_of(Path(root) / "requirements.lock")
    entries["option:allow_rejections"] = str(bool(allow_rejections))
    return digest_of(entries), raw_files


def read_record(processed: Path) -> dict | None:
    try:
        record = json.loads((Path(processed) / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def current_record(raw: Path, processed: Path, allow_rejections: bool) -> dict | None:
    """The record of the build in `processed` if it is current for these inputs, else None."""
    record = read_record(processed)
    if record is None or record.get("digest") != inputs_digest(raw, allow_rejections)[0]:
        return None
    intact = unchanged({Path(processed) / name: digest for name, digest in record.get("outputs", {}).items()})
    return record if intact else None


def ensure_data(
    raw: Path = paths.RAW, processed: Path = paths.PROCESSED, allow_rejections: bool = False, quiet: bool = False
) -> tuple[dict, bool]:
    """Build data/processed unless it is current; return (the build's record, whether it was built now).

    Raises RejectedRowsError (after writing rejected.csv) when rows were rejected and not allowed."""
    raw, processed = Path(raw), Path(processed)
    processed.mkdir(parents=True, exist_ok=True)
    with lock.exclusive(processed / ".lock", "the data build"):
        record = current_record(raw, processed, allow_rejections)
        if record is not None:
            return record, False
        (processed / RECORD).unlink(missing_ok=True)  # an interrupted build is never taken for a current one
        if not quiet:
            print(">>> Step: data/processed from data/raw", flush=True)
        from ..ingest.build import build

        digest, raw_files = inputs_digest(raw, allow_rejections)
        result = build(raw, processed, allow_rejections=allow_rejections)
        if not quiet:
            print(f"Built {paths.relative_to_root(processed)} from {paths.relative_to_root(raw)}:\n{result.summary()}")
            if len(result.rejected):
                print(f"{len(result.rejected)} row(s) rejected and allowed; see {processed / 'rejected.csv'}")
        outputs = {
            p.name: sha256_of(p)
            for p in sorted(processed.iterdir())
            if p.is_file() and not p.name.startswith(".") and p.name != RECORD
        }
        record = {
            "digest": digest,
            "options": {"allow_rejections": bool(allow_rejections)},
            "raw": raw_files,
            "outputs": outputs,
        }
        atomic_write_text(processed / RECORD, json.dumps(record, indent=1, sort_keys=True) + "\n")
        return record, True


def months(processed: Path) -> list[str]:
    """The months a report can be built for, as the last build listed them: those with a published attack
    count and those with a provisional one from the team's records."""
    return sorted(published_months(processed) + provisional_months(processed))


def published_months(processed: Path) -> list[str]:
    """The months with a published attack count."""
    return (Path(processed) / catalog.MONTHS).read_text(encoding="utf-8").split()


def provisional_months(processed: Path) -> list[str]:
    """The months no report has published whose attack count is the team's provisional one."""
    path = Path(processed) / catalog.PROVISIONAL_MONTHS
    return path.read_text(encoding="utf-8").split() if path.exists() else []
