"""Terminal charts of how pain and mood go together: lagged correlations and next-day pairs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from ..model import CheckIn
from .base import DIRECTIONS, LAG_MIN_PAIRS, MIN_SCATTER_PAIRS, Chart, LagPoint, Style
from .series import in_period, lag_points, next_day_pairs
from .terminal import (
    _colour,
    _finish,
    _fit,
    _headroom,
    _line_marker,
    _new_figure,
    _title,
    _value_ticks,
)
from .time_charts import _are

LAG_FEW_PAIRS = 50  # below this many pairs a lag is drawn hollow (few days behind it)


def lag_chart(
    results: Iterable[Any],
    width: int = 100,
    height: int = 30,
    style: Style = "dark",
    max_lag: int = 7,
) -> Chart:
    """Correlogram: r at lags 0..7 for pain->mood and mood->pain, with 95% intervals.

    A description, not a test: it reads only each result's direction, lag, n,
    r and interval. Hollow markers are lags with fewer than 50 pairs of days.
    Lag 0 is shared by both directions and drawn once.
    """
    every = [p for p in lag_points(results) if 0 <= p.lag <= max_lag]
    points = [p for p in every if p.r is not None]
    points = [
        p for p in points if not (p.lag == 0 and p.direction == "mood->pain" and _has_lag0(points))
    ]
    if not points:
        most = max((p.n for p in every), default=0)
        so_far = (
            f" The best lag has {most} so far ({LAG_MIN_PAIRS - most} more needed)."
            if 0 < most < LAG_MIN_PAIRS
            else ""
        )
        return Chart.not_enough(
            f"Not enough data for the lag chart yet: a lag needs at least {LAG_MIN_PAIRS} "
            f"pairs of days with pain and mood, about three weeks of check-ins.{so_far}"
        )
    width, height = _fit(width, height)
    offsets = {"pain->mood": -0.15, "mood->pain": 0.15}
    names = {"pain->mood": "pain", "mood->pain": "mood"}
    words = {"pain->mood": "pain, then mood", "mood->pain": "mood, then pain"}
    markers = {"pain->mood": ("●", "○"), "mood->pain": ("■", "□")}
    with _new_figure(width, height) as plt:
        plt.horizontal_line(0, color=_colour(style, "muted"))
        legend_rows = 0
        for direction in DIRECTIONS:
            mine = [p for p in points if p.direction == direction]
            colour = _colour(style, names[direction])
            for p in mine:
                if p.ci is not None:
                    x = p.lag + offsets[direction]
                    plt.plot([x, x], list(p.ci), marker=_ci_marker(style), color=colour)
            enough = [p for p in mine if not 0 < p.n < LAG_FEW_PAIRS]
            few = [p for p in mine if 0 < p.n < LAG_FEW_PAIRS]
            for group, marker, label in (
                (enough, markers[direction][0], words[direction]),
                (few, markers[direction][1], f"{words[direction]} (under {LAG_FEW_PAIRS} pairs)"),
            ):
                if group:
                    plt.scatter(
                        [p.lag + offsets[direction] for p in group],
                        [p.r for p in group],
                        marker=marker,
                        color=colour,
                        label=label,
                    )
                    legend_rows += 1
        _title(plt, width, "Pain and mood days apart: correlation r", "bars = 95% interval")
        plt.xlabel("lag: days from the first score to the second (0 = same day)")
        plt.ylabel("r (-1 to 1)")
        plt.xlim(-0.6, max_lag + 0.6)
        plt.ylim(-1, 1 + _headroom(1, -1, legend_rows, height - 6))
        plt.xticks(list(range(max_lag + 1)), [str(k) for k in range(max_lag + 1)])
        plt.yticks(*_value_ticks(-1, 1))
        return _finish(plt, style)


def _has_lag0(points: Iterable[LagPoint]) -> bool:
    return any(p.lag == 0 and p.direction == "pain->mood" for p in points)


def _ci_marker(style: Style) -> str:
    return "|" if style == "mono" else "braille"


def scatter_chart(
    checkins: Sequence[CheckIn],
    direction: str = "pain->mood",
    start: dt.date | None = None,
    end: dt.date | None = None,
    width: int = 100,
    height: int = 30,
    style: Style = "dark",
) -> Chart:
    """Today's pain against tomorrow's mood (or the reverse), as day counts on a 0-10 grid.

    Integer scores would pile onto a few dots, so each cell shows how many days
    fell there, and a line shows the mean next-day score for each value.
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, got {direction!r}")
    cause, effect = direction.split("->")
    pairs = next_day_pairs(in_period(checkins, start, end), cause, effect)
    if len(pairs) < MIN_SCATTER_PAIRS:
        return Chart.not_enough(
            f"Not enough data for the {cause}-vs-next-day-{effect} chart yet: it needs "
            f"at least {MIN_SCATTER_PAIRS} pairs of consecutive days with {cause} on the "
            f"first and {effect} on the second, and there {_are(len(pairs), 'pair')}."
        )
    counts: dict[tuple[int, int], int] = {}
    for pair in pairs:
        counts[pair] = counts.get(pair, 0) + 1
    by_x: dict[int, list[int]] = {}
    for x, y in pairs:
        by_x.setdefault(x, []).append(y)
    mean_x = sorted(by_x)
    mean_y = [sum(by_x[x]) / len(by_x[x]) for x in mean_x]
    width, height = _fit(width, height)
    with _new_figure(width, height) as plt:
        colour = _colour(style, effect)
        plt.plot(
            mean_x,
            mean_y,
            marker=_line_marker(style, effect),
            color=colour,
            label=f"mean {effect} next day",
        )
        plt.scatter(
            [x for x, _ in counts],
            [y for _, y in counts],
            marker="·",
            color=_colour(style, "muted"),
            label="number = days at that point",
        )
        for (x, y), count in counts.items():
            plt.text(str(count), x, y, color=_colour(style, cause), alignment="center")
        _title(
            plt,
            width,
            f"{cause.capitalize()} today vs {effect} tomorrow",
            f"{len(pairs)} day pairs",
        )
        plt.xlabel(f"{cause} on day t (0-10)")
        plt.ylabel(f"{effect} on day t+1 (0-10)")
        plt.xlim(-0.6, 10.6)
        plt.ylim(-0.6, 10.6 + _headroom(10.6, -0.6, 2, height - 6))
        plt.xticks(list(range(11)), [str(v) for v in range(11)])
        plt.yticks(list(range(0, 11, 2)), [str(v) for v in range(0, 11, 2)])
        return _finish(plt, style)
