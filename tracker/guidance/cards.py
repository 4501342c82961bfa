"""Guidance cards: what a card is, and reading one from its Markdown file.

A card file has a small front-matter header (id, title, topics, sources,
show_when) and a Markdown body that ends with its "Sources:" list; `parse_card`
checks all of it and names the file in any error. The source texts and the
library's topics are listed here too, since a card may only cite and file
under those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..model import PainmoodError

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
    from .rules import RULE_IDS  # the rules name card ids; cards name rule ids

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
