"""The guidance cards: complete headers, honest sources, readable length, safe words.

Everything here stands on the repository alone, as a person who clones it has
it. The checks that need the source texts themselves (each card in our own
words, each cited title printed at the top of its source) run in `.ci/run`,
where the source texts sit beside the checkout.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tracker import guidance
from tracker.guidance import CardError, load_cards, parse_card

REPO_ROOT = Path(__file__).resolve().parents[2]
CONTENT_DIR = REPO_ROOT / "content"


def card_files() -> list[Path]:
    return sorted(CONTENT_DIR.glob("*.md"))


def front_matter(path: Path) -> dict[str, str]:
    raw = path.read_text(encoding="utf-8")
    header = raw.split("---\n")[1]
    return {
        line.split(":", 1)[0]: line.split(":", 1)[1].strip()
        for line in header.splitlines()
        if re.match(r"^[a-z_]+:", line)
    }


def body_without_sources(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    body = raw.split("---\n", 2)[2]
    assert "\nSources:\n" in body, f"{path.name} does not end with its sources"
    return body.rsplit("\nSources:\n", 1)[0]


# --------------------------------------------------------------------------- the library


def test_every_card_file_loads_and_the_library_holds_them_all():
    files = card_files()
    assert len(files) >= 16, "at least 15 cards plus the safety card"
    cards = guidance.library()
    assert [card.filename for card in cards] == [path.name for path in files]
    assert len({card.id for card in cards}) == len(cards)
    assert guidance.safety_card().id == "safety"


@pytest.mark.parametrize("path", card_files(), ids=lambda path: path.name)
def test_card_header_has_every_field(path: Path):
    header = front_matter(path)
    for name in ("id", "title", "topics", "sources", "show_when"):
        assert name in header, f"{path.name} has no {name!r}"
    assert header["id"] and header["title"] and header["topics"] and header["show_when"]


@pytest.mark.parametrize("path", card_files(), ids=lambda path: path.name)
def test_card_names_its_sources_by_their_printed_titles_and_ends_with_them(path: Path):
    card = parse_card(path.read_text(encoding="utf-8"), path.name)
    assert card.sources, f"{path.name} names no source"
    for source in card.sources:
        assert source in guidance.SOURCE_TITLES
    closing = path.read_text(encoding="utf-8").rstrip().rsplit("\nSources:\n", 1)[1]
    cited = [line.lstrip("- ").strip() for line in closing.splitlines()]
    assert [guidance.full_source_title(title) for title in cited] == list(card.sources)
    for title in cited:  # a short title is the printed title's own opening words
        assert guidance.full_source_title(title).startswith(title)


@pytest.mark.parametrize("path", card_files(), ids=lambda path: path.name)
def test_card_is_short_enough_to_read_on_one_screen(path: Path):
    count = len(re.findall(r"\w+(?:['’]\w+)*", body_without_sources(path)))
    assert 80 <= count <= 250, f"{path.name} has {count} words"


def test_cards_leave_out_promotion_and_unsupported_claims():
    for path in card_files():
        text = path.read_text(encoding="utf-8").lower()
        for phrase in ("vitamonk", "northwest ketamine", "chakra", "contact us", "spiritual"):
            assert phrase not in text, f"{path.name} mentions {phrase!r}"


def test_the_mouse_study_is_called_preliminary():
    card = guidance.card_by_id("dopamine-mouse-study")
    assert card is not None
    assert "2015" in card.text and "A11" in card.text
    assert "preliminary" in card.text.lower() and "mice" in card.text.lower()


def test_safety_card_gives_emergency_and_crisis_numbers():
    text = guidance.safety_card().text
    assert "emergency number" in text
    assert "988" in text and "116 123" in text


def test_the_facts_the_sources_give_are_in_the_cards():
    every_text = " ".join(card.text for card in guidance.library())
    for fact in ("80%", "61,200", "University of Texas at Dallas", "cytokines", "two weeks"):
        assert fact in every_text, fact


def test_the_topics_the_issue_lists_are_covered():
    topics = {card.topic for card in guidance.library()} | {
        topic for card in guidance.library() for topic in card.topics
    }
    assert topics == set(guidance.TOPICS)
    every_text = " ".join(card.text for card in guidance.library()).lower()
    for subject in (
        "serotonin", "norepinephrine", "dopamine", "glutamate", "neuroplasticity",
        "inflammation", "sleep", "fatigue", "muscle", "catastrophic", "physical therapy",
        "cbt", "mindfulness", "yoga", "peer support", "programmes", "collaborative care",
        "medication", "risk", "correlation",
    ):  # fmt: skip
        assert subject in every_text, subject


# --------------------------------------------------------------------------- malformed cards

GOOD_BODY = " ".join(["Plain words for a card that is long enough to pass."] * 9)
GOOD = f"""---
id: sample
title: A sample card
topics: cycle
sources:
  - Can Depression Cause Pain In Back
show_when: always
---
{GOOD_BODY}

Sources:
- Can Depression Cause Pain In Back
"""


def write_card(folder: Path, text: str, name: str = "01-sample.md") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_well_formed_card_loads(tmp_path: Path):
    write_card(tmp_path / "cards", GOOD)
    (card,) = load_cards(tmp_path / "cards")
    assert card.id == "sample" and card.show_when == ("always",)
    assert card.sources == ("Can Depression Cause Pain In Back",)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("title: A sample card\n", ""), "'title' is missing"),
        (lambda t: t.replace("topics: cycle", "topics:"), "'topics' is missing"),
        (lambda t: t.replace("topics: cycle", "topics: astrology"), "unknown topic"),
        (lambda t: t.replace("show_when: always", "show_when: full-moon"), "unknown rule"),
        (lambda t: t.replace("  - Can Depression", "  - Can Dopamine"), "five source titles"),
        (lambda t: t.replace("\nSources:\n- Can Depression Cause Pain In Back\n", ""), "Sources"),
        (lambda t: t.replace("\n- Can Depression Cause Pain In Back", "\n- Other"), "must match"),
        (lambda t: t.replace(GOOD_BODY, "Too short."), "words"),
        (lambda t: t.replace(GOOD_BODY, GOOD_BODY * 3), "words"),
        (lambda t: t.replace("id: sample", "id: other"), "file name"),
        (lambda t: t.replace("id: sample", "id: Not An Id"), "lower-case"),
        (lambda t: t.replace("---\n", "", 1), "start with"),
        (lambda t: t.replace("show_when: always\n---\n", "show_when: always\n"), "never closed"),
        (lambda t: t.replace("show_when: always", "show_when: always\ncolour: red"), "unknown"),
    ],
    ids=[
        "no-title", "empty-topics", "bad-topic", "bad-rule", "bad-source", "no-sources-list",
        "sources-differ", "too-short", "too-long", "id-not-file", "bad-id", "no-header",
        "header-open", "extra-field",
    ],
)  # fmt: skip
def test_a_malformed_card_is_refused_with_a_clear_message(tmp_path: Path, change, message):
    write_card(tmp_path / "cards", change(GOOD))
    with pytest.raises(CardError, match=re.escape(message)) as caught:
        load_cards(tmp_path / "cards")
    assert "01-sample.md" in str(caught.value)


def test_two_cards_with_one_id_are_refused(tmp_path: Path):
    write_card(tmp_path / "cards", GOOD, "01-sample.md")
    write_card(tmp_path / "cards", GOOD, "02-sample.md")
    with pytest.raises(CardError, match="already used"):
        load_cards(tmp_path / "cards")


# --------------------------------------------------------------------------- installed wheel


def test_an_installed_wheel_lists_every_card_from_outside_the_source_tree(tmp_path: Path):
    """Build a real (non-editable) wheel from a copy of the project and read it back."""
    source = tmp_path / "source"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO_ROOT / name, source / name)
    for name in ("tracker", "content"):
        shutil.copytree(REPO_ROOT / name, source / name, ignore=ignore)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(tmp_path / "dist"), str(source)],
                   check=True, cwd=tmp_path)  # fmt: skip
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    site = tmp_path / "site"
    subprocess.run([*pip, "install", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, cwd=tmp_path)  # fmt: skip
    shutil.rmtree(source)  # nothing left to fall back on but the installed copy

    script = (
        "import tracker, tracker.guidance as g; "
        "print(tracker.__file__); "
        "print('\\n'.join(card.id for card in g.library()))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    # -S: no site-packages, so the editable install of the checkout cannot answer.
    result = subprocess.run([sys.executable, "-S", "-c", script], cwd=tmp_path, env=env,
                            capture_output=True, text=True, check=True)  # fmt: skip
    location, *ids = result.stdout.split()
    assert Path(location).is_relative_to(site)
    assert ids == [front_matter(path)["id"] for path in card_files()]
    # Every package of the source tree is in the wheel (pyproject lists them one by one).
    packages = {
        init.parent.relative_to(REPO_ROOT) for init in REPO_ROOT.glob("tracker/**/__init__.py")
    }
    assert packages and all((site / package / "__init__.py").exists() for package in packages)
