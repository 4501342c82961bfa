"""The questionnaires part of the clinician report: latest scores, trend, item 9, association.

Shared by the HTML, Markdown and PDF reports so all three say the same. A
PHQ-9 question 9 answered above 0 is its own line, never folded into a
score. Bands are named as published and said to be for a clinician to
interpret.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .instruments import INSTRUMENTS, SAFETY_ITEM_INDEX
from .scoring import Result

HEADERS = ["Questionnaire", "Latest", "Score", "Band", "Trend"]
BAND_NOTE = (
    "Scores and bands as published (PHQ-9: Kroenke et al. 2001; GAD-7: Spitzer et al. 2006; "
    "PEG: Krebs et al. 2009, the mean of three 0-10 items, no bands). Self-reported; a "
    "clinician interprets them; they are not a diagnosis."
)


@dataclass(frozen=True)
class LatestRow:
    """One instrument's latest complete score in the period and how it moved."""

    result: Result
    previous: Result | None
    count: int

    def trend(self) -> str:
        inst = self.result.instrument
        scores = f"{self.count} score{'s' if self.count != 1 else ''}"
        if self.previous is None or self.previous.score is None or self.result.score is None:
            return f"first score in the period ({scores})"
        change = self.result.score - self.previous.score
        size = f"{abs(change):.1f}" if inst.scoring == "mean" else f"{abs(change):.0f}"
        since = self.previous.day.isoformat()
        if change == 0:
            return f"same as on {since} ({scores})"
        return f"{'up' if change > 0 else 'down'} {size} since {since} ({scores})"

    def cells(self) -> list[str]:
        result = self.result
        inst = result.instrument
        return [
            inst.name,
            result.day.isoformat(),
            f"{result.score_text()} of {inst.max_score:g}",
            result.band_name or "(no bands)",
            self.trend(),
        ]


def in_period(
    results: Iterable[Result], first: dt.date | None, last: dt.date | None
) -> list[Result]:
    return sorted(
        (
            r
            for r in results
            if (first is None or r.day >= first) and (last is None or r.day <= last)
        ),
        key=lambda r: (r.day, r.instrument.key),
    )


def latest_rows(results: Sequence[Result]) -> list[LatestRow]:
    """The latest complete score of each instrument, with the one before it."""
    rows = []
    for key in INSTRUMENTS:
        complete = [r for r in results if r.instrument.key == key and r.score is not None]
        if complete:
            previous = complete[-2] if len(complete) > 1 else None
            rows.append(LatestRow(complete[-1], previous, len(complete)))
    return rows


def item_nine_answers(results: Sequence[Result]) -> list[tuple[dt.date, int, str]]:
    """Day, answer and its words, for each PHQ-9 whose question 9 was answered above 0."""
    answers = []
    for result in results:
        value = result.safety_answer
        if value:
            item = result.instrument.items[SAFETY_ITEM_INDEX]
            answers.append((result.day, value, item.choices[value].text))
    return answers


def item_nine_text() -> str:
    """PHQ-9 question 9 as asked."""
    return str(INSTRUMENTS["phq9"].items[SAFETY_ITEM_INDEX].text)


def item_nine_lines(results: Sequence[Result]) -> list[str]:
    """One line per PHQ-9 in the period whose question 9 was answered above 0."""
    return [
        f"PHQ-9 question 9 ({item_nine_text()}) answered '{words}' ({value}) on {day.isoformat()}."
        for day, value, words in item_nine_answers(results)
    ]


def incomplete_line(results: Sequence[Result]) -> str | None:
    missing = [r for r in results if r.score is None]
    if not missing:
        return None
    named = ", ".join(f"{r.instrument.name} {r.day.isoformat()}" for r in missing[:5])
    more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
    return f"Incomplete, so not scored: {named}{more}."
