"""Days gathered from another app's export, turned into tags and notes.

Shared by the Daylio, Bearable, iMoodJournal and Pixels readers. Activities
and factors become tags. A day may hold more than painmood's limit of tags
(TAGS_MAX_COUNT in model.py); then the activities the person logged on the
most days of the whole file are kept, because those are the ones the
statistics and the history can say something about, and one remark counts
the trimmed days instead of a line for each.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping

from ..model import TAGS_MAX_COUNT
from .common import GatheredDay, join_notes, tag_from_label

# How many examples a summary remark names before "...".
EXAMPLES_SHOWN = 3


def day_tags(days: Mapping[dt.date, GatheredDay], remarks: list[str]) -> dict[dt.date, list[str]]:
    """Each day's tags, at most TAGS_MAX_COUNT, the file's most frequent first.

    Labels without a letter or digit are left out; both kinds of trimming are
    said once each in `remarks`.
    """
    per_day: dict[dt.date, set[str]] = {}
    unusable: Counter[str] = Counter()
    # Labels repeat across a file: turn each distinct one into a tag once.
    known: dict[str, str | None] = {}
    for day, gathered in days.items():
        tags: set[str] = set()
        for label in gathered.labels:
            if not label.strip():
                continue
            if label not in known:
                known[label] = tag_from_label(label)
            tag = known[label]
            if tag is None:
                unusable[label.strip()] += 1
            else:
                tags.add(tag)
        per_day[day] = tags
    if unusable:
        remarks.append(
            f"{counted(sum(unusable.values()), 'activity', 'activities')} had no letter or digit "
            "and were left out "
            f"({_examples(repr(label) for label in unusable)})."
        )
    frequency: Counter[str] = Counter(tag for tags in per_day.values() for tag in tags)
    trimmed: list[dt.date] = []
    result: dict[dt.date, list[str]] = {}
    for day in sorted(per_day):
        tags = per_day[day]
        kept = sorted(tags)
        if len(kept) > TAGS_MAX_COUNT:
            trimmed.append(day)
            kept = sorted(sorted(tags), key=lambda tag: -frequency[tag])[:TAGS_MAX_COUNT]
        result[day] = kept
    if trimmed:
        remarks.append(
            f"{counted(len(trimmed), 'day')} had more than {TAGS_MAX_COUNT} activities, "
            f"painmood's limit for a day; each kept the {TAGS_MAX_COUNT} logged on the most "
            "days of the file "
            f"({_examples(day.isoformat() for day in trimmed)})."
        )
    return result


def finish_days(
    days: Mapping[dt.date, GatheredDay], remarks: list[str]
) -> dict[dt.date, dict[str, object]]:
    """`tags` and `note` for CheckIn.create, for every gathered day."""
    tags = day_tags(days, remarks)
    return {
        day: {
            "tags": tags[day],
            "note": join_notes([note for _, _, note in sorted(days[day].notes)], day, remarks),
        }
        for day in days
    }


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`1 day`, `3 days`: a count with its noun in the right number."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def _examples(items: Iterable[str]) -> str:
    """`a, b, c` or `a, b, c, ...` for a summary remark."""
    listed = list(items)
    shown = ", ".join(listed[:EXAMPLES_SHOWN])
    return shown + (", ..." if len(listed) > EXAMPLES_SHOWN else "")
