"""The diary on disk: what is saved comes back, edits keep revisions, undo restores.

Opening files and keeping them private are in test_store_files.py, schema
migrations in test_store_migrations.py. Every test uses a real SQLite file in
tmp_path.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.model import CheckIn, InvalidInput
from tracker.store import MergeSummary, NotFound, NothingToUndo, Store

# Also imported from here by other test modules (test_questionnaire_storage.py).
from .store_cases import DAY, OLD_VERSIONS, full_checkin, integrity  # noqa: F401

# -- round trip -------------------------------------------------------------


def test_every_field_comes_back_after_reopening(db_path: Path) -> None:
    saved = full_checkin()
    with Store(db_path) as store:
        assert store.save(saved) == "added"
    with Store(db_path) as store:
        loaded = store.get(DAY)
    assert loaded is not None
    for name in saved.to_dict():
        assert getattr(loaded, name) == getattr(saved, name), name
    assert type(loaded.sleep_hours) is float and type(loaded.pain) is int
    assert loaded.tags == ("ibuprofen", "physio", "rücken")
    assert loaded.created_at and loaded.updated_at
    assert loaded.created_at.endswith("Z")  # UTC


def test_optional_fields_stay_empty(store: Store) -> None:
    store.save(CheckIn.create(day=DAY, mood=4))
    loaded = store.get(DAY)
    assert loaded == CheckIn(day=DAY, mood=4)
    assert loaded is not None and loaded.pain is None and loaded.tags == () and loaded.note is None


def test_get_on_an_empty_day_is_none(store: Store) -> None:
    assert store.get(DAY) is None
    assert store.count() == 0 and store.span() is None and store.checkins() == []


def test_queries_by_range_order_and_page(store: Store) -> None:
    days = [DAY - dt.timedelta(days=n) for n in (0, 1, 2, 5, 9)]
    for n, day in enumerate(days):
        store.save(CheckIn.create(day=day, pain=n))
    assert [c.day for c in store.checkins()] == sorted(days)
    assert [c.day for c in store.checkins(newest_first=True, limit=2)] == sorted(days)[::-1][:2]
    assert [c.day for c in store.checkins(limit=2, offset=1)] == sorted(days)[1:3]
    start, end = DAY - dt.timedelta(days=5), DAY - dt.timedelta(days=1)
    assert [c.day for c in store.checkins(start, end)] == sorted(
        d for d in days if start <= d <= end
    )
    assert store.count() == 5 and store.count(start, end) == 3
    assert store.span() == (min(days), max(days))
    assert store.checked_days() == set(days)


def test_streak_counts_back_from_today_or_yesterday(store: Store) -> None:
    for back in (1, 2, 3, 5):
        store.save(CheckIn.create(day=DAY - dt.timedelta(days=back), pain=3))
    assert store.streak(DAY) == 3  # today open: yesterday and the two before
    store.save(CheckIn.create(day=DAY, pain=3))
    assert store.streak(DAY) == 4
    assert store.streak(DAY + dt.timedelta(days=5)) == 0


# -- revisions and undo -----------------------------------------------------


def test_an_update_keeps_a_revision_with_old_and_new_values(store: Store) -> None:
    first = full_checkin()
    second = full_checkin(pain=2, note="better", tags=["yoga"])
    assert store.save(first) == "added"
    created = store.get(DAY).created_at  # type: ignore[union-attr]
    assert store.save(second) == "updated"
    revisions = store.revisions(DAY)
    assert [r.action for r in revisions] == ["update", "insert"]
    assert revisions[0].old == first and revisions[0].new == second
    assert revisions[1].old is None and revisions[1].new == first
    assert revisions[0].at >= revisions[1].at and revisions[0].at.endswith("Z")
    current = store.get(DAY)
    assert current == second and current is not None and current.created_at == created


def test_saving_the_same_values_changes_nothing(store: Store) -> None:
    store.save(full_checkin())
    assert store.save(full_checkin()) == "unchanged"
    assert len(store.revisions()) == 1


def test_delete_then_undo_restores_the_day_exactly(store: Store) -> None:
    saved = full_checkin()
    store.save(saved)
    before = store.get(DAY)
    removed = store.delete(DAY)
    assert removed == saved and store.get(DAY) is None
    assert store.revisions(DAY)[0].action == "delete"
    reverted = store.undo()
    assert reverted.action == "delete" and reverted.day == DAY
    after = store.get(DAY)
    assert after == saved
    assert after is not None and before is not None
    assert (after.created_at, after.updated_at) == (before.created_at, before.updated_at)


def test_delete_of_an_empty_day_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.delete(DAY)
    assert store.revisions() == []


def test_undo_of_an_insert_removes_it(store: Store) -> None:
    store.save(full_checkin())
    assert store.undo().action == "insert"
    assert store.get(DAY) is None and store.count() == 0


def test_undo_of_an_edit_brings_back_the_old_values(store: Store) -> None:
    store.save(full_checkin())
    store.save(full_checkin(pain=1))
    assert store.undo().action == "update"
    assert store.get(DAY) == full_checkin()


def test_repeated_undo_walks_back_through_history(store: Store) -> None:
    other = DAY - dt.timedelta(days=1)
    store.save(full_checkin())  # 1 insert
    store.save(full_checkin(day=other, pain=9))  # 2 insert other day
    store.save(full_checkin(pain=1))  # 3 edit
    store.delete(other)  # 4 delete
    assert store.undo().action == "delete"
    assert store.get(other) == full_checkin(day=other, pain=9)
    assert store.undo().action == "update"
    assert store.get(DAY) == full_checkin()
    assert store.undo().action == "insert"
    assert store.get(other) is None
    assert store.undo().action == "insert"
    assert store.count() == 0
    with pytest.raises(NothingToUndo):
        store.undo()
    # The undos themselves are recorded, so even they lose nothing.
    assert [r.action for r in store.revisions()][:4] == ["undo"] * 4


def test_undo_on_a_new_diary_has_nothing_to_undo(store: Store) -> None:
    with pytest.raises(NothingToUndo):
        store.undo()


def test_undo_survives_reopening(db_path: Path) -> None:
    with Store(db_path) as store:
        store.save(full_checkin())
        store.save(full_checkin(pain=0))
    with Store(db_path) as store:
        store.undo()
        assert store.get(DAY) == full_checkin()


# -- save_many ----------------------------------------------------------------


def test_save_many_conflict_policies(store: Store) -> None:
    store.save(full_checkin(pain=5))
    other = DAY - dt.timedelta(days=1)
    summary = store.save_many([full_checkin(pain=1), full_checkin(day=other)], on_conflict="skip")
    assert summary == MergeSummary(added=[other], skipped=[DAY])
    assert store.get(DAY).pain == 5  # type: ignore[union-attr]
    summary = store.save_many(
        [full_checkin(pain=1), full_checkin(day=other)], on_conflict="replace"
    )
    assert summary == MergeSummary(updated=[DAY], unchanged=[other])
    assert store.get(DAY).pain == 1  # type: ignore[union-attr]

    stored_time = store.get(DAY).updated_at  # type: ignore[union-attr]
    older = full_checkin(pain=7, updated_at="2000-01-01T00:00:00.000000Z")
    newer = full_checkin(pain=8, updated_at="2999-01-01T00:00:00.000000Z")
    assert store.save_many([older], on_conflict="newest").skipped == [DAY]
    assert store.get(DAY).updated_at == stored_time  # type: ignore[union-attr]
    assert store.save_many([newer], on_conflict="newest").updated == [DAY]
    assert store.get(DAY).pain == 8  # type: ignore[union-attr]


def _rows_and_revisions(store: Store) -> tuple[list[CheckIn], int]:
    return store.checkins(), len(store.revisions())


def test_save_many_with_an_invalid_row_midway_writes_nothing(store: Store) -> None:
    store.save(full_checkin())
    before = _rows_and_revisions(store)
    batch = [
        full_checkin(day=DAY - dt.timedelta(days=1)),
        full_checkin(pain=0),  # an update, also to be rolled back
        CheckIn(day=DAY - dt.timedelta(days=2), pain=11),  # built without validation
        full_checkin(day=DAY - dt.timedelta(days=3)),
    ]
    with pytest.raises(InvalidInput) as caught:
        store.save_many(batch)
    assert caught.value.field_name == "pain"
    assert _rows_and_revisions(store) == before


def test_save_many_stops_cleanly_when_the_rows_themselves_fail(store: Store) -> None:
    store.save(full_checkin())
    before = _rows_and_revisions(store)

    def rows() -> Iterator[CheckIn]:
        yield full_checkin(day=DAY - dt.timedelta(days=1))
        raise InvalidInput("Row 3, column pain: Pain must be between 0 and 10, got 12.", "pain")

    with pytest.raises(InvalidInput):
        store.save_many(rows())
    assert _rows_and_revisions(store) == before
    store.save(full_checkin(day=DAY - dt.timedelta(days=4)))  # the store is still usable
    assert store.count() == 2


def test_save_refuses_a_checkin_built_without_validation(store: Store) -> None:
    for bad in (CheckIn(day=DAY), CheckIn(day=DAY, pain=3, tags=("two words",))):
        with pytest.raises(InvalidInput):
            store.save(bad)
    assert store.count() == 0 and store.revisions() == []


def test_revisions_are_stored_as_readable_json(store: Store, db_path: Path) -> None:
    store.save(full_checkin())
    conn = sqlite3.connect(db_path)
    old, new = conn.execute("SELECT old, new FROM revisions").fetchone()
    conn.close()
    assert old is None
    assert json.loads(new)["note"] == full_checkin().note


# -- change-sets --------------------------------------------------------------


def test_one_import_is_undone_in_one_step(store: Store) -> None:
    store.save(full_checkin(DAY - dt.timedelta(days=400)))
    kept = store.checkins()
    store.save_many(full_checkin(DAY - dt.timedelta(days=n), pain=n % 11) for n in range(300))
    undone = store.undo()
    assert len(undone.days) == 300 and len(undone.revisions) == 300
    assert undone.sentence().startswith("Undid the last change: 300 days restored")
    assert store.checkins() == kept
    assert store.undo().days == [DAY - dt.timedelta(days=400)]  # then the save before it


def test_a_change_set_that_edits_existing_days_restores_them(store: Store) -> None:
    store.save_many([full_checkin(), full_checkin(DAY - dt.timedelta(days=1))])
    before = store.checkins()
    store.save_many(
        [full_checkin(pain=0), full_checkin(DAY - dt.timedelta(days=1), pain=0)],
        on_conflict="replace",
    )
    assert store.undo().action == "update"
    assert store.checkins() == before


def test_each_save_is_its_own_change_set(store: Store) -> None:
    store.save(full_checkin())
    store.save(full_checkin(pain=1))
    assert store.undo().sentence() == f"Undid the edit of {DAY.isoformat()}."
    assert store.get(DAY) == full_checkin()


def test_cli_undo_says_how_many_days_it_restored(db_path: Path) -> None:
    from click.testing import CliRunner

    from tracker.cli import cli

    with Store(db_path) as store:
        store.save_many(full_checkin(DAY - dt.timedelta(days=n)) for n in range(12))
    result = CliRunner().invoke(cli, ["--db", str(db_path), "undo"])
    assert result.exit_code == 0, result.output
    assert "12 days restored" in result.stdout
    with Store(db_path) as store:
        assert store.count() == 0
