"""The three weekly questionnaires as data: the one place their words live.

A validated questionnaire is only valid in its own words, so every item,
answer choice and anchor below is reproduced as published, and screens, the
CLI, reports and FHIR all read them from here. Sources and terms of use are
in the package docstring (`tracker.questionnaires`) and the README.

LOINC codes (checked against LOINC's own FHIR Questionnaires, which public
FHIR implementations reproduce, e.g. http://loinc.org/q/44249-1 for PHQ-9 and
http://loinc.org/q/69737-5 for GAD-7; answers are LOINC answer list LL358-3):
- PHQ-9 panel 44249-1, total 44261-6, items 44250-9 ... 44260-8, difficulty
  69722-7.
- GAD-7 panel 69737-5, total 70274-6, items 69725-0 ... 69736-7.
- PEG panel 91148-7 (https://loinc.org/91148-7/, LOINC's Questionnaire
  http://loinc.org/q/91148-7). Its item and mean-score codes appear in a
  single third-party listing only, which is not enough to cite, so PEG items
  and its score use painmood's own code system (OWN_SYSTEM), as mood does.
"""

from __future__ import annotations

from dataclasses import dataclass

OWN_SYSTEM = "urn:painmood:fhir:CodeSystem:questionnaire"


@dataclass(frozen=True)
class Choice:
    """One answer choice: the value it scores and its published words."""

    value: int
    text: str
    loinc: str | None = None  # LOINC answer code, where the instrument has one


@dataclass(frozen=True)
class Item:
    """One question as published, with its code and whether it counts in the score."""

    key: str
    text: str
    choices: tuple[Choice, ...]
    loinc: str | None = None
    scored: bool = True
    # Published anchors for a 0-10 item: (words at 0, words at 10).
    anchors: tuple[str, str] | None = None

    @property
    def low(self) -> int:
        return self.choices[0].value

    @property
    def high(self) -> int:
        return self.choices[-1].value


@dataclass(frozen=True)
class Band:
    """A published score band: `low` to `high` inclusive, its name in lower case."""

    low: float
    high: float
    name: str


@dataclass(frozen=True)
class Instrument:
    """A questionnaire: what it asks, how it is scored, how it is coded."""

    key: str  # phq9, gad7, peg
    name: str  # PHQ-9, GAD-7, PEG
    title: str
    preamble: str
    items: tuple[Item, ...]
    scoring: str  # "sum" or "mean"
    max_score: float
    bands: tuple[Band, ...]
    panel_code: tuple[str, str]  # (system, code)
    total_code: tuple[str, str]
    measures: str  # what the score is about, in plain words
    version: int = 1  # bump when wording or scoring here changes

    @property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.scored)


FREQUENCY = (
    Choice(0, "Not at all", "LA6568-5"),
    Choice(1, "Several days", "LA6569-3"),
    Choice(2, "More than half the days", "LA6570-1"),
    Choice(3, "Nearly every day", "LA6571-9"),
)
DIFFICULTY = (
    Choice(0, "Not difficult at all", "LA6572-7"),
    Choice(1, "Somewhat difficult", "LA6573-5"),
    Choice(2, "Very difficult", "LA6575-0"),
    Choice(3, "Extremely difficult", "LA6574-3"),
)
ZERO_TO_TEN = tuple(Choice(n, str(n)) for n in range(11))
LOINC = "http://loinc.org"


def _frequency_item(key: str, loinc: str, text: str) -> Item:
    return Item(key=key, text=text, choices=FREQUENCY, loinc=loinc)


PHQ9 = Instrument(
    key="phq9",
    name="PHQ-9",
    title="Patient Health Questionnaire (PHQ-9)",
    preamble=(
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    ),
    items=(
        _frequency_item("1", "44250-9", "Little interest or pleasure in doing things"),
        _frequency_item("2", "44255-8", "Feeling down, depressed, or hopeless"),
        _frequency_item("3", "44259-0", "Trouble falling or staying asleep, or sleeping too much"),
        _frequency_item("4", "44254-1", "Feeling tired or having little energy"),
        _frequency_item("5", "44251-7", "Poor appetite or overeating"),
        _frequency_item(
            "6",
            "44258-2",
            "Feeling bad about yourself — or that you are a failure or have let yourself "
            "or your family down",
        ),
        _frequency_item(
            "7",
            "44252-5",
            "Trouble concentrating on things, such as reading the newspaper or watching television",
        ),
        _frequency_item(
            "8",
            "44253-3",
            "Moving or speaking so slowly that other people could have noticed? Or the "
            "opposite — being so fidgety or restless that you have been moving around a "
            "lot more than usual",
        ),
        _frequency_item(
            "9",
            "44260-8",
            "Thoughts that you would be better off dead or of hurting yourself in some way",
        ),
        Item(
            key="difficulty",
            text=(
                "If you checked off any problems, how difficult have these problems made it "
                "for you to do your work, take care of things at home, or get along with "
                "other people?"
            ),
            choices=DIFFICULTY,
            loinc="69722-7",
            scored=False,
        ),
    ),
    scoring="sum",
    max_score=27,
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 19, "moderately severe"),
        Band(20, 27, "severe"),
    ),
    panel_code=(LOINC, "44249-1"),
    total_code=(LOINC, "44261-6"),
    measures="depression symptoms",
)

GAD7 = Instrument(
    key="gad7",
    name="GAD-7",
    title="Generalized Anxiety Disorder 7-item scale (GAD-7)",
    preamble=("Over the last 2 weeks, how often have you been bothered by the following problems?"),
    items=(
        _frequency_item("1", "69725-0", "Feeling nervous, anxious or on edge"),
        _frequency_item("2", "68509-9", "Not being able to stop or control worrying"),
        _frequency_item("3", "69733-4", "Worrying too much about different things"),
        _frequency_item("4", "69734-2", "Trouble relaxing"),
        _frequency_item("5", "69735-9", "Being so restless that it is hard to sit still"),
        _frequency_item("6", "69689-8", "Becoming easily annoyed or irritable"),
        _frequency_item("7", "69736-7", "Feeling afraid as if something awful might happen"),
    ),
    scoring="sum",
    max_score=21,
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 21, "severe"),
    ),
    panel_code=(LOINC, "69737-5"),
    total_code=(LOINC, "70274-6"),
    measures="anxiety symptoms",
)

PEG = Instrument(
    key="peg",
    name="PEG",
    title="PEG: Pain, Enjoyment of life, General activity",
    preamble="In the past week:",
    items=(
        Item(
            key="pain",
            text="What number best describes your pain on average in the past week?",
            choices=ZERO_TO_TEN,
            anchors=("No pain", "Pain as bad as you can imagine"),
        ),
        Item(
            key="enjoyment",
            text=(
                "What number best describes how, during the past week, pain has interfered "
                "with your enjoyment of life?"
            ),
            choices=ZERO_TO_TEN,
            anchors=("Does not interfere", "Completely interferes"),
        ),
        Item(
            key="activity",
            text=(
                "What number best describes how, during the past week, pain has interfered "
                "with your general activity?"
            ),
            choices=ZERO_TO_TEN,
            anchors=("Does not interfere", "Completely interferes"),
        ),
    ),
    scoring="mean",
    max_score=10,
    bands=(),  # PEG has no published bands
    panel_code=(LOINC, "91148-7"),
    total_code=(OWN_SYSTEM, "peg-score"),
    measures="pain intensity and interference",
)

INSTRUMENTS: dict[str, Instrument] = {q.key: q for q in (PHQ9, GAD7, PEG)}
# PHQ-9 item 9: any answer above 0 opens the safety card at once.
SAFETY_ITEM_INDEX = 8
# Scores at or above these bring the seek-help card with the person's score.
SEEK_HELP_AT: dict[str, int] = {"phq9": 10, "gad7": 10}
