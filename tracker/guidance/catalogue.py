"""The packaged card library: loading it once, and finding cards in it.

The cards ship as the package `tracker.content` (the top-level `content/`
folder); `library()` reads and checks them once per process.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .cards import SAFETY_ID, SEEK_HELP_ID, TOPICS, Card, CardError, parse_card

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def packaged_cards_folder() -> Traversable | Path:
    """The installed `tracker.content` package, or `content/` in a source checkout."""
    from importlib import import_module

    try:
        content = import_module("tracker.content")
    except ModuleNotFoundError:
        # Running from the source tree with a non-editable install: the
        # package maps `tracker.content` to the top-level `content/` folder.
        return Path(__file__).resolve().parent.parent.parent / "content"
    folders = list(getattr(content, "__path__", ()))
    if len(folders) == 1 and Path(folders[0]).is_dir():
        # Installed as plain files (the usual case): read them directly;
        # importlib.resources costs a few milliseconds of imports on the
        # guidance screen's first visit.
        return Path(folders[0])
    from importlib.resources import files  # a zipped or otherwise unusual install

    return files("tracker.content")


def load_cards(folder: Traversable | Path | None = None) -> tuple[Card, ...]:
    """Every `*.md` card in a folder (default: the packaged cards), in file-name order."""
    if folder is None:
        folder = packaged_cards_folder()
    entries = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".md")),
        key=lambda entry: entry.name,
    )
    cards: list[Card] = []
    seen: dict[str, str] = {}
    for entry in entries:
        try:
            raw = entry.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CardError(f"{entry.name}: cannot be read as UTF-8 text ({exc}).") from None
        card = parse_card(raw, entry.name)
        if card.id in seen:
            raise CardError(f"{entry.name}: id {card.id!r} is already used by {seen[card.id]}.")
        seen[card.id] = entry.name
        cards.append(card)
    return tuple(cards)


@cache
def library() -> tuple[Card, ...]:
    """The packaged cards, read once; the safety and seek-help cards must be there."""
    cards = load_cards()
    ids = {card.id for card in cards}
    for needed in (SAFETY_ID, SEEK_HELP_ID):
        if needed not in ids:
            raise CardError(f"The packaged guidance has no {needed!r} card.")
    return cards


def card_by_id(card_id: str, cards: Sequence[Card] | None = None) -> Card | None:
    for card in library() if cards is None else cards:
        if card.id == card_id:
            return card
    return None


def safety_card(cards: Sequence[Card] | None = None) -> Card:
    card = card_by_id(SAFETY_ID, cards)
    if card is None:
        raise CardError("The guidance has no safety card.")
    return card


def by_topic(cards: Sequence[Card] | None = None) -> list[tuple[str, list[Card]]]:
    """(topic slug, cards) in library order, each card under its main topic.

    The heading for a slug is `TOPICS[slug]`.
    """
    cards = library() if cards is None else cards
    groups: list[tuple[str, list[Card]]] = []
    for slug in TOPICS:
        members = [card for card in cards if card.topic == slug]
        if members:
            groups.append((slug, members))
    return groups


def find_cards(query: str, cards: Sequence[Card] | None = None) -> list[Card]:
    """Cards for a card id, a topic (slug or heading), or words of a title.

    Raises CardError with a hint when nothing matches.
    """
    cards = library() if cards is None else cards
    wanted = query.strip().lower()
    exact = [card for card in cards if card.id == wanted]
    if exact:
        return exact
    for slug, heading in TOPICS.items():
        if wanted in (slug, heading.lower()):
            return [card for card in cards if slug in card.topics]
    in_title = [card for card in cards if wanted and wanted in card.title.lower()]
    if in_title:
        return in_title
    raise CardError(
        f"No guidance card or topic matches {query!r}; 'painmood guide --list' shows them all."
    )
