"""The console script on an encrypted diary in a real terminal (tmux): wrong, then right."""

from __future__ import annotations

import shlex
import shutil
import time
import uuid
from pathlib import Path

from tests.ui.test_terminal_smoke import _console_script, _screen, _tmux, _wait_for
from tracker.model import CheckIn, local_today
from tracker.store import Store

PASS = "terminal passphrase"


def test_an_encrypted_diary_opens_after_its_passphrase(tmp_path: Path) -> None:
    assert shutil.which("tmux"), "tmux is needed for this test (.ci/run installs it)"
    db = tmp_path / "smoke" / "painmood.db"
    with Store(db, passphrase=PASS) as store:
        store.save(CheckIn.create(day=local_today(), pain=2, mood=8))
    socket = f"painmood-unlock-{uuid.uuid4().hex[:8]}"
    command = (
        f"env TERM=xterm-256color PAINMOOD_DB={shlex.quote(str(db))} "
        f"{shlex.quote(_console_script())}; echo EXIT=$?; sleep 5"
    )
    _tmux(socket, "new-session", "-d", "-s", "smoke", "-x", "80", "-y", "24", command, check=True)
    try:
        _wait_for(socket, "is encrypted")
        _tmux(socket, "send-keys", "-t", "smoke", "-l", "not the one", check=True)
        _tmux(socket, "send-keys", "-t", "smoke", "Enter", check=True)
        screen = _wait_for(socket, "Wrong passphrase. 2 tries left.")
        assert "not the one" not in screen
        assert "ERROR" not in screen and "hmac" not in screen and "Traceback" not in screen
        _tmux(socket, "send-keys", "-t", "smoke", "-l", PASS, check=True)
        _tmux(socket, "send-keys", "-t", "smoke", "Enter", check=True)
        start = time.monotonic()
        _wait_for(socket, "checked in today")
        assert time.monotonic() - start < 30
        assert PASS not in _screen(socket)
        _tmux(socket, "send-keys", "-t", "smoke", "C-q", check=True)
        screen = _wait_for(socket, "EXIT=0")
        assert "ERROR" not in screen and "hmac" not in screen
    finally:
        _tmux(socket, "kill-server", capture_output=True)
