"""`painmood demo`: a year of synthetic diary in a separate database, to try the app.

The demo never writes to the person's own diary: it goes to `demo.db` beside
it (or the `--db` given here), and a path that is the real database is refused.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..model import PainmoodError, local_today
from ..paths import demo_database_path
from .common import db_path_from, passphrase_file_option

DAYS_LIMIT = 3660  # ten years


def _same_file(first: Path, second: Path) -> bool:
    if first.exists() and second.exists():
        return os.path.samefile(first, second)
    return first.expanduser().resolve() == second.expanduser().resolve()


@click.command()
@click.option(
    "--days",
    type=click.IntRange(1, DAYS_LIMIT),
    default=365,
    show_default=True,
    help="How many calendar days, ending today.",
)
@click.option("--seed", type=int, default=None, help="Random seed (the same seed, the same diary).")
@click.option(
    "--db",
    "demo_db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Demo database file (default: demo.db beside your own diary). Never your own diary.",
)
@click.option("--no-open", is_flag=True, help="Only write the demo diary; do not open the app.")
@click.option(
    "--encrypted",
    is_flag=True,
    help="Encrypt the demo diary (a new passphrase, asked twice or read from "
    "$PAINMOOD_PASSPHRASE_FILE).",
)
@passphrase_file_option
@click.pass_context
def demo(
    ctx: click.Context,
    days: int,
    seed: int | None,
    demo_db: Path | None,
    no_open: bool,
    encrypted: bool,
) -> None:
    """Write a synthetic diary into a separate demo database and open the app on it.

    Running it again replaces the demo diary's contents. The diary has one
    built-in effect (pain today lowers tomorrow's mood); see data/README.md.
    """
    from ..demo import DEFAULT_SEED, PAIN_TO_NEXT_DAY_MOOD, generate_diary, write_demo_diary
    from ..store import Store

    real_db = db_path_from(ctx)
    target = demo_db.expanduser() if demo_db else demo_database_path(real_db)
    if _same_file(target, real_db):
        raise PainmoodError(
            f"The demo database {target} is your own diary; choose another --db for the demo."
        )
    seed = DEFAULT_SEED if seed is None else seed
    passphrase = None
    if encrypted:
        from .crypto_commands import new_passphrase

        passphrase = new_passphrase(ctx)
    checkins = generate_diary(days=days, seed=seed, end=local_today())
    write_demo_diary(target, checkins, f"seed={seed} days={days}", passphrase)
    kind = "an encrypted demo diary" if encrypted else "a demo diary"
    click.echo(
        f"Wrote {kind} of {len(checkins)} check-ins over {days} days (seed {seed}) "
        f"to {target}, replacing any earlier demo there. Your own diary was not touched."
    )
    click.echo(
        f"Built in: each pain point above usual lowers the next day's mood by "
        f"{-PAIN_TO_NEXT_DAY_MOOD:g}; mood has no effect on pain."
    )
    if no_open:
        click.echo(f"Open it with: painmood --db {target}")
        return
    from ..ui.app import make_app

    with Store(target, passphrase=passphrase) as store:
        make_app(store).run()
