"""What encryption costs: `painmood log` and the first check-in screen, encrypted vs plain.

Run: python bench/bench_crypto.py [--runs 7]

1. `painmood log --pain 5 --mood 5 --day DAY` (the console script, a fresh
   process, a new past day each run so every run writes) on a plain diary
   and on an encrypted one (passphrase from PAINMOOD_PASSPHRASE_FILE), both a
   year of demo diary. Runs alternate so a busy machine slows both alike.
2. The key derivation alone: opening the encrypted diary and reading one row
   with its passphrase (PBKDF2-HMAC-SHA512, SQLCipher 4's default 256,000
   iterations) against the same with a raw 256-bit key (no derivation), in
   process, so the difference is what SQLCipher's KDF setting costs.
3. The TUI: from the moment the passphrase is submitted (the store is opened
   with it) to the check-in screen painted (headless, 100x30), against the
   same for a plain diary.

Prints medians and ratios. No goal fails the run: the figures are for the
README and the report (the KDF is meant to be slow for an attacker).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASS = "bench passphrase"


def console_script() -> str:
    return str(Path(sys.executable).with_name("painmood"))


def make_diaries(folder: Path) -> tuple[Path, Path, Path]:
    from tracker.demo import generate_diary
    from tracker.store import Store

    checkins = generate_diary(days=365, end=dt.date.today() - dt.timedelta(days=100))
    plain, encrypted = folder / "plain.db", folder / "encrypted.db"
    for path, passphrase in ((plain, None), (encrypted, PASS)):
        with Store(path, passphrase=passphrase) as store:
            store.save_many(checkins)
    secret = folder / "passphrase"
    secret.write_text(PASS + "\n")
    secret.chmod(0o600)
    return plain, encrypted, secret


def time_log(db: Path, day: dt.date, env: dict[str, str]) -> float:
    args = [console_script(), "log", "--pain", "5", "--mood", "5", "--day", day.isoformat()]
    start = time.perf_counter()
    done = subprocess.run([*args, "--db", str(db)], capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"painmood log failed: {done.stderr.strip()}")
    return elapsed


def time_open(path: Path, key: str) -> float:
    from tracker.encryption import sqlcipher

    start = time.perf_counter()
    conn = sqlcipher().connect(str(path))
    conn.execute(key)
    conn.execute("SELECT count(*) FROM checkins").fetchone()
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def raw_key_copy(encrypted: Path, folder: Path) -> tuple[Path, str]:
    """The encrypted diary copied into a file keyed with a raw key (no KDF)."""
    from tracker.encryption import sqlcipher

    raw = f"PRAGMA key = \"x'{secrets.token_hex(32)}'\""
    target = folder / "raw.db"
    source = sqlcipher().connect(str(encrypted))
    source.execute(f"PRAGMA key = '{PASS}'")
    copy = sqlcipher().connect(str(target))
    copy.execute(raw)
    source.backup(copy)
    copy.close()
    source.close()
    return target, raw


def time_first_paint(db: Path, passphrase: str | None) -> float:
    """Seconds from opening the store (the passphrase submitted) to the first paint."""
    from tracker.store import Store
    from tracker.ui.app import make_app

    painted: list[float] = []
    start = time.perf_counter()
    store = Store(db, passphrase=passphrase)
    app = make_app(store)

    async def record(pilot) -> None:  # noqa: ANN001 - textual Pilot
        def done() -> None:
            painted.append(time.perf_counter())
            pilot.app.exit()

        pilot.app.screen.call_after_refresh(done)

    app.run(headless=True, size=(100, 30), auto_pilot=record)
    store.close()
    return painted[0] - start


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each kind (up to 89)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="painmood-bench-crypto-") as name:
        folder = Path(name)
        plain, encrypted, secret = make_diaries(folder)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PAINMOOD_")}
        keyed_env = {**env, "PAINMOOD_PASSPHRASE_FILE": str(secret)}
        day = dt.date.today() - dt.timedelta(days=90)
        time_log(plain, day, env), time_log(encrypted, day, keyed_env)  # warm-up
        plain_log, encrypted_log = [], []
        for run in range(1, args.runs + 1):
            day = dt.date.today() - dt.timedelta(days=90 - run)
            plain_log.append(time_log(plain, day, env))
            encrypted_log.append(time_log(encrypted, day, keyed_env))
        raw, raw_key = raw_key_copy(encrypted, folder)
        with_kdf = [time_open(encrypted, f"PRAGMA key = '{PASS}'") for _ in range(args.runs)]
        without_kdf = [time_open(raw, raw_key) for _ in range(args.runs)]
        time_first_paint(plain, None)  # warm-up: imports textual
        plain_paint, encrypted_paint = [], []
        for _ in range(args.runs):
            plain_paint.append(time_first_paint(plain, None))
            encrypted_paint.append(time_first_paint(encrypted, PASS))
    p_log, e_log = median_ms(plain_log), median_ms(encrypted_log)
    kdf, no_kdf = median_ms(with_kdf), median_ms(without_kdf)
    p_paint, e_paint = median_ms(plain_paint), median_ms(encrypted_paint)
    print(f"median of {args.runs} runs, a year of diary")
    print(f"painmood log, plain:      {p_log:7.1f} ms")
    print(f"painmood log, encrypted:  {e_log:7.1f} ms  (ratio {e_log / p_log:.2f})")
    print(f"open + one read, passphrase (PBKDF2-SHA512, 256000 iterations): {kdf:6.1f} ms")
    print(f"open + one read, raw key (no key derivation):                   {no_kdf:6.1f} ms")
    print(f"  the KDF costs {kdf - no_kdf:.1f} ms per connection")
    print(f"TUI first paint after the passphrase, plain:     {p_paint:7.1f} ms")
    print(f"TUI first paint after the passphrase, encrypted: {e_paint:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
