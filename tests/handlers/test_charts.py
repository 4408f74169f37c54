"""The trend chart is a real PNG drawn from exactly the points it is given, with alt text."""

from __future__ import annotations

import struct
import subprocess
import sys

from bot.contract.digest import TrendChart, TrendPointView
from handlers.charts import render_trend_chart

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_chart_is_a_valid_png_with_alt_text_naming_each_point() -> None:
    chart = TrendChart(
        lang="nb",
        points=(TrendPointView(47, 3.6), TrendPointView(49, 4.2)),
    )
    drawn = render_trend_chart(chart)
    assert drawn.content.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", drawn.content[16:24])
    assert (width, height) == (640, 320)
    assert drawn.content.endswith(b"IEND\xaeB`\x82")
    assert "uke 47: 3,6" in drawn.alt_text
    assert "uke 49: 4,2" in drawn.alt_text
    assert "uke 48" not in drawn.alt_text
    assert drawn.filename.endswith(".png")


def test_english_chart_uses_english_numbers() -> None:
    drawn = render_trend_chart(TrendChart(lang="en", points=(TrendPointView(1, 3.25), TrendPointView(2, 4.0))))
    assert "week 1: 3.2" in drawn.alt_text or "week 1: 3.3" in drawn.alt_text


def test_starting_the_bot_does_not_import_matplotlib() -> None:
    """matplotlib is imported when a chart is drawn, not by `import bot.app` (start-up time and idle memory)."""
    probe = "import sys, bot.app, bot.cli; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)  # noqa: S603
    assert result.stdout.strip() == "False"
