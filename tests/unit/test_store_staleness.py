"""Store.data_version and Store.save_if_current: how a long-lived reader learns of
other writers and avoids writing over a newer day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tracker.model import CheckIn
from tracker.store import StaleCheckIn, Store

DAY = dt.date(2026, 3, 15)


def test_data_version_moves_only_for_other_connections(store: Store, db_path: Path) -> None:
    before = store.data_version()
    store.save(CheckIn(day=DAY, pain=3, mood=6))
    assert store.data_version() == before  # our own commit is not news
    with Store(db_path) as other:
        other.save(CheckIn(day=DAY, pain=8, mood=2))
    assert store.data_version() != before


def test_save_if_current_writes_when_the_day_is_as_loaded(store: Store) -> None:
    assert store.save_if_current(CheckIn(day=DAY, pain=3, mood=6), None) == "added"
    loaded = store.get(DAY)
    assert loaded is not None
    assert store.save_if_current(CheckIn(day=DAY, pain=4, mood=6), loaded.updated_at) == "updated"


def test_save_if_current_refuses_a_newer_day_and_writes_nothing(
    store: Store, db_path: Path
) -> None:
    store.save(CheckIn(day=DAY, pain=5, mood=5))
    loaded = store.get(DAY)
    assert loaded is not None
    with Store(db_path) as other:
        other.save(CheckIn(day=DAY, pain=8, mood=2))
    revisions = len(store.revisions())
    with pytest.raises(StaleCheckIn) as refused:
        store.save_if_current(CheckIn(day=DAY, pain=5, mood=6), loaded.updated_at)
    assert refused.value.stored == CheckIn(day=DAY, pain=8, mood=2)
    assert store.get(DAY) == CheckIn(day=DAY, pain=8, mood=2)
    assert len(store.revisions()) == revisions


def test_save_if_current_refuses_a_new_day_someone_else_filled(store: Store) -> None:
    store.save(CheckIn(day=DAY, pain=8, mood=2))
    with pytest.raises(StaleCheckIn):
        store.save_if_current(CheckIn(day=DAY, pain=1, mood=1), None)


def test_save_if_current_refuses_a_day_deleted_meanwhile(store: Store) -> None:
    store.save(CheckIn(day=DAY, pain=5, mood=5))
    loaded = store.get(DAY)
    assert loaded is not None
    store.delete(DAY)
    with pytest.raises(StaleCheckIn) as refused:
        store.save_if_current(CheckIn(day=DAY, pain=5, mood=6), loaded.updated_at)
    assert refused.value.stored is None
    assert store.get(DAY) is None
