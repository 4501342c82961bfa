"""The `painmood` console script: one click group, commands loaded on demand.

Each command lives in its own module and is imported only when it runs, so
`painmood log` never pays for scipy, plotext or textual. The bare command
opens the TUI.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Any

import click

from ..model import PainmoodError, cut_long_words
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
    "encrypt": "crypto_commands:encrypt",
    "decrypt": "crypto_commands:decrypt",
    "passphrase": "crypto_commands:passphrase",
    "questionnaire": "questionnaire_command:questionnaire",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported the first time they are used.

    Its `main` also turns every user error into one line on stderr and a
    non-zero exit, so the console script and click's test runner behave alike.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        qualified = f"{__name__}.{module_name}"
        try:
            module = importlib.import_module(qualified)
        except ModuleNotFoundError as exc:
            if exc.name != qualified:
                raise
            return None  # a planned command whose module is not there yet
        command: click.Command = getattr(module, attribute)
        return command

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command; in standalone mode every user error ends as one line + exit 2."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            # With standalone_mode=False click returns ctx.exit()'s code instead of exiting.
            result = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.Abort:
            _one_line("painmood: Aborted.")
            sys.exit(ExitCode.INPUT)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "painmood"
            _one_line(f"{where}: {exc.format_message()} (see '{where} --help')")
            sys.exit(ExitCode.INPUT)
        except click.ClickException as exc:
            _one_line(f"painmood: {exc.format_message()}")
            sys.exit(exc.exit_code)
        except PainmoodError as exc:
            fail(exc)
        except BrokenPipeError:
            sys.exit(0)
        except KeyboardInterrupt:
            sys.exit(130)
        sys.exit(result if isinstance(result, int) else 0)


def _one_line(message: str) -> None:
    """Errors are one line on stderr, whatever click's message looks like."""
    click.echo(cut_long_words(" ".join(message.split())), err=True)


@click.group(cls=LazyGroup, invoke_without_command=True)
@db_option
@click.version_option(package_name="painmood", prog_name="painmood")
@click.pass_context
def cli(ctx: click.Context, **_: Any) -> None:
    """painmood: a private daily diary of back pain and mood.

    Run with no command to open the check-in screen.
    """
    if ctx.invoked_subcommand is None:
        from ..ui.app import make_app
        from .common import app_store

        make_app(app_store(ctx)).run()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script and `python -m tracker`."""
    cli.main(args=argv, prog_name="painmood")
