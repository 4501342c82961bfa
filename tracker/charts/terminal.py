"""Drawing terminal charts with plotext (5.3): the figure, colours, markers, ticks, titles.

plotext is imported inside `_plotext` because `painmood log` must stay fast.
It keeps one global figure, so drawing is serialised with `FIGURE_LOCK` and
every chart starts from a cleared figure.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import threading
from collections.abc import Iterator
from typing import Any

from .base import _UNIT_WORDS, Chart, Series, Style, Timeline

# plotext's figure is module-level state: one chart at a time, whatever the thread.
FIGURE_LOCK = threading.Lock()

MIN_SIZE = (40, 12)
_Y_LABEL_COLUMNS = 8  # y tick labels plus the frame, taken off the width

# Mid-luminance colours that read on Textual's dark and light backgrounds; each
# style nudges them a little towards more contrast for its own background.
_PALETTES: dict[str, dict[str, tuple[int, int, int]]] = {
    "dark": {
        "pain": (255, 135, 95),
        "mood": (95, 175, 255),
        "factor": (190, 150, 255),
        "flagged": (255, 95, 175),
        "muted": (150, 150, 150),
    },
    "light": {
        "pain": (190, 70, 0),
        "mood": (0, 95, 190),
        "factor": (120, 60, 190),
        "flagged": (200, 0, 110),
        "muted": (110, 110, 110),
    },
}
# Without colour, series differ by marker.
_MONO_MARKERS = {"pain": "x", "mood": "o", "factor": "+"}
_MONO_DOTS = {"pain": "·", "mood": "°", "factor": "'"}
_BAR_MARKERS = {"pain": "█", "mood": "░"}


def _plotext() -> Any:
    import plotext

    return plotext


def _fit(width: int, height: int) -> tuple[int, int]:
    return max(int(width), MIN_SIZE[0]), max(int(height), MIN_SIZE[1])


def _plot_columns(width: int) -> int:
    return max(width - _Y_LABEL_COLUMNS, 10)


@contextlib.contextmanager
def _new_figure(width: int, height: int) -> Iterator[Any]:
    """plotext, its global figure reset to an empty one of this size, held for one chart."""
    with FIGURE_LOCK:
        plt = _plotext()
        plt.main()
        plt.clf()
        plt.limit_size(False, False)  # draw at the size asked for, not the terminal's
        plt.plot_size(width, height)
        plt.theme("clear")  # the terminal's (or Textual's) own background and text colour
        yield plt


def _finish(plt: Any, style: Style) -> Chart:
    text = plt.build()
    if style == "mono":
        text = plt.uncolorize(text)
    return Chart("\n".join(line.rstrip() for line in text.splitlines()))


def _colour(style: Style, name: str) -> tuple[int, int, int] | None:
    return None if style == "mono" else _PALETTES[style][name]


def _line_marker(style: Style, name: str) -> str:
    return _MONO_MARKERS[name] if style == "mono" else "braille"


def _dot_marker(style: Style, name: str) -> str:
    return _MONO_DOTS[name] if style == "mono" else "•"


def _draw_series(plt: Any, series: Series, style: Style) -> None:
    colour = _colour(style, series.name)
    for index, (xs, ys) in enumerate(series.segments):
        label = series.label if index == 0 else None
        if series.lines and len(xs) > 1:
            plt.plot(
                list(xs),
                list(ys),
                marker=_line_marker(style, series.name),
                color=colour,
                label=label,
            )
        else:
            marker = (
                _line_marker(style, series.name)
                if series.lines
                else _dot_marker(style, series.name)
            )
            plt.scatter(list(xs), list(ys), marker=marker, color=colour, label=label)


def _date_ticks(start: dt.date, end: dt.date, columns: int) -> tuple[list[float], list[str]]:
    """Evenly spaced date labels that fit `columns` characters."""
    span = (end - start).days
    fmt = "%d %b" if span <= 366 else "%b %Y"
    count = max(2, min(columns // 12, 8, span + 1))
    if span == 0:
        return [0.0], [start.strftime(fmt)]
    positions = [round(span * i / (count - 1)) for i in range(count)]
    return [float(p) for p in positions], [
        (start + dt.timedelta(days=p)).strftime(fmt) for p in positions
    ]


def _headroom(top: float, bottom: float, legend_rows: int, plot_rows: int) -> float:
    """Extra y range above `top` so the legend (drawn top left) does not hide data."""
    free = max(plot_rows - legend_rows, 1)
    return legend_rows * (top - bottom) / free


def _draw_timeline(
    plt: Any,
    line: Timeline,
    title: tuple[str, ...],
    ylabel: str,
    low: float,
    high: float,
    columns: int,
    plot_rows: int,
    style: Style,
) -> None:
    for series in line.series:
        _draw_series(plt, series, style)
    _title(plt, columns + _Y_LABEL_COLUMNS, *title)
    unit_word = "day" if line.unit == "day" else f"date ({_UNIT_WORDS[line.unit][0]} means)"
    plt.xlabel(unit_word)
    plt.ylabel(ylabel)
    plt.xlim(-0.5, line.span_days - 0.5)
    top = high + _headroom(high, low, len(line.series), plot_rows)
    plt.ylim(low, top)
    plt.yticks(*_value_ticks(low, high))
    plt.xticks(*_date_ticks(line.start, line.end, columns))


def _title(plt: Any, width: int, main: str, *details: str) -> None:
    """Set a title that fits: plotext drops a title wider than the chart altogether."""
    room = width - 2
    parts = [main, *details]
    while len(parts) > 1 and len(", ".join(parts)) > room:
        parts.pop()
    text = ", ".join(parts)
    plt.title(text if len(text) <= room else text[: room - 1] + "…")


def _value_ticks(low: float, high: float) -> tuple[list[float], list[str]]:
    step = _nice_step((high - low) / 5)
    ticks = []
    value = math.floor(low / step) * step
    while value <= high + 1e-9:
        if value >= low - 1e-9:
            ticks.append(round(value, 6))
        value += step
    return ticks, [f"{t:g}" for t in ticks]


def _nice_step(raw: float) -> float:
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * power:
            return multiple * power
    return 10 * power


def _period_words(start: dt.date, end: dt.date) -> str:
    return f"{start.isoformat()} to {end.isoformat()}"
