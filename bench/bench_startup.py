"""Start-up time of the daily paths and of every screen's first visit, each against its floor.

Run: python bench/bench_startup.py [--runs 7] [--profile] [--no-visits] [--screens hslge]

1. `painmood log --pain 5 --mood 5 --day DAY --db TMP` (the console script,
   a new past day each run, so every run really writes) against bare
   `python -c pass` from the same interpreter.
2. Process start to the first check-in screen painted (bench/first_screen.py
   with the real app on a diary) against a minimal Textual app doing the same,
   twice: with today's optional fields folded (only pain and mood saved) and
   unfolded (today has sleep, stress, tags, a note: the form opens unfolded).
   All run in a 100x30 pseudo-terminal, so Textual drives a real terminal.
3. Every screen's first visit on a ten-year diary, each in a fresh process
   (so the screen's imports are not cached): from the key to the screen's
   first paint, against a minimal two-screen Textual app's switch; also the
   time until the screen's workers are done (statistics and the like).
   Each screen is also visited "settled": the key pressed 1.5 s after start,
   once the app has imported the other screens and read their styles in the
   background (the goal is judged on the cold visit, the key pressed at once).

Every measurement is a fresh process; the kinds of run alternate so a busy
machine slows them alike; one warm-up run of each is not counted. painmood is
byte-compiled first, as an install does (else PYTHONDONTWRITEBYTECODE=1 would
make every run compile it from source). Prints the median wall time of each
kind with its range, the ratios of the medians, the median and range of the
ratios within each round, and the ratio of the CPU time to the first paint
(steadier than wall time on a busy machine). Goals: `painmood log`
about 0.16 s and at most 3.9x bare Python; the check-in screen at most 1.3x
the minimal Textual app, folded and unfolded; every screen's first visit at
most 3x the minimal switch. `--profile` adds the imports that cost the most
on the `painmood log` path (python -X importtime).
"""

from __future__ import annotations

import argparse
import compileall
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
SCREEN_GOAL_RATIO = 1.3
VISIT_GOAL_RATIO = 3.0
BARE = "python -c pass"
LOG = "painmood log"
MINIMAL = "minimal Textual app, start to first paint"
CHECKIN = "check-in screen (folded), start to first paint"
UNFOLDED = "check-in screen (unfolded), start to first paint"
MINIMAL_EXIT = "minimal Textual app, start to exit"
CHECKIN_EXIT = "check-in screen (folded), start to exit"
UNFOLDED_EXIT = "check-in screen (unfolded), start to exit"
NAMES = [BARE, LOG, MINIMAL, CHECKIN, UNFOLDED, MINIMAL_EXIT, CHECKIN_EXIT, UNFOLDED_EXIT]
EXIT_OF = {MINIMAL: MINIMAL_EXIT, CHECKIN: CHECKIN_EXIT, UNFOLDED: UNFOLDED_EXIT}
# key -> screen for the first-visit measurements ("x" is the minimal app's switch)
VISITS = {"x": "minimal two-screen switch", "h": "history", "s": "stats", "g": "charts"}
VISITS |= {"l": "guidance", "e": "export"}
DIARY_YEARS = 10


def timed(command: list[str]) -> float:
    """Wall time of one process run to its end (output discarded)."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def spread(values: list[float], scale: float = 1000.0) -> str:
    """The range of a list of measurements, for judging a median on a busy machine."""
    digits = 0 if scale > 1 else 2
    return f"[{min(values) * scale:.{digits}f}–{max(values) * scale:.{digits}f}]"


def paired_ratios(measured: list[float], floor: list[float]) -> str:
    """Median and range of the per-round ratios (each round runs both back to back)."""
    ratios = [a / b for a, b in zip(measured, floor, strict=True)]
    return f"per round {statistics.median(ratios):4.2f}x {spread(ratios, 1)}"


def timed_in_terminal(command: list[str], report: Path) -> tuple[float, float, str, float]:
    """Run a Textual process in a 100x30 pseudo-terminal.

    Returns seconds from process start to its first screen painted, seconds to
    the process's end, the name of the screen it painted, and the CPU seconds
    the process used up to that paint.
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
    screen, painted_at, cpu = report.read_text(encoding="utf-8").split()
    return float(painted_at) - start, ended, screen, float(cpu)


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


def timed_visit(command: list[str], report: Path) -> tuple[float, float, float]:
    """One first visit (bench/first_screen.py visit): seconds to paint, to idle, CPU to paint."""
    report.unlink(missing_ok=True)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _screen, painted, idle, cpu = report.read_text(encoding="utf-8").split()
    return float(painted), float(idle), float(cpu)


def make_diaries(folder: Path) -> tuple[Path, Path, Path, Path]:
    """Diaries for the runs: empty (log), 29 days folded, the same unfolded, ten years."""
    from tracker.demo import generate_diary
    from tracker.model import CheckIn, local_today
    from tracker.store import Store

    log_db, folded_db = folder / "log.db", folder / "folded.db"
    unfolded_db, years_db = folder / "unfolded.db", folder / "years.db"
    # Existing diaries, as on every day but the first (a new diary migrates once).
    with Store(log_db):
        pass
    today = local_today()
    for path in (folded_db, unfolded_db):
        with Store(path) as store:
            for back in range(1, 30):
                day = today - dt.timedelta(days=back)
                store.save(CheckIn.create(day=day, pain=back % 11, mood=(3 * back) % 11))
    with Store(unfolded_db) as store:
        store.save(
            CheckIn.create(
                day=today, pain=6, mood=4, sleep_hours=6.5, stress=7, tags="physio walk",
                note="Stiff after the drive; heat pad helped.",
            )
        )  # fmt: skip
    with Store(years_db) as store:
        store.save_many(generate_diary(days=365 * DIARY_YEARS, seed=1, end=today))
    return log_db, folded_db, unfolded_db, years_db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs of each (min 5)")
    parser.add_argument("--profile", action="store_true", help="show the costliest imports")
    parser.add_argument("--no-visits", action="store_true", help="skip the first visits")
    parser.add_argument(
        "--screens", default="".join(VISITS), help="keys of the screens to visit (default: all)"
    )
    arguments = parser.parse_args()
    runs = max(5, arguments.runs)

    # Byte-compile painmood as `pip install` does, so no run compiles it from
    # source (a PYTHONDONTWRITEBYTECODE=1 environment would otherwise make every
    # fresh process recompile it, a cost the minimal apps, using Textual's
    # installed byte code, never pay).
    import tracker

    compileall.compile_dir(Path(tracker.__file__).parent, quiet=1)

    with tempfile.TemporaryDirectory() as folder:
        folder_path = Path(folder)
        report = folder_path / "painted.txt"
        log_db, folded_db, unfolded_db, years_db = make_diaries(folder_path)
        from tracker.model import local_today

        days = (local_today() - dt.timedelta(days=n) for n in range(100, 10_000))

        def log_command() -> list[str]:
            return [PAINMOOD, "log", "--pain", "5", "--mood", "5"] + [
                "--day",
                next(days).isoformat(),
                "--db",
                str(log_db),
            ]

        first_screen = [PYTHON, str(HERE / "first_screen.py")]
        terminal_runs = (
            (MINIMAL, [*first_screen, "minimal", "-", str(report)]),
            (CHECKIN, [*first_screen, "painmood", str(folded_db), str(report)]),
            (UNFOLDED, [*first_screen, "painmood", str(unfolded_db), str(report)]),
        )
        visit_runs = {
            key: [*first_screen, "visit", "minimal" if key == "x" else "painmood"]
            + ["-" if key == "x" else str(years_db), key, str(report)]
            for key in VISITS
            if key == "x" or key in arguments.screens
        }
        settled_runs = {
            key: [*command, "settled"] for key, command in visit_runs.items() if key != "x"
        }
        timings: dict[str, list[float]] = {name: [] for name in NAMES}
        painted: dict[str, set[str]] = {name: set() for name, _ in terminal_runs}
        visit_paint: dict[str, list[float]] = {key: [] for key in visit_runs}
        visit_idle: dict[str, list[float]] = {key: [] for key in visit_runs}
        visit_cpu: dict[str, list[float]] = {key: [] for key in visit_runs}
        paint_cpu: dict[str, list[float]] = {name: [] for name, _ in terminal_runs}
        settled_paint: dict[str, list[float]] = {key: [] for key in settled_runs}
        for round_number in range(runs + 1):
            measured = {
                BARE: timed([PYTHON, "-c", "pass"]),
                LOG: timed(log_command()),
            }
            for name, command in terminal_runs:
                to_paint, to_exit, screen, cpu = timed_in_terminal(command, report)
                measured[name], measured[EXIT_OF[name]] = to_paint, to_exit
                painted[name].add(screen)
                if round_number:
                    paint_cpu[name].append(cpu)
            if not arguments.no_visits:
                for key, command in visit_runs.items():
                    to_paint, to_idle, cpu = timed_visit(command, report)
                    if round_number:
                        visit_paint[key].append(to_paint)
                        visit_idle[key].append(to_idle)
                        visit_cpu[key].append(cpu)
                for key, command in settled_runs.items():
                    to_paint, _idle, _cpu = timed_visit(command, report)
                    if round_number:
                        settled_paint[key].append(to_paint)
            if round_number:  # round 0 warms the disk cache and .pyc files
                for name, seconds in measured.items():
                    timings[name].append(seconds)
        medians = {name: statistics.median(values) for name, values in timings.items()}

        print(
            f"startup, median [range] of {runs} fresh processes each "
            f"({sys.platform}, {PYTHON}, load average {os.getloadavg()[0]:.1f})"
        )
        for name in NAMES:
            shown = f"  (painted: {', '.join(sorted(painted[name]))})" if name in painted else ""
            print(f"  {name:<52} {medians[name] * 1000:7.1f} ms {spread(timings[name]):<11}{shown}")
        log_ratio = medians[LOG] / medians[BARE]
        log_ok = medians[LOG] <= LOG_GOAL_SECONDS and log_ratio <= LOG_GOAL_RATIO
        print(
            f"painmood log / bare python:               {log_ratio:5.2f}x  "
            f"(goal <= {LOG_GOAL_RATIO}x and about {LOG_GOAL_SECONDS} s: "
            f"{'met' if log_ok else 'MISSED'})"
        )
        for name, words in ((CHECKIN, "folded"), (UNFOLDED, "unfolded")):
            ratio = medians[name] / medians[MINIMAL]
            exit_ratio = medians[EXIT_OF[name]] / medians[MINIMAL_EXIT]
            cpu_ratio = statistics.median(paint_cpu[name]) / statistics.median(paint_cpu[MINIMAL])
            print(
                f"check-in screen ({words}) / minimal app: {ratio:5.2f}x  (first paint; goal <= "
                f"{SCREEN_GOAL_RATIO}x: {'met' if ratio <= SCREEN_GOAL_RATIO else 'MISSED'}); "
                f"{paired_ratios(timings[name], timings[MINIMAL])}; "
                f"CPU to paint {cpu_ratio:4.2f}x; to exit {exit_ratio:4.2f}x"
            )
            if painted[name] != {"CheckInScreen"}:
                print(f"warning: painmood painted {painted[name]} first, not the check-in screen")
        if not arguments.no_visits:
            floor = statistics.median(visit_paint["x"])
            cpu_floor = statistics.median(visit_cpu["x"])
            print(
                f"first visit of each screen, {DIARY_YEARS}-year diary, key to first paint "
                "(wall; CPU of the process; wall until idle; wall when settled):"
            )
            for key, words in VISITS.items():
                if key not in visit_runs:
                    continue
                paint = statistics.median(visit_paint[key])
                cpu = statistics.median(visit_cpu[key])
                idle = statistics.median(visit_idle[key])
                ratio = paint / floor
                met = "met" if ratio <= VISIT_GOAL_RATIO else "MISSED"
                verdict = "" if key == "x" else f"  goal <= {VISIT_GOAL_RATIO}x: {met}"
                settled = ""
                if key in settled_paint:
                    calm = statistics.median(settled_paint[key])
                    settled = f"  settled {calm * 1000:6.1f} ms {calm / floor:5.2f}x"
                paired = (
                    "" if key == "x" else f"  {paired_ratios(visit_paint[key], visit_paint['x'])}"
                )
                print(
                    f"  {key} {words:<26} {paint * 1000:6.1f} ms {spread(visit_paint[key]):<10}"
                    f" {ratio:5.2f}x{paired}"
                    f"  cpu {cpu * 1000:6.1f} ms {cpu / cpu_floor:5.2f}x"
                    f"  idle {idle * 1000:7.1f} ms{settled}{verdict}"
                )
        if arguments.profile:
            print("costliest imports of `painmood log` (cumulative, indented by depth):")
            for seconds, name in import_profile(log_db, next(days))[:15]:
                print(f"  {seconds * 1000:6.1f} ms  {name}")


if __name__ == "__main__":
    main()
