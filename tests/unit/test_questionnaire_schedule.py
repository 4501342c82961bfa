"""The weekly offer: due, not due, skipped, and on a chosen weekday (today pinned)."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.model import CheckIn, InvalidInput
from tracker.questionnaires import PEG, Result, schedule
from tracker.questionnaires import storage as qs
from tracker.store import Store

TODAY = dt.date(2026, 3, 15)  # a Sunday


def test_the_first_offer_comes_a_week_into_the_diary(store: Store) -> None:
    assert not schedule.is_due(store, TODAY)  # an empty diary: not on the first day
    store.save(CheckIn.create(day=TODAY - dt.timedelta(days=6), pain=3, today=TODAY))
    assert not schedule.is_due(store, TODAY)
    assert schedule.is_due(store, TODAY + dt.timedelta(days=1))


@pytest.mark.parametrize(("days_ago", "due"), [(0, False), (6, False), (7, True), (30, True)])
def test_due_seven_days_after_the_last(store: Store, days_ago: int, due: bool) -> None:
    qs.save(store, Result(PEG, TODAY - dt.timedelta(days=days_ago), (1, 2, 3)))
    assert schedule.is_due(store, TODAY) is due


def test_skipping_puts_the_offer_off_for_a_week(store: Store) -> None:
    qs.save(store, Result(PEG, TODAY - dt.timedelta(days=20), (1, 2, 3)))
    schedule.skip(store, TODAY)
    assert not schedule.is_due(store, TODAY)
    assert not schedule.is_due(store, TODAY + dt.timedelta(days=6))
    assert schedule.is_due(store, TODAY + dt.timedelta(days=7))
    assert store.revisions()[0].action == "insert"  # a skip is a setting, not an undoable edit


def test_a_chosen_weekday(store: Store) -> None:
    schedule.set_weekday(store, "Wednesday")
    assert schedule.weekday(store) == 2
    qs.save(store, Result(PEG, dt.date(2026, 3, 11), (1, 2, 3)))  # answered on Wednesday
    assert not schedule.is_due(store, dt.date(2026, 3, 17))  # Tuesday
    assert schedule.is_due(store, dt.date(2026, 3, 18))  # Wednesday
    assert schedule.is_due(store, dt.date(2026, 3, 20))  # still due on Friday
    schedule.set_weekday(store, "off")
    assert schedule.weekday(store) is None


def test_a_wrong_weekday_is_refused(store: Store) -> None:
    with pytest.raises(InvalidInput, match="not a weekday"):
        schedule.set_weekday(store, "someday")


def test_the_due_day_is_set_from_the_shell(db_path, monkeypatch) -> None:  # noqa: ANN001
    from tests.unit.test_cli import run

    done = run("--db", str(db_path), "questionnaire", "--due-day", "fri")
    assert done.code == 0 and "offered on fri" in done.stdout
    with Store(db_path) as store:
        assert schedule.weekday(store) == 4
    bad = run("--db", str(db_path), "questionnaire", "--due-day", "someday")
    assert bad.code == 2 and "not a weekday" in bad.stderr
