"""Does pain go with mood in the next days, and mood with pain? (STATS.md version 2)

Pure numpy and scipy: check-ins in, frozen results out. One verdict per
direction from a latent VAR(1) with reporting noise (`verdict`, `latent`,
`fit`); lagged correlations and factors as description (`lags`, `factors`);
level shifts (`shifts`); words (`words`). Never imports textual, click or
plotext.
"""

from __future__ import annotations

from .analysis import analyse, data_needed
from .calendar import calendar, calendar_series
from .correlation import average_ranks
from .multiple import benjamini_hochberg, holm
from .regression import cross_lagged_fit
from .results import (
    DIRECTIONS,
    DaySpan,
    FactorResult,
    LaggedResult,
    LevelShift,
    StatsReport,
    Verdict,
)
from .verdict import MIN_SHOWN_DAYS, MIN_TESTED_DAYS, MIN_TESTED_PAIRS
from .words import direction_title, format_ci, format_p, format_r, status_note

__all__ = [
    "DIRECTIONS",
    "MIN_SHOWN_DAYS",
    "MIN_TESTED_DAYS",
    "MIN_TESTED_PAIRS",
    "DaySpan",
    "FactorResult",
    "LaggedResult",
    "LevelShift",
    "StatsReport",
    "Verdict",
    "analyse",
    "data_needed",
    "average_ranks",
    "benjamini_hochberg",
    "calendar",
    "calendar_series",
    "cross_lagged_fit",
    "direction_title",
    "format_ci",
    "format_p",
    "format_r",
    "holm",
    "status_note",
]
