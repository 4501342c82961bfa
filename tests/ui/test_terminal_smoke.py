"""The installed console script in a real terminal (tmux): check in, quit, read back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

from tracker.model import local_today
from tracker.store import Store


def _console_script() -> str:
    script = Path(sys.executable).with_name("painmood")
    assert script.exists(), f"console script not installed next to {sys.executable}"
    return str(script)


def _screen(session: str) -> str:
    return subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=True
    ).stdout


def _wait_for(session: str, text: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    screen = ""
    while time.monotonic() < deadline:
        screen = _screen(session)
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} did not appear; screen was:\n{screen}")


def test_check_in_through_a_real_terminal(tmp_path: Path) -> None:
    assert shutil.which("tmux"), "tmux is needed for this test (.ci/run installs it)"
    db = tmp_path / "smoke" / "painmood.db"
    session = f"painmood-smoke-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "PAINMOOD_DB": str(db), "TERM": "xterm-256color"}
    command = f"{_console_script()}; echo EXIT=$?; sleep 5"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command],
        env=env,
        check=True,
    )
    try:
        _wait_for(session, "Check in for today")
        # A person's pace: one key at a time.
        for key in ["6", "Tab", "3", "Enter"]:
            subprocess.run(["tmux", "send-keys", "-t", session, key], check=True)
            time.sleep(0.3)
        _wait_for(session, "checked in today")
        subprocess.run(["tmux", "send-keys", "-t", session, "C-q"], check=True)
        _wait_for(session, "EXIT=0")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    with Store(db) as store:
        row = store.get(local_today())
    assert row is not None and (row.pain, row.mood) == (6, 3)
    assert oct(db.stat().st_mode & 0o777) == "0o600"
