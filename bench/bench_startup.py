"""Start-up time of the two daily paths, each against its floor, side by side.

Run: python bench/bench_startup.py [--runs 7] [--profile]

1. `painmood log --pain 5 --mood 5 --day DAY --db TMP` (the console script,
   a new past day each run, so every run really writes) against bare
   `python -c pass` from the same interpreter.
2. Process start to the first check-in screen painted (bench/first_screen.py
   with the real app on a diary) against a minimal Textual app doing the same.
   Both run in a 100x30 pseudo-terminal, so Textual drives a real terminal.

Every measurement is a fresh process; the four kinds of run alternate so a
busy machine slows them alike; one warm-up run of each is not counted.
Prints the median wall time of each kind and the ratios (for the screens: to
the first paint, and to the end of the process). Goals:
`painmood log` about 0.16 s and at most 3.9x bare Python; the check-in
screen at most 1.5x the minimal Textual app. `--profile` adds the imports
that cost the most on the `painmood log` path (python -X importtime).
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
PAINMOOD = str(Path(sys.executable).parent / "painmood")
LOG_GOAL_SECONDS = 0.16
LOG_GOAL_RATIO = 3.9
SCREEN_GOAL_RATIO = 1.5
BARE = "python -c pass"
LOG = "painmood log"
MINIMAL = "minimal Textual app, start to first paint"
CHECKIN = "painmood check-in screen, start to first paint"
MINIMAL_EXIT = "minimal Textual app, start to exit"
CHECKIN_EXIT = "painmood check-in screen, start to exit"
NAMES = [BARE, LOG, MINIMAL, CHECKIN, MINIMAL_EXIT, CHECKIN_EXIT]
EXIT_OF = {MINIMAL: MINIMAL_EXIT, CHECKIN: CHECKIN_EXIT}


def timed(command: list[str]) -> float:
    """Wall time of one process run to its end (output discarded)."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def timed_in_terminal(command: list[str], report: Path) -> tuple[float, float, str]:
    """Run a Textual process in a 100x30 pseudo-terminal.

    Returns seconds from process start to its first screen painted, seconds to
    the process's end, and the name of the screen it painted.
    """
    report.unlink(missing_ok=True)
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30")

    def drain() -> None:  # the terminal must be read, or the app blocks writing to it
        try:
            while os.read(leader, 65536):
                pass
        except OSError:
            pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    start = time.monotonic()  # the same system-wide clock the app reports its paint on
    process = subprocess.Popen(
        command, stdin=follower, stdout=follower, stderr=follower, env=env, close_fds=True
    )
    os.close(follower)
    code = process.wait(timeout=120)
    ended = time.monotonic() - start
    reader.join(timeout=5)
    os.close(leader)
    if code != 0 or not report.exists():
        raise SystemExit(f"{' '.join(command)} exited with {code} and no report")
    screen, painted_at = report.read_text(encoding="utf-8").split()
    return float(painted_at) - start, ended, screen


def import_profile(db: Path, day: dt.date) -> list[tuple[float, str]]:
    """Imports of `painmood log` by cumulative time (seconds, name indented by depth)."""
    done = subprocess.run(
        [PYTHON, "-X", "importtime", "-m", "tracker", "log", "--pain", "5", "--mood", "5"]
        + ["--day", day.isoformat(), "--db", str(db)],
        capture_output=True,
        text=True,
        check=True,
    )
    costs = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, raw_name = line[12:].split("|")
        if cumulative.strip().isdigit():
            costs.append((int(cumulative) / 1e6, raw_name.rstrip()[1:]))
    return sorted(costs, reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs of each (min 5)")
    parser.add_argument("--profile", action="store_true", help="show the costliest imports")
    runs = max(5, parser.parse_args().runs)
    profile = parser.parse_args().profile

    with tempfile.TemporaryDirectory() as folder:
        folder_path = Path(folder)
        log_db = folder_path / "log.db"
        screen_db = folder_path / "screen.db"
        report = folder_path / "painted.txt"
        from tracker.model import CheckIn, local_today
        from tracker.store import Store

        # Existing diaries, as on every day but the first (a new diary migrates once).
        with Store(log_db):
            pass
        with Store(screen_db) as store:
            for back in range(1, 30):
                day = local_today() - dt.timedelta(days=back)
                store.save(CheckIn.create(day=day, pain=back % 11, mood=(3 * back) % 11))
        days = (local_today() - dt.timedelta(days=n) for n in range(100, 10_000))

        def log_command() -> list[str]:
            return [PAINMOOD, "log", "--pain", "5", "--mood", "5"] + [
                "--day",
                next(days).isoformat(),
                "--db",
                str(log_db),
            ]

        minimal = [PYTHON, str(HERE / "first_screen.py"), "minimal", "-", str(report)]
        checkin = [PYTHON, str(HERE / "first_screen.py"), "painmood", str(screen_db), str(report)]
        timings: dict[str, list[float]] = {name: [] for name in NAMES}
        painted: dict[str, set[str]] = {MINIMAL: set(), CHECKIN: set()}
        for round_number in range(runs + 1):
            measured = {
                BARE: timed([PYTHON, "-c", "pass"]),
                LOG: timed(log_command()),
            }
            for name, command in ((MINIMAL, minimal), (CHECKIN, checkin)):
                to_paint, to_exit, screen = timed_in_terminal(command, report)
                measured[name], measured[EXIT_OF[name]] = to_paint, to_exit
                painted[name].add(screen)
            if round_number:  # round 0 warms the disk cache and .pyc files
                for name, seconds in measured.items():
                    timings[name].append(seconds)
        medians = {name: statistics.median(values) for name, values in timings.items()}

        print(f"startup, median of {runs} fresh processes each ({sys.platform}, {PYTHON})")
        for name in NAMES:
            shown = f"  (painted: {', '.join(sorted(painted[name]))})" if name in painted else ""
            print(f"  {name:<48} {medians[name] * 1000:7.1f} ms{shown}")
        log_ratio = medians[LOG] / medians[BARE]
        screen_ratio = medians[CHECKIN] / medians[MINIMAL]
        exit_ratio = medians[CHECKIN_EXIT] / medians[MINIMAL_EXIT]
        log_ok = medians[LOG] <= LOG_GOAL_SECONDS and log_ratio <= LOG_GOAL_RATIO
        print(
            f"painmood log / bare python:            {log_ratio:5.2f}x  "
            f"(goal <= {LOG_GOAL_RATIO}x and about {LOG_GOAL_SECONDS} s: "
            f"{'met' if log_ok else 'MISSED'})"
        )
        print(
            f"check-in screen / minimal Textual app:  {screen_ratio:5.2f}x  "
            f"(start to first paint; goal <= {SCREEN_GOAL_RATIO}x: "
            f"{'met' if screen_ratio <= SCREEN_GOAL_RATIO else 'MISSED'})"
        )
        print(f"  the same, start to process exit:       {exit_ratio:5.2f}x")
        if painted[CHECKIN] != {"CheckInScreen"}:
            print(f"warning: painmood painted {painted[CHECKIN]} first, not the check-in screen")
        if profile:
            print("costliest imports of `painmood log` (cumulative, indented by depth):")
            for seconds, name in import_profile(log_db, next(days))[:15]:
                print(f"  {seconds * 1000:6.1f} ms  {name}")


if __name__ == "__main__":
    main()
