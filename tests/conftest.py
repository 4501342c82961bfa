"""Shared fixtures: every test gets its own data folder and database file.

The real user data folder and $PAINMOOD_DB are never touched by a test.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tracker.store import Store

# A fixed "today" for tests that draw dates or take snapshots.
PINNED_TODAY = dt.date(2026, 3, 15)


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME and the XDG folders into tmp_path and clear $PAINMOOD_DB."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("PAINMOOD_DB", raising=False)
    monkeypatch.setenv("NO_COLOR", "")
    monkeypatch.delenv("NO_COLOR")
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database path inside a fresh private folder (file not yet created)."""
    return tmp_path / "data" / "painmood.db"


@pytest.fixture
def store(db_path: Path):  # noqa: ANN201
    """A real SQLite store on disk, closed after the test."""
    opened = Store(db_path)
    yield opened
    opened.close()


@pytest.fixture
def today() -> dt.date:
    return PINNED_TODAY
