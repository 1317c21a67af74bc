"""The NES gazetteer: place names in any spelling -> OCHA p-codes and canonical names.

Names are compared after normalisation (case, diacritics, Arabic letter variants, articles such as
al-/el-/ar-, hyphens and apostrophes). A name that matches no entry, or several entries with nothing to
choose between them, is reported as unresolved: never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import paths
from ..errors import InputFileError
from ..names import normalise
from ..vocabulary import RESIDUAL_REGIONS
from .readers import read_csv_text

LEVELS = {"governorate": 1, "aanes-region": 1, "district": 2, "camp": 3, "sub-district": 3}
PLACE_COLUMNS = [
    "place_id",
    "kind",
    "name",
    "name_ar",
    "adm1_pcode",
    "adm1_name",
    "adm2_pcode",
    "adm2_name",
    "adm3_pcode",
    "adm3_name",
    "lon",
    "lat",
    "region",
]
ALIAS_COLUMNS = ["alias", "place_id", "default", "lang", "note"]


@dataclass(frozen=True)
class Resolution:
    """What a name resolved to; `place_id` is empty when unresolved, with `reason` saying why."""

    name: str
    place_id: str
    reason: str = ""


class Gazetteer:
    """Places (OCHA admin units, camps, AANES regions) and their aliases, indexed by normalised name."""

    def __init__(self, places: pd.DataFrame, aliases: pd.DataFrame, folder: Path = paths.GAZETTEER):
        self.folder = Path(folder)  # where it was read from: its district boundaries are there too
        self.places = places.set_index("place_id", drop=False)
        self._index: dict[str, set[str]] = {}
        self._default: dict[str, str] = {}
        for row in places.itertuples():
            for name in (row.name, row.name_ar):
                if name:
                    self._index.setdefault(normalise(name), set()).add(row.place_id)
        for row in aliases.itertuples():
            key = normalise(row.alias)
            self._index.setdefault(key, set()).add(row.place_id)
            if row.default == "yes":
                self._default[key] = row.place_id

    def candidates(self, name: str) -> list[str]:
        """Every place a name could mean, sorted."""
        return sorted(self._index.get(normalise(name), ()))

    def resolve(self, name: str, kind: str | None = None) -> Resolution:
        """One place for `name`, optionally restricted to a kind ('governorate', 'district', ...)."""
        if not str(name).strip():
            return Resolution(name, "", "no place name given")
        found = self.candidates(name)
        if kind is not None:
            found = [p for p in found if self.places.at[p, "kind"] == kind]
        if not found:
            what = f" as a {kind}" if kind else ""
            return Resolution(
                name,
                "",
                f"'{name}' is not in the gazetteer{what}; add it to "
                "data/raw/gazetteer/aliases.csv if it is a known place",
            )
        if len(found) == 1:
            return Resolution(name, found[0])
        key = normalise(name)
        if key in self._default and self._default[key] in found:
            return Resolution(name, self._default[key])
        top = min(LEVELS[self.places.at[p, "kind"]] for p in found)
        best = [p for p in found if LEVELS[self.places.at[p, "kind"]] == top]
        if len(best) == 1:
            return Resolution(name, best[0])
        return Resolution(name, "", f"'{name}' is ambiguous ({', '.join(best)}); mark one alias as default")

    def describe(self, place_id: str) -> dict:
        """Canonical name, kind, region and p-codes of a place."""
        row = self.places.loc[place_id]
        return {c: row[c] for c in PLACE_COLUMNS}


def _check_columns(frame: pd.DataFrame, expected: list[str], path: Path) -> None:
    missing = [c for c in expected if c not in frame.columns]
    if missing:
        raise InputFileError(
            path,
            f"lacks the column(s) {', '.join(missing)}",
            hint=f"the gazetteer needs: {', '.join(expected)}.",
            column=missing[0],
        )


def load_gazetteer(folder: Path = paths.GAZETTEER) -> Gazetteer:
    """Read places.csv and aliases.csv; every alias must point at a known place."""
    folder = Path(folder)
    places = read_csv_text(folder / "places.csv")
    aliases = read_csv_text(folder / "aliases.csv")
    _check_columns(places, PLACE_COLUMNS, folder / "places.csv")
    _check_columns(aliases, ALIAS_COLUMNS, folder / "aliases.csv")
    dupes = places[places["place_id"].duplicated()]
    if len(dupes):
        row = dupes.iloc[0]
        raise InputFileError(
            folder / "places.csv",
            f"repeats the place_id '{row.place_id}'",
            hint="each place_id must appear once.",
            line=int(row._line),
            column="place_id",
        )
    unknown_kind = places[~places["kind"].isin(list(LEVELS))]
    if len(unknown_kind):
        row = unknown_kind.iloc[0]
        raise InputFileError(
            folder / "places.csv",
            f"has an unknown kind '{row.kind}'",
            hint=f"use one of {', '.join(LEVELS)}.",
            line=int(row._line),
            column="kind",
        )
    orphans = aliases[~aliases["place_id"].isin(set(places["place_id"]))]
    if len(orphans):
        row = orphans.iloc[0]
        raise InputFileError(
            folder / "aliases.csv",
            f"points at an unknown place_id '{row.place_id}'",
            hint="use a place_id from places.csv.",
            line=int(row._line),
            column="place_id",
        )
    return Gazetteer(places, aliases, folder)


_RESIDUAL = {normalise(name) for name in RESIDUAL_REGIONS}


def is_residual(name: str) -> bool:
    """'other cantons', 'the rest of NES': what a breakdown by region leaves over, not a place."""
    return normalise(name) in _RESIDUAL


def resolve_names(names: pd.Series, gazetteer: Gazetteer, kind: str | None = None) -> pd.DataFrame:
    """Resolve a column of names: place_id, canonical name, kind, region and p-codes (blank if unresolved)."""
    rows = []
    for name in names:
        res = gazetteer.resolve(name, kind)
        info = gazetteer.describe(res.place_id) if res.place_id else {c: "" for c in PLACE_COLUMNS}
        rows.append({"name_as_written": name, **info, "unresolved_reason": res.reason})
    columns = ["name_as_written", *PLACE_COLUMNS, "unresolved_reason"]  # the same columns with no name at all
    return pd.DataFrame(rows, index=names.index, columns=columns)
