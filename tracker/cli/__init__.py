"""The `painmood` console script: one click group, commands loaded on demand.

Each command lives in its own module and is imported only when it runs, so
`painmood log` never pays for scipy, plotext or textual. The bare command
opens the TUI.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from ..model import PainmoodError
from .common import ExitCode, db_option, fail

# command name -> "module:attribute" inside tracker.cli
COMMANDS: dict[str, str] = {
    "log": "checkins:log",
    "show": "checkins:show",
    "delete": "checkins:delete",
    "undo": "checkins:undo",
    "status": "checkins:status",
    "where": "checkins:where",
    "stats": "stats_command:stats",
    "chart": "chart_command:chart",
    "guide": "guide_command:guide",
    "export": "data_commands:export",
    "import": "data_commands:import_",
    "backup": "data_commands:backup",
    "demo": "demo_command:demo",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported the first time they are used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        module = importlib.import_module(f"{__name__}.{module_name}")
        command: click.Command = getattr(module, attribute)
        return command


@click.group(cls=LazyGroup, invoke_without_command=True)
@db_option
@click.version_option(package_name="painmood", prog_name="painmood")
@click.pass_context
def cli(ctx: click.Context, **_: Any) -> None:
    """painmood: a private daily diary of back pain and mood.

    Run with no command to open the check-in screen.
    """
    if ctx.invoked_subcommand is None:
        from .common import store_from

        from ..ui.app import make_app

        make_app(store_from(ctx)).run()


def main(argv: list[str] | None = None) -> None:
    """Entry point: turns every user error into one line and a non-zero exit."""
    try:
        # With standalone_mode=False click returns ctx.exit()'s code instead of exiting.
        result = cli.main(args=argv, prog_name="painmood", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(ExitCode.INPUT)
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "painmood"
        click.echo(f"{where}: {exc.format_message()} (see '{where} --help')", err=True)
        sys.exit(ExitCode.INPUT)
    except click.ClickException as exc:
        click.echo(f"painmood: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except PainmoodError as exc:
        fail(exc)
    except BrokenPipeError:
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    else:
        sys.exit(result if isinstance(result, int) else 0)
