"""Two painmood processes writing at once (the TUI open while cron runs `painmood log`).

Both must finish without "database is locked", and every check-in and every
revision must be in the diary afterwards.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

from tracker.store import Store

WRITES = 200
FIRST_DAY = dt.date(2020, 1, 1)

# Each writer waits for the "go" file so both really start together, then
# saves WRITES check-ins on its own days, reading each day back as `log` does.
WRITER = textwrap.dedent(
    """
    import datetime as dt, os, sys, time
    from pathlib import Path
    from tracker.model import CheckIn
    from tracker.store import Store

    db, go, first, count = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.001)
    store = Store(db)
    start = dt.date(2020, 1, 1)
    for n in range(first, first + count):
        day = start + dt.timedelta(days=n)
        store.get(day)
        store.save(CheckIn.create(day=day, pain=n % 11, mood=(n * 7) % 11, note=f"writer {first}"))
    store.close()
    print("done", flush=True)
    """
)


def start_writers(commands: list[list[str]], go: Path) -> list[subprocess.Popen[str]]:
    writers = [
        subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    for writer in writers:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
    go.touch()
    return writers


def finish(writers: list[subprocess.Popen[str]]) -> None:
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert "locked" not in err.lower(), err
        assert writer.returncode == 0, err
        assert out.strip().endswith("done"), out


def test_two_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "diary.db"  # not created yet: both processes race to create it too
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    go = tmp_path / "go"
    writers = start_writers(
        [
            [sys.executable, str(script), str(db), str(go), "0", str(WRITES)],
            [sys.executable, str(script), str(db), str(go), str(WRITES), str(WRITES)],
        ],
        go,
    )
    finish(writers)
    with Store(db) as store:
        checkins = store.checkins()
        revisions = store.revisions()
        check = store.conn.execute("PRAGMA integrity_check").fetchone()[0]
    expected_days = [FIRST_DAY + dt.timedelta(days=n) for n in range(2 * WRITES)]
    assert [c.day for c in checkins] == expected_days
    assert [c.pain for c in checkins] == [n % 11 for n in range(2 * WRITES)]
    assert {c.note for c in checkins[:WRITES]} == {"writer 0"}
    assert {c.note for c in checkins[WRITES:]} == {f"writer {WRITES}"}
    assert len(revisions) == 2 * WRITES
    assert {r.action for r in revisions} == {"insert"}
    assert sorted(r.day for r in revisions) == expected_days
    assert check == "ok"


CLI_WRITES = 15

# The console script itself, many short processes from two shells at once.
CLI_WRITER = textwrap.dedent(
    """
    import subprocess, sys, time
    from pathlib import Path

    script, db, go, offset, count = sys.argv[1:6]
    print("ready", flush=True)
    while not Path(go).exists():
        time.sleep(0.001)
    for n in range(int(offset), int(offset) + int(count)):
        day = f"2020-03-{n + 1:02d}"
        done = subprocess.run(
            [script, "log", "--db", db, "--day", day, "--pain", "4", "--mood", "5"],
            capture_output=True, text=True,
        )
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr, flush=True)
            sys.exit(1)
    print("done", flush=True)
    """
)


def test_two_shells_running_painmood_log_at_once(tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    with Store(db):
        pass  # an existing diary, as on any day but the first
    script = tmp_path / "shell.py"
    script.write_text(CLI_WRITER)
    painmood = str(Path(sys.executable).parent / "painmood")
    go = tmp_path / "go"
    writers = start_writers(
        [
            [sys.executable, str(script), painmood, str(db), str(go), "0", str(CLI_WRITES)],
            [
                sys.executable,
                str(script),
                painmood,
                str(db),
                str(go),
                str(CLI_WRITES),
                str(CLI_WRITES),
            ],
        ],
        go,
    )
    finish(writers)
    with Store(db) as store:
        days = [c.day for c in store.checkins()]
        revisions = store.revisions()
    assert days == [dt.date(2020, 3, n + 1) for n in range(2 * CLI_WRITES)]
    assert len(revisions) == 2 * CLI_WRITES
    # Every process closed cleanly, so the last one folded the WAL back into the file.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("diary")) == ["diary.db"]


def test_a_fast_crash_test_loses_nothing() -> None:
    """bench/crash_safety.py with ~30 SIGKILLs during writes, imports and backups."""
    script = Path(__file__).resolve().parents[2] / "bench" / "crash_safety.py"
    done = subprocess.run(
        [sys.executable, str(script), "--kills", "30", "--seed", "3"],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "corruptions 0, lost rows 0, torn imports 0, broken backups 0" in done.stdout
    assert int(done.stdout.split()[1].rstrip(",")) >= 30  # "kills N, ..."
