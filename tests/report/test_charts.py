"""Chart helpers: a monthly series said in words for a figure's long description."""

import pandas as pd

from analysis.report.charts import trend_sentence


def test_a_monthly_series_in_words():
    """The values behind a chart's long description: range with months, later half against earlier, gaps."""
    series = pd.Series([4, None, 6, 10], index=["2001-01", "2001-02", "2001-03", "2001-04"], dtype="Float64")
    assert trend_sentence(series, "attack counts") == (
        "Over the 4 months from January 2001 to April 2001, published attack counts ranged from 4 (January 2001) "
        "to 10 (April 2001); the last 2 months averaged 8.0 against 4.0 in the 2 before; 1 month has no "
        "published figure."
    )
    assert trend_sentence(series * pd.NA, "raids counts").endswith("no raids counts figure was published.")


def test_development_labels_never_overlap_however_many_there_are():
    """Regression (April 2025 had 8 markers whose labels ran into each other): SYNTHETIC developments in 8 of
    24 months, labels of a realistic length; drawn on a real figure, no two label boxes intersect."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    from analysis.months import window
    from analysis.report.charts import mark_developments

    months = window("2001-12", 24)
    chosen = [months[i] for i in (1, 4, 6, 10, 12, 13, 18, 23)]
    developments = pd.DataFrame(
        {
            "month": chosen,
            "key_point_order": [1] * 8,
            "on_charts": ["yes"] * 8,
            "chart_label": [f"SYNTHETIC development {n} here" for n in range(8)],
        }
    )
    fig, ax = plt.subplots(figsize=(6.5, 3.8), dpi=200)
    ax.bar(range(24), [10] * 24)
    ax.set_ylim(0, 14)
    assert mark_developments(ax, months, developments) == 8
    fig.canvas.draw()
    boxes = [t.get_window_extent() for t in ax.texts]
    assert len(boxes) == 8
    overlapping = [(a, b) for n, a in enumerate(boxes) for b in boxes[n + 1 :] if a.overlaps(b)]
    plt.close(fig)
    assert overlapping == []
