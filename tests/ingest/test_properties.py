"""Property-based tests (hypothesis) of what a hand-edited raw table can do to the data build: random bytes,
shuffled quote marks, dropped and doubled delimiters, random Unicode in a cell, a truncated file. Whatever
the damage, the build ends with a plain message or a result in which rows read = rows kept + rows rejected
and every physical line is accounted for, and a rerun gives the same. The tables are the SYNTHETIC fixture."""

import csv
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import paths
from analysis.errors import AnalysisError
from analysis.ingest import build as data_build
from analysis.ingest.readers import read_table

from ..conftest import FIXTURES, TODAY

TABLES = sorted(p.name for p in (FIXTURES / "raw_minimal").glob("*.csv"))
# derandomize: the same examples on every run and machine (a failure is reproducible from the test alone);
# no database: nothing written into the work tree.
SETTINGS = settings(
    max_examples=10, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def mutated(data: st.DataObject, text: str) -> bytes:
    """One kind of damage a person or a tool could do to a CSV file, as the bytes written."""
    kind = data.draw(st.sampled_from(["bytes", "quote", "comma", "unicode", "truncate", "newline"]))
    if kind == "bytes":
        raw = text.encode("utf-8")
        at = data.draw(st.integers(0, len(raw)))
        return raw[:at] + data.draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    return damaged_text(data, kind, text).encode("utf-8")


def damaged_text(data: st.DataObject, kind: str, text: str) -> str:
    at = data.draw(st.integers(0, len(text)))
    if kind == "quote":
        spots = data.draw(st.lists(st.integers(0, len(text)), min_size=1, max_size=4))
        for spot in sorted(spots, reverse=True):
            text = text[:spot] + '"' + text[spot:]
        return text
    if kind == "comma":
        commas = [i for i, c in enumerate(text) if c == ","]
        i = data.draw(st.sampled_from(commas))
        return text[:i] + text[i + 1 :] if data.draw(st.booleans()) else text[:i] + ",," + text[i + 1 :]
    if kind == "unicode":
        return text[:at] + data.draw(st.text(min_size=1, max_size=12)) + text[at:]
    if kind == "newline":
        return text[:at] + data.draw(st.sampled_from(["\n", "\r\n", "\r", "\n\n", '"\n"'])) + text[at:]
    return text[:at]


def outcome(raw: Path, out: Path) -> tuple:
    """What a researcher sees: the plain message, or the counts and the rejected rows."""
    try:
        result = data_build.build(raw, out, allow_rejections=True, today=TODAY)
    except AnalysisError as exc:
        return ("error", str(exc).replace(str(raw), "RAW").replace(str(out), "OUT"))
    files = {name: f"{name}.csv" for name in result.read}
    rejected = result.rejected
    for name, read in result.read.items():
        if name in files and files[name] in set(rejected["file"]):
            assert (rejected["file"] == files[name]).sum() == read - result.kept[name], name
    assert len(rejected) == sum(result.read.values()) - sum(result.kept.values())
    return (
        "built",
        tuple(sorted(result.read.items())),
        tuple(sorted(result.kept.items())),
        rejected.astype(str).to_csv(index=False),
    )


def unaccounted_lines(path: Path) -> list[int]:
    """Physical lines (as the CSV reader counts them) that are neither the header, blank, a comment nor part
    of a row that was read."""
    frame = read_table(path)
    text = path.read_bytes().decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    covered, last, header_seen = set(), 0, False
    for record in reader:
        lines = range(last + 1, reader.line_num + 1)
        last = reader.line_num
        if not header_seen and any(c.strip() for c in record):
            header_seen = True
            covered.update(lines)
        elif not any(c.strip() for c in record) or record[0].lstrip().startswith("#"):
            covered.update(lines)
        elif lines[0] in set(frame["_line"]):
            covered.update(lines)
    return sorted(set(range(1, last + 1)) - covered)


@pytest.mark.slow
@SETTINGS
@given(data=st.data(), table=st.sampled_from(TABLES))
def test_a_damaged_table_gives_a_message_or_a_full_account_and_the_same_on_a_rerun(data, table):
    with tempfile.TemporaryDirectory() as scratch:
        raw = Path(scratch) / "raw"
        shutil.copytree(FIXTURES / "raw_minimal", raw)
        shutil.copytree(paths.GAZETTEER, raw / "gazetteer")
        path = raw / table
        path.write_bytes(mutated(data, path.read_text(encoding="utf-8")))
        first = outcome(raw, Path(scratch) / "out1")
        assert outcome(raw, Path(scratch) / "out2") == first
        if first[0] == "built":
            assert unaccounted_lines(path) == [], path.read_bytes()
