"""The installed console script in a real terminal (tmux): check in, quit, read back;
and a `painmood log` from another process shows on the open app's screen."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from tracker.model import local_today
from tracker.store import Store


def _console_script() -> str:
    script = Path(sys.executable).with_name("painmood")
    assert script.exists(), f"console script not installed next to {sys.executable}"
    return str(script)


def _tmux(socket: str, *args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """tmux on a private server socket: a person's own tmux server (whose
    environment new sessions would inherit) never takes part."""
    return subprocess.run(["tmux", "-L", socket, *args], text=True, **kwargs)


def _screen(socket: str) -> str:
    return _tmux(
        socket, "capture-pane", "-p", "-t", "smoke", capture_output=True, check=True
    ).stdout


def _wait_for(socket: str, text: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    screen = ""
    while time.monotonic() < deadline:
        screen = _screen(socket)
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} did not appear; screen was:\n{screen}")


def test_check_in_through_a_real_terminal(tmp_path: Path) -> None:
    assert shutil.which("tmux"), "tmux is needed for this test (.ci/run installs it)"
    db = tmp_path / "smoke" / "painmood.db"
    socket = f"painmood-smoke-{uuid.uuid4().hex[:8]}"
    command = (
        f"env TERM=xterm-256color PAINMOOD_DB={shlex.quote(str(db))} "
        f"{shlex.quote(_console_script())}; echo EXIT=$?; sleep 5"
    )
    _tmux(socket, "new-session", "-d", "-s", "smoke", "-x", "100", "-y", "30", command, check=True)
    try:
        _wait_for(socket, "Check in for today")
        # A person's pace: one key at a time.
        for key in ["6", "Tab", "3", "Enter"]:
            _tmux(socket, "send-keys", "-t", "smoke", key, check=True)
            time.sleep(0.3)
        _wait_for(socket, "checked in today")
        _tmux(socket, "send-keys", "-t", "smoke", "C-q", check=True)
        _wait_for(socket, "EXIT=0")
    finally:
        _tmux(socket, "kill-server", capture_output=True)
    with Store(db) as store:
        row = store.get(local_today())
    assert row is not None and (row.pain, row.mood) == (6, 3)
    assert oct(db.stat().st_mode & 0o777) == "0o600"


def test_a_cli_write_from_another_process_shows_on_the_open_screen(tmp_path: Path) -> None:
    assert shutil.which("tmux"), "tmux is needed for this test (.ci/run installs it)"
    db = tmp_path / "smoke" / "painmood.db"
    socket = f"painmood-smoke-{uuid.uuid4().hex[:8]}"
    env = f"env TERM=xterm-256color PAINMOOD_DB={shlex.quote(str(db))}"
    command = f"{env} {shlex.quote(_console_script())}; echo EXIT=$?; sleep 5"
    _tmux(socket, "new-session", "-d", "-s", "smoke", "-x", "80", "-y", "24", command, check=True)
    try:
        _wait_for(socket, "not checked in today")
        # A cron job or a second terminal logs today while the app is open.
        logged = subprocess.run(
            [_console_script(), "log", "--pain", "8", "--mood", "2", "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert logged.returncode == 0, logged.stderr
        screen = _wait_for(socket, "✓ checked in today", seconds=10)  # no key pressed
        pain_line = next(line for line in screen.splitlines() if "Pain " in line)
        assert pain_line.rstrip().endswith("8"), screen
        _tmux(socket, "send-keys", "-t", "smoke", "C-q", check=True)
        _wait_for(socket, "EXIT=0")
    finally:
        _tmux(socket, "kill-server", capture_output=True)
    with Store(db) as store:
        row = store.get(local_today())
    assert row is not None and (row.pain, row.mood) == (8, 2)
