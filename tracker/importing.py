"""How an import merges into the diary, and the words that say what it does.

An import never erases what the file lacks. A day already in the diary keeps
every field the incoming day leaves empty (a Daylio day brings a mood, so the
day's pain, factors and note stay); `replace` and `newest` take only the
fields the file carries. `skip` leaves the day exactly as it is.

One function (`plan_day`) decides each day, for the dry run and for the
import itself, so the preview cannot disagree with what is written. The dry
run only reads the diary: nothing is copied out of its folder, nothing is
written, and no write lock is taken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .model import FIELDS, CheckIn, ConflictPolicy, plural
from .store import Store

Outcome = Literal["added", "updated", "unchanged", "skipped"]
# Every field of a day but the day itself, in the order a person reads them.
DAY_FIELDS: tuple[str, ...] = FIELDS[1:]
FIELD_WORDS: dict[str, str] = {
    "pain": "pain",
    "mood": "mood",
    "sleep_hours": "sleep hours",
    "sleep_quality": "sleep quality",
    "stress": "stress",
    "anxiety": "anxiety",
    "fatigue": "fatigue",
    "activity_minutes": "activity",
    "tags": "tags",
    "note": "note",
}
# How many days a summary names for each kind of change.
DAYS_LISTED = 10
# How many kinds of change (which fields from the file, which kept) get a line each.
KINDS_LISTED = 6
# The import dialog is small: fewer days and kinds named there, and no list of new days.
SCREEN_DAYS_LISTED = 3
SCREEN_KINDS_LISTED = 3


def carried_fields(checkin: CheckIn) -> tuple[str, ...]:
    """The fields an incoming day has a value for (empty tags count as none)."""
    return tuple(name for name in DAY_FIELDS if _has_value(getattr(checkin, name)))


def _has_value(value: object) -> bool:
    return value is not None and value != ()


def merge_into(stored: CheckIn, incoming: CheckIn) -> CheckIn:
    """The stored day with the incoming day's values laid over it, field by field.

    Fields the incoming day lacks keep the stored value. The incoming
    `updated_at` is carried so that `newest` compares the file's edit time.
    """
    changes = {name: getattr(incoming, name) for name in carried_fields(incoming)}
    merged = stored.with_changes(**changes)
    return replace(merged, created_at=stored.created_at, updated_at=incoming.updated_at)


@dataclass(frozen=True)
class DayPlan:
    """What an import does to one day, and the check-in it writes (if any)."""

    day: dt.date
    outcome: Outcome
    checkin: CheckIn
    # Fields whose value comes from the file, and stored fields the file lacks.
    from_file: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()


def plan_day(stored: CheckIn | None, incoming: CheckIn, policy: ConflictPolicy) -> DayPlan:
    """Decide one incoming day against the stored one (the store's rules, field-wise)."""
    if stored is None:
        return DayPlan(incoming.day, "added", incoming, carried_fields(incoming))
    if policy == "skip":
        return DayPlan(incoming.day, "skipped", stored)
    if (
        policy == "newest"
        and incoming.updated_at is not None
        and stored.updated_at is not None
        and incoming.updated_at <= stored.updated_at
    ):
        return DayPlan(incoming.day, "skipped", stored)
    merged = merge_into(stored, incoming)
    if merged == stored:
        return DayPlan(incoming.day, "unchanged", stored)
    carried = carried_fields(incoming)
    changed = tuple(n for n in carried if getattr(incoming, n) != getattr(stored, n))
    kept = tuple(n for n in DAY_FIELDS if n not in carried and _has_value(getattr(stored, n)))
    return DayPlan(incoming.day, "updated", merged, changed, kept)


@dataclass
class ImportSummary:
    """Every day of an import and what happened to it (or would, in a dry run)."""

    policy: ConflictPolicy
    days: list[DayPlan] = field(default_factory=list)
    dry_run: bool = False
    # Weekly questionnaires: outcome -> count (see tracker.questionnaires.storage).
    questionnaires: dict[str, int] = field(default_factory=dict)

    def _days(self, outcome: Outcome) -> list[dt.date]:
        return [plan.day for plan in self.days if plan.outcome == outcome]

    @property
    def added(self) -> list[dt.date]:
        return self._days("added")

    @property
    def updated(self) -> list[dt.date]:
        return self._days("updated")

    @property
    def unchanged(self) -> list[dt.date]:
        return self._days("unchanged")

    @property
    def skipped(self) -> list[dt.date]:
        return self._days("skipped")

    def lines(self, on_screen: bool = False) -> list[str]:
        """The summary in plain lines; `on_screen` words the hints for the import dialog
        instead of the command line."""
        added, updated, unchanged, skipped = (
            self.added,
            self.updated,
            self.unchanged,
            self.skipped,
        )
        if self.dry_run:
            lines = [
                f"Would add {len(added)}, update {len(updated)}, skip {len(skipped)}; "
                f"{len(unchanged)} unchanged."
            ]
        else:
            lines = [
                f"Added {len(added)}, updated {len(updated)}, unchanged {len(unchanged)}, "
                f"skipped {len(skipped)}."
            ]
        if added and self.dry_run and not on_screen:
            lines.append(f"{plural(len(added), 'new day')}: {_list_days(added)}.")
        if on_screen:
            lines += self._update_lines(SCREEN_KINDS_LISTED, SCREEN_DAYS_LISTED)
        else:
            lines += self._update_lines(KINDS_LISTED, DAYS_LISTED)
        if skipped:
            lines.append(self._skipped_line(len(skipped), on_screen))
        if self.questionnaires:
            from .questionnaires.storage import summary_line

            line = summary_line(self.questionnaires, self.dry_run)
            lines += [line] if line else []
        return lines

    def _update_lines(self, kinds_listed: int, days_listed: int) -> list[str]:
        """One line per kind of change: which fields came from the file, which were kept."""
        groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[dt.date]] = {}
        for plan in self.days:
            if plan.outcome == "updated":
                groups.setdefault((plan.from_file, plan.kept), []).append(plan.day)
        ordered = sorted(groups.items(), key=lambda item: -len(item[1]))  # stable: file order
        lines = []
        for (from_file, kept), days in ordered[:kinds_listed]:
            what = f"{_field_list(from_file)} from the file"
            if kept:
                what += f"; {_field_list(kept)} kept"
            shown = _list_days(days, days_listed)
            lines.append(f"{plural(len(days), 'day')}: {what} ({shown}).")
        rest = [day for _, days in ordered[kinds_listed:] for day in days]
        if rest:
            kinds = len(ordered) - kinds_listed
            lines.append(
                f"{plural(len(rest), 'more day')} {'changes' if len(rest) == 1 else 'change'} "
                f"in {plural(kinds, 'other way')}: "
                f"{_list_days(sorted(rest), days_listed)}."
            )
        return lines

    def _skipped_line(self, count: int, on_screen: bool) -> str:
        """Why days were left alone, and (for `skip`) how to take the file's values."""
        days = plural(count, "day")
        if self.policy == "newest":
            return f"Skipped {days}: the diary's copy was edited as late or later."
        how = (
            "choose \"Take the file's day\" to take the file's values"
            if on_screen
            else "--on-conflict replace or newest takes the file's values"
        )
        kept = "kept as it is" if count == 1 else "kept as they are"
        return f"Skipped {days} already in the diary, {kept} ({how})."


def _field_list(names: Iterable[str]) -> str:
    words = [FIELD_WORDS[name] for name in names]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _list_days(days: list[dt.date], limit: int = DAYS_LISTED) -> str:
    shown = ", ".join(day.isoformat() for day in days[:limit])
    more = len(days) - limit
    return f"{shown} and {more} more" if more > 0 else shown


def preview_import(
    store: Store | None,
    checkins: Iterable[CheckIn],
    policy: ConflictPolicy,
    questionnaires: Sequence[Any] = (),
) -> ImportSummary:
    """What an import would do, reading the diary only (None: no diary yet)."""
    summary = ImportSummary(policy, dry_run=True)
    for incoming in checkins:
        stored = store.get(incoming.day) if store is not None else None
        summary.days.append(plan_day(stored, incoming, policy))
    if questionnaires:
        from .questionnaires.storage import plan

        summary.questionnaires = plan(store, questionnaires, policy)
    return summary


def apply_import(
    store: Store,
    checkins: Iterable[CheckIn],
    policy: ConflictPolicy,
    questionnaires: Sequence[Any] = (),
) -> ImportSummary:
    """Merge an import into the diary in one transaction: all days or none.

    Each day is planned inside the store's write transaction (so against the
    day as it is at that moment) and only added or changed days are written;
    every change is recorded in revisions like any other save.
    """
    summary = ImportSummary(policy)

    def to_write() -> Iterator[CheckIn]:
        for incoming in checkins:
            plan = plan_day(store.get(incoming.day), incoming, policy)
            summary.days.append(plan)
            if plan.outcome in ("added", "updated"):
                yield plan.checkin
        if questionnaires:  # still inside save_many's transaction: one change-set
            from .questionnaires.storage import save_within

            summary.questionnaires = save_within(store, questionnaires, policy)

    store.save_many(to_write(), on_conflict=policy)
    return summary
