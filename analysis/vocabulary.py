"""The project's vocabulary: one name for each concept the data build and the reports share.

Metrics (the figures a report states), the groups of a camp count, the vintages of a figure, the words a raw
table allows. Both sides import from here; neither defines these names itself. The processed tables are listed
in analysis/catalog.py.
"""

METRICS = {
    "attacks": "headline count of sleeper-cell attacks (see definitions.csv for what it counts)",
    "attacks_unverified": "ISIS-claimed attacks RIC could not verify, left out of the headline",
    "attacks_claimed": "attacks claimed by (or confirmed as) ISIS, a subset of the headline",
    "military_killed": "SDF, Asayish and other security personnel killed",
    "military_injured": "SDF, Asayish and other security personnel injured",
    "civilian_killed": "civilians killed",
    "civilian_injured": "civilians injured",
    "deaths_total": "all deaths, where only a total was published",
    "injured_total": "all injured, where only a total was published",
    "raids": "anti-ISIS raids by the SDF, Asayish and/or the Coalition",
    "arrests": "people arrested in those raids",
    "isis_killed": "ISIS members killed (in raids unless the note says otherwise)",
    "isis_officials_killed": "ISIS officials (leaders, emirs) killed",
    "isis_officials_captured": "ISIS officials (leaders, emirs) captured",
    "hol_attacks": "attacks inside al-Hol camp, counted apart",
    "hol_deaths": "people killed inside al-Hol camp",
    "hol_raids": "raids inside al-Hol camp",
    "hol_arrests": "arrests inside al-Hol camp",
}
CAMP_GROUPS = ("total", "iraqi", "syrian", "third_country")
REGION_METRICS = ("attacks", "raids")

HEADLINE = {
    "attacks": "Attacks (headline count)",
    "attacks_unverified": "Unverified ISIS claims",
    "military_killed": "Military personnel killed",
    "military_injured": "Military personnel injured",
    "civilian_killed": "Civilians killed",
    "civilian_injured": "Civilians injured",
    "deaths_total": "Deaths (total only)",
    "injured_total": "Injured (total only)",
    "raids": "Raids",
    "arrests": "Arrests",
    "isis_killed": "ISIS members killed",
    "isis_officials_killed": "ISIS officials killed",
}

# Vintages: "current" uses the latest statement of every figure; "as-published" the value as first published.
VINTAGES = ("current", "as-published")

# What a report calls the rest of a breakdown by region ("only 4 occurred in other cantons"): kept as the
# report's own remainder, never resolved to a place (compared after names.normalise).
RESIDUAL_REGIONS = (
    "rest of nes",
    "the rest of nes",
    "other cantons",
    "other regions",
    "other areas",
    "elsewhere",
    "elsewhere in nes",
    "rest of north and east syria",
)
# Words that are not a country (repatriations.csv): leave `country` empty instead, or list several as 'A; B'.
NOT_COUNTRIES = ("unknown", "unnamed", "not named", "various", "multiple", "other", "others", "n/a", "na", "none", "-")
# repatriations.csv `country` when the source says people went to several countries without naming them
# ("returned to their home countries"): said as "several countries", never drawn as a country of its own.
SEVERAL_COUNTRIES = "several"
# Where a report gives a figure (monthly_figures.csv `stated_in`; empty = its key points, or its only mention).
STATED_IN = ("key_points", "body_text")
# Whether a month's own report was read (reports.csv `own_report`): not_found differs from "it gave no figure".
OWN_REPORT = ("found", "not_found")
# The qualifiers that make a number a bound or an approximation (never summed or compared as exact).
BOUNDS = frozenset({">", "≥", "<", "≤", "~"})
# Where a repatriation took people from, as the source says (repatriations.csv): "camp" = the camp named in
# `camp`; "nes" = the source says only "from NES"; "not_stated" = the source does not say.
REPATRIATED_FROM = ("camp", "nes_camps", "detention_facilities", "camps_and_detention", "nes", "not_stated")
# The kinds of a month's key points (key_point_order.csv `kind`), in their default order; the developments
# follow as 'development:N' (N = their key_point_order in developments.csv).
KEY_POINT_KINDS = ("attacks", "unverified", "casualties", "raids", "us_positions", "camp", "repatriations")
# What a development of the month is about (data/raw/developments.csv).
DEVELOPMENT_CATEGORIES = (
    "financing",
    "camps",
    "statements",
    "courts_and_repatriation",
    "raids_and_officials",
    "security",
    "other",
)
# The `report` of the statements the data build makes from the team's own count of a month no report has
# published yet (analysis/ingest/team.py): provisional figures, marked so in every report.
TEAM_REPORT = "The team's provisional count (not yet published)"
