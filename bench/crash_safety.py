"""Crash test: processes writing, importing and backing up, killed with SIGKILL at random.

Each round forks three processes on one diary: a writer (one check-in per
save), an importer (50 days per `save_many`) and a backer-up (checked backups
into a folder). Each reports a write on a pipe only after the store has
returned, so what it reported is what a person was told was saved. At a
random moment the round kills the processes with SIGKILL; some rounds the
writer starts a brand-new diary first, so creation is killed too. After each
round the diary must pass `PRAGMA integrity_check`, hold every reported
write, hold each import wholly or not at all, and every file under a backup's
final name must open and pass its own integrity check.

    python bench/crash_safety.py --kills 300 [--seed 1] [--folder DIR]

Prints the counts (kills, corruptions, lost rows, torn imports, broken
backups) and exits 1 on any loss.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import select
import signal
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.backups import backup_opens, backup_path, write_backup  # noqa: E402
from tracker.model import CheckIn  # noqa: E402
from tracker.store import Store  # noqa: E402

TODAY = dt.date(2026, 3, 15)
FIRST_DAY = dt.date(1950, 1, 1)
BLOCK_DAYS = 600  # days given to one round: writer the first half, importer the second
BATCH_DAYS = 50
KILL_WINDOW_S = 0.4


@dataclass
class Tally:
    """What the rounds found."""

    kills: int = 0
    rounds: int = 0
    corruptions: int = 0
    lost_rows: int = 0
    torn_imports: int = 0
    broken_backups: int = 0
    acknowledged: int = 0
    backups_checked: int = 0
    new_diaries: int = 0
    problems: list[str] = field(default_factory=list)

    def losses(self) -> int:
        return self.corruptions + self.lost_rows + self.torn_imports + self.broken_backups


def _checkin(day: dt.date, n: int) -> CheckIn:
    return CheckIn(day=day, pain=n % 11, mood=(n * 7) % 11, note=f"crash test {n}")


def _number(checkin: CheckIn | None) -> int:
    """The write number a stored check-in carries (-1: none)."""
    return int(checkin.note.split()[-1]) if checkin and checkin.note else -1


def _say(fd: int, line: str) -> None:
    os.write(fd, (line + "\n").encode())  # one write under PIPE_BUF: never torn


def _writer(diary: Path, first: dt.date, fd: int) -> None:
    _say(fd, "ready")
    with Store(diary) as store:
        n = 0
        while True:  # round and round its days, each write numbered, until killed
            day = first + dt.timedelta(days=n % (BLOCK_DAYS // 2))
            store.save(_checkin(day, n))
            _say(fd, f"W {day.isoformat()} {n}")
            n += 1


def _importer(diary: Path, first: dt.date, fd: int) -> None:
    _say(fd, "ready")
    with Store(diary) as store:
        batches = BLOCK_DAYS // 2 // BATCH_DAYS
        n = 0
        while True:
            start = first + dt.timedelta(days=(n % batches) * BATCH_DAYS)
            rows = [_checkin(start + dt.timedelta(days=i), n) for i in range(BATCH_DAYS)]
            _say(fd, f"I+ {start.isoformat()} {n}")
            store.save_many(rows, on_conflict="replace")
            _say(fd, f"I {start.isoformat()} {n}")
            n += 1


def _backer_up(diary: Path, folder: Path, fd: int) -> None:
    _say(fd, "ready")
    with Store(diary) as store:
        while True:
            written = write_backup(store, backup_path(folder, "diary", TODAY))
            _say(fd, f"B {written}")


def _fork(job, *args: object) -> tuple[int, int]:  # noqa: ANN001
    """Run `job(*args, write_fd)` in a forked child; returns (pid, read_fd)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the parent's code
        os.close(read_fd)
        code = 0
        try:
            job(*args, write_fd)
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, then exit
            _say(write_fd, f"E {type(exc).__name__}: {exc}")
            code = 1
        os._exit(code)
    os.close(write_fd)
    return pid, read_fd


def _read_lines(fds: list[int], until_ready: bool) -> dict[int, list[str]]:
    """Lines from each pipe: until every one said "ready", or (after the kill) to EOF."""
    buffers = {fd: b"" for fd in fds}
    open_fds = set(fds)
    deadline = time.monotonic() + 30
    while open_fds and time.monotonic() < deadline:
        if until_ready and all(b"ready\n" in buffers[fd] for fd in fds):
            break
        readable, _, _ = select.select(list(open_fds), [], [], 0.5)
        for fd in readable:
            chunk = os.read(fd, 65536)
            if chunk:
                buffers[fd] += chunk
            else:
                open_fds.discard(fd)
    return {fd: buffers[fd].decode().splitlines() for fd in fds}


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()


def _check_diary(path: Path, lines: list[str], tally: Tally) -> None:
    """Integrity, every acknowledged write present, every import whole or absent."""
    verdict = _integrity(path)
    if verdict != "ok":
        tally.corruptions += 1
        tally.problems.append(f"{path.name}: integrity_check said {verdict}")
        return
    try:
        with Store(path) as store:
            stored = {c.day: c for c in store.checkins()}
    except Exception as exc:  # noqa: BLE001 - any failure to open is a corruption here
        tally.corruptions += 1
        tally.problems.append(f"{path.name}: does not open: {exc}")
        return
    acknowledged: dict[dt.date, int] = {}  # day -> the last write reported for it
    batches: set[dt.date] = set()
    for line in lines:
        kind, _, rest = line.partition(" ")
        if kind not in ("W", "I", "I+"):
            continue
        day_text, n_text = rest.split()
        day, n = dt.date.fromisoformat(day_text), int(n_text)
        if kind == "I+":
            batches.add(day)
            continue
        days = [day] if kind == "W" else [day + dt.timedelta(days=i) for i in range(BATCH_DAYS)]
        for each in days:
            acknowledged[each] = max(acknowledged.get(each, -1), n)
    tally.acknowledged += len(acknowledged)
    for day, n in sorted(acknowledged.items()):
        # A later write may have committed just before the kill, unreported: never an older one.
        if _number(stored.get(day)) < n:
            tally.lost_rows += 1
            tally.problems.append(f"{path.name}: reported write {n} of {day} lost")
    for start in sorted(batches):
        numbers = {_number(stored.get(start + dt.timedelta(days=i))) for i in range(BATCH_DAYS)}
        if len(numbers) != 1:
            tally.torn_imports += 1
            tally.problems.append(f"import at {start} half written: writes {sorted(numbers)}")


def _check_backups(folder: Path, lines: list[str], tally: Tally) -> None:
    """Every file under a final backup name opens; every acknowledged backup exists."""
    acknowledged = {line[2:] for line in lines if line.startswith("B ")}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name.endswith(("-journal", "-wal", "-shm")):
            continue  # temporary and side files are not under a backup's final name
        tally.backups_checked += 1
        if not backup_opens(path) or _integrity(path) != "ok":
            tally.broken_backups += 1
            tally.problems.append(f"broken backup {path.name}")
        acknowledged.discard(str(path))
    for path in folder.iterdir():
        path.unlink()
    for missing in acknowledged:
        tally.broken_backups += 1
        tally.problems.append(f"acknowledged backup {missing} is missing")


def run(kills: int, seed: int, folder: Path) -> Tally:
    """Rounds of three processes killed at random until `kills` kills were made."""
    chance = random.Random(seed)
    diary = folder / "diary.db"
    backups = folder / "backups"
    backups.mkdir(exist_ok=True)
    Store(diary).close()
    tally = Tally()
    span = (TODAY - FIRST_DAY).days // BLOCK_DAYS
    while tally.kills < kills:
        first = FIRST_DAY + dt.timedelta(days=(tally.rounds % span) * BLOCK_DAYS)
        fresh = chance.random() < 0.2
        writer_diary = folder / f"new-{tally.rounds}.db" if fresh else diary
        children = [
            _fork(_writer, writer_diary, first),
            _fork(_importer, diary, first + dt.timedelta(days=BLOCK_DAYS // 2)),
            _fork(_backer_up, diary, backups),
        ]
        fds = [fd for _, fd in children]
        early = _read_lines(fds, until_ready=True)
        time.sleep(chance.uniform(0, KILL_WINDOW_S))
        for pid, _ in children:
            try:
                os.kill(pid, signal.SIGKILL)
                tally.kills += 1
            except ProcessLookupError:
                pass
        for pid, _ in children:
            os.waitpid(pid, 0)
        late = _read_lines(fds, until_ready=False)
        for fd in fds:
            os.close(fd)
        lines = {fd: early[fd] + late[fd] for fd in fds}
        errors = [line for fd in fds for line in lines[fd] if line.startswith("E ")]
        tally.problems += [f"a child failed: {line[2:]}" for line in errors]
        writer_lines, importer_lines, backup_lines = (lines[fd] for fd in fds)
        if fresh:
            if writer_diary.exists():
                tally.new_diaries += 1
                _check_diary(writer_diary, writer_lines, tally)
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{writer_diary}{suffix}").unlink(missing_ok=True)
            elif any(line.startswith("W ") for line in writer_lines):
                tally.lost_rows += 1
                tally.problems.append(f"{writer_diary.name} vanished after acknowledged writes")
            _check_diary(diary, importer_lines, tally)
        else:
            _check_diary(diary, writer_lines + importer_lines, tally)
        _check_backups(backups, backup_lines, tally)
        tally.rounds += 1
    return tally


def main(argv: list[str] | None = None) -> int:
    """Run the crash test and print its counts; exit 1 on any loss."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=300, help="SIGKILLs to deliver (default 300)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--folder", type=Path, default=None, help="work folder (default: temp)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    if args.folder is not None:
        args.folder.mkdir(parents=True, exist_ok=True)
        tally = run(args.kills, args.seed, args.folder)
    else:
        with tempfile.TemporaryDirectory(prefix="painmood-crash-") as folder:
            tally = run(args.kills, args.seed, Path(folder))
    print(
        f"kills {tally.kills}, rounds {tally.rounds}, corruptions {tally.corruptions}, "
        f"lost rows {tally.lost_rows}, torn imports {tally.torn_imports}, "
        f"broken backups {tally.broken_backups}"
    )
    print(
        f"checked: {tally.acknowledged} acknowledged rows, {tally.backups_checked} backups, "
        f"{tally.new_diaries} diaries killed while new; {time.monotonic() - started:.0f} s"
    )
    for problem in tally.problems[:20]:
        print(f"  {problem}")
    return 1 if tally.losses() or tally.problems else 0


if __name__ == "__main__":
    sys.exit(main())
