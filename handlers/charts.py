"""The pulse trend chart as a PNG (matplotlib, Agg backend: no display, no fonts from the network).

Only published points are drawn: the digest's rules have already left out rounds with too few answers.
matplotlib is imported when the first chart is drawn, not at start-up (it is about a third of the start-up time
and of the idle memory, and most processes never draw a chart).
"""

from __future__ import annotations

import io

from bot.contract.digest import TrendChart
from bot.i18n import get_translator
from handlers.blocks.kit import week_label
from handlers.rendering import RenderedFile


def render_trend_chart(chart: TrendChart) -> RenderedFile:
    import matplotlib  # lazily: see the module docstring

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    tr = get_translator(chart.lang)
    title = tr.t("digest.chart_title")
    labels = [week_label(tr, point.week) for point in chart.points]
    values = [point.mean for point in chart.points]
    figure = Figure(figsize=(6.4, 3.2), dpi=100)
    axes = figure.subplots()
    axes.plot(labels, values, marker="o", color="#2E6B5E", linewidth=2)
    axes.set_ylim(1, 5)
    axes.set_yticks([1, 2, 3, 4, 5])
    axes.set_title(title)
    axes.set_ylabel(tr.t("digest.chart_axis"))
    axes.grid(axis="y", alpha=0.3)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    points = ", ".join(f"{week_label(tr, p.week)}: {tr.number(p.mean)}" for p in chart.points)
    alt = tr.t("digest.chart_alt", title=title, points=points)
    return RenderedFile(filename="puls-trend.png", content=buffer.getvalue(), title=title, alt_text=alt[:1000])
