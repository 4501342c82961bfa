"""`painmood guide` with a mistyped card or topic offers the closest one."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tracker.cli import cli


def test_a_typo_in_safety_offers_safety(db_path: Path) -> None:
    result = CliRunner().invoke(cli, ["guide", "safty", "--db", str(db_path)])
    assert result.exit_code == 2
    assert "Did you mean safety? (painmood guide safety)" in result.output
    assert "Traceback" not in result.output


def test_nothing_close_offers_nothing(db_path: Path) -> None:
    result = CliRunner().invoke(cli, ["guide", "qqqq", "--db", str(db_path)])
    assert result.exit_code == 2
    assert "Did you mean" not in result.output
    assert "painmood guide --list" in result.output
