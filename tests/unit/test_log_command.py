"""`log`, `show` and `delete` with what people actually type.

An empty value once erased a stored score; `painmood log` with nothing said
"Unchanged"; a mistyped year went in unnoticed; `show` hid how many days it
left out. Each case here is one of those, seen from the command line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.model import CheckIn
from tracker.store import Store

TODAY = dt.date.today()  # the CLI works on the real local date
DAY = TODAY - dt.timedelta(days=2)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), prog_name="painmood")
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def diary(db_path: Path) -> Path:
    with Store(db_path) as store:
        store.save(CheckIn.create(day=DAY, pain=6, mood=4, stress=5, tags=["yoga"], note="ok"))
    return db_path


def stored(db: Path) -> CheckIn | None:
    with Store(db) as store:
        return store.get(DAY)


@pytest.mark.parametrize(
    "args",
    [
        ["--pain", ""],
        ["--pain", " "],
        ["--mood", "\t"],
        ["--stress", ""],
        ["--sleep-hours", " "],
        ["--note", ""],
        ["--note", "   "],
        ["--tag", ""],
        ["--tag", "yoga", "--tag", " "],
    ],
)
def test_an_empty_value_is_refused_and_erases_nothing(diary: Path, args: list[str]) -> None:
    before = stored(diary)
    code, out, err = run("--db", str(diary), "log", "--day", DAY.isoformat(), *args)
    assert code == 2 and out == ""
    assert "is empty; give a value, or use --clear" in err and err.count("\n") == 1
    assert stored(diary) == before


def test_clear_removes_only_the_fields_named(diary: Path) -> None:
    code, out, err = run(
        "--db", str(diary), "log", "--day", DAY.isoformat(), "--clear", "stress", "--clear", "note"
    )
    assert code == 0, err
    assert out.startswith("Updated:")
    assert stored(diary) == CheckIn(day=DAY, pain=6, mood=4, tags=("yoga",))
    code, _, err = run("--db", str(diary), "log", "--day", DAY.isoformat(), "--clear", "pain")
    assert code == 0, err
    assert stored(diary) == CheckIn(day=DAY, mood=4, tags=("yoga",))
    code, _, _ = run("--db", str(diary), "log", "--day", DAY.isoformat(), "--clear", "tags")
    assert code == 0 and stored(diary) == CheckIn(day=DAY, mood=4)
    assert run("--db", str(diary), "undo")[0] == 0  # a clear is an edit like any other
    assert stored(diary) == CheckIn(day=DAY, mood=4, tags=("yoga",))


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--clear", "pain", "--clear", "mood"], "clearing would leave neither"),
        (["--clear", "pain", "--pain", "3"], "--pain and --clear pain contradict"),
        (["--clear", "colour"], "Invalid value for '--clear'"),
    ],
)
def test_a_clear_that_makes_no_sense_is_refused(diary: Path, args: list[str], words: str) -> None:
    before = stored(diary)
    code, _, err = run("--db", str(diary), "log", "--day", DAY.isoformat(), *args)
    assert code == 2 and words in err and err.count("\n") == 1
    assert stored(diary) == before


def test_clearing_a_day_that_has_no_check_in_says_so(diary: Path) -> None:
    code, _, err = run("--db", str(diary), "log", "--day", TODAY.isoformat(), "--clear", "pain")
    assert code == 1 and f"There is no check-in on {TODAY.isoformat()} to clear." in err


def test_log_with_nothing_to_save_says_a_score_is_needed(diary: Path) -> None:
    code, out, err = run("--db", str(diary), "log", "--day", DAY.isoformat())
    assert code == 2 and out == ""
    assert "Nothing to save: give a score, e.g. painmood log --pain 4 --mood 6" in err


def test_a_day_long_before_the_diary_began_needs_force(diary: Path) -> None:
    early = DAY.replace(year=DAY.year - 2)
    code, _, err = run("--db", str(diary), "log", "--day", early.isoformat(), "--pain", "3")
    assert code == 2
    assert "more than a year before the diary's first day" in err and "--force" in err
    code, out, _ = run("--db", str(diary), "log", "--day", early.isoformat(), "--pain", "3",
                       "--force")  # fmt: skip
    assert code == 0 and out.startswith("Saved:")
    months_before = DAY - dt.timedelta(days=200)  # within a year: no question asked
    assert run("--db", str(diary), "log", "--day", months_before.isoformat(), "--pain", "3")[0] == 0


def test_show_counts_the_days_it_leaves_out(db_path: Path) -> None:
    with Store(db_path) as store:
        for back in (0, 1, 5):
            store.save(CheckIn.create(day=TODAY - dt.timedelta(days=back), pain=3))
        store.save(CheckIn.create(day=TODAY - dt.timedelta(days=40), pain=3))
    code, out, _ = run("--db", str(db_path), "show", "--days", "7")
    assert code == 0
    assert out.splitlines()[-1] == "3 check-ins over 7 days; 4 days without a check-in not listed."
    code, out, _ = run("--db", str(db_path), "show", "--all")
    assert out.splitlines()[-1] == (
        "4 check-ins over 41 days; 37 days without a check-in not listed."
    )
    code, out, _ = run("--db", str(db_path), "show", "--days", "1")
    assert out.splitlines()[-1] == "1 check-in over 1 day."


def test_show_days_beyond_a_century_is_refused_not_a_traceback(db_path: Path) -> None:
    code, _, err = run("--db", str(db_path), "show", "--days", "99999999999")
    assert code == 2 and "Traceback" not in err and err.count("\n") == 1
    assert "99999999999 is not in the range 1<=x<=36600" in err


def test_delete_of_an_impossible_day_names_the_argument_not_an_option(diary: Path) -> None:
    code, _, err = run("--db", str(diary), "delete", "2024-02-30")
    assert code == 2
    assert err == (
        "painmood: DAY: 2024-02-30 is not a day of the calendar (check the month and the day).\n"
    )
