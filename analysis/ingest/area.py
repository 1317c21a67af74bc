"""The report's area as data: the sub-districts it covers, their AANES region, and the months each applies to.

data/raw/gazetteer/area.csv lists OCHA sub-districts (p-codes) with the region the report uses (Jazira,
Euphrates, Raqqa, Tabqa, Manbij, Deir ez-Zor) and a status: `in`, or `split` where a control line (the
Euphrates in Deir-ez-Zor and Raqqa, the October 2019 front in Tell Abiad and Ras al-Ain, the government-held
west of Manbij district) runs through the sub-district, so that an event there may lie on either side and is
counted apart. A row applies from `first_month` to `last_month` (blank: still in force).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import paths
from ..errors import InputFileError
from ..months import MONTH_FORMAT
from .readers import read_csv_text

AREA = paths.GAZETTEER / "area.csv"
COLUMNS = ["adm3_pcode", "adm3_name", "adm2_pcode", "region", "status", "first_month", "last_month", "source", "note"]
STATUSES = ("in", "split")


def load_area(path: Path = AREA, known_places: set[str] | None = None) -> pd.DataFrame:
    """The area table, checked: known sub-districts, a status of `in` or `split`, months as YYYY-MM, and no
    two rows of a sub-district in force in the same month."""
    path = Path(path)
    table = read_csv_text(path)
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise InputFileError(
            path,
            f"lacks the column(s) {', '.join(missing)}",
            hint=f"the area table needs: {', '.join(COLUMNS)}.",
            column=missing[0],
        )

    def refuse(bad: pd.Series, column: str, rule: str) -> None:
        row = table[bad].iloc[0]
        raise InputFileError(
            path,
            f"has {column} '{row[column]}': {rule}",
            line=int(row["_line"]),
            column=column,
            hint="see the area table in data/raw/README.md.",
        )

    if known_places is not None:
        unknown = ~table["adm3_pcode"].isin(known_places)
        if unknown.any():
            refuse(unknown, "adm3_pcode", "not a sub-district of the gazetteer (places.csv)")
    if (~table["status"].isin(STATUSES)).any():
        refuse(~table["status"].isin(STATUSES), "status", f"must be one of {', '.join(STATUSES)}")
    for column, blank_ok in (("first_month", False), ("last_month", True)):
        bad = ~table[column].map(lambda m, blank_ok=blank_ok: bool(MONTH_FORMAT.fullmatch(m)) or (blank_ok and m == ""))
        if bad.any():
            refuse(bad, column, "must be a month, YYYY-MM" + (" (or blank: still in force)" if blank_ok else ""))
    ends = table["last_month"].replace("", "9999-12")
    if (ends < table["first_month"]).any():
        refuse(ends < table["first_month"], "last_month", "ends before first_month")
    for _, rows in table.assign(_end=ends).sort_values(["adm3_pcode", "first_month"]).groupby("adm3_pcode"):
        overlap = rows["first_month"].iloc[1:].to_numpy() <= rows["_end"].iloc[:-1].to_numpy()
        if overlap.any():
            refuse(
                table["_line"] == rows["_line"].iloc[1:][overlap].iloc[0],
                "first_month",
                "overlaps the months of another row of the same sub-district",
            )
    return table[COLUMNS].reset_index(drop=True)


def area_status(adm2: pd.Series, adm3: pd.Series, months: pd.Series, area: pd.DataFrame) -> pd.Series:
    """Where each place stands in the month: 'in', 'split' (counted apart), 'district only' (a district of the
    area, the sub-district not known), 'outside', or 'unresolved' (no district at all)."""
    # each combination once: the three columns as numbers, one key per row
    key = np.zeros(len(adm2), dtype="int64")
    for column in (adm2, adm3, months):
        codes, uniques = pd.factorize(column)
        key = key * (len(uniques) + 1) + codes + 1  # a missing value (-1) is a value of its own
    _, first, codes = np.unique(key, return_index=True, return_inverse=True)
    distinct = pd.DataFrame(
        {"adm2": adm2.to_numpy()[first], "adm3": adm3.to_numpy()[first], "month": months.to_numpy()[first]}
    )
    rows = distinct.rename(columns={"adm3": "adm3_pcode"}).assign(_i=range(len(distinct)))
    matched = rows.merge(area, on="adm3_pcode", how="inner")
    ends = matched["last_month"].replace("", "9999-12")
    matched = matched[(matched["first_month"] <= matched["month"]) & (matched["month"] <= ends)]
    status = pd.Series("outside", index=range(len(distinct)), dtype="str")
    status[matched["_i"].to_numpy()] = matched["status"].to_numpy()
    status[(distinct["adm3"] == "") & distinct["adm2"].isin(set(area["adm2_pcode"]))] = "district only"
    status[distinct["adm2"] == ""] = "unresolved"
    return pd.Series(pd.array(status.to_numpy(), dtype="str").take(codes), index=adm3.index)
