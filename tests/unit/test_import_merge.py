"""An import merges into a day: what the file lacks is kept, and the summary says which.

A mood-only Daylio file imported with `replace` or `newest` used to erase the
day's pain, sleep and factors; the dry run and the TUI said nothing of it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.cli import cli
from tracker.formats import export_text
from tracker.importing import (
    ImportSummary,
    apply_import,
    carried_fields,
    merge_into,
    plan_day,
    preview_import,
)
from tracker.model import CheckIn, ConflictPolicy
from tracker.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TODAY = dt.date(2026, 3, 15)
DAYLIO = FIXTURES / "daylio_current.csv"  # 2022-01-04 .. 2022-01-07, mood, tags, notes


def day(text: str, **values: object) -> CheckIn:
    return CheckIn.create(today=TODAY, day=text, **values)


FULL_DAY = day(
    "2022-01-05", pain=6, mood=7, sleep_hours=6.5, stress=4, tags=["desk"], note="Stiff."
)


def diary_with_full_day(tmp_path: Path) -> Path:
    db = tmp_path / "diary.db"
    with Store(db) as store:
        store.save(FULL_DAY)
        store.save(day("2022-01-06", pain=3, fatigue=5))
    return db


@pytest.mark.parametrize("policy", ["replace", "newest"])
def test_a_mood_only_import_keeps_pain_sleep_and_factors(
    tmp_path: Path, policy: ConflictPolicy
) -> None:
    db = diary_with_full_day(tmp_path)
    result = CliRunner().invoke(
        cli, ["--db", str(db), "import", str(DAYLIO), "--on-conflict", policy]
    )
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        merged = store.get(dt.date(2022, 1, 5))
        other = store.get(dt.date(2022, 1, 6))
    assert merged is not None and other is not None
    # Daylio brings mood, activities and the note; everything else stays.
    assert (merged.pain, merged.sleep_hours, merged.stress) == (6, 6.5, 4)
    assert (merged.mood, merged.tags, merged.note) == (4, ("physio",), "Physio\nPainful session")
    assert (other.pain, other.fatigue, other.mood) == (3, 5, 10)


def test_skip_leaves_a_stored_day_exactly_as_it_was(tmp_path: Path) -> None:
    db = diary_with_full_day(tmp_path)
    result = CliRunner().invoke(cli, ["--db", str(db), "import", str(DAYLIO)])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert store.get(dt.date(2022, 1, 5)) == FULL_DAY
    assert "Skipped 2 days already in the diary, kept as they are" in result.output


def test_the_dry_run_names_the_fields_that_change_and_those_kept(tmp_path: Path) -> None:
    db = diary_with_full_day(tmp_path)
    args = ["--db", str(db), "import", str(DAYLIO), "--on-conflict", "replace"]
    dry = CliRunner().invoke(cli, [*args, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    lines = dry.output.splitlines()
    assert "Would add 2, update 2, skip 0; 0 unchanged." in lines
    assert (
        "  1 day: mood, tags and note from the file; pain, sleep hours and stress kept "
        "(2022-01-05)."
    ) in lines
    assert "  1 day: mood, tags and note from the file; pain and fatigue kept (2022-01-06)." in (
        lines
    )
    real = CliRunner().invoke(cli, args)
    assert real.exit_code == 0, real.output
    assert "Added 2, updated 2, unchanged 0, skipped 0." in real.output
    # The import says what it did in the very words the dry run used.
    changed = [line for line in lines if "from the file" in line]
    assert changed and all(line in real.output.splitlines() for line in changed)


def test_days_that_change_alike_are_counted_in_one_line(tmp_path: Path) -> None:
    with Store(tmp_path / "d.db") as store:
        for number in range(1, 13):
            store.save(day(f"2024-01-{number:02d}", pain=5, stress=3))
        incoming = [day(f"2024-01-{number:02d}", mood=6) for number in range(1, 13)]
        summary = preview_import(store, incoming, "replace")
    assert summary.lines()[1] == (
        "12 days: mood from the file; pain and stress kept (2024-01-01, 2024-01-02, "
        "2024-01-03, 2024-01-04, 2024-01-05, 2024-01-06, 2024-01-07, 2024-01-08, "
        "2024-01-09, 2024-01-10 and 2 more)."
    )


def test_a_value_equal_to_the_stored_one_is_not_called_a_change() -> None:
    stored = day("2024-01-01", pain=5, mood=6)
    plan = plan_day(stored, day("2024-01-01", mood=6), "replace")
    assert plan.outcome == "unchanged"
    plan = plan_day(stored, day("2024-01-01", pain=5, mood=2), "replace")
    assert (plan.outcome, plan.from_file, plan.kept) == ("updated", ("mood",), ())


def test_newest_takes_the_file_only_when_it_was_edited_later() -> None:
    stored = CheckIn.create(
        today=TODAY, day="2024-01-01", pain=5, updated_at="2024-01-01T10:00:00.000000Z"
    )
    older = CheckIn.create(
        today=TODAY, day="2024-01-01", mood=2, updated_at="2024-01-01T09:00:00.000000Z"
    )
    newer = CheckIn.create(
        today=TODAY, day="2024-01-01", mood=2, updated_at="2024-01-01T11:00:00.000000Z"
    )
    assert plan_day(stored, older, "newest").outcome == "skipped"
    plan = plan_day(stored, newer, "newest")
    assert (plan.outcome, plan.checkin.pain, plan.checkin.mood) == ("updated", 5, 2)
    assert plan.checkin.updated_at == newer.updated_at


def test_merge_keeps_what_the_incoming_day_leaves_empty() -> None:
    merged = merge_into(FULL_DAY, day("2022-01-05", pain=2))
    assert merged == FULL_DAY.with_changes(pain=2)


def test_a_json_round_trip_between_two_machines_merges_field_by_field(tmp_path: Path) -> None:
    with Store(tmp_path / "laptop.db") as laptop, Store(tmp_path / "phone.db") as phone:
        laptop.save(day("2024-01-01", pain=4, sleep_hours=7))
        phone.save(day("2024-01-01", mood=3))  # saved later: newer
        text = export_text("json", phone.checkins())
        document = json.loads(text)
        checkins = [CheckIn.create(today=TODAY, **c) for c in document["checkins"]]
        summary = apply_import(laptop, checkins, "newest")
        merged = laptop.get(dt.date(2024, 1, 1))
    assert summary.updated == [dt.date(2024, 1, 1)]
    assert merged is not None and (merged.pain, merged.sleep_hours, merged.mood) == (4, 7, 3)


def test_one_import_is_one_transaction_even_when_merging(tmp_path: Path) -> None:
    with Store(tmp_path / "d.db") as store:
        store.save(day("2024-01-01", pain=4))

        def failing() -> object:
            yield day("2024-01-01", mood=5)
            raise RuntimeError("the file went away")

        with pytest.raises(RuntimeError):
            apply_import(store, failing(), "replace")  # type: ignore[arg-type]
        assert store.get(dt.date(2024, 1, 1)) == day("2024-01-01", pain=4)


def test_a_dry_run_copies_nothing_and_takes_no_write_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An interrupted dry run once left a full copy of the diary in /tmp."""
    import sqlite3
    import tempfile

    def no_copy(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a dry run must not copy the diary")

    db = diary_with_full_day(tmp_path)  # made first: a new diary is built under a temporary name
    for name in ("mkdtemp", "mkstemp", "NamedTemporaryFile", "TemporaryDirectory"):
        monkeypatch.setattr(tempfile, name, no_copy)
    monkeypatch.setattr(Store, "backup_to", no_copy)
    with Store(db) as store:
        writer = sqlite3.connect(db, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")  # another program is writing right now
        try:
            summary = preview_import(store, [day("2022-01-05", mood=1)], "replace")
        finally:
            writer.execute("ROLLBACK")
            writer.close()
    assert summary.updated == [dt.date(2022, 1, 5)]
    assert sorted(p.name for p in db.parent.glob("diary*")) == ["diary.db"]


def test_many_kinds_of_change_are_summed_up_after_the_commonest() -> None:
    names = ("stress", "anxiety", "fatigue", "sleep_quality", "activity_minutes", "sleep_hours")
    stored = [day(f"2024-02-{n:02d}", pain=5) for n in range(1, 10)]
    # two days gain mood; then each of seven days gains a different factor
    incoming = [day("2024-02-01", mood=3), day("2024-02-02", mood=3)]
    incoming += [
        day(f"2024-02-{n:02d}", pain=5, **{name: 1})
        for n, name in zip(range(3, 9), names, strict=True)
    ]
    incoming.append(day("2024-02-09", pain=5, tags=["walk"]))
    plans = [plan_day(s, i, "replace") for s, i in zip(stored, incoming, strict=True)]
    summary = ImportSummary("replace", plans)
    lines = summary.lines()
    assert lines[1] == "2 days: mood from the file; pain kept (2024-02-01, 2024-02-02)."
    assert len(lines) == 1 + 6 + 1
    assert lines[-1] == "2 more days change in 2 other ways: 2024-02-08, 2024-02-09."


def _maybe(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.none() | strategy


@st.composite
def days_of(draw: st.DrawFn) -> CheckIn:
    score = st.integers(0, 10)
    values = {
        "pain": draw(_maybe(score)),
        "mood": draw(score),
        "stress": draw(_maybe(score)),
        "sleep_hours": draw(_maybe(st.sampled_from([5.5, 7.0, 8.25]))),
        "tags": draw(st.lists(st.sampled_from(["walk", "yoga", "physio"]), max_size=2)),
        "note": draw(_maybe(st.sampled_from(["ok", "stiff"]))),
    }
    return day("2024-05-01", **values)


@settings(max_examples=150, deadline=None)
@given(days_of(), days_of(), st.sampled_from(["skip", "replace", "newest"]))
def test_a_merge_never_loses_a_stored_value_the_file_does_not_carry(
    stored: CheckIn, incoming: CheckIn, policy: ConflictPolicy
) -> None:
    plan = plan_day(stored, incoming, policy)
    carried = set(carried_fields(incoming))
    for name in ("pain", "mood", "stress", "sleep_hours", "tags", "note"):
        kept = getattr(plan.checkin, name)
        if name not in carried or plan.outcome == "skipped":
            assert kept == getattr(stored, name), name
        else:
            assert kept == getattr(incoming, name), name
    assert set(plan.from_file) <= carried and not set(plan.kept) & carried
