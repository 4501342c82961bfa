"""Scoring as published, the band a score falls in, and the item-9 safety check.

Missing answers: the published scoring of all three instruments is the sum
(PHQ-9, Kroenke et al. 2001; GAD-7, Spitzer et al. 2006) or the mean (PEG,
Krebs et al. 2009) of every item; none of those papers gives a rule for
scoring with items missing. So a questionnaire with an unanswered scored
item is kept as incomplete and gets no score, rather than a guessed one.
The PHQ-9 difficulty question is kept but never scored (Kroenke et al. 2001).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import InvalidInput, PainmoodError
from .instruments import INSTRUMENTS, SAFETY_ITEM_INDEX, SEEK_HELP_AT, Band, Instrument

Answers = tuple[int | None, ...]


class UnknownInstrument(PainmoodError):
    """A questionnaire name painmood does not know."""


def instrument(key: str) -> Instrument:
    """The instrument named `key` (phq9, gad7, peg; PHQ-9 and the like accepted too)."""
    wanted = key.strip().lower().replace("-", "")
    found = INSTRUMENTS.get(wanted)
    if found is None:
        raise UnknownInstrument(
            f"There is no questionnaire called {key[:40]!r}; choose one of "
            f"{', '.join(INSTRUMENTS)}."
        )
    return found


def check_answers(inst: Instrument, answers: Sequence[int | None]) -> Answers:
    """Answers in item order, each None (unanswered) or a published choice.

    PHQ-9 may be given without its last, unscored difficulty question.
    """
    count = len(inst.items)
    given = list(answers)
    if inst.key == "phq9" and len(given) == count - 1:
        given.append(None)
    if len(given) != count:
        raise InvalidInput(
            f"{inst.name} has {count} questions"
            + (f" ({count - 1} without the difficulty question)" if inst.key == "phq9" else "")
            + f"; {len(given)} answers were given.",
            "answers",
        )
    for number, (item, value) in enumerate(zip(inst.items, given, strict=True), start=1):
        if value is None:
            continue
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not (item.low <= value <= item.high)
        ):
            raise InvalidInput(
                f"{inst.name} answer {number} is {str(value)[:20]!r}; it must be a whole "
                f"number from {item.low} to {item.high}, or empty when unanswered.",
                "answers",
            )
    return tuple(given)


def parse_answers(inst: Instrument, text: str) -> Answers:
    """`1,0,2,,3` -> answers; an empty place or `-` is an unanswered question."""
    values: list[int | None] = []
    for number, part in enumerate(text.split(","), start=1):
        part = part.strip()
        if part in ("", "-"):
            values.append(None)
            continue
        try:
            values.append(int(part))
        except ValueError:
            raise InvalidInput(
                f"{inst.name} answer {number} is {part[:20]!r}; it must be a whole number, "
                "or empty when unanswered.",
                "answers",
            ) from None
    return check_answers(inst, values)


def score(inst: Instrument, answers: Answers) -> float | None:
    """The published score, or None when a scored item is unanswered."""
    scored = [value for item, value in zip(inst.items, answers, strict=True) if item.scored]
    if any(value is None for value in scored):
        return None
    values = [int(value) for value in scored if value is not None]
    if inst.scoring == "mean":
        return round(sum(values) / len(values), 1)
    return float(sum(values))


def band(inst: Instrument, value: float | None) -> Band | None:
    """The published band holding `value` (None for PEG, or with no score)."""
    if value is None:
        return None
    for candidate in inst.bands:
        if candidate.low <= value <= candidate.high:
            return candidate
    return None


def format_score(inst: Instrument, value: float | None) -> str:
    """`12` for sums, `6.3` for PEG's mean; `incomplete` with no score."""
    if value is None:
        return "incomplete"
    return f"{value:.1f}" if inst.scoring == "mean" else f"{value:.0f}"


@dataclass(frozen=True)
class Result:
    """One filled-in questionnaire on a day, with its score worked out."""

    instrument: Instrument
    day: dt.date
    answers: Answers
    created_at: str | None = None
    updated_at: str | None = None

    @property
    def score(self) -> float | None:
        return score(self.instrument, self.answers)

    @property
    def complete(self) -> bool:
        return self.score is not None

    @property
    def band(self) -> Band | None:
        return band(self.instrument, self.score)

    @property
    def band_name(self) -> str | None:
        found = self.band
        return found.name if found else None

    @property
    def safety_answer(self) -> int | None:
        """PHQ-9 item 9's answer when above 0, else None."""
        if self.instrument.key != "phq9":
            return None
        value = self.answers[SAFETY_ITEM_INDEX]
        return value if value else None

    @property
    def seek_help(self) -> bool:
        """PHQ-9 or GAD-7 at 10 or above: the seek-help card comes with the score."""
        threshold = SEEK_HELP_AT.get(self.instrument.key)
        value = self.score
        return threshold is not None and value is not None and value >= threshold

    def score_text(self) -> str:
        return format_score(self.instrument, self.score)

    def meaning(self) -> str:
        """What the score means on the published scale, never a diagnosis."""
        inst = self.instrument
        value = self.score
        if value is None:
            unanswered = sum(
                1
                for item, v in zip(inst.items, self.answers, strict=True)
                if item.scored and v is None
            )
            return (
                f"{inst.name} on {self.day.isoformat()} is incomplete ({unanswered} "
                f"unanswered), so it has no score."
            )
        found = self.band
        if found is None:
            where = (
                f"{inst.name} {self.score_text()} of {inst.max_score:g}: the mean of its three "
                f"0-10 ratings of {inst.measures} (higher means more)"
            )
        else:
            where = (
                f"{inst.name} {self.score_text()} of {inst.max_score:g}: on the published scale "
                f"{found.low:g}-{found.high:g} is the '{found.name}' band of {inst.measures}"
            )
        return f"{where}. A clinician interprets the score; it is not a diagnosis."

    def to_dict(self) -> dict[str, object]:
        """The `--json` object and the export record."""
        value = self.score
        return {
            "instrument": self.instrument.key,
            "day": self.day.isoformat(),
            "answers": list(self.answers),
            "score": value,
            "band": self.band_name,
            "version": self.instrument.version,
        }
