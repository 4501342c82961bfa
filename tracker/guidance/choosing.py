"""Choosing today's cards: the rules that fire, most important first.

When no pressing rule fires, one background ("always") card is offered, a
different one each day, so the library is read in turn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from .cards import ALWAYS, Card
from .catalogue import library
from .rules import RULES, GuidanceState, rule_by_id


@dataclass(frozen=True)
class ChosenCard:
    """A card picked for today, the rule that picked it, and why, in the person's figures."""

    card: Card
    rule_id: str
    reason: str = field(default="")


def _background_card_for(day: dt.date, cards: Sequence[Card]) -> Card | None:
    """One `always` card, a different one each day, so the library is seen in turn."""
    background = [card for card in cards if card.is_background]
    if not background:
        return None
    return background[day.toordinal() % len(background)]


def choose_cards(state: GuidanceState, cards: Sequence[Card] | None = None) -> list[ChosenCard]:
    """The cards for today, most important first; each card at most once.

    When the two-week low-mood rule fires, the seek-help and safety cards lead.
    When no rule beyond the background ones fires, one `always` card is added.
    """
    cards = library() if cards is None else cards
    chosen: list[ChosenCard] = []
    taken: set[str] = set()
    pressing = False
    for rule in RULES:
        reason = rule.check(state)
        if reason is None:
            continue
        pressing = pressing or not rule.background
        matches = [card for card in cards if rule.id in card.show_when]
        order = {card_id: place for place, card_id in enumerate(rule.first)}
        matches.sort(key=lambda card: order.get(card.id, len(order)))
        for card in matches:
            if card.id not in taken:
                taken.add(card.id)
                chosen.append(ChosenCard(card, rule.id, reason))
    if not pressing:
        extra = _background_card_for(state.today, cards)
        if extra is not None and extra.id not in taken:
            chosen.append(
                ChosenCard(
                    extra, ALWAYS, "Background reading from the library, a new card each day."
                )
            )
    return chosen


def card_after_checkin(
    state: GuidanceState, cards: Sequence[Card] | None = None
) -> ChosenCard | None:
    """The one card to offer right after a check-in is saved.

    The first card of a pressing rule (seek-help when mood has been low for two
    weeks); otherwise the day's turn among the background choices.
    """
    chosen = choose_cards(state, cards)
    if not chosen:
        return None
    for item in chosen:
        if item.rule_id != ALWAYS and not rule_by_id(item.rule_id).background:
            return item
    return chosen[state.today.toordinal() % len(chosen)]
