"""Questionnaires in a real diary: migrated into, saved, edited, deleted, undone."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from tests.unit.test_store import OLD_VERSIONS, full_checkin, integrity
from tracker.questionnaires import GAD7, PEG, PHQ9, Result
from tracker.questionnaires import storage as qs
from tracker.store import SCHEMA_VERSION, NothingToUndo, Store

DAY = dt.date(2026, 3, 10)


def phq9(day: dt.date = DAY, *answers: int | None) -> Result:
    return Result(PHQ9, day, tuple(answers) if answers else (1, 2, 1, 0, 0, 1, 2, 1, 0, 1))


@pytest.mark.parametrize("version", sorted(OLD_VERSIONS))
def test_each_older_schema_gains_questionnaires_and_keeps_its_history(
    db_path: Path, version: int
) -> None:
    kept = OLD_VERSIONS[version](db_path)
    with Store(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION == 3
        assert store.checkins() == kept
        old_revisions = store.revisions()
        assert all(r.kind == "checkin" for r in old_revisions)
        qs.save(store, phq9())
        assert qs.results(store) == [qs.get(store, "phq9", DAY)]
        assert store.undo().sentence() == f"Undid the new PHQ-9 of {DAY.isoformat()}."
        assert qs.results(store) == []
        if version >= 1:  # the old check-in edit still undoes after the questionnaire
            assert store.undo().action == "update"
    assert integrity(db_path) == "ok"


def test_saved_answers_and_score_come_back_after_reopening(db_path: Path) -> None:
    with Store(db_path) as store:
        qs.save(store, Result(PHQ9, DAY, (1, None, 1, 0, 0, 1, 2, 1, 0, None)))
        qs.save(store, Result(PEG, DAY, (6, 7, 6)))
    with Store(db_path) as store:
        found = {r.instrument.key: r for r in qs.results(store)}
    assert found["phq9"].answers == (1, None, 1, 0, 0, 1, 2, 1, 0, None)
    assert found["phq9"].score is None
    assert found["peg"].score == 6.3
    conn = sqlite3.connect(db_path)
    rows = conn.execute("SELECT instrument, answers, score, version FROM questionnaires").fetchall()
    conn.close()
    assert sorted(rows) == [("peg", "[6, 7, 6]", 6.3, 1), ("phq9", json.dumps(
        [1, None, 1, 0, 0, 1, 2, 1, 0, None]), None, 1)]  # fmt: skip


def test_insert_edit_delete_each_undo_like_checkins(store: Store) -> None:
    assert qs.save(store, phq9()) == "added"
    assert qs.save(store, phq9(DAY, *(3,) * 9, 2)) == "updated"
    assert qs.save(store, phq9(DAY, *(3,) * 9, 2)) == "unchanged"
    assert qs.get(store, "phq9", DAY).score == 27
    qs.delete(store, "phq9", DAY)
    assert qs.get(store, "phq9", DAY) is None
    kinds = [(r.kind, r.action) for r in store.revisions()]
    assert kinds == [("questionnaire", "delete"), ("questionnaire", "update"),
                     ("questionnaire", "insert")]  # fmt: skip
    assert store.undo().sentence() == f"Undid the PHQ-9 delete of {DAY.isoformat()}."
    assert qs.get(store, "phq9", DAY).score == 27
    assert store.undo().what() == "PHQ-9 edit"
    assert qs.get(store, "phq9", DAY).answers == phq9().answers
    store.undo()
    assert qs.get(store, "phq9", DAY) is None
    with pytest.raises(NothingToUndo):
        store.undo()


def test_questionnaires_and_checkins_share_one_history(store: Store) -> None:
    store.save(full_checkin())
    qs.save(store, Result(GAD7, DAY, (0, 1, 2, 3, 0, 1, 2)))
    store.save(full_checkin(pain=2))
    assert store.undo().what() == "edit"
    assert qs.get(store, "gad7", DAY) is not None
    assert store.undo().what() == "new GAD-7"
    assert qs.get(store, "gad7", DAY) is None
    assert store.get(DAY) == full_checkin()


def test_an_import_of_many_is_one_change_set(store: Store) -> None:
    weeks = [Result(PEG, DAY - dt.timedelta(weeks=n), (n % 11, 5, 5)) for n in range(10)]
    counts = qs.save_many(store, weeks)
    assert counts["added"] == 10
    undone = store.undo()
    assert len(undone.revisions) == 10
    assert qs.results(store) == []


def test_a_failure_midway_writes_nothing(store: Store) -> None:
    good = Result(PEG, DAY, (1, 2, 3))
    bad = Result(PEG, DAY + dt.timedelta(days=1), (1, 2, 99))
    with pytest.raises(Exception, match="0 to 10"):
        qs.save_many(store, [good, bad])
    assert qs.results(store) == []
    assert store.revisions() == []


def test_a_read_only_older_diary_has_no_questionnaires(db_path: Path) -> None:
    OLD_VERSIONS[2](db_path)
    with Store(db_path, read_only=True) as store:
        assert qs.results(store) == []
        assert store.revisions()[0].kind == "checkin"
