"""Health data stays on this machine: no command opens a network connection.

Every socket operation that could reach another host is replaced by one that
fails the test, then each command a person uses runs on a real diary.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.demo import generate_diary
from tracker.model import local_today
from tracker.store import Store


class NetworkUsed(AssertionError):
    """Raised instead of any connection attempt."""


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise NetworkUsed("painmood tried to open a network connection")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket.socket, "sendto", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)


def test_the_guard_really_refuses(no_network: None) -> None:
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))


COMMANDS = [
    ["log", "--pain", "5", "--mood", "6", "--note", "checked offline"],
    ["show", "--json"],
    ["status"],
    ["stats", "--json"],
    ["chart", "trend", "--width", "80", "--height", "20"],
    ["chart", "lags", "--width", "80", "--height", "20"],
    ["guide", "--for-me"],
    ["export", "--format", "fhir"],
    ["export", "--format", "report"],
    ["backup"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:2]))
def test_no_command_touches_the_network(no_network: None, tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "diary" / "painmood.db"
    with Store(db) as store:
        store.save_many(generate_diary(days=120, seed=3, end=local_today()))
    result = CliRunner().invoke(cli, ["--db", str(db), *args], prog_name="painmood")
    assert not isinstance(result.exception, NetworkUsed), result.exception
    assert result.exit_code in (0, 1), result.output
