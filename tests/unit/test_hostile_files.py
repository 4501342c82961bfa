"""Hostile file targets: every `--db`, `export -o` and `backup` destination a person might give.

One parametrized test over a list of `FileCase`s. Each case gets its own
folder holding a real diary (`diary.db`, five check-ins), builds whatever the
command is to meet there, runs the real command line through click's runner,
and checks what a person relies on: the exit code (2 when refused, 0 when the
input is valid), no traceback, at most three lines of output, and the watched
file (the diary, or the hostile target itself) unchanged where nothing should
be written. Pipes are never opened by the checks, so a hang fails by alarm.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.model import CheckIn
from tracker.store import SCHEMA_VERSION, Store

TODAY = dt.date(2026, 3, 15)
Build = Callable[[Path], None]


def _nothing(folder: Path) -> None:
    """The case meets only the diary."""


@dataclass(frozen=True)
class FileCase:
    """One hostile input: the command line, what is on disk first, what must come out.

    In `argv`, "{dir}" stands for the case's folder (which holds diary.db).
    `watched` names the file whose bytes (or, for a pipe, folder or link, whose
    kind and inode) must be the same afterwards; None when a write is expected.
    """

    name: str
    argv: tuple[str, ...]
    exit_code: int = 2
    build: Build = _nothing
    watched: str | None = "diary.db"
    max_lines: int | None = 3
    says: str = ""


# -- things to meet on disk -----------------------------------------------------


def _write(name: str, data: bytes) -> Build:
    def build(folder: Path) -> None:
        (folder / name).write_bytes(data)

    return build


def _sqlite(name: str, *statements: str) -> Build:
    def build(folder: Path) -> None:
        conn = sqlite3.connect(folder / name)
        for statement in statements:
            conn.execute(statement)
        conn.commit()
        conn.close()

    return build


def _truncated(name: str) -> Build:
    def build(folder: Path) -> None:
        with Store(folder / name) as store:
            store.save_many(
                CheckIn.create(today=TODAY, day=TODAY - dt.timedelta(days=n), pain=1, mood=2)
                for n in range(400)
            )
        data = (folder / name).read_bytes()
        (folder / name).write_bytes(data[: len(data) // 2])

    return build


def _future(name: str) -> Build:
    def build(folder: Path) -> None:
        Store(folder / name).close()
        conn = sqlite3.connect(folder / name)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
        conn.commit()
        conn.close()

    return build


def _fifo(name: str) -> Build:
    return lambda folder: os.mkfifo(folder / name)


def _folder(name: str) -> Build:
    return lambda folder: (folder / name).mkdir()


def _link(name: str, to: str) -> Build:
    return lambda folder: (folder / name).symlink_to(folder / to)


def _hard_link(name: str, to: str) -> Build:
    return lambda folder: os.link(folder / to, folder / name)


def _all(*builds: Build) -> Build:
    def build(folder: Path) -> None:
        for each in builds:
            each(folder)

    return build


def _read_only(name: str) -> Build:
    def build(folder: Path) -> None:
        (folder / name).write_bytes((folder / "diary.db").read_bytes())
        os.chmod(folder / name, 0o400)

    return build


# -- the --db targets -------------------------------------------------------------

T = "{dir}/target.db"
HOSTILE_DIARIES: dict[str, Build] = {
    "missing": _nothing,
    "empty": _write("target.db", b""),
    "random-bytes": _write("target.db", os.urandom(8192)),
    "text": _write("target.db", b"day,pain,mood\n2026-03-01,5,5\n"),
    "sqlite-header-only": _write("target.db", b"SQLite format 3\x00"),
    "sqlite-header-then-garbage": _write("target.db", b"SQLite format 3\x00" + os.urandom(4000)),
    "truncated-diary": _truncated("target.db"),
    "folder": _folder("target.db"),
    "fifo": _fifo("target.db"),
    "link-to-fifo": _all(_fifo("pipe"), _link("target.db", "pipe")),
    "dangling-link": _link("target.db", "gone/nowhere.db"),
    "foreign-sqlite": _sqlite("target.db", "CREATE TABLE recipes (name TEXT)"),
    "future-schema": _future("target.db"),
    "other-apps-empty-database": _sqlite("target.db", "PRAGMA application_id = 42", "VACUUM"),
    "table-less-sqlite": _sqlite("target.db", "VACUUM"),
    "only-a-view": _sqlite("target.db", "CREATE VIEW v AS SELECT 1"),
    "diary-with-a-foreign-table": _all(
        _read_only("target.db"),
        lambda folder: os.chmod(folder / "target.db", 0o600),
        _sqlite("target.db", "CREATE TABLE extra (x)"),
    ),
    "inside-a-regular-file": _write("target.db", b"x"),
}
DB_PATHS = {"inside-a-regular-file": "{dir}/target.db/diary.db"}
# Commands that only read: a hostile --db is refused, and so is a missing one.
READING = {
    "stats": ("stats",),
    "export": ("export", "-o", "{dir}/out.csv"),
    "report": ("export", "--format", "report", "-o", "{dir}/out.html"),
    "backup": ("backup",),
    "chart": ("chart", "trend"),
}
WRITING = {"log": ("log", "--pain", "3", "--mood", "4", "--day", "2026-03-01")}


def _db_cases() -> Iterator[FileCase]:
    for kind, build in HOSTILE_DIARIES.items():
        db = DB_PATHS.get(kind, T)
        watched = "target.db" if kind not in ("missing",) else None
        for command, args in {**READING, **WRITING}.items():
            writes = command in WRITING and kind in ("missing", "empty")
            yield FileCase(
                f"db-{kind}-{command}",
                ("--db", db, *args),
                exit_code=0 if writes else 2,
                build=build,
                watched=None if writes else watched,
            )
    for command, args in {**READING, **WRITING}.items():
        yield FileCase(f"db-empty-string-{command}", ("--db", "", *args), says="--db is empty")
    valid = (
        ("link-to-diary", _link("target.db", "diary.db")),
        ("read-only-diary", _read_only("target.db")),
    )
    for kind, build in valid:
        for command, args in READING.items():
            lines = None if command in ("stats", "chart") else 3  # a report, not an error
            yield FileCase(f"db-{kind}-{command}", ("--db", T, *args), 0, build, "target.db", lines)


# -- export -o targets ------------------------------------------------------------

EXPORT = ("--db", "{dir}/diary.db", "export")
DIARY_ITSELF = "is the diary itself"
REFUSED_EXPORT_TARGETS: dict[str, tuple[str, Build, str]] = {
    "the-diary": ("{dir}/diary.db", _nothing, DIARY_ITSELF),
    "its-wal": ("{dir}/diary.db-wal", _nothing, DIARY_ITSELF),
    "its-shm": ("{dir}/diary.db-shm", _nothing, DIARY_ITSELF),
    "its-journal": ("{dir}/diary.db-journal", _nothing, DIARY_ITSELF),
    "the-diary-spelled-otherwise": ("{dir}/sub/../diary.db", _folder("sub"), DIARY_ITSELF),
    "a-hard-link-to-the-diary": ("{dir}/same.db", _hard_link("same.db", "diary.db"), DIARY_ITSELF),
    "a-link-to-the-diary": ("{dir}/link.db", _link("link.db", "diary.db"), DIARY_ITSELF),
    "a-link-to-a-file": (
        "{dir}/link.csv",
        _all(_write("kept.csv", b"kept"), _link("link.csv", "kept.csv")),
        "link",
    ),
    "a-dangling-link": ("{dir}/link.csv", _link("link.csv", "gone.csv"), "link"),
    "a-folder": ("{dir}/sub", _folder("sub"), "folder"),
    "a-fifo": ("{dir}/pipe", _fifo("pipe"), "not a regular file"),
    "a-device": ("/dev/null", _nothing, "not a regular file"),
    "empty-name": ("", _nothing, "empty"),
    "blank-name": ("  ", _nothing, "empty"),
    "inside-a-regular-file": ("{dir}/file/out.csv", _write("file", b"x"), "not a folder"),
}


def _export_cases() -> Iterator[FileCase]:
    for kind, (target, build, says) in REFUSED_EXPORT_TARGETS.items():
        for force in ((), ("--force",)):
            watched = "kept.csv" if kind == "a-link-to-a-file" else "diary.db"
            name = f"export-to-{kind}{'-forced' if force else ''}"
            yield FileCase(name, (*EXPORT, "-o", target, *force), 2, build, watched, says=says)
    existing = _write("old.csv", b"old export")
    yield FileCase(
        "export-over-an-existing-file", (*EXPORT, "-o", "{dir}/old.csv"), 2, existing, "old.csv"
    )
    yield FileCase(
        "export-over-an-existing-file-forced",
        (*EXPORT, "-o", "{dir}/old.csv", "--force"),
        0,
        existing,
    )
    for fmt in ("csv", "json", "fhir", "report", "report-md"):
        new_file = (*EXPORT, "--format", fmt, "-o", "{dir}/n")
        yield FileCase(f"export-{fmt}-to-a-new-file", new_file, 0)
    yield FileCase("export-into-a-new-folder", (*EXPORT, "-o", "{dir}/new/sub/out.csv"), 0)
    yield FileCase("export-to-dash", (*EXPORT, "-o", "-"), 0, max_lines=None)


# -- backup destinations -------------------------------------------------------------

BACKUP = ("--db", "{dir}/diary.db", "backup")
REFUSED_BACKUP_DESTINATIONS: dict[str, tuple[str, Build]] = {
    "the-diary": ("{dir}/diary.db", _nothing),
    "its-wal": ("{dir}/diary.db-wal", _nothing),
    "its-journal": ("{dir}/diary.db-journal", _nothing),
    "an-existing-file": ("{dir}/old.db", _write("old.db", b"old")),
    "a-dangling-link": ("{dir}/link.db", _link("link.db", "gone/x.db")),
    "a-link-to-a-file": ("{dir}/link.db", _all(_write("kept", b"k"), _link("link.db", "kept"))),
    "a-fifo": ("{dir}/pipe", _fifo("pipe")),
    "a-device": ("/dev/null", _nothing),
    "empty-name": ("", _nothing),
    "inside-a-regular-file": ("{dir}/file/copy.db", _write("file", b"x")),
    "a-file-given-as-folder": ("{dir}/file/", _write("file", b"x")),
}


def _backup_cases() -> Iterator[FileCase]:
    for kind, (destination, build) in REFUSED_BACKUP_DESTINATIONS.items():
        yield FileCase(f"backup-to-{kind}", (*BACKUP, destination), 2, build)
    for name, args, build in (
        ("default-folder", (), _nothing),
        ("an-existing-folder", ("{dir}/usb",), _folder("usb")),
        ("a-missing-folder-with-slash", ("{dir}/newdir/",), _nothing),
        ("a-new-file", ("{dir}/copy.db",), _nothing),
        ("a-new-file-in-a-new-folder", ("{dir}/a/b/copy.db",), _nothing),
        ("keep-one", ("--keep", "1"), _nothing),
    ):
        yield FileCase(f"backup-to-{name}", (*BACKUP, *args), 0, build)
    yield FileCase("backup-keep-zero", (*BACKUP, "--keep", "0"), 2)


CASES: list[FileCase] = [*_db_cases(), *_export_cases(), *_backup_cases()]


# -- the one test ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def diary_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("template") / "diary.db"
    with Store(path) as store:
        store.save_many(
            CheckIn.create(today=TODAY, day=TODAY - dt.timedelta(days=n), pain=n, mood=9 - n)
            for n in range(5)
        )
    return path.read_bytes()


def fingerprint(path: Path) -> tuple[object, ...]:
    """What must not change: a regular file's bytes and mode; otherwise its kind and inode."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return ("missing",)
    if stat.S_ISREG(info.st_mode):
        return ("file", path.read_bytes(), stat.S_IMODE(info.st_mode))
    return (stat.S_IFMT(info.st_mode), info.st_ino, stat.S_IMODE(info.st_mode))


def _alarm(signum: int, frame: object) -> None:
    raise TimeoutError("the command hung")


def test_the_corpus_is_large_and_names_are_unique() -> None:
    assert len(CASES) >= 100
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_file_target(case: FileCase, tmp_path: Path, diary_bytes: bytes) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "diary.db").write_bytes(diary_bytes)
    os.chmod(folder / "diary.db", 0o600)
    case.build(folder)
    watched = folder / case.watched if case.watched else None
    before = fingerprint(watched) if watched else None
    argv = [arg.replace("{dir}", str(folder)) for arg in case.argv]
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(60)
    try:
        result = CliRunner().invoke(cli, argv)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    output = result.output
    assert "Traceback" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert result.exit_code == case.exit_code, output
    if case.max_lines is not None:
        assert len(output.splitlines()) <= case.max_lines, output
    if case.says:
        assert case.says in output, output
    if watched is not None:
        assert fingerprint(watched) == before, f"{case.watched} changed"
    if case.exit_code == 2:
        assert result.stderr.strip(), output  # the reason is said, on stderr
    leftovers = [p.name for p in folder.rglob(".*") if p.name.endswith((".tmp", ".partial"))]
    assert leftovers == []
