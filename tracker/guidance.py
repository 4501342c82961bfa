"""Guidance cards and the rules that pick them from the person's own diary.

The cards are Markdown files in the top-level `content/` folder, shipped as the
package `tracker.content`, each with a small front-matter header:

    ---
    id: seek-help
    title: When to seek help for low mood
    topics: getting-help
    sources:
      - Can Depression Cause Pain In Back
    show_when: low-mood-two-weeks
    ---
    Body in Markdown ...

    Sources:
    - Can Depression Cause Pain In Back

`show_when` lists the ids of the rules that bring a card up, or `always` for a
background card that is not tied to a rule (it stays in the library and is
offered in turn on days when no rule has anything to say).

Rules are small functions of a `GuidanceState` (the diary, today, and the
statistics report when there is one). Each returns a plain reason quoting the
person's own figures, or None. Plain values in, plain values out: no UI here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .model import CheckIn, PainmoodError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from .questionnaires import Result
    from .stats import StatsReport

NOT_MEDICAL_ADVICE = (
    "This is general information drawn from published articles, not medical advice. "
    "For decisions about your care, talk to a doctor."
)

# The five source texts, by the title printed at their top.
SOURCE_TITLES: tuple[str, ...] = (
    "The Connection Between Chronic Back Pain and Dopamine",
    "Exploring the Neurobiological Nexus: Interconnected Pathways of Backache and "
    "Depression Revealed by Latest Research",
    "Can back pain be a sign of depression 2024?",
    "Can Mental Health Issues Cause Back Pain?",
    "Can Depression Cause Pain In Back",
)

# Cards cite a title this long by its opening words (its short title), so a
# card never repeats a 12-word run of a source, not even in a citation.
SHORT_TITLES: dict[str, str] = {
    "Exploring the Neurobiological Nexus": SOURCE_TITLES[1],
}


def full_source_title(cited: str) -> str:
    """The title printed at the top of a source, from the form a card cites."""
    return SHORT_TITLES.get(cited, cited)


# Topic slug -> heading, in the order the library is shown.
TOPICS: dict[str, str] = {
    "cycle": "The pain–mood cycle",
    "brain-and-body": "Brain and body",
    "daily-life": "Sleep, stress and daily life",
    "what-helps": "What helps",
    "prevention": "Risks and prevention",
    "getting-help": "Getting help",
    "your-numbers": "Your numbers",
}

ALWAYS = "always"
SAFETY_ID = "safety"
SEEK_HELP_ID = "seek-help"
MIN_WORDS = 80
MAX_WORDS = 250

HEADER_FIELDS = ("id", "title", "topics", "sources", "show_when")
_LIST_FIELDS = ("topics", "sources", "show_when")
_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FILE_PATTERN = re.compile(r"^(?:\d+-)?(?P<id>.+)\.md$")
_WORD = re.compile(r"\w+(?:['’]\w+)*")


class CardError(PainmoodError):
    """A guidance card that cannot be read; the message names the file."""


# --------------------------------------------------------------------------- cards


@dataclass(frozen=True)
class Card:
    """One guidance card: its header and its Markdown body (which ends with its sources)."""

    id: str
    title: str
    topics: tuple[str, ...]
    sources: tuple[str, ...]
    show_when: tuple[str, ...]
    body: str
    text: str  # the body without the closing "Sources:" section
    filename: str = ""

    @property
    def word_count(self) -> int:
        return count_words(self.text)

    @property
    def topic(self) -> str:
        """The card's main topic (the first listed), used to group the library."""
        return self.topics[0]

    @property
    def is_background(self) -> bool:
        return self.show_when == (ALWAYS,)

    def preview(self, lines: int = 2) -> str:
        """The first non-empty lines of the text, for "read more" teasers."""
        kept = [line.strip() for line in self.text.splitlines() if line.strip()]
        return "\n".join(kept[:lines])


def count_words(text: str) -> int:
    """Words as a reader counts them (Markdown marks and punctuation ignored)."""
    return len(_WORD.findall(text))


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _split_front_matter(raw: str, where: str) -> tuple[list[str], str]:
    lines = raw.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        raise CardError(f"{where}: a card must start with a '---' header line.")
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return lines[1:number], "\n".join(lines[number + 1 :]).strip()
    raise CardError(f"{where}: the header opened with '---' on line 1 is never closed.")


def _parse_header(header: list[str], where: str) -> dict[str, str | list[str]]:
    values: dict[str, str | list[str]] = {}
    current: str | None = None
    for number, line in enumerate(header, start=2):
        if not line.strip():
            continue
        item = re.match(r"^\s+-\s*(.*)$", line)
        if item:
            if current is None or not isinstance(values.get(current), list):
                raise CardError(f"{where}, line {number}: a list item outside a list field.")
            value = _unquote(item.group(1))
            if not value:
                raise CardError(f"{where}, line {number}: empty list item.")
            values[current].append(value)  # type: ignore[union-attr]
            continue
        pair = re.match(r"^([A-Za-z_]+):\s*(.*)$", line)
        if not pair:
            raise CardError(f"{where}, line {number}: expected 'field: value', got {line!r}.")
        name, value = pair.group(1), pair.group(2).strip()
        if name not in HEADER_FIELDS:
            raise CardError(f"{where}, line {number}: unknown header field {name!r}.")
        if name in values:
            raise CardError(f"{where}, line {number}: header field {name!r} given twice.")
        current = name
        if name in _LIST_FIELDS:
            values[name] = [_unquote(part) for part in value.split(",") if part.strip()]
        else:
            values[name] = _unquote(value)
    return values


def _split_sources_section(body: str, where: str) -> tuple[str, list[str]]:
    match = re.search(r"\n\s*\**Sources:?\**:?\s*\n(?P<items>(?:\s*[-*] .*\n?)+)\s*$", body)
    if not match:
        raise CardError(f"{where}: the card must end with a 'Sources:' list.")
    items = [
        re.sub(r"^\s*[-*]\s+", "", line).strip().strip("*_")
        for line in match.group("items").splitlines()
        if line.strip()
    ]
    return body[: match.start()].strip(), items


def parse_card(raw: str, filename: str) -> Card:
    """Read and check one card; any problem raises CardError naming the file."""
    where = filename or "card"
    header, body = _split_front_matter(raw, where)
    values = _parse_header(header, where)
    missing = [name for name in HEADER_FIELDS if not values.get(name)]
    if missing:
        raise CardError(f"{where}: header field {missing[0]!r} is missing or empty.")
    card_id = str(values["id"])
    if not _ID_PATTERN.match(card_id):
        raise CardError(f"{where}: id {card_id!r} must be lower-case words joined by '-'.")
    file_match = _FILE_PATTERN.match(Path(filename).name) if filename else None
    if file_match and file_match.group("id") != card_id:
        raise CardError(f"{where}: id {card_id!r} does not match the file name.")
    topics = tuple(values["topics"])
    for topic in topics:
        if topic not in TOPICS:
            raise CardError(f"{where}: unknown topic {topic!r} (known: {', '.join(TOPICS)}).")
    sources = tuple(full_source_title(source) for source in values["sources"])
    for source in sources:
        if source not in SOURCE_TITLES:
            raise CardError(f"{where}: source {source!r} is not one of the five source titles.")
    show_when = tuple(values["show_when"])
    if ALWAYS in show_when and len(show_when) > 1:
        raise CardError(f"{where}: show_when is either 'always' or a list of rule ids.")
    for rule_id in show_when:
        if rule_id != ALWAYS and rule_id not in RULE_IDS:
            raise CardError(f"{where}: show_when names unknown rule {rule_id!r}.")
    if not body:
        raise CardError(f"{where}: the card has no text.")
    text, listed = _split_sources_section(body, where)
    if tuple(full_source_title(item) for item in listed) != sources:
        raise CardError(f"{where}: the closing 'Sources:' list must match the header's sources.")
    words = count_words(text)
    if not MIN_WORDS <= words <= MAX_WORDS:
        raise CardError(
            f"{where}: the text has {words} words; a card needs {MIN_WORDS} to {MAX_WORDS}."
        )
    return Card(
        id=card_id,
        title=str(values["title"]),
        topics=topics,
        sources=sources,
        show_when=show_when,
        body=body,
        text=text,
        filename=Path(filename).name if filename else "",
    )


def packaged_cards_folder() -> Traversable | Path:
    """The installed `tracker.content` package, or `content/` in a source checkout."""
    from importlib import import_module

    try:
        content = import_module("tracker.content")
    except ModuleNotFoundError:
        # Running from the source tree with a non-editable install: the
        # package maps `tracker.content` to the top-level `content/` folder.
        return Path(__file__).resolve().parent.parent / "content"
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


# --------------------------------------------------------------------------- state


@dataclass(frozen=True)
class GuidanceState:
    """What the rules look at: the diary up to today, and the stats report if any."""

    checkins: tuple[CheckIn, ...]
    today: dt.date
    stats: StatsReport | None = None
    questionnaires: tuple[Result, ...] = ()

    def __init__(
        self,
        checkins: Iterable[CheckIn],
        today: dt.date,
        stats: StatsReport | None = None,
        questionnaires: Iterable[Result] = (),
    ) -> None:
        kept = sorted((c for c in checkins if c.day <= today), key=lambda c: c.day)
        object.__setattr__(self, "checkins", tuple(kept))
        object.__setattr__(self, "today", today)
        object.__setattr__(self, "stats", stats)
        answered = sorted((q for q in questionnaires if q.day <= today), key=lambda q: q.day)
        object.__setattr__(self, "questionnaires", tuple(answered))

    @cached_property
    def by_day(self) -> dict[dt.date, CheckIn]:
        return {checkin.day: checkin for checkin in self.checkins}

    def last_days(self, days: int, end: dt.date | None = None) -> list[CheckIn]:
        """Check-ins in the `days` calendar days ending on `end` (default today)."""
        end = end or self.today
        start = end - dt.timedelta(days=days - 1)
        return [c for c in self.checkins if start <= c.day <= end]


# --------------------------------------------------------------------------- rules

HIGH_PAIN = 7
HIGH_PAIN_DAYS, HIGH_PAIN_WINDOW = 5, 7
LOW_MOOD = 3
LOW_MOOD_DAYS, LOW_MOOD_WINDOW = 10, 14
HIGH_STRESS = 7
HIGH_STRESS_DAYS, HIGH_STRESS_WINDOW = 4, 7
RISE_POINTS, RISE_MIN_SCORES = 1.5, 4
GAP_DAYS = 4
POOR_SLEEP_QUALITY, POOR_SLEEP_HOURS = 4, 6.0
SLEEP_WINDOW, SLEEP_MIN_NIGHTS, SLEEP_PAIN_GAP = 28, 4, 1.0


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def rule_low_mood_two_weeks(state: GuidanceState) -> str | None:
    """Mood at 3 or lower on at least 10 of the last 14 days (the two-week rule)."""
    low = [c for c in state.last_days(LOW_MOOD_WINDOW) if c.mood is not None and c.mood <= LOW_MOOD]
    if len(low) < LOW_MOOD_DAYS:
        return None
    return (
        f"Your mood was {LOW_MOOD} or lower on {len(low)} of the last {LOW_MOOD_WINDOW} days. "
        "Low mood lasting two weeks or more is worth talking to a doctor about."
    )


def rule_high_pain_week(state: GuidanceState) -> str | None:
    """Pain at 7 or higher on at least 5 of the last 7 days."""
    high = [
        c for c in state.last_days(HIGH_PAIN_WINDOW) if c.pain is not None and c.pain >= HIGH_PAIN
    ]
    if len(high) < HIGH_PAIN_DAYS:
        return None
    return (
        f"Your pain was {HIGH_PAIN} or higher on {len(high)} of the last {HIGH_PAIN_WINDOW} days."
    )


def _flagged_direction(state: GuidanceState, direction: str) -> str | None:
    """Quote the person's own flagged verdict in one direction: its figure and sentence."""
    report = state.stats
    if report is None:
        return None
    verdict = report.verdict(direction)
    if not verdict.flagged or verdict.effect_per_point is None:
        return None
    arrow = direction.replace("->", " → ")
    return f"Your statistics flag {arrow} the next day: {verdict.sentence}"


def rule_pain_to_mood_flagged(state: GuidanceState) -> str | None:
    """The statistics flag high pain going with lower mood on following days."""
    return _flagged_direction(state, "pain->mood")


def rule_mood_to_pain_flagged(state: GuidanceState) -> str | None:
    """The statistics flag low mood going with higher pain on following days."""
    return _flagged_direction(state, "mood->pain")


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def rule_rising_pain(state: GuidanceState) -> str | None:
    """Average pain this week at least 1.5 points above the week before."""
    this_week = [c.pain for c in state.last_days(7) if c.pain is not None]
    week_before_end = state.today - dt.timedelta(days=7)
    week_before = [c.pain for c in state.last_days(7, week_before_end) if c.pain is not None]
    if len(this_week) < RISE_MIN_SCORES or len(week_before) < RISE_MIN_SCORES:
        return None
    now, before = _mean(this_week), _mean(week_before)
    if now - before < RISE_POINTS:
        return None
    return (
        f"Your pain averaged {_fmt(now)} over the last 7 days, up from {_fmt(before)} "
        "the week before."
    )


def _poor_night(checkin: CheckIn) -> bool | None:
    """Whether the night before this day was poor (None when sleep was not recorded)."""
    if checkin.sleep_quality is None and checkin.sleep_hours is None:
        return None
    return (checkin.sleep_quality is not None and checkin.sleep_quality <= POOR_SLEEP_QUALITY) or (
        checkin.sleep_hours is not None and checkin.sleep_hours < POOR_SLEEP_HOURS
    )


def rule_poor_sleep_next_day_pain(state: GuidanceState) -> str | None:
    """Over the last 4 weeks, days after a poor night hurt clearly more than the others.

    A check-in's sleep describes the night before that day, so the day after a
    poor night is the same check-in's day.
    """
    after_poor: list[int] = []
    after_other: list[int] = []
    for checkin in state.last_days(SLEEP_WINDOW):
        poor = _poor_night(checkin)
        if poor is None or checkin.pain is None:
            continue
        (after_poor if poor else after_other).append(checkin.pain)
    if len(after_poor) < SLEEP_MIN_NIGHTS or len(after_other) < SLEEP_MIN_NIGHTS:
        return None
    poor_mean, other_mean = _mean(after_poor), _mean(after_other)
    if poor_mean - other_mean < SLEEP_PAIN_GAP:
        return None
    return (
        f"In the last 4 weeks, pain after the {len(after_poor)} poor nights (sleep quality "
        f"{POOR_SLEEP_QUALITY} or less, or under {POOR_SLEEP_HOURS:g} hours) averaged "
        f"{_fmt(poor_mean)}, against {_fmt(other_mean)} after the other {len(after_other)}. "
        "That is a pattern in your diary, not proof of cause."
    )


def rule_high_stress_week(state: GuidanceState) -> str | None:
    """Stress or anxiety at 7 or higher on at least 4 of the last 7 days."""
    tense = [
        c
        for c in state.last_days(HIGH_STRESS_WINDOW)
        if (c.stress is not None and c.stress >= HIGH_STRESS)
        or (c.anxiety is not None and c.anxiety >= HIGH_STRESS)
    ]
    if len(tense) < HIGH_STRESS_DAYS:
        return None
    return (
        f"Your stress or anxiety was {HIGH_STRESS} or higher on {len(tense)} "
        f"of the last {HIGH_STRESS_WINDOW} days."
    )


def rule_check_in_gap(state: GuidanceState) -> str | None:
    """No check-in for 4 days or more (and there was one before)."""
    if not state.checkins:
        return None
    last = state.checkins[-1].day
    gap = (state.today - last).days
    if gap < GAP_DAYS:
        return None
    return f"Your last check-in was {gap} days ago, on {last.isoformat()}."


def rule_too_little_data(state: GuidanceState) -> str | None:
    """The statistics cannot test yet: quote the verdict's own count and what it needs."""
    if not state.checkins:
        return "Your diary has no check-ins yet."
    report = state.stats
    if report is None:
        from .stats import data_needed

        return data_needed(state.checkins)
    verdict = report.verdict("pain->mood")
    return verdict.sentence if verdict.status in ("missing", "needs-days") else None


# Questionnaire rules look at results of the last two weeks (the period PHQ-9
# and GAD-7 ask about); they quote the person's own answers and scores.
QUESTIONNAIRE_WINDOW = 14


def _recent_latest(state: GuidanceState, key: str) -> Result | None:
    start = state.today - dt.timedelta(days=QUESTIONNAIRE_WINDOW - 1)
    found = [q for q in state.questionnaires if q.instrument.key == key and q.day >= start]
    return found[-1] if found else None


def rule_phq9_item_nine(state: GuidanceState) -> str | None:
    """PHQ-9 question 9 (thoughts of being better off dead or of self-harm) answered above 0."""
    latest = _recent_latest(state, "phq9")
    if latest is None or not latest.safety_answer:
        return None
    choice = latest.instrument.items[8].choices[latest.safety_answer].text
    return (
        f"On {latest.day.isoformat()} you answered PHQ-9 question 9, about thoughts of being "
        f"better off dead or of hurting yourself, with '{choice}'. Please talk to someone "
        "about it soon; the safety card has numbers that answer now."
    )


def rule_questionnaire_score(state: GuidanceState) -> str | None:
    """A PHQ-9 or GAD-7 score of 10 or more in the last two weeks."""
    high = [
        q
        for q in (_recent_latest(state, "phq9"), _recent_latest(state, "gad7"))
        if q is not None and q.seek_help
    ]
    if not high:
        return None
    scores = " and ".join(
        f"{q.instrument.name} {q.score_text()} on {q.day.isoformat()} ('{q.band_name}' band)"
        for q in high
    )
    return (
        f"Your score was {scores}: 10 or more on the published scale. It is not a diagnosis; "
        "show it to your doctor, who can interpret it."
    )


@dataclass(frozen=True)
class Rule:
    """A named check on the diary; `first` orders its cards (the rest follow library order)."""

    id: str
    check: Callable[[GuidanceState], str | None]
    first: tuple[str, ...] = ()
    background: bool = False  # true for rules that fire for weeks (shown, but not pushed)

    @property
    def summary(self) -> str:
        return (self.check.__doc__ or "").strip().splitlines()[0]


# In priority order: what matters most for the person comes first.
RULES: tuple[Rule, ...] = (
    Rule("phq9-item-nine", rule_phq9_item_nine, first=(SEEK_HELP_ID, SAFETY_ID)),
    Rule("questionnaire-score", rule_questionnaire_score, first=(SEEK_HELP_ID,)),
    Rule("low-mood-two-weeks", rule_low_mood_two_weeks, first=(SEEK_HELP_ID, SAFETY_ID)),
    Rule("high-pain-week", rule_high_pain_week),
    Rule("pain-to-mood-flagged", rule_pain_to_mood_flagged),
    Rule("mood-to-pain-flagged", rule_mood_to_pain_flagged),
    Rule("rising-pain", rule_rising_pain),
    Rule("poor-sleep-next-day-pain", rule_poor_sleep_next_day_pain),
    Rule("high-stress-week", rule_high_stress_week),
    Rule("check-in-gap", rule_check_in_gap),
    Rule("too-little-data", rule_too_little_data, background=True),
)
RULE_IDS: frozenset[str] = frozenset(rule.id for rule in RULES)


def rule_by_id(rule_id: str) -> Rule:
    for rule in RULES:
        if rule.id == rule_id:
            return rule
    raise KeyError(rule_id)


# --------------------------------------------------------------------------- choosing


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
