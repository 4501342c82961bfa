"""The bounded scores and factors of a check-in, and how raw values become numbers.

Split from `model`: a Scale knows its range and the words for its ends, and
turns what a person typed, a CSV cell or a JSON value into an int or float,
or refuses it in one sentence naming the field (never a traceback, even for
a score of 5,000 digits). Standard library only.
"""

from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass
from typing import Any

from .errors import InvalidInput, quoted

_INTEGER_TEXT = re.compile(r"[+-]?[0-9]+")
_DECIMAL_TEXT = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
# More digits than this cannot be any score; say so without parsing them.
_DIGITS_MAX = 12


@dataclass(frozen=True)
class Scale:
    """A bounded numeric field and the words for its ends."""

    name: str
    label: str
    low: float
    high: float
    low_means: str = ""
    high_means: str = ""
    integer: bool = True

    def check(self, value: Any) -> int | float:
        """Return the value as int/float, or raise InvalidInput naming the field."""
        number = _as_number(value, self)
        if not (self.low <= number <= self.high):
            raise InvalidInput(
                f"{self.label} must be between {_fmt(self.low)} and {_fmt(self.high)}, "
                f"got {_fmt(number)}.",
                self.name,
            )
        return number


def _fmt(number: float) -> str:
    if isinstance(number, int):
        text = str(number)
        return text if len(text) <= _DIGITS_MAX else f"a number of {len(text)} digits"
    if abs(number) >= 10**_DIGITS_MAX:
        return f"{number:g}"
    return str(int(number)) if number.is_integer() else str(number)


def _as_number(value: Any, scale: Scale) -> int | float:
    kind = "a whole number" if scale.integer else "a number"
    wrong = InvalidInput(
        f"{scale.label} must be {kind} between {_fmt(scale.low)} and {_fmt(scale.high)}, "
        f"got {quoted(value)}.",
        scale.name,
    )
    if isinstance(value, bool):
        raise wrong
    if isinstance(value, str):
        text = value.strip()
        pattern = _INTEGER_TEXT if scale.integer else _DECIMAL_TEXT
        if not pattern.fullmatch(text):
            raise wrong
        if len(text.lstrip("+-").lstrip("0").split(".")[0]) > _DIGITS_MAX:
            # Far out of range; int() of thousands of digits would even fail.
            raise InvalidInput(
                f"{scale.label} must be between {_fmt(scale.low)} and {_fmt(scale.high)}, "
                f"got a number of {sum(c.isdigit() for c in text)} digits.",
                scale.name,
            )
        return int(text) if scale.integer else _finite(float(text), wrong)
    if isinstance(value, numbers.Integral):
        return int(value) if scale.integer or abs(int(value)) > 10**_DIGITS_MAX else float(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isnan(number) or math.isinf(number):
            raise wrong
        if scale.integer:
            if not number.is_integer():
                raise InvalidInput(
                    f"{scale.label} must be a whole number between {_fmt(scale.low)} and "
                    f"{_fmt(scale.high)}, got {_fmt(number)}.",
                    scale.name,
                )
            return int(number)
        return number
    raise wrong


PAIN = Scale("pain", "Pain", 0, 10, "no pain", "worst pain imaginable")
MOOD = Scale("mood", "Mood", 0, 10, "worst mood", "best mood")
SLEEP_HOURS = Scale("sleep_hours", "Sleep hours", 0, 24, "", "", integer=False)
SLEEP_QUALITY = Scale("sleep_quality", "Sleep quality", 0, 10, "very poor", "excellent")
STRESS = Scale("stress", "Stress", 0, 10, "none", "extreme")
ANXIETY = Scale("anxiety", "Anxiety", 0, 10, "none", "extreme")
FATIGUE = Scale("fatigue", "Fatigue", 0, 10, "none", "exhausted")
ACTIVITY_MINUTES = Scale("activity_minutes", "Activity minutes", 0, 1440)

SCORES: tuple[Scale, ...] = (PAIN, MOOD)
FACTORS: tuple[Scale, ...] = (
    SLEEP_HOURS,
    SLEEP_QUALITY,
    STRESS,
    ANXIETY,
    FATIGUE,
    ACTIVITY_MINUTES,
)
SCALES: dict[str, Scale] = {s.name: s for s in SCORES + FACTORS}


def _finite(number: float, wrong: InvalidInput) -> float:
    if math.isnan(number) or math.isinf(number):
        raise wrong
    return number
