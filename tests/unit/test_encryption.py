"""Encrypted diaries in the store: SQLCipher files, conversion in place, crashes, backups.

Real files only: every diary here is an SQLCipher or SQLite file in tmp_path,
and a crash is a real `kill -9` of a child process in the middle of
`encrypt`.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tracker.backups import backup_opens, prune_backups
from tracker.encryption import (
    NeedsPassphrase,
    NotEncrypted,
    WrongPassphrase,
    looks_encrypted,
    sqlcipher,
)
from tracker.encryption.convert import convert
from tracker.model import CheckIn
from tracker.questionnaires import PEG, PHQ9, Result
from tracker.questionnaires import storage as qs
from tracker.store import SCHEMA_VERSION, Store, StoreError

PASS = "correct horse 'battery' staple"
MARKER = "MARKER-7f3a9c-noted"


def fill(store: Store, days: int = 40) -> None:
    """Check-ins with notes, an edit, a delete and an undo: every kind of revision."""
    start = dt.date(2025, 1, 1)
    store.save_many(
        CheckIn.create(day=start + dt.timedelta(i), pain=i % 11, mood=(3 * i) % 11, note=f"n{i}")
        for i in range(days)
    )
    store.save(CheckIn.create(day=start, pain=9, mood=1, note=MARKER, tags=("walk",)))
    store.delete(start + dt.timedelta(1))
    store.delete(start + dt.timedelta(2))
    store.undo()


def tables(conn: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows in rowid order (questionnaires too, when a diary has them)."""
    names = [
        name
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not name.startswith("sqlite_")
    ]
    return {
        name: [tuple(r) for r in conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid')]
        for name in sorted(names)
    }


def plain_contents(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return tables(conn)
    finally:
        conn.close()


def encrypted_contents(path: Path, passphrase: str) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlcipher().connect(str(path))
    conn.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
    try:
        return tables(conn)
    finally:
        conn.close()


def test_an_encrypted_diary_is_ciphertext_and_opens_only_with_its_passphrase(
    db_path: Path,
) -> None:
    with Store(db_path, passphrase=PASS) as store:
        fill(store)
        assert store.encrypted
    data = db_path.read_bytes()
    assert not data.startswith(b"SQLite format 3") and MARKER.encode() not in data
    assert looks_encrypted(db_path)
    with Store(db_path, passphrase=PASS) as store:
        assert store.get(dt.date(2025, 1, 1)).note == MARKER  # type: ignore[union-attr]
        assert [r.action for r in store.revisions()][:2] == ["undo", "delete"]
    with pytest.raises(NeedsPassphrase):
        Store(db_path)
    before = data
    with pytest.raises(WrongPassphrase) as caught:
        Store(db_path, passphrase="wrong")
    assert "\n" not in str(caught.value) and "hmac" not in str(caught.value).lower()
    assert db_path.read_bytes() == before  # untouched
    with pytest.raises(sqlite3.DatabaseError):  # plain SQLite sees noise
        sqlite3.connect(db_path).execute("SELECT * FROM checkins").fetchall()


def test_a_plain_diary_given_a_passphrase_is_refused_untouched(db_path: Path) -> None:
    with Store(db_path) as store:
        fill(store, 5)
    before = db_path.read_bytes()
    with pytest.raises(NotEncrypted):
        Store(db_path, passphrase=PASS)
    assert db_path.read_bytes() == before


def test_encrypt_rekey_decrypt_keep_every_row(db_path: Path) -> None:
    with Store(db_path) as store:
        fill(store)
    original = plain_contents(db_path)
    assert original["revisions"] and original["checkins"]
    convert(db_path, None, PASS)
    assert encrypted_contents(db_path, PASS) == original
    assert MARKER.encode() not in db_path.read_bytes()
    convert(db_path, PASS, "another one")
    assert encrypted_contents(db_path, "another one") == original
    with pytest.raises(WrongPassphrase):
        convert(db_path, PASS, None)
    convert(db_path, "another one", None)
    assert plain_contents(db_path) == original
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]
    with Store(db_path) as store:  # and painmood opens it as before
        assert store.count() == 39 and store.schema_version == SCHEMA_VERSION


def test_conversion_keeps_questionnaires_and_their_revisions(db_path: Path) -> None:
    """The check compares every table, so questionnaires and their history are kept too."""
    with Store(db_path) as store:
        fill(store, 3)
        qs.save(store, Result(PHQ9, dt.date(2026, 3, 1), (1, 2, 1, 0, 0, 1, 2, 1, 0, 1)))
        qs.save(store, Result(PEG, dt.date(2026, 3, 1), (6, 7, 6)))
    original = plain_contents(db_path)
    assert len(original["questionnaires"]) == 2
    convert(db_path, None, PASS)
    assert encrypted_contents(db_path, PASS) == original
    with Store(db_path, passphrase=PASS) as store:
        peg = qs.get(store, "peg", dt.date(2026, 3, 1))
        assert peg is not None and peg.answers == (6, 7, 6)
        store.undo()  # the PEG was the last change: undone through the encrypted diary
        assert qs.get(store, "peg", dt.date(2026, 3, 1)) is None


CHILD = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from tracker.encryption.convert import convert

    stage = sys.argv[2]

    def pause(reached):
        if reached == stage:
            print(reached, flush=True)
            time.sleep(60)  # killed here

    convert(Path(sys.argv[1]), None, "kill nine", pause=pause)
    print("done", flush=True)
    """
)


@pytest.mark.parametrize("stage", ["written", "verified", "replaced"])
def test_kill_9_in_the_middle_of_encrypt_leaves_one_complete_diary(
    db_path: Path, stage: str
) -> None:
    with Store(db_path) as store:
        fill(store, 200)
    original = plain_contents(db_path)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), stage],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == stage
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    if stage == "replaced":
        assert encrypted_contents(db_path, "kill nine") == original
    else:
        assert plain_contents(db_path) == original
    # The next painmood opens it, and the next conversion clears what the crash left.
    passphrase = "kill nine" if stage == "replaced" else None
    with Store(db_path, passphrase=passphrase) as store:
        assert store.count() == 199
    if stage != "replaced":
        convert(db_path, None, "kill nine")
    assert [p.name for p in db_path.parent.iterdir() if p.name.startswith(".")] == []


def test_conversion_is_refused_while_another_painmood_has_the_diary_open(db_path: Path) -> None:
    with Store(db_path) as store:
        fill(store, 3)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom tracker.store import Store\n"
            f"s = Store({str(db_path)!r}); print('open', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError) as caught:
            convert(db_path, None, PASS)
        assert "open in another painmood" in str(caught.value)
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert not looks_encrypted(db_path)


def test_backups_of_an_encrypted_diary_are_encrypted_with_its_passphrase(
    db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    with Store(db_path, passphrase=PASS) as store:
        fill(store, 10)
        first = store.backup_to(folder / "diary-2026-01-01.db")
        second = store.backup_to(folder / "diary-2026-01-02.db")
    for backup in (first, second):
        assert MARKER.encode() not in backup.read_bytes() and looks_encrypted(backup)
        assert (
            encrypted_contents(backup, PASS)["checkins"]
            == encrypted_contents(db_path, PASS)["checkins"]
        )
    assert backup_opens(first, PASS) and not backup_opens(first) and not backup_opens(first, "x")
    removed, broken = prune_backups(folder, 1, "diary", PASS)
    assert removed == [first] and broken == []
