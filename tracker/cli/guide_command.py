"""`painmood guide`: read the guidance cards in a terminal, or the ones chosen for you now."""

from __future__ import annotations

import difflib
import re
import shutil
import textwrap
from collections.abc import Sequence

import click

from ..guidance import NOT_MEDICAL_ADVICE, TOPICS, Card, ChosenCard
from .common import db_option, store_from

MAX_WIDTH = 88


def _width() -> int:
    return max(40, min(MAX_WIDTH, shutil.get_terminal_size((MAX_WIDTH, 24)).columns - 1))


def _plain(markdown: str) -> str:
    """Markdown emphasis and code marks removed: the words are what matter in a terminal."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", markdown)
    text = re.sub(r"(?<!\w)[*_](\S.*?\S|\S)[*_](?!\w)", r"\1", text)
    return text.replace("`", "")


def _wrap_block(block: str, width: int) -> str:
    lines = block.splitlines()
    if all(re.match(r"^\s*[-*] ", line) for line in lines):
        return "\n".join(
            textwrap.fill(
                re.sub(r"^\s*[-*] ", "", line),
                width,
                initial_indent="  - ",
                subsequent_indent="    ",
            )
            for line in lines
        )
    return textwrap.fill(" ".join(line.strip() for line in lines), width)


def render_card(card: Card, width: int, reason: str | None = None) -> str:
    """A card as plain wrapped text: title, why it was chosen, text, sources, id."""
    out = [card.title, "=" * min(len(card.title), width)]
    if reason:
        out += [textwrap.fill(f"Why now: {reason}", width), ""]
    blocks = [block for block in re.split(r"\n\s*\n", _plain(card.text)) if block.strip()]
    out += ["\n\n".join(_wrap_block(block, width) for block in blocks), "", "Sources:"]
    out += [textwrap.fill(source, width, initial_indent="  - ", subsequent_indent="    ")
            for source in card.sources]  # fmt: skip
    topics = ", ".join(TOPICS[topic] for topic in card.topics)
    out += ["", f"[{card.id} · {topics}]"]
    return "\n".join(out)


def did_you_mean(query: str, cards: Sequence[Card]) -> str | None:
    """The card id or topic closest to a mistyped one (`safty` -> `safety`), if any is close."""
    names = [card.id for card in cards] + list(TOPICS)
    close = difflib.get_close_matches(query.strip().lower(), names, n=1, cutoff=0.7)
    return close[0] if close else None


def _list_line(card: Card) -> str:
    return f"  {card.id:<26} {card.title}"


def _echo_chosen(chosen: list[ChosenCard], width: int, titles_only: bool) -> None:
    if not chosen:
        click.echo("No card is chosen for today.")
        return
    for number, item in enumerate(chosen, start=1):
        if titles_only:
            click.echo(_list_line(item.card))
            click.echo(textwrap.fill(item.reason, width, initial_indent=" " * 4,
                                     subsequent_indent=" " * 4))  # fmt: skip
        else:
            if number > 1:
                click.echo("\n" + "-" * width + "\n")
            click.echo(render_card(item.card, width, reason=item.reason))


FOR_ME_HELP = "The cards your recent check-ins and statistics bring up, with the reason."


@click.command()
@db_option
@click.argument("query", metavar="[ID|TOPIC]", required=False)
@click.option("--list", "as_list", is_flag=True, help="Titles only (all cards, or those matching).")
@click.option("--for-me", "for_me", is_flag=True, help=FOR_ME_HELP)
@click.pass_context
def guide(ctx: click.Context, query: str | None, as_list: bool, for_me: bool) -> None:
    """Guidance on back pain and mood, from the source articles, in plain text.

    With no argument it lists the cards by topic. Give a card id or a topic
    (for example 'safety' or 'what-helps') to read it.
    """
    from .. import guidance

    if for_me and query:
        raise click.UsageError("Give a card or topic, or --for-me, not both.")
    try:
        cards = guidance.find_cards(query) if query else None
    except guidance.CardError as unknown:
        close = did_you_mean(query or "", guidance.library())
        if close is None:
            raise
        raise guidance.CardError(
            f"{unknown} Did you mean {close}? (painmood guide {close})"
        ) from None
    # The diary is opened before anything is printed: a missing one is one line.
    store = store_from(ctx) if for_me else None
    width = _width()
    click.echo(textwrap.fill(NOT_MEDICAL_ADVICE, width))
    click.echo("If you are thinking of harming yourself: painmood guide safety\n")
    if store is not None:
        from ..model import local_today
        from ..questionnaires.storage import results
        from ..stats import analyse

        checkins = store.checkins()
        state = guidance.GuidanceState(
            checkins, local_today(), analyse(checkins), questionnaires=results(store)
        )
        _echo_chosen(guidance.choose_cards(state), width, titles_only=as_list)
    elif cards and as_list:
        click.echo("\n".join(_list_line(card) for card in cards))
    elif cards:
        separator = "\n\n" + "-" * width + "\n\n"
        click.echo(separator.join(render_card(card, width) for card in cards))
    else:
        for slug, members in guidance.by_topic():
            click.echo(f"{TOPICS[slug]} ({slug})")
            click.echo("\n".join(_list_line(card) for card in members) + "\n")
        click.echo("Read one with: painmood guide ID    Yours for today: painmood guide --for-me")
