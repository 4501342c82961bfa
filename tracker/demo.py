"""A synthetic diary with a known, built-in effect, for trying painmood and checking its stats.

The model, one step a day (t is a calendar day; "centred" means minus the
person's usual level):

    pain_t = PAIN_MEAN + PAIN_PERSISTENCE * (pain_{t-1} - PAIN_MEAN) + N(0, PAIN_NOISE)
    mood_t = MOOD_MEAN + MOOD_PERSISTENCE * (mood_{t-1} - MOOD_MEAN)
             + PAIN_TO_NEXT_DAY_MOOD * (pain_{t-1} - PAIN_MEAN)
             + MOOD_WEEKDAY[weekday of t] + N(0, MOOD_NOISE)

So pain today lowers tomorrow's mood (PAIN_TO_NEXT_DAY_MOOD mood points per
pain point above usual), and mood has no effect on pain at all
(MOOD_TO_NEXT_DAY_PAIN = 0). Each series keeps some of yesterday's level
(AR(1) persistence), and mood is a little better at the weekend. The latent
values are rounded to whole scores and clamped to 0-10.

The optional factors are consequences only; none feeds back into pain or mood:
sleep (hours and quality) is worse after a day of high pain, fatigue and
activity follow today's pain, stress and anxiety go with low mood today.
About MISSING_SHARE of days have no check-in (single skipped days plus a few
short breaks); the last day is always checked in. A few days carry a note
(some with non-ASCII text) and tags (physio, yoga, ibuprofen, walk, heat).

Everything is drawn from `numpy.random.default_rng(seed)`, so a seed always
gives the same diary. Run `python -m tracker.demo --help` to write one as CSV.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .model import CheckIn, PainmoodError, local_today

if TYPE_CHECKING:
    from .store import Store

# -- the built-in truth (cited by the stats tests and data/README.md) --------

PAIN_TO_NEXT_DAY_MOOD = -0.3
"""Mood points added tomorrow per pain point above usual today: the one real effect."""
MOOD_TO_NEXT_DAY_PAIN = 0.0
"""Mood has no effect on later pain: the absent direction."""

PAIN_MEAN = 4.5
PAIN_PERSISTENCE = 0.6
PAIN_NOISE = 1.2
MOOD_MEAN = 6.0
MOOD_PERSISTENCE = 0.5
MOOD_NOISE = 1.0
# Monday..Sunday, added to mood on that day; sums to zero.
MOOD_WEEKDAY = (-0.3, -0.1, 0.0, -0.1, 0.1, 0.3, 0.1)

MISSING_SHARE = 0.10
SKIP_DAY_CHANCE = 0.07
BREAK_START_CHANCE = 0.006
BREAK_DAYS = (3, 6)  # a break lasts 3 to 5 days (high end excluded)

DEFAULT_SEED = 7
DEFAULT_DAYS = 365
# Recorded in a demo database's painmood_meta table, so a re-run may replace
# it and nothing else (a person's own diary never carries this key).
DEMO_META_KEY = "demo"

_NOTES_LOW_PAIN = (
    "Good day. Long walk by the river 🌿",
    "Did the stretches in the morning ✓",
    "Café with a friend ☕, back felt fine",
    "Slept well for once",
    "Gardening for an hour, no twinges",
)
_NOTES_HIGH_PAIN = (
    "Flare-up after lifting the shopping",
    "Back stiff after sitting all day at work",
    "Rücken steif, heat pad helped a bit",
    "Woke at 4am with the ache, couldn't get back to sleep",
    'Said "no" to the extra shift, good call',
)
_NOTES_LOW_MOOD = (
    "Felt flat, stayed in",
    "Everything took effort today",
    "Called my sister; talked it through — helped a little",
)
_NOTES_OTHER = (
    "Physio: new exercises, 3 sets of 10",
    "Écrit à mon médecin about the sleep",
    "Rainy, cold; joints complained",
    "Quiet day at home",
)


def generate_diary(
    days: int = DEFAULT_DAYS, seed: int = DEFAULT_SEED, end: dt.date | None = None
) -> list[CheckIn]:
    """A diary of `days` calendar days ending on `end` (default today), oldest first.

    Days without a check-in are simply absent from the list. Same arguments,
    same check-ins.
    """
    import numpy as np

    if days < 1:
        raise ValueError("days must be at least 1")
    end = end or local_today()
    start = end - dt.timedelta(days=days - 1)
    rng = np.random.default_rng(seed)

    # Start from the stationary distribution so the first weeks look like the rest.
    pain_sd = PAIN_NOISE / (1 - PAIN_PERSISTENCE**2) ** 0.5
    pain = PAIN_MEAN + rng.normal(0, pain_sd)
    mood = MOOD_MEAN + rng.normal(0, MOOD_NOISE)
    break_left = 0
    diary: list[CheckIn] = []
    for index in range(days):
        day = start + dt.timedelta(days=index)
        previous_pain = pain
        # One fixed block of draws per day keeps the stream aligned whatever is kept.
        shocks = rng.normal(0, 1, size=8)
        chances = rng.random(size=14)
        pain = PAIN_MEAN + PAIN_PERSISTENCE * (previous_pain - PAIN_MEAN) + PAIN_NOISE * shocks[0]
        mood = (
            MOOD_MEAN
            + MOOD_PERSISTENCE * (mood - MOOD_MEAN)
            + PAIN_TO_NEXT_DAY_MOOD * (previous_pain - PAIN_MEAN)
            + MOOD_WEEKDAY[day.weekday()]
            + MOOD_NOISE * shocks[1]
        )

        is_last = index == days - 1
        if break_left == 0 and chances[0] < BREAK_START_CHANCE:
            low, high = BREAK_DAYS
            break_left = low + int(chances[13] * (high - low))
        if break_left > 0 and not is_last:
            break_left -= 1
            continue
        if chances[1] < SKIP_DAY_CHANCE and not is_last:
            continue

        diary.append(
            _checkin(day, pain, mood, previous_pain, shocks[2:].tolist(), chances[2:13].tolist())
        )
    return diary


def _score(value: float) -> int:
    """A latent level as a whole 0-10 score."""
    return int(min(10, max(0, round(value))))


def _checkin(
    day: dt.date,
    pain: float,
    mood: float,
    previous_pain: float,
    shocks: Sequence[float],
    chances: Sequence[float],
) -> CheckIn:
    """The observed day: scores, the factors that follow from them, tags and a note."""
    pain_above = pain - PAIN_MEAN
    mood_above = mood - MOOD_MEAN
    weekend = day.weekday() >= 5
    pain_score, mood_score = _score(pain), _score(mood)
    values: dict[str, object] = {"day": day, "pain": pain_score, "mood": mood_score}
    if chances[0] < 0.9:
        hours = 7.2 - 0.3 * (previous_pain - PAIN_MEAN) + 0.6 * shocks[0]
        values["sleep_hours"] = min(11.0, max(3.0, round(hours * 2) / 2))
        values["sleep_quality"] = _score(6 - 0.6 * (previous_pain - PAIN_MEAN) + 1.2 * shocks[1])
    if chances[1] < 0.8:
        values["stress"] = _score(4 - 0.6 * mood_above + 1.3 * shocks[2])
    if chances[2] < 0.7:
        values["anxiety"] = _score(3.5 - 0.5 * mood_above + 1.2 * shocks[3])
    if chances[3] < 0.8:
        values["fatigue"] = _score(4 + 0.5 * pain_above + 1.2 * shocks[4])
    activity = 40 - 7 * pain_above + (20 if weekend else 0) + 15 * shocks[5]
    if chances[4] < 0.75:
        values["activity_minutes"] = int(min(300, max(0, 5 * round(activity / 5))))

    tags = []
    if day.weekday() == 1 and chances[5] < 0.8:
        tags.append("physio")
    if chances[6] < (0.3 if weekend else 0.12):
        tags.append("yoga")
    if pain_score >= 7 and chances[7] < 0.6:
        tags.append("ibuprofen")
    if pain_score >= 6 and chances[8] < 0.25:
        tags.append("heat")
    if activity >= 50 and chances[9] < 0.5:
        tags.append("walk")
    values["tags"] = tags
    if chances[10] < 0.08:
        values["note"] = _pick_note(pain_score, mood_score, chances[10] / 0.08)
    return CheckIn.create(today=day, **values)


def _pick_note(pain: int, mood: int, chance: float) -> str:
    """A note that fits the day (a bad day gets a bad-day note)."""
    pool: tuple[str, ...]
    if pain >= 6:
        pool = _NOTES_HIGH_PAIN
    elif mood <= 4:
        pool = _NOTES_LOW_MOOD
    elif pain <= 3:
        pool = _NOTES_LOW_PAIN
    else:
        pool = _NOTES_OTHER
    return pool[int(chance * len(pool)) % len(pool)]


def diary_csv(checkins: Sequence[CheckIn]) -> str:
    """The diary as painmood's CSV export, with LF line ends.

    The repository keeps CSV files with LF ends (.gitattributes), so the
    sample file is written that way to stay byte-identical on every checkout;
    no demo note holds a line break, so only row ends change.
    """
    from .formats.csv_format import export_csv

    return export_csv(checkins).replace("\r\n", "\n")


def write_demo_diary(
    path: Path, checkins: Sequence[CheckIn], description: str, passphrase: str | None = None
) -> None:
    """Replace the demo database at `path` with `checkins`, marked as a demo.

    Refuses a file that holds check-ins but was not made by the demo, so a
    person's own diary is never replaced, whatever path is given. With
    `passphrase` the demo diary is encrypted; an encrypted file is replaced
    only when that passphrase opens it and shows it is a demo.
    """
    from .encryption import NeedsPassphrase
    from .store import Store, inspect_file

    try:
        existing_key = None
        found = path.exists() and inspect_file(path) is not None
    except NeedsPassphrase:
        if passphrase is None:
            raise PainmoodError(
                f"{path} is encrypted and may be someone's diary; it was left untouched. "
                "Give --encrypted with its passphrase, or choose another demo database path."
            ) from None
        existing_key, found = passphrase, True
    if found:
        with Store(path, passphrase=existing_key) as existing:
            if existing.count() and not _is_demo(existing):
                raise PainmoodError(
                    f"{path} holds a diary that 'painmood demo' did not make; it was left "
                    "untouched. Choose another demo database path."
                )
        for suffix in ("", "-wal", "-shm", "-journal"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    with Store(path, passphrase=passphrase) as store:
        store.save_many(checkins)
        store.db.execute(
            "INSERT OR REPLACE INTO painmood_meta (key, value) VALUES (?, ?)",
            [DEMO_META_KEY, description],
        )


def _is_demo(store: Store) -> bool:
    """Whether `write_demo_diary` made this database."""
    query = "SELECT 1 FROM painmood_meta WHERE key = ?"
    return bool(store.db.execute(query, [DEMO_META_KEY]).fetchall())


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m tracker.demo`: write a demo diary as CSV (how data/ is made)."""
    parser = argparse.ArgumentParser(
        prog="python -m tracker.demo", description="Write a synthetic painmood diary as CSV."
    )
    parser.add_argument("--csv", type=Path, help="Output file (default: standard output).")
    parser.add_argument("--days", type=int, default=DEFAULT_DAYS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--end", type=dt.date.fromisoformat, help="Last day, YYYY-MM-DD.")
    args = parser.parse_args(argv)
    if args.days < 1:
        parser.error("--days must be at least 1")
    text = diary_csv(generate_diary(args.days, args.seed, args.end))
    if args.csv is None:
        sys.stdout.write(text)
    else:
        from .safe_files import write_file_atomically

        # Regenerating data/ replaces the file on purpose, but whole or not at all.
        write_file_atomically(args.csv, [text], replace=True, diary=None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
