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

The package is split by idea: `cards` (a card and its file format),
`catalogue` (the packaged cards and finding them), `rules` (the checks on the
diary) and `choosing` (today's cards). Everything is importable from here.
"""

from .cards import (
    ALWAYS,
    HEADER_FIELDS,
    MAX_WORDS,
    MIN_WORDS,
    NOT_MEDICAL_ADVICE,
    SAFETY_ID,
    SEEK_HELP_ID,
    SHORT_TITLES,
    SOURCE_TITLES,
    TOPICS,
    Card,
    CardError,
    count_words,
    full_source_title,
    parse_card,
)
from .catalogue import (
    by_topic,
    card_by_id,
    find_cards,
    library,
    load_cards,
    packaged_cards_folder,
    safety_card,
)
from .choosing import ChosenCard, card_after_checkin, choose_cards
from .rules import (
    GAP_DAYS,
    HIGH_PAIN,
    HIGH_PAIN_DAYS,
    HIGH_PAIN_WINDOW,
    HIGH_STRESS,
    HIGH_STRESS_DAYS,
    HIGH_STRESS_WINDOW,
    LOW_MOOD,
    LOW_MOOD_DAYS,
    LOW_MOOD_WINDOW,
    POOR_SLEEP_HOURS,
    POOR_SLEEP_QUALITY,
    QUESTIONNAIRE_WINDOW,
    RISE_MIN_SCORES,
    RISE_POINTS,
    RULE_IDS,
    RULES,
    SLEEP_MIN_NIGHTS,
    SLEEP_PAIN_GAP,
    SLEEP_WINDOW,
    GuidanceState,
    Rule,
    rule_by_id,
    rule_check_in_gap,
    rule_high_pain_week,
    rule_high_stress_week,
    rule_low_mood_two_weeks,
    rule_mood_to_pain_flagged,
    rule_pain_to_mood_flagged,
    rule_phq9_item_nine,
    rule_poor_sleep_next_day_pain,
    rule_questionnaire_score,
    rule_rising_pain,
    rule_too_little_data,
)

__all__ = [
    "ALWAYS",
    "GAP_DAYS",
    "HEADER_FIELDS",
    "HIGH_PAIN",
    "HIGH_PAIN_DAYS",
    "HIGH_PAIN_WINDOW",
    "HIGH_STRESS",
    "HIGH_STRESS_DAYS",
    "HIGH_STRESS_WINDOW",
    "LOW_MOOD",
    "LOW_MOOD_DAYS",
    "LOW_MOOD_WINDOW",
    "MAX_WORDS",
    "MIN_WORDS",
    "NOT_MEDICAL_ADVICE",
    "POOR_SLEEP_HOURS",
    "POOR_SLEEP_QUALITY",
    "QUESTIONNAIRE_WINDOW",
    "RISE_MIN_SCORES",
    "RISE_POINTS",
    "RULES",
    "RULE_IDS",
    "SAFETY_ID",
    "SEEK_HELP_ID",
    "SHORT_TITLES",
    "SLEEP_MIN_NIGHTS",
    "SLEEP_PAIN_GAP",
    "SLEEP_WINDOW",
    "SOURCE_TITLES",
    "TOPICS",
    "Card",
    "CardError",
    "ChosenCard",
    "GuidanceState",
    "Rule",
    "by_topic",
    "card_after_checkin",
    "card_by_id",
    "choose_cards",
    "count_words",
    "find_cards",
    "full_source_title",
    "library",
    "load_cards",
    "packaged_cards_folder",
    "parse_card",
    "rule_by_id",
    "rule_check_in_gap",
    "rule_high_pain_week",
    "rule_high_stress_week",
    "rule_low_mood_two_weeks",
    "rule_mood_to_pain_flagged",
    "rule_pain_to_mood_flagged",
    "rule_phq9_item_nine",
    "rule_poor_sleep_next_day_pain",
    "rule_questionnaire_score",
    "rule_rising_pain",
    "rule_too_little_data",
    "safety_card",
]
