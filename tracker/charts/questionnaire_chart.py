"""The weekly questionnaires over time: one panel each for PHQ-9, GAD-7 and PEG.

Each panel has its instrument's own scale (0-27, 0-21, 0-10) and the
published band edges drawn across it (PHQ-9 at 5, 10, 15, 20; GAD-7 at 5,
10, 15; PEG has no bands), so a score is read against the scale it was
published with. Incomplete questionnaires have no score and are not drawn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .base import Chart, Style
from .terminal import _colour, _date_ticks, _finish, _fit, _new_figure, _period_words

if TYPE_CHECKING:
    from ..questionnaires import Instrument, Result

MIN_SCORES = 1  # one score is already worth seeing against its bands
# Which palette colour each instrument borrows.
_COLOURS = {"phq9": "mood", "gad7": "factor", "peg": "pain"}
_MONO_MARKERS = {"phq9": "o", "gad7": "+", "peg": "x"}


def band_edges(inst: Instrument) -> list[float]:
    """Where one published band ends and the next begins (5, 10, ... for PHQ-9)."""
    return [band.low for band in inst.bands[1:]]


def questionnaire_chart(
    results: Sequence[Result],
    start: dt.date | None = None,
    end: dt.date | None = None,
    width: int = 100,
    height: int = 30,
    style: Style = "dark",
) -> Chart:
    """PHQ-9, GAD-7 and PEG scores by date, each on its own scale with its band edges."""
    from ..questionnaires import INSTRUMENTS

    scored = [
        r
        for r in results
        if r.score is not None
        and (start is None or r.day >= start)
        and (end is None or r.day <= end)
    ]
    if len(scored) < MIN_SCORES:
        return Chart.not_enough(
            "No scored questionnaire to chart yet: answer one with "
            "'painmood questionnaire phq9' (or gad7, peg)."
        )
    first = start or min(r.day for r in scored)
    last = end or max(r.day for r in scored)
    if last <= first:
        last = first + dt.timedelta(days=1)
    keys = [key for key in INSTRUMENTS if any(r.instrument.key == key for r in scored)]
    width, height = _fit(width, height)
    span = (last - first).days
    with _new_figure(width, height) as plt:
        plt.subplots(len(keys), 1)
        for row, key in enumerate(keys, start=1):
            inst = INSTRUMENTS[key]
            mine = [r for r in scored if r.instrument.key == key]
            plt.subplot(row, 1)
            _panel(plt, inst, mine, first, span, width, style)
        return _finish(plt, style)


def _panel(
    plt: Any,
    inst: Instrument,
    mine: Sequence[Result],
    first: dt.date,
    span: int,
    width: int,
    style: Style,
) -> None:
    xs = [float((r.day - first).days) for r in mine]
    ys = [float(r.score) for r in mine if r.score is not None]
    colour = _colour(style, _COLOURS[inst.key])
    marker = _MONO_MARKERS[inst.key] if style == "mono" else "braille"
    for edge in band_edges(inst):
        plt.hline(edge, color=None if style == "mono" else "gray")
    if len(xs) > 1:
        plt.plot(xs, ys, marker=marker, color=colour)
    plt.scatter(xs, ys, marker=_MONO_MARKERS[inst.key] if style == "mono" else "●",
                color=colour)  # fmt: skip
    edges = band_edges(inst)
    bands = f"; band edges at {', '.join(f'{e:g}' for e in edges)}" if edges else ""
    latest = mine[-1]
    plt.title(
        f"{inst.name} 0-{inst.max_score:g}{bands}; latest {latest.score_text()}"
        + (f" ({latest.band_name})" if latest.band_name else "")
    )
    plt.ylim(0, inst.max_score)
    ticks = [0.0, *edges, float(inst.max_score)] if edges else [0.0, 5.0, 10.0]
    plt.yticks(ticks, [f"{t:g}" for t in ticks])
    plt.xlim(-0.5, span + 0.5)
    positions, labels = _date_ticks(first, first + dt.timedelta(days=span), max(width - 8, 20))
    plt.xticks(positions, labels)


def period_words(results: Sequence[Result]) -> str:
    """`10 Mar 2026 to 24 Mar 2026`, for a caption."""
    days = [r.day for r in results]
    return _period_words(min(days), max(days)) if days else ""
