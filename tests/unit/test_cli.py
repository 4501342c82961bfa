"""The daily commands as a person or a script uses them.

Every command runs through click's CliRunner; the installed console script
and `python -m tracker` also run as real processes. Bad input must end with
exit 2, one line on stderr, no traceback, and the database as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.model import CheckIn
from tracker.store import Store

TODAY = dt.date.today()  # the CLI works on the real local date
YESTERDAY = TODAY - dt.timedelta(days=1)
TOMORROW = TODAY + dt.timedelta(days=1)
SCRIPT = Path(sys.executable).parent / "painmood"
JSON_KEYS = [
    "day",
    "pain",
    "mood",
    "sleep_hours",
    "sleep_quality",
    "stress",
    "anxiety",
    "fatigue",
    "activity_minutes",
    "tags",
    "note",
]


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str


def run(*args: str) -> Outcome:
    """Run through click's test runner (stdout and stderr kept apart)."""
    result = CliRunner().invoke(cli, list(args), prog_name="painmood")
    return Outcome(result.exit_code, result.stdout, result.stderr)


def run_script(*args: str, module: bool = False) -> Outcome:
    """Run the installed console script (or `python -m tracker`) as a real process."""
    command = [sys.executable, "-m", "tracker"] if module else [str(SCRIPT)]
    done = subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=60, env=os.environ.copy()
    )
    return Outcome(done.returncode, done.stdout, done.stderr)


def folder_state(folder: Path) -> dict[str, str] | None:
    """Every file in the folder with a hash of its bytes (None: no folder)."""
    if not folder.exists():
        return None
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def xdg_default_db() -> Path:
    # The XDG rule itself, not the code under test: $XDG_DATA_HOME/painmood/painmood.db.
    return Path(os.environ["XDG_DATA_HOME"]) / "painmood" / "painmood.db"


@pytest.fixture
def diary(db_path: Path) -> Path:
    """A closed diary with yesterday checked in (and no -wal left)."""
    with Store(db_path) as store:
        store.save(CheckIn.create(day=YESTERDAY, pain=4, mood=6, tags=["yoga"]))
    return db_path


def rows(path: Path) -> list[CheckIn]:
    with Store(path) as store:
        return store.checkins()


# -- log ----------------------------------------------------------------------


def test_log_saves_every_field(db_path: Path) -> None:
    out = run(
        "log",
        "--db",
        str(db_path),
        "--pain",
        "6",
        "--mood",
        "4",
        "--day",
        "yesterday",
        "--sleep-hours",
        "6.5",
        "--sleep-quality",
        "3",
        "--stress",
        "7",
        "--anxiety",
        "5",
        "--fatigue",
        "8",
        "--activity-minutes",
        "20",
        "--tag",
        "physio",
        "--tag",
        "Heat",
        "--note",
        "Stiff back, ölig 😣",
    )
    assert out.code == 0, out.stderr
    assert out.stderr == ""
    assert out.stdout.startswith(f"Saved: {YESTERDAY.isoformat()}, pain 6, mood 4")
    assert rows(db_path) == [
        CheckIn(
            day=YESTERDAY,
            pain=6,
            mood=4,
            sleep_hours=6.5,
            sleep_quality=3,
            stress=7,
            anxiety=5,
            fatigue=8,
            activity_minutes=20,
            tags=("heat", "physio"),
            note="Stiff back, ölig 😣",
        )
    ]


def test_log_defaults_to_today_and_a_second_log_updates_with_a_revision(db_path: Path) -> None:
    assert run("log", "--db", str(db_path), "--pain", "6", "--mood", "4").code == 0
    out = run("log", "--db", str(db_path), "--mood", "5", "--stress", "2")
    assert out.code == 0 and out.stdout.startswith("Updated:")
    assert rows(db_path) == [CheckIn(day=TODAY, pain=6, mood=5, stress=2)]
    with Store(db_path) as store:
        revisions = store.revisions(TODAY)
    assert [r.action for r in revisions] == ["update", "insert"]
    assert revisions[0].old == CheckIn(day=TODAY, pain=6, mood=4)


def test_log_with_an_explicit_date(db_path: Path) -> None:
    day = TODAY - dt.timedelta(days=40)
    assert run("log", "--db", str(db_path), "--mood", "2", "--day", day.isoformat()).code == 0
    assert rows(db_path) == [CheckIn(day=day, mood=2)]


def test_log_factors_only_on_a_day_already_checked_in(diary: Path) -> None:
    out = run("log", "--db", str(diary), "--day", "yesterday", "--fatigue", "9")
    assert out.code == 0, out.stderr
    assert rows(diary)[0].fatigue == 9 and rows(diary)[0].pain == 4


# -- show -----------------------------------------------------------------------


def test_show_json_has_exact_keys_oldest_first(db_path: Path) -> None:
    with Store(db_path) as store:
        store.save(CheckIn.create(day=TODAY, pain=2, mood=8, sleep_hours=7.5, note="fine"))
        store.save(CheckIn.create(day=TODAY - dt.timedelta(days=3), mood=3, tags=["yoga", "walk"]))
        store.save(CheckIn.create(day=TODAY - dt.timedelta(days=20), pain=9))
    out = run("show", "--db", str(db_path), "--json")
    assert out.code == 0 and out.stderr == ""
    data = json.loads(out.stdout)
    assert [list(item) for item in data] == [JSON_KEYS, JSON_KEYS]
    assert data == [
        {
            "day": (TODAY - dt.timedelta(days=3)).isoformat(),
            "pain": None,
            "mood": 3,
            "sleep_hours": None,
            "sleep_quality": None,
            "stress": None,
            "anxiety": None,
            "fatigue": None,
            "activity_minutes": None,
            "tags": ["walk", "yoga"],
            "note": None,
        },
        {
            "day": TODAY.isoformat(),
            "pain": 2,
            "mood": 8,
            "sleep_hours": 7.5,
            "sleep_quality": None,
            "stress": None,
            "anxiety": None,
            "fatigue": None,
            "activity_minutes": None,
            "tags": [],
            "note": "fine",
        },
    ]
    everything = json.loads(run("show", "--db", str(db_path), "--json", "--days", "30").stdout)
    assert [d["day"] for d in everything] == sorted(d["day"] for d in everything)
    assert len(everything) == 3
    assert len(json.loads(run("show", "--db", str(db_path), "--json", "--all").stdout)) == 3


def test_show_json_of_an_empty_diary_is_an_empty_array(db_path: Path) -> None:
    Store(db_path).close()  # a diary with no check-ins yet
    out = run("show", "--db", str(db_path), "--json")
    assert out.code == 0 and json.loads(out.stdout) == []


def test_show_of_a_missing_diary_says_so_and_creates_nothing(db_path: Path) -> None:
    out = run("show", "--db", str(db_path), "--json")
    assert out.code == 2 and out.stdout == ""
    assert out.stderr == f"painmood: There is no diary at {db_path}.\n"
    assert not db_path.parent.exists()


def test_show_table_for_people(diary: Path) -> None:
    out = run("show", "--db", str(diary))
    assert out.code == 0
    header, line, count = out.stdout.splitlines()
    assert header.split()[:3] == ["day", "pain", "mood"]
    assert line.split() == [YESTERDAY.isoformat(), "4", "6", "yoga"]
    # From the diary's first day (yesterday) to today: today has no check-in yet.
    assert count == "1 check-in over 2 days; 1 day without a check-in not listed."
    empty = run("show", "--db", str(diary), "--days", "1")
    assert empty.code == 0 and "No check-ins" in empty.stdout


# -- delete and undo --------------------------------------------------------------


def test_delete_then_undo(diary: Path) -> None:
    before = rows(diary)
    out = run("delete", YESTERDAY.isoformat(), "--db", str(diary))
    assert out.code == 0 and "Deleted" in out.stdout and "undo" in out.stdout
    assert rows(diary) == []
    out = run("undo", "--db", str(diary))
    assert out.code == 0 and YESTERDAY.isoformat() in out.stdout
    assert rows(diary) == before


def test_delete_accepts_yesterday_and_says_when_a_day_is_empty(diary: Path) -> None:
    missing = run("delete", "today", "--db", str(diary))
    assert missing.code == 1 and missing.stderr.count("\n") == 1
    assert TODAY.isoformat() in missing.stderr
    assert run("delete", "yesterday", "--db", str(diary)).code == 0
    assert rows(diary) == []


def test_undo_walks_back_and_then_says_there_is_nothing(db_path: Path) -> None:
    run("log", "--db", str(db_path), "--pain", "3")
    run("log", "--db", str(db_path), "--pain", "5")
    assert "edit" in run("undo", "--db", str(db_path)).stdout
    assert rows(db_path) == [CheckIn(day=TODAY, pain=3)]
    assert "new check-in" in run("undo", "--db", str(db_path)).stdout
    assert rows(db_path) == []
    nothing = run("undo", "--db", str(db_path))
    assert nothing.code == 1 and nothing.stderr == "painmood: There is no change to undo.\n"


# -- status and where ---------------------------------------------------------------


def test_status_exit_codes(db_path: Path) -> None:
    open_day = run("status", "--db", str(db_path))
    assert open_day.code == 1 and "No check-in yet today" in open_day.stdout
    run("log", "--db", str(db_path), "--pain", "3", "--mood", "6")
    done = run("status", "--db", str(db_path))
    assert done.code == 0 and "Checked in today" in done.stdout and "streak 1 day." in done.stdout
    quiet = run("status", "--quiet", "--db", str(db_path))
    assert quiet.code == 0 and quiet.stdout == ""


def test_where_follows_flag_then_environment_then_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = xdg_default_db()
    assert run("where").stdout.strip() == str(default)
    assert not default.exists()  # `where` only tells, it creates nothing
    env_db = tmp_path / "env.db"
    monkeypatch.setenv("PAINMOOD_DB", str(env_db))
    assert run("where").stdout.strip() == str(env_db)
    group_db, command_db = tmp_path / "group.db", tmp_path / "command.db"
    assert run("--db", str(group_db), "where").stdout.strip() == str(group_db)
    assert run("where", "--db", str(command_db)).stdout.strip() == str(command_db)
    both = run("--db", str(group_db), "where", "--db", str(command_db))
    assert both.stdout.strip() == str(command_db)  # the command's flag wins


def test_the_db_flag_on_the_group_is_used_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "group.db"
    assert run("--db", str(path), "log", "--pain", "2").code == 0
    assert rows(path) == [CheckIn(day=TODAY, pain=2)]


def test_environment_database_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "from-env.db"
    monkeypatch.setenv("PAINMOOD_DB", str(path))
    assert run("log", "--mood", "7").code == 0
    assert rows(path) == [CheckIn(day=TODAY, mood=7)]
    assert not xdg_default_db().exists()


def test_default_database_is_created_private_in_the_user_data_folder() -> None:
    assert run("log", "--pain", "5", "--mood", "5").code == 0
    path = xdg_default_db()
    assert rows(path) == [CheckIn(day=TODAY, pain=5, mood=5)]
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert run("status").code == 0


def test_help_and_version() -> None:
    out = run("--help")
    assert out.code == 0
    for command in ("log", "show", "delete", "undo", "status", "where"):
        assert command in out.stdout
    version = run("--version")
    assert version.code == 0 and "painmood" in version.stdout


# -- bad input ------------------------------------------------------------------------

BAD_INPUT: dict[str, list[str]] = {
    "pain-above-range": ["log", "--pain", "11", "--mood", "5"],
    "mood-below-range": ["log", "--pain", "3", "--mood", "-1"],
    "sleep-hours-above-range": ["log", "--pain", "3", "--sleep-hours", "25"],
    "activity-above-range": ["log", "--pain", "3", "--activity-minutes", "1441"],
    "pain-not-integer": ["log", "--pain", "5.5"],
    "mood-not-a-number": ["log", "--mood", "good"],
    "stress-not-a-number": ["log", "--pain", "3", "--stress", "high"],
    "sleep-hours-nan": ["log", "--pain", "3", "--sleep-hours", "nan"],
    "malformed-date": ["log", "--pain", "3", "--day", "2026-02-30"],
    "date-wrong-format": ["log", "--pain", "3", "--day", "15/03/2026"],
    "future-date": ["log", "--pain", "3", "--day", TOMORROW.isoformat()],
    "unknown-option": ["log", "--pain", "3", "--bogus"],
    "missing-option-value": ["log", "--pain"],
    "missing-pain-and-mood": ["log", "--stress", "4"],
    "bad-tag": ["log", "--pain", "3", "--tag", "two words"],
    "tag-with-punctuation": ["log", "--pain", "3", "--tag", "physio!"],
    "note-with-escape-codes": ["log", "--pain", "3", "--note", "hi\x1b[2J"],
    "note-too-long": ["log", "--pain", "3", "--note", "x" * 2001],
    "show-zero-days": ["show", "--days", "0"],
    "show-days-not-a-number": ["show", "--days", "week"],
    "delete-malformed-day": ["delete", "last-tuesday"],
    "delete-future-day": ["delete", TOMORROW.isoformat()],
    "delete-without-day": ["delete"],
    "unknown-command": ["forget"],
}


def check_refused(out: Outcome) -> None:
    assert out.code == 2, (out.code, out.stdout, out.stderr)
    assert out.stderr.endswith("\n") and out.stderr.count("\n") == 1, out.stderr
    assert "Traceback" not in out.stderr + out.stdout
    assert out.stdout == ""
    assert out.stderr.startswith("painmood")


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_on_an_existing_diary_changes_nothing(diary: Path, case: str) -> None:
    before = folder_state(diary.parent)
    check_refused(run(*BAD_INPUT[case], "--db", str(diary)))
    assert folder_state(diary.parent) == before


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_creates_no_database(db_path: Path, case: str) -> None:
    check_refused(run(*BAD_INPUT[case], "--db", str(db_path)))
    assert folder_state(db_path.parent) is None


def test_bad_input_creates_nothing_in_the_user_data_folder() -> None:
    check_refused(run("log", "--pain", "12"))
    check_refused(run("log", "--stress", "3"))
    assert not xdg_default_db().parent.exists()


def test_messages_name_the_field_and_the_range(diary: Path) -> None:
    out = run("log", "--pain", "11", "--db", str(diary))
    assert "pain" in out.stderr.lower() and "between 0 and 10" in out.stderr
    out = run("log", "--pain", "3", "--activity-minutes", "2000", "--db", str(diary))
    assert "activity" in out.stderr.lower() and "between 0 and 1440" in out.stderr
    out = run("log", "--pain", "3", "--day", TOMORROW.isoformat(), "--db", str(diary))
    assert TOMORROW.isoformat() in out.stderr and "future" in out.stderr
    out = run("log", "--pain", "3", "--bogus", "--db", str(diary))
    assert "--bogus" in out.stderr


def _not_painmood(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()


def _newer_painmood(path: Path) -> None:
    with Store(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()


FOREIGN_FILES = {
    "sqlite-not-painmood": _not_painmood,
    "newer-painmood": _newer_painmood,
    "text": lambda path: path.write_text("just some text\n"),
    "random-bytes": lambda path: path.write_bytes(os.urandom(4096)),
}


@pytest.mark.parametrize("kind", sorted(FOREIGN_FILES))
@pytest.mark.parametrize(
    "command",
    [["log", "--pain", "3"], ["show"], ["status"], ["undo"], ["delete", "today"]],
    ids=lambda c: c[0],
)
def test_a_file_that_is_not_a_painmood_diary_is_refused(
    tmp_path: Path, kind: str, command: list[str]
) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    path = folder / "other.db"
    FOREIGN_FILES[kind](path)
    before = folder_state(folder)
    out = run(*command, "--db", str(path))
    if command == ["status"] and kind == "random-bytes":
        # Whole 4 KiB pages of noise look exactly like an encrypted diary, and
        # status never asks for a passphrase: it can only say what it saw.
        assert out.code in (0, 1) and out.stdout.startswith("Encrypted diary"), out
    else:
        check_refused(out)
        assert str(path) in out.stderr
    assert folder_state(folder) == before


# -- the real console script --------------------------------------------------------------


def test_console_script_round_trip(db_path: Path) -> None:
    assert SCRIPT.exists(), SCRIPT
    saved = run_script("log", "--pain", "6", "--mood", "4", "--tag", "physio", "--db", str(db_path))
    assert saved.code == 0 and saved.stderr == "" and saved.stdout.startswith("Saved:")
    status = run_script("status", "--db", str(db_path))
    assert status.code == 0
    shown = run_script("show", "--json", "--db", str(db_path))
    assert shown.code == 0
    assert json.loads(shown.stdout) == [
        {key: None for key in JSON_KEYS}
        | {"day": TODAY.isoformat(), "pain": 6, "mood": 4, "tags": ["physio"]}
    ]
    assert run_script("where", "--db", str(db_path)).stdout.strip() == str(db_path)
    assert run_script("delete", "today", "--db", str(db_path)).code == 0
    assert run_script("status", "--db", str(db_path)).code == 1
    assert run_script("undo", "--db", str(db_path)).code == 0
    assert rows(db_path) == [CheckIn(day=TODAY, pain=6, mood=4, tags=("physio",))]


def test_python_dash_m_tracker(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAINMOOD_DB", str(db_path))
    assert run_script("log", "--mood", "8", module=True).code == 0
    out = run_script("show", "--json", module=True)
    assert out.code == 0 and json.loads(out.stdout)[0]["mood"] == 8
    assert run_script("where", module=True).stdout.strip() == str(db_path)


def test_console_script_uses_the_default_folder() -> None:
    assert run_script("log", "--pain", "1", "--mood", "9").code == 0
    assert rows(xdg_default_db()) == [CheckIn(day=TODAY, pain=1, mood=9)]


SCRIPT_BAD_CASES = [
    "pain-above-range",
    "pain-not-integer",
    "malformed-date",
    "future-date",
    "unknown-option",
    "missing-pain-and-mood",
    "bad-tag",
    "show-zero-days",
    "unknown-command",
]


@pytest.mark.parametrize("case", SCRIPT_BAD_CASES)
def test_console_script_bad_input(diary: Path, db_path: Path, case: str) -> None:
    before = folder_state(diary.parent)
    check_refused(run_script(*BAD_INPUT[case], "--db", str(diary)))
    assert folder_state(diary.parent) == before


@pytest.mark.parametrize("kind", sorted(FOREIGN_FILES))
def test_console_script_refuses_foreign_files(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    path = folder / "other.db"
    FOREIGN_FILES[kind](path)
    before = folder_state(folder)
    check_refused(run_script("log", "--pain", "3", "--db", str(path)))
    assert folder_state(folder) == before


def test_python_dash_m_bad_input_creates_nothing(db_path: Path) -> None:
    check_refused(run_script("log", "--pain", "eleven", "--db", str(db_path), module=True))
    check_refused(run_script("log", "--stress", "2", "--db", str(db_path), module=True))
    assert folder_state(db_path.parent) is None


def test_reading_commands_without_a_diary_create_none(db_path: Path) -> None:
    status = run("status", "--db", str(db_path))
    assert status.code == 1 and "No check-in yet today" in status.stdout
    for args in (("show", "--json"), ("show",)):
        shown = run(*args, "--db", str(db_path))
        assert shown.code == 2 and "There is no diary at" in shown.stderr
    assert folder_state(db_path.parent) is None


def test_delete_and_undo_without_a_diary_create_none(db_path: Path) -> None:
    deleted = run("delete", "today", "--db", str(db_path))
    assert deleted.code == 1 and "no check-in" in deleted.stderr
    undone = run("undo", "--db", str(db_path))
    assert undone.code == 1 and "no change to undo" in undone.stderr
    assert folder_state(db_path.parent) is None


@pytest.mark.parametrize(
    "command",
    [["show"], ["stats"], ["chart", "trend"], ["export"], ["guide", "--for-me"], ["backup"]],
    ids=lambda c: " ".join(c),
)
def test_every_reading_command_on_a_missing_diary_says_one_line(
    db_path: Path, command: list[str]
) -> None:
    out = run(*command, "--db", str(db_path))
    assert out.code == 2 and out.stdout == ""
    assert out.stderr == f"painmood: There is no diary at {db_path}.\n"
    assert folder_state(db_path.parent) is None
