"""Which cards the person sees: each rule on hand-made diaries, the order, `painmood guide`."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable, Iterable
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tracker import guidance
from tracker.cli import cli
from tracker.guidance import GuidanceState, card_after_checkin, choose_cards, rule_by_id
from tracker.model import CheckIn
from tracker.stats import DaySpan, StatsReport, Verdict
from tracker.store import Store

TODAY = dt.date(2026, 3, 15)


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def entry(days_ago: int, **values: object) -> CheckIn:
    values.setdefault("pain", 4)
    values.setdefault("mood", 6)
    return CheckIn.create(today=TODAY, day=ago(days_ago), **values)


def steady(days: int, start_ago: int = 0, **values: object) -> list[CheckIn]:
    """`days` consecutive check-ins ending `start_ago` days before today."""
    return [entry(start_ago + n, **values) for n in range(days)]


def with_days(base: list[CheckIn], changed: dict[int, dict[str, object]]) -> list[CheckIn]:
    """Replace the check-in `n` days ago with one carrying new values."""
    by_day = {c.day: c for c in base}
    for days_ago, values in changed.items():
        by_day[ago(days_ago)] = entry(days_ago, **values)
    return sorted(by_day.values(), key=lambda c: c.day)


def marked(total: int, which: Iterable[int], **values: object) -> list[CheckIn]:
    """`total` ordinary days with new values on the days `which` days ago."""
    return with_days(steady(total), {n: values for n in which})


def fires(rule_id: str, diary: list[CheckIn], stats: StatsReport | None = None) -> str | None:
    return rule_by_id(rule_id).check(GuidanceState(diary, TODAY, stats))


# --------------------------------------------------------------------------- diary rules

LOW_MOOD: list[tuple[str, Callable[[], list[CheckIn]], bool]] = [
    ("10 of 14 days at mood 3", lambda: marked(14, range(10), mood=3), True),
    ("14 of 14 days at mood 1", lambda: steady(14, mood=1), True),
    ("9 of 14 days at mood 3", lambda: marked(14, range(9), mood=3), False),
    ("14 days at mood 4", lambda: steady(14, mood=4), False),
    ("low fortnight ended a week ago", lambda: steady(14, start_ago=7, mood=2), False),
    (
        "10 low days, only pain on the rest",
        lambda: steady(10, mood=2) + steady(4, 10, mood=None),
        True,
    ),
]

HIGH_PAIN = [
    ("5 of 7 days at pain 7", lambda: marked(7, (0, 1, 3, 4, 6), pain=7), True),
    ("4 of 7 days at pain 9", lambda: marked(7, (0, 1, 2, 3), pain=9), False),
    ("7 days at pain 6", lambda: steady(7, pain=6), False),
    ("high week ended 3 days ago", lambda: steady(3) + steady(7, 3, pain=8)[2:], False),
]

RISING = [
    ("4 then 6", lambda: steady(7, 7, pain=4) + steady(7, pain=6), True),
    ("4 then 5", lambda: steady(7, 7, pain=4) + steady(7, pain=5), False),
    ("6 then 4 (falling)", lambda: steady(7, 7, pain=6) + steady(7, pain=4), False),
    ("only 3 scores this week", lambda: steady(7, 7, pain=2) + steady(3, pain=8), False),
]


def sleep_diary(
    poor_pain: int, other_pain: int, poor_nights: int = 6, **poor: object
) -> list[CheckIn]:
    poor = poor or {"sleep_quality": 3}
    diary = []
    for n in range(20):
        if n < poor_nights:
            diary.append(entry(n, pain=poor_pain, **poor))
        else:
            diary.append(entry(n, pain=other_pain, sleep_quality=8, sleep_hours=7.5))
    return diary


def half_point_worse() -> list[CheckIn]:
    poor = [entry(n, pain=4 + n % 2, sleep_quality=3) for n in range(6)]
    return poor + [entry(n, pain=4, sleep_quality=8) for n in range(6, 20)]


SLEEP = [
    ("poor nights then pain 7 vs 4", lambda: sleep_diary(7, 4), True),
    ("short nights (5 h) then pain 7 vs 4", lambda: sleep_diary(7, 4, sleep_hours=5.0), True),
    ("poor nights, same pain", lambda: sleep_diary(5, 5), False),
    ("poor nights, pain 0.5 higher", half_point_worse, False),
    ("only 3 poor nights", lambda: sleep_diary(8, 3, poor_nights=3), False),
    ("no sleep recorded", lambda: steady(20), False),
]

STRESS = [
    ("stress 8 on 4 of 7", lambda: marked(7, range(4), stress=8), True),
    ("anxiety 7 on 4 of 7", lambda: marked(7, (0, 2, 4, 6), anxiety=7), True),
    ("stress 9 on 3 of 7", lambda: marked(7, range(3), stress=9), False),
    ("stress 6 all week", lambda: steady(7, stress=6), False),
]

GAP = [
    ("last check-in 4 days ago", lambda: steady(10, 4), True),
    ("last check-in 3 days ago", lambda: steady(10, 3), False),
    ("checked in today", lambda: steady(10), False),
    ("empty diary", lambda: [], False),
]

TOO_LITTLE = [
    ("empty diary", lambda: [], True),
    ("10 days in a row", lambda: steady(10), True),
    ("51 days in a row", lambda: steady(51), False),
    ("20 days, every other day", lambda: [entry(2 * n) for n in range(20)], True),
    ("60 days of pain only", lambda: steady(60, mood=None), True),
]

CASES = [
    *[("low-mood-two-weeks", *case) for case in LOW_MOOD],
    *[("high-pain-week", *case) for case in HIGH_PAIN],
    *[("rising-pain", *case) for case in RISING],
    *[("poor-sleep-next-day-pain", *case) for case in SLEEP],
    *[("high-stress-week", *case) for case in STRESS],
    *[("check-in-gap", *case) for case in GAP],
    *[("too-little-data", *case) for case in TOO_LITTLE],
]


@pytest.mark.parametrize(
    ("rule_id", "diary", "expected"),
    [(rule_id, diary, expected) for rule_id, _, diary, expected in CASES],
    ids=[f"{rule_id}: {label}" for rule_id, label, _, _ in CASES],
)
def test_rule_fires_only_when_the_diary_shows_it(rule_id, diary, expected):
    reason = fires(rule_id, diary())
    assert (reason is not None) == expected, reason
    if expected:
        assert reason and reason.endswith(".")


def test_low_mood_reason_quotes_the_count():
    diary = marked(14, range(11), mood=2)
    assert "11 of the last 14 days" in fires("low-mood-two-weeks", diary)


def test_rising_pain_reason_quotes_both_averages():
    reason = fires("rising-pain", steady(7, 7, pain=3) + steady(7, pain=6))
    assert "6.0" in reason and "3.0" in reason


def test_sleep_reason_quotes_the_averages_and_hedges():
    reason = fires("poor-sleep-next-day-pain", sleep_diary(7, 4))
    assert "6 poor nights" in reason and "7.0" in reason and "4.0" in reason
    assert "not proof" in reason


def test_gap_reason_names_the_last_day():
    assert ago(6).isoformat() in fires("check-in-gap", steady(5, 6))


def test_too_little_data_quotes_the_exact_days_the_statistics_need():
    assert "10 complete days" in fires("too-little-data", steady(10))
    assert "20 more days with both needed" in fires("too-little-data", steady(10))
    assert "Mood is missing" in fires("too-little-data", steady(60, mood=None))


def test_check_ins_after_today_are_ignored():
    future = [CheckIn(day=TODAY + dt.timedelta(days=n), pain=9, mood=1) for n in range(1, 15)]
    assert fires("low-mood-two-weeks", future) is None
    assert fires("check-in-gap", steady(3, 5) + future) is not None


# --------------------------------------------------------------------------- stats rules


def verdict(direction: str, flagged: bool, effect: float = -0.35) -> Verdict:
    return Verdict(
        direction=direction, effect_per_point=effect, ci=(effect - 0.15, effect + 0.15),
        p=0.001 if flagged else 0.4, flagged=flagged, method="latent-var", days=140,
        status="tested", sentence=f"Sentence for {direction}: {effect:+.2f} per point, not proof.",
    )  # fmt: skip


def report(*found: Verdict) -> StatsReport:
    """A report with the given verdicts, the others tested and not flagged."""
    given = {v.direction: v for v in found}
    verdicts = tuple(given.get(d, verdict(d, False)) for d in ("pain->mood", "mood->pain"))
    return StatsReport(
        verdicts=verdicts, lagged=[], factors=[], level_shifts=[],  # type: ignore[arg-type]
        days=DaySpan(first=ago(150), last=TODAY, observed=140),
    )  # fmt: skip


def test_flagged_pain_to_mood_brings_up_its_card_with_the_persons_figure():
    stats = report(verdict("pain->mood", True, effect=-0.42))
    reason = fires("pain-to-mood-flagged", steady(60), stats)
    assert "-0.42" in reason and "Sentence for pain->mood" in reason
    assert fires("mood-to-pain-flagged", steady(60), stats) is None
    chosen = choose_cards(GuidanceState(steady(60), TODAY, stats))
    assert chosen[0].card.id == "pain-to-mood" and chosen[0].rule_id == "pain-to-mood-flagged"
    assert chosen[0].reason == reason


def test_flagged_mood_to_pain_brings_up_its_card():
    stats = report(verdict("mood->pain", True, effect=-0.3))
    assert "-0.30" in fires("mood-to-pain-flagged", steady(60), stats)
    ids = [c.card.id for c in choose_cards(GuidanceState(steady(60), TODAY, stats))]
    assert ids[0] == "mood-to-pain"


@pytest.mark.parametrize(
    "stats",
    [
        None,
        report(verdict("pain->mood", False), verdict("mood->pain", False)),
    ],
    ids=["no-stats", "nothing-flagged"],
)
def test_stats_rules_stay_silent_without_a_directed_flag(stats):
    assert fires("pain-to-mood-flagged", steady(60), stats) is None
    assert fires("mood-to-pain-flagged", steady(60), stats) is None


def test_real_statistics_on_a_diary_with_a_built_in_pain_to_mood_effect():
    from tracker.demo import generate_diary
    from tracker.stats import analyse

    diary = generate_diary(days=400, end=TODAY)
    state = GuidanceState(diary, TODAY, analyse(diary))
    assert rule_by_id("pain-to-mood-flagged").check(state) is not None
    assert "pain-to-mood" in [c.card.id for c in choose_cards(state)]


# --------------------------------------------------------------------------- choosing


def test_seek_help_and_safety_come_first_when_mood_has_been_low_for_two_weeks():
    diary = steady(60, pain=8, mood=2, stress=9, sleep_quality=3)
    stats = report(verdict("pain->mood", True), verdict("mood->pain", True))
    chosen = choose_cards(GuidanceState(diary, TODAY, stats))
    assert [c.card.id for c in chosen[:2]] == ["seek-help", "safety"]
    assert all(c.rule_id == "low-mood-two-weeks" for c in chosen[:2])
    assert card_after_checkin(GuidanceState(diary, TODAY, stats)).card.id == "seek-help"


def test_seek_help_and_safety_are_not_chosen_without_the_low_mood_rule():
    ids = [c.card.id for c in choose_cards(GuidanceState(steady(60, pain=8), TODAY))]
    assert "seek-help" not in ids and "safety" not in ids
    assert ids[0] == "pain-to-mood"


def test_each_card_is_chosen_once_with_its_rule_and_reason():
    diary = steady(60, pain=8, mood=2, stress=9, sleep_quality=3)
    chosen = choose_cards(GuidanceState(diary, TODAY))
    ids = [c.card.id for c in chosen]
    assert len(ids) == len(set(ids))
    for item in chosen:
        assert item.rule_id in item.card.show_when
        assert item.reason


def test_a_quiet_diary_gets_one_background_card_that_changes_from_day_to_day():
    seen = set()
    for shift in range(10):
        day = TODAY - dt.timedelta(days=shift)
        diary = [c for c in steady(80) if c.day <= day]
        chosen = choose_cards(GuidanceState(diary, day))
        assert len(chosen) == 1 and chosen[0].rule_id == "always"
        assert chosen[0].card.is_background
        seen.add(chosen[0].card.id)
    assert len(seen) > 1


def test_a_new_diary_gets_the_card_on_what_the_numbers_will_mean():
    chosen = choose_cards(GuidanceState(steady(3), TODAY))
    assert chosen[0].card.id == "what-your-numbers-mean"
    assert chosen[0].rule_id == "too-little-data"
    after = card_after_checkin(GuidanceState(steady(3), TODAY))
    assert after is not None and after.card.id in {c.card.id for c in chosen}


def test_after_a_check_in_a_pressing_rule_wins_over_background_reading():
    diary = marked(14, range(5), pain=8)  # also too little data
    after = card_after_checkin(GuidanceState(diary, TODAY))
    assert after is not None and after.rule_id == "high-pain-week"


def test_every_rule_brings_up_at_least_one_card_and_every_card_is_reachable():
    cards = guidance.library()
    for rule in guidance.RULES:
        assert any(rule.id in card.show_when for card in cards), rule.id
    assert all(card.show_when for card in cards)


def test_rule_ids_are_unique_and_described():
    ids = [rule.id for rule in guidance.RULES]
    assert len(ids) == len(set(ids))
    assert all(rule.summary for rule in guidance.RULES)


def test_find_cards_by_id_topic_and_title():
    assert [c.id for c in guidance.find_cards("safety")] == ["safety"]
    what_helps = guidance.find_cards("what-helps")
    assert "talk-therapy" in [c.id for c in what_helps]
    assert all("what-helps" in c.topics for c in what_helps)
    assert [c.id for c in guidance.find_cards("Mindfulness")] == ["mind-body-stress"]
    with pytest.raises(guidance.CardError, match="painmood guide --list"):
        guidance.find_cards("no such thing")


# --------------------------------------------------------------------------- painmood guide


def guide(*args: str, db: Path | None = None) -> Result:
    extra = ["--db", str(db)] if db else []
    return CliRunner().invoke(cli, ["guide", *extra, *args], prog_name="painmood")


def test_guide_lists_every_card_with_the_not_medical_advice_line():
    out = guide().stdout
    assert "not medical advice" in " ".join(out.split())
    for card in guidance.library():
        assert card.id in out and card.title in out


def test_guide_prints_a_card_in_plain_text_with_its_sources():
    result = guide("safety")
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "988" in out and "116 123" in out and "not medical advice" in out
    assert "Sources: - Can Depression Cause Pain In Back" in out
    assert "**" not in result.stdout


def test_guide_topic_list_shows_only_that_topic():
    out = guide("what-helps", "--list").stdout
    assert "talk-therapy" in out and "mind-body-stress" in out
    assert "inflammation" not in out and "seek-help" not in out


def test_guide_for_me_puts_seek_help_and_safety_first_after_two_low_weeks(tmp_path: Path):
    db = tmp_path / "diary.db"
    real_today = dt.date.today()  # the command works on the real local date
    with closing(Store(db)) as store:
        for n in range(14):
            store.save(CheckIn(day=real_today - dt.timedelta(days=n), pain=5, mood=2))
    result = guide("--for-me", db=db)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("When to seek help for low mood") < out.index(
        "If you are thinking of harming yourself\n"
    )
    assert out.count("Why now:") >= 2
    assert "mood was 3 or lower on 14 of the last 14 days" in " ".join(out.split())


def test_guide_for_me_on_an_empty_diary_offers_the_card_on_the_numbers(tmp_path: Path):
    Store(tmp_path / "new.db").close()  # an empty diary (a missing one is "There is no diary")
    result = guide("--for-me", "--list", db=tmp_path / "new.db")
    assert result.exit_code == 0
    assert "what-your-numbers-mean" in result.stdout
    assert "no check-ins yet" in result.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [(["no-such-card"], "No guidance card or topic matches"), (["--for-me", "safety"], "not both")],
)
def test_guide_refuses_bad_input_with_one_line(args: list[str], says: str):
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "guide", *args], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert says in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr and done.stdout == ""
