"""Daylio mood names -> painmood's 0-10 mood, and the guided step for custom names.

Daylio's five standard moods sit on a 1-5 ladder; painmood spreads them
evenly over 0-10 and rounds half up: rad 10, good 8, meh 5, bad 3, awful 0.
A standard name counts only in the language the file is written in (told
by its month and weekday names, see locales.py): `mal` in a Spanish file is
"bad", but `normal` in an English file is a name the person chose, so it is
asked about, never guessed silently.

Renamed and extra moods need a score. Instead of one refusal per row, the
reader gathers every unknown name once, with how often and when it was
used, and raises UnknownMoods, whose last line is a ready `--mood-map`
option to edit and paste (`--mood-map 'Cry=?,content=?'`).
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..model import InvalidInput
from .common import PROBLEMS_SHOWN, ImportFailed, ImportProblem
from .locales import LANGUAGE_NAMES, MOOD_LEVELS, standard_moods

# Daylio's level (1 top .. 5 bottom) -> painmood mood.
LEVEL_SCORES: dict[int, int] = {1: 10, 2: 8, 3: 5, 4: 3, 5: 0}
DEFAULT_MOOD_SCORES: dict[str, int] = {
    name: LEVEL_SCORES[level] for level, name in enumerate(standard_moods("en"), start=1)
}
# How many unknown names the report lists before "and N more" (the map line has all).
MOODS_SHOWN = 40
_SUFFIX = re.compile(r"\s*[\[(][^\[\]()]*[\])]\s*$")


def parse_mood_map(text: str | None) -> dict[str, int]:
    """`label=score,...` (scores 0-10) into a dict with lower-case labels."""
    mapping: dict[str, int] = {}
    if not text:
        return mapping
    for part in text.split(","):
        if not part.strip():
            continue
        label, sep, score = part.rpartition("=")
        label = label.strip().lower()
        if not sep or not label:
            raise InvalidInput(
                f"--mood-map: {part.strip()!r} should look like label=score (e.g. 'great=9').",
                "mood_map",
            )
        if score.strip() == "?":
            raise InvalidInput(
                f"--mood-map: replace the ? after {label!r} with a score from 0 (worst) "
                "to 10 (best).",
                "mood_map",
            )
        try:
            number = int(score.strip())
        except ValueError:
            number = -1
        if not 0 <= number <= 10:
            raise InvalidInput(
                f"--mood-map: the score for {label!r} must be a whole number 0-10, "
                f"got {score.strip()!r}.",
                "mood_map",
            )
        mapping[label] = number
    return mapping


def mood_map_text(mapping: Mapping[str, int]) -> str:
    """`cry=1,content=7`: a mapping in the form parse_mood_map reads."""
    return ",".join(f"{label}={score}" for label, score in mapping.items())


def standard_score(label: str, languages: Iterable[str]) -> int | None:
    """The score of a standard Daylio mood name in one of `languages`, or None.

    None also when the languages disagree on its level (the name is then asked
    about rather than guessed).
    """
    levels = MOOD_LEVELS.get(label)
    if not levels:
        return None
    found = {levels[language] for language in languages if language in levels}
    return LEVEL_SCORES[found.pop()] if len(found) == 1 else None


def guess_score(label: str) -> tuple[int | None, str]:
    """A safe suggestion for an unknown name, with why; (None, "") when there is none.

    Safe means: the name (without a trailing `[-]` or `(…)`) is a standard
    name at one level in every language that has it.
    """
    bare = _SUFFIX.sub("", label).strip()
    levels = MOOD_LEVELS.get(bare)
    if not levels or len(set(levels.values())) != 1:
        return None, ""
    level = next(iter(levels.values()))
    english = standard_moods("en")[level - 1]
    languages = ", ".join(LANGUAGE_NAMES[language] for language in levels)
    return LEVEL_SCORES[level], f"Daylio's {english!r} in {languages}"


@dataclass
class UnknownMood:
    """A mood name the file uses that has no score yet: how often and when."""

    label: str
    count: int
    first: dt.date
    last: dt.date
    guess: int | None = None
    why: str = ""

    def sentence(self) -> str:
        """`'Cry': 2 entries, 2020-03-01 to 2020-04-02` (with a hint when there is one)."""
        entries = "1 entry" if self.count == 1 else f"{self.count} entries"
        span = (
            f"on {self.first.isoformat()}"
            if self.first == self.last
            else f"{self.first.isoformat()} to {self.last.isoformat()}"
        )
        hint = f" (maybe {self.guess}: {self.why})" if self.guess is not None else ""
        return f"{self.label!r}: {entries}, {span}{hint}"


def mood_map_line(labels: Sequence[str]) -> str:
    """`--mood-map 'Cry=?,content=?'`: every label, in order, ready to edit and paste."""
    return "--mood-map " + shlex.quote(",".join(f"{label}=?" for label in labels))


class UnknownMoods(ImportFailed):
    """Mood names without a score (and perhaps other problems): nothing was imported.

    `moods` are in order of first appearance in the file; `problems` holds the
    other problems, then one line per name, then the ready `--mood-map` line,
    so code that only knows ImportFailed still shows everything.
    """

    def __init__(
        self,
        moods: Sequence[UnknownMood],
        other: Sequence[ImportProblem] = (),
        source: str = "the file",
    ) -> None:
        self.moods = list(moods)
        self.other = list(other)
        self.map_line = mood_map_line([mood.label for mood in self.moods])
        lines = [ImportProblem(None, None, None, mood.sentence()) for mood in self.moods]
        super().__init__([*self.other, *lines, ImportProblem(None, None, None, self.map_line)])
        self.source = source
        count = len(self.moods)
        names = "1 mood name is" if count == 1 else f"{count} mood names are"
        if self.other:
            message = (
                f"{source}: {len(self.other)} problems, and {names} not one of Daylio's "
                f"standard moods; nothing was imported. First: {self.other[0].sentence()}"
            )
        else:
            message = (
                f"{source}: {names} not one of Daylio's standard moods, so painmood cannot "
                "tell how good or bad each is. Nothing was imported. Run the import again "
                "with the line below, each ? replaced by a score from 0 (worst) to 10 (best):"
            )
        self.args = (message,)

    def report_lines(self, limit: int = PROBLEMS_SHOWN) -> list[str]:
        """Other problems (up to `limit`), each unknown name once, then the map line."""
        lines = [problem.sentence() for problem in self.other[:limit]]
        if len(self.other) > limit:
            lines.append(f"... and {len(self.other) - limit} more problems.")
        lines += [mood.sentence() for mood in self.moods[:MOODS_SHOWN]]
        if len(self.moods) > MOODS_SHOWN:
            lines.append(f"... and {len(self.moods) - MOODS_SHOWN} more mood names.")
        lines.append(self.map_line)
        return lines
