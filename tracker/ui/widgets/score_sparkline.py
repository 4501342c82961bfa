"""A one-line sparkline of 0–10 scores drawn on the fixed 0–10 scale.

Textual's Sparkline scales from the lowest to the highest value shown, so a
single day at pain 6 draws a full block, as if it were 10. Scores have a
fixed scale; this draws them on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import fmean

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

BLOCKS = "▁▂▃▄▅▆▇█"
SCALE_TOP = 10


class ScoreSparkline(Widget):
    """Oldest on the left; each cell the mean of the days it covers."""

    DEFAULT_CSS = """
    ScoreSparkline {
        height: 1;
        width: 1fr;
    }
    ScoreSparkline > .score-sparkline--bad {
        color: $error;
    }
    ScoreSparkline > .score-sparkline--good {
        color: $success;
    }
    """

    COMPONENT_CLASSES = {"score-sparkline--bad", "score-sparkline--good"}

    data: reactive[tuple[float, ...]] = reactive((), layout=False)

    def __init__(self, *, high_is_bad: bool, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.high_is_bad = high_is_bad

    def show(self, values: Sequence[float]) -> None:
        self.data = tuple(values)

    def render(self) -> Text:
        width = self.size.width
        values = self.data
        line = Text(no_wrap=True)
        if not values or width <= 0:
            return line
        bad = self.get_component_rich_style("score-sparkline--bad")
        good = self.get_component_rich_style("score-sparkline--good")
        cells = min(width, len(values))
        for cell in range(cells):
            part = values[cell * len(values) // cells : (cell + 1) * len(values) // cells]
            value = fmean(part)
            index = round(max(0.0, min(SCALE_TOP, value)) / SCALE_TOP * (len(BLOCKS) - 1))
            high, low = (bad, good) if self.high_is_bad else (good, bad)
            style = high if value >= 7 else low if value <= 3 else ""
            line.append(BLOCKS[index], style=style)
        return line
