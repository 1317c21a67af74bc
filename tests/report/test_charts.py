"""Chart helpers: a monthly series said in words for a figure's long description."""

import pandas as pd

from analysis.report.charts import trend_sentence


def test_a_monthly_series_in_words():
    """The values behind a chart's long description: range with months, later half against earlier, gaps."""
    series = pd.Series([4, None, 6, 10], index=["2001-01", "2001-02", "2001-03", "2001-04"], dtype="Float64")
    assert trend_sentence(series, "attack counts") == (
        "Over the 4 months from January 2001 to April 2001, published attack counts ranged from 4 (January 2001) "
        "to 10 (April 2001); the last 2 months averaged 8.0 against 4.0 in the 2 before; 1 month has no "
        "published figure.")
    assert trend_sentence(series * pd.NA, "raids counts").endswith("no raids counts figure was published.")
