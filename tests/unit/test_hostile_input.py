"""Whatever a person types or imports: one short answer, the right exit code, no damage.

One parametrized test runs every case of hostile_cases.py through the real
command line (click's runner, in process) against a copy of a small diary
(damaged first, for the cases that say how). Each case
asserts the exit code (2 for bad input, 0 where the input is valid, 1 where
the command's contract says "not found"), no traceback, at most three lines
of output, no line longer than a terminal can sensibly show, and the
diary's bytes unchanged unless the case is a valid write.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.model import CheckIn
from tracker.store import Store

from .hostile_cases import CASES, FIRST, TODAY, Case

# Lines longer than this repeat a value they should have cut.
LINE_MAX_CHARS = 400


@pytest.fixture(scope="module")
def template_diary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed three-day diary, copied for each case."""
    path = tmp_path_factory.mktemp("template") / "diary.db"
    with Store(path) as store:
        store.save(CheckIn.create(day=FIRST, pain=6, mood=4, stress=5, tags=["yoga"], note="ok"))
        store.save(CheckIn.create(day=FIRST + dt.timedelta(days=1), pain=5, mood=5))
        store.save(CheckIn.create(day=TODAY - dt.timedelta(days=1), pain=4, mood=6))
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_corpus_is_large_and_every_case_is_named_once() -> None:
    assert len(CASES) >= 200
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_hostile_input(case: Case, tmp_path: Path, template_diary: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "diary.db"
    if not case.fresh:
        shutil.copyfile(template_diary, db)
        os.chmod(db, 0o600)
        if case.damage:  # as if another program had written to the file
            with sqlite3.connect(db) as conn:
                conn.execute(case.damage)
            conn.close()
        before = digest(db)
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name, data in case.files:
        (inputs / name).write_bytes(data)
    if case.fifo:
        os.mkfifo(inputs / case.fifo)
    args = [arg.replace("@/", f"{inputs}/") for arg in case.args]

    result = CliRunner().invoke(cli, ["--db", str(db), *args], prog_name="painmood")

    output = result.output
    assert result.exit_code == case.code, output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert "Traceback" not in output
    lines = output.splitlines()
    assert len(lines) <= case.lines, output
    assert all(len(line) <= LINE_MAX_CHARS for line in lines), output[:2000]
    if case.words:
        assert case.words in output
    if case.fresh:
        assert not db.exists() and sorted(os.listdir(folder)) == []
    elif case.writes:
        assert digest(db) != before
    else:
        assert digest(db) == before
