"""Charts of the diary: terminal charts (plotext) and paper charts (SVG and PDF).

Every terminal chart function takes check-ins (or lagged results) and a size
and returns a `Chart`: the drawn text, or one sentence saying why there is
nothing to draw yet. plotext is the only terminal plotting library and is
imported only when a chart is drawn, because `painmood log` must stay fast.
The paper charts (`tracker.charts.paper`) lay out the same data as vector
shapes for the report; nothing here imports them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from ..model import CheckIn
from .base import (
    CHART_KINDS,
    DIRECTIONS,
    FACTOR_NAMES,
    Chart,
    LagPoint,
    Series,
    Style,
    Timeline,
    Unit,
    choose_style,
)
from .relation_charts import lag_chart, scatter_chart
from .series import (
    bin_means,
    bins,
    choose_unit,
    daily_values,
    in_period,
    lag_points,
    next_day_pairs,
    rolling_mean,
    split_at_gaps,
    timeline,
)
from .time_charts import (
    _weekday_means,
    factor_chart,
    most_recorded_factor,
    trend_chart,
    weekly_chart,
)

__all__ = [
    "CHART_KINDS",
    "DIRECTIONS",
    "FACTOR_NAMES",
    "Chart",
    "LagPoint",
    "Series",
    "Style",
    "Timeline",
    "Unit",
    "_weekday_means",
    "bin_means",
    "bins",
    "choose_style",
    "choose_unit",
    "daily_values",
    "draw_chart",
    "factor_chart",
    "in_period",
    "lag_chart",
    "lag_points",
    "most_recorded_factor",
    "next_day_pairs",
    "rolling_mean",
    "scatter_chart",
    "split_at_gaps",
    "timeline",
    "trend_chart",
    "weekly_chart",
]


def draw_chart(
    kind: str,
    checkins: Sequence[CheckIn],
    start: dt.date | None = None,
    end: dt.date | None = None,
    width: int = 100,
    height: int = 30,
    style: Style = "dark",
    factor: str | None = None,
    against: str = "pain",
    reverse: bool = False,
    lagged: Iterable[Any] = (),
) -> Chart:
    """Any chart kind by name (one dispatcher for the CLI and the TUI).

    `lagged` is the stats results for the lag chart; the caller computes them
    (in the TUI, off the UI thread).
    """
    if kind == "trend":
        return trend_chart(checkins, start, end, width, height, style)
    if kind == "lags":
        return lag_chart(lagged, width, height, style)
    if kind == "scatter":
        direction = "mood->pain" if reverse else "pain->mood"
        return scatter_chart(checkins, direction, start, end, width, height, style)
    if kind == "weekly":
        return weekly_chart(checkins, start, end, width, height, style)
    if kind == "factor":
        return factor_chart(checkins, factor, against, start, end, width, height, style)
    raise ValueError(f"kind must be one of {CHART_KINDS}, got {kind!r}")
