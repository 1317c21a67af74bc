"""Pure transforms from validated raw rows to typed, tidy tables.

Every function takes DataFrames of kept rows (strings, as validated by `schemas`) and returns new
DataFrames; inputs are never modified. Qualified counts become value + qualifier, dates become a first
day + precision + month, and each figure gets its value as first published and as now (latest).
"""

from __future__ import annotations

import hashlib

import pandas as pd

from ..catalog import CATALOG
from ..vocabulary import BOUNDS
from . import parsing
from .places import Gazetteer, is_residual, resolve_names
from .readers import LINE, SOURCE

SOURCE_FIELDS = ["report", "published", "source_url", "note"]


def statement_id(*parts: str) -> str:
    """A stable id from a statement's key (not its line number, which moves when rows are inserted)."""
    digest = hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:10]
    return f"S{digest}"


def _split_count(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    parsed = [parsing.parse_count(v) if v else None for v in series]
    values = pd.array([p.value if p else pd.NA for p in parsed], dtype="Int64")
    qualifiers = [p.qualifier if p else "" for p in parsed]
    return pd.Series(values, index=series.index), pd.Series(qualifiers, index=series.index, dtype=object)


def _published_date(series: pd.Series) -> pd.Series:
    return series.map(lambda v: parsing.parse_date(v)[0].isoformat())


def figure_statements(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per statement of a headline figure, typed, with a stable id and its source."""
    value, qualifier = _split_count(rows["value"])
    out = pd.DataFrame(
        {
            # The key is (period, metric, stated_in, report); stated_in joins the id only when given, so the ids of
            # statements without it stay as they were.
            "statement_id": [
                statement_id(p, m, r) if not s else statement_id(p, m, s, r)
                for p, m, s, r in zip(rows["period"], rows["metric"], rows["stated_in"], rows["report"])
            ],
            "period": rows["period"],
            "period_type": rows["period"].map(lambda p: "year" if len(p) == 4 else "month"),
            "metric": rows["metric"],
            "value": value,
            "qualifier": qualifier,
            "value_as_written": rows["value"],
            # '27 (text)' and stated_in = body_text say the same; only the column can go with a bound ('≥1')
            "stated_in": [s or ("body_text" if q == "text" else "") for s, q in zip(rows["stated_in"], qualifier)],
            "report": rows["report"],
            "published": rows["published"],
            "published_date": _published_date(rows["published"]),
            "source_url": rows["source_url"],
            "note": rows["note"],
            "erratum": rows["erratum"] if "erratum" in rows.columns else "",
            "file": rows[SOURCE],
            "line": rows[LINE].astype(int),
        }
    )
    return out.sort_values(["period", "metric", "published_date", "line"], kind="mergesort").reset_index(drop=True)


FIGURE_COLUMNS = list(CATALOG["figures"].columns)  # the columns of figures.csv, as the catalog lists them


def _headline_statements(stated: list[dict]) -> tuple[list[dict], list[dict]]:
    """A report that gives a figure twice (31 arrests in its key points, 30 in its body text) is counted by
    its headline number; the body-text one is kept apart (`also_stated`), never silently dropped."""
    headlined = {s["report"] for s in stated if s["stated_in"] != "body_text"}
    apart = [s["stated_in"] == "body_text" and s["report"] in headlined for s in stated]
    return [s for s, a in zip(stated, apart) if not a], [s for s, a in zip(stated, apart) if a]


def _figure(group: list[dict]) -> dict:
    """One (period, metric)'s statements, oldest first, as one figure row."""
    # A statement marked as a slip (erratum) is listed, never counted: it is neither the current nor the
    # first-published value, and it makes no revision. The same report's other statement of the figure (its
    # body text, when the slip is in its key points) is then that report's headline one.
    slips = [s for s in group if s["erratum"] == "yes"]
    stated, also = _headline_statements([s for s in group if s["value"] is not None and s["erratum"] != "yes"])
    first, current = (stated[0], stated[-1]) if stated else ({}, {})
    # A restatement of the same number is no revision, whether said exactly, as implied or in the body
    # text; a bound that became a number (or the reverse) is one.
    values = {(s["value"], s["qualifier"] if s["qualifier"] in BOUNDS else "") for s in stated}
    return {
        "period": group[0]["period"],
        "period_type": group[0]["period_type"],
        "metric": group[0]["metric"],
        "value": current.get("value"),
        "qualifier": current.get("qualifier", ""),
        "first_value": first.get("value"),
        "first_qualifier": first.get("qualifier", ""),
        "revised": len(values) > 1,
        "n_statements": len(group),
        "current_statement": current.get("statement_id", ""),
        "first_statement": first.get("statement_id", ""),
        "statement_ids": ";".join(s["statement_id"] for s in group),
        "stated_in": current.get("stated_in", ""),
        "also_stated": "; ".join(f"{s['value_as_written']} in the body text of {s['report']}" for s in also),
        "disagreement": "; ".join(
            f"{s['report']} also gives {s['value_as_written']} in its body text"
            for s in also
            if current and s["report"] == current["report"] and s["value"] != current["value"]
        ),
        "errata": "; ".join(
            f"{s['value_as_written']} in {_WHERE.get(s['stated_in'], '')}{s['report']} (erratum)" for s in slips
        ),
    }


_WHERE = {"key_points": "the key points of ", "body_text": "the body text of "}


def first_and_current(statements: pd.DataFrame) -> pd.DataFrame:
    """Per (period, metric): the value as first published, the current (latest) one, and whether it changed.

    Statements with an empty value say "checked, not published": they count as statements but never
    supply a value, so missing stays missing. (Plain records, not a pandas group per figure: a pandas
    groupby loop over a few hundred figures took most of the data build.)
    """
    if "erratum" not in statements.columns:  # statements made before the column existed
        statements = statements.assign(erratum="")
    ordered = statements.sort_values(["period", "metric", "published_date", "line"], kind="mergesort")
    columns = [
        "period",
        "period_type",
        "metric",
        "qualifier",
        "stated_in",
        "report",
        "statement_id",
        "value_as_written",
        "erratum",
    ]
    records = [dict(zip(columns, row)) for row in zip(*(ordered[c].tolist() for c in columns))]
    for record, value in zip(records, ordered["value"].tolist()):
        record["value"] = None if pd.isna(value) else int(value)
    groups: dict[tuple[str, str], list[dict]] = {}
    for record in records:
        groups.setdefault((record["period"], record["metric"]), []).append(record)
    out = pd.DataFrame([_figure(group) for group in groups.values()], columns=FIGURE_COLUMNS)
    for col in ("value", "first_value"):
        out[col] = pd.array([pd.NA if v is None else v for v in out[col]], dtype="Int64")
    return out.astype({"revised": bool, "n_statements": int})


def regions(rows: pd.DataFrame, gazetteer: Gazetteer) -> pd.DataFrame:
    """Breakdowns by region with the place resolved to OCHA p-codes (names kept as written)."""
    value, qualifier = _split_count(rows["value"])
    share, share_q = _split_count(rows["share_pct"])
    residual = rows["region"].map(is_residual)
    places = resolve_names(rows["region"].where(~residual, ""), gazetteer)
    places.loc[residual.to_numpy(), "kind"] = "residual"
    places.loc[residual.to_numpy(), "name"] = rows.loc[residual, "region"].to_numpy()
    out = pd.DataFrame(
        {
            "statement_id": [
                statement_id(m, r, k, rep)
                for m, r, k, rep in zip(rows["month"], rows["region"], rows["metric"], rows["report"])
            ],
            "month": rows["month"],
            "metric": rows["metric"],
            "region_as_written": rows["region"],
            "place_id": places["place_id"],
            "place_name": places["name"],
            "place_kind": places["kind"],
            "region": places["region"].where(places["region"] != "", places["name"]),
            "adm1_pcode": places["adm1_pcode"],
            "adm2_pcode": places["adm2_pcode"],
            "adm3_pcode": places["adm3_pcode"],
            "value": value,
            "qualifier": qualifier,
            "share_pct": share,
            "share_qualifier": share_q,
            **{c: rows[c] for c in SOURCE_FIELDS},
        }
    )
    return out.sort_values(["month", "metric", "region", "published"], kind="mergesort").reset_index(drop=True)


def camp_population(rows: pd.DataFrame) -> pd.DataFrame:
    """Camp snapshots: as-of date and precision, month, group, population + qualifier."""
    population, qualifier = _split_count(rows["population"])
    dates = rows["as_of"].map(parsing.parse_date)
    out = pd.DataFrame(
        {
            "statement_id": [
                statement_id(a, c, g, r)
                for a, c, g, r in zip(rows["as_of"], rows["camp"], rows["group"], rows["report"])
            ],
            "as_of": rows["as_of"],
            "as_of_date": dates.map(lambda d: d[0].isoformat()),
            "as_of_precision": dates.map(lambda d: d[1]),
            "month": dates.map(lambda d: parsing.month_of(d[0])),
            "camp": rows["camp"],
            "group": rows["group"],
            "population": population,
            "qualifier": qualifier,
            **{c: rows[c] for c in SOURCE_FIELDS},
        }
    )
    order = {g: i for i, g in enumerate(["total", "iraqi", "syrian", "third_country"])}
    out["_g"] = out["group"].map(order)
    out = out.sort_values(["camp", "as_of_date", "report", "_g"], kind="mergesort").drop(columns="_g")
    return out.reset_index(drop=True)


def repatriations(rows: pd.DataFrame) -> pd.DataFrame:
    """Repatriations with counts and qualifiers; `month` from the (possibly month-precise) date."""
    dates = rows["date"].map(parsing.parse_date)
    columns = {
        "statement_id": [
            statement_id(d, c, cp, r)
            for d, c, cp, r in zip(rows["date"], rows["country"], rows["camp"], rows["report"])
        ],
        "date": rows["date"],
        "date_precision": dates.map(lambda d: d[1]),
        "month": dates.map(lambda d: parsing.month_of(d[0])),
        "country": rows["country"],
        "camp": rows["camp"],
        "repatriated_from": rows["repatriated_from"],
    }
    for field in ("people", "women", "children", "families"):
        columns[field], columns[f"{field}_qualifier"] = _split_count(rows[field])
    out = pd.DataFrame({**columns, **{c: rows[c] for c in SOURCE_FIELDS}})
    # by date only: a month's repatriations stay in the order they were recorded (the report's order)
    return out.sort_values("date", kind="mergesort").reset_index(drop=True)


def us_position_attacks(rows: pd.DataFrame) -> pd.DataFrame:
    """Tallies of attacks on US positions over stated periods (never split into months: not published so)."""
    attacks, qualifier = _split_count(rows["attacks"])
    out = pd.DataFrame(
        {
            "statement_id": [
                statement_id(s, e, a, r)
                for s, e, a, r in zip(rows["period_start"], rows["period_end"], rows["area"], rows["report"])
            ],
            "period_start": rows["period_start"],
            "period_end": rows["period_end"],
            "area": rows["area"],
            "attacks": attacks,
            "qualifier": qualifier,
            **{c: rows[c] for c in SOURCE_FIELDS},
        }
    )
    return out.sort_values(["period_end", "area", "period_start"], kind="mergesort").reset_index(drop=True)


def developments(rows: pd.DataFrame) -> pd.DataFrame:
    """The month's developments in the editor's order (the report's non-numeric key points), with sources."""
    out = pd.DataFrame(
        {
            "statement_id": [
                statement_id(m, o, r) for m, o, r in zip(rows["month"], rows["key_point_order"], rows["report"])
            ],
            "month": rows["month"],
            "date": rows["date"],
            "category": rows["category"],
            "summary": rows["summary"],
            "primary_source": rows["primary_source"],
            "key_point_order": rows["key_point_order"].astype(int),
            "on_charts": rows["on_charts"],
            "chart_label": rows["chart_label"],
            **{c: rows[c] for c in SOURCE_FIELDS},
        }
    )
    return out.sort_values(["month", "key_point_order"], kind="mergesort").reset_index(drop=True)


def key_point_order(rows: pd.DataFrame) -> pd.DataFrame:
    """The report's own order of each month's key points, by month and place."""
    out = rows[["month", "position", "kind", "report", "source_url", "note"]].copy()
    out["position"] = out["position"].astype(int)
    return out.sort_values(["month", "position"], kind="mergesort").reset_index(drop=True)


def reports(rows: pd.DataFrame) -> pd.DataFrame:
    """Whether each listed month's own report was found, by month."""
    out = rows[["month", "own_report", "source_url", "note"]].copy()
    return out.sort_values("month", kind="mergesort").reset_index(drop=True)


def definitions(rows: pd.DataFrame) -> pd.DataFrame:
    """Counting definitions in force, ordered by first month."""
    out = rows[["definition", "first_month", "last_month", "label", "description", "source_url"]].copy()
    return out.sort_values("first_month", kind="mergesort").reset_index(drop=True)
