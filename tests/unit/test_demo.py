"""The demo diary: reproducible, shows its built-in effect, and never touches the real diary."""

from __future__ import annotations

import datetime as dt
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tracker import demo
from tracker.model import CheckIn, PainmoodError
from tracker.store import Store

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "sample-diary.csv"
END = dt.date(2026, 3, 15)


def run_painmood(*args: str, env_db: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real console entry point in a child process, as a person would run it."""
    env = dict(os.environ)
    env.pop("PAINMOOD_DB", None)
    if env_db is not None:
        env["PAINMOOD_DB"] = str(env_db)
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def calendar_series(checkins: list[CheckIn]) -> tuple[np.ndarray, np.ndarray]:
    """Pain and mood by calendar day, NaN on days without a check-in."""
    start = checkins[0].day
    length = (checkins[-1].day - start).days + 1
    pain = np.full(length, np.nan)
    mood = np.full(length, np.nan)
    for checkin in checkins:
        pain[(checkin.day - start).days] = checkin.pain
        mood[(checkin.day - start).days] = checkin.mood
    return pain, mood


def lag1_r(cause: np.ndarray, effect: np.ndarray) -> float:
    """Raw Pearson r of cause on day t with effect on day t+1, over days with both."""
    x, y = cause[:-1], effect[1:]
    both = ~np.isnan(x) & ~np.isnan(y)
    return float(np.corrcoef(x[both], y[both])[0, 1])


def expected_lag1_r() -> float:
    """The model's stationary lag-1 correlation, worked out by hand from its constants.

    Pain P and mood M (centred) follow P_t = a P_{t-1} + e, M_t = c M_{t-1} + b P_{t-1} + u.
    Cov(P_t, M_{t+1}) = b V_P / (1 - a c); Var(M) from the same recursion, plus the
    weekday pattern's and rounding's variance (clamping to 0-10 is ignored).
    """
    a, c, b = demo.PAIN_PERSISTENCE, demo.MOOD_PERSISTENCE, demo.PAIN_TO_NEXT_DAY_MOOD
    var_pain = demo.PAIN_NOISE**2 / (1 - a**2)
    cov_same_day = a * b * var_pain / (1 - a * c)
    cov_next_day = b * var_pain / (1 - a * c)
    var_mood = (b**2 * var_pain + 2 * c * b * cov_same_day + demo.MOOD_NOISE**2) / (1 - c**2)
    var_mood += float(np.mean(np.square(demo.MOOD_WEEKDAY)))
    rounding = 1 / 12
    return cov_next_day / math.sqrt((var_pain + rounding) * (var_mood + rounding))


class TestGenerator:
    def test_same_seed_same_diary_and_another_seed_differs(self) -> None:
        first = demo.generate_diary(days=200, seed=11, end=END)
        again = demo.generate_diary(days=200, seed=11, end=END)
        other = demo.generate_diary(days=200, seed=12, end=END)
        assert first == again
        assert [c.note for c in first] == [c.note for c in again]
        assert first != other

    def test_diary_ends_on_the_end_day_with_about_a_tenth_of_days_missing(self) -> None:
        for seed in range(5):
            diary = demo.generate_diary(days=365, seed=seed, end=END)
            days = [c.day for c in diary]
            assert days[-1] == END
            assert days[0] >= END - dt.timedelta(days=364)
            assert days == sorted(set(days))
            assert 0.04 <= 1 - len(diary) / 365 <= 0.16

    def test_every_day_is_a_valid_check_in_with_whole_scores(self) -> None:
        diary = demo.generate_diary(days=365, seed=3, end=END)
        for checkin in diary:
            assert CheckIn.create(today=END, **checkin.to_dict()) == checkin
            for name in ("pain", "mood", "sleep_quality", "stress", "anxiety", "fatigue"):
                value = getattr(checkin, name)
                assert value is None or (isinstance(value, int) and 0 <= value <= 10)
        assert any(c.note and not c.note.isascii() for c in diary)
        assert {"physio", "yoga", "ibuprofen", "walk"} <= {t for c in diary for t in c.tags}
        assert any(c.sleep_hours is None for c in diary)
        assert any(c.sleep_hours is not None for c in diary)

    def test_pain_lowers_next_day_mood_as_built_in(self) -> None:
        expected = expected_lag1_r()
        assert -0.6 < expected < -0.3  # the model's constants still describe a clear effect
        forward, backward = [], []
        for seed in range(6):
            pain, mood = calendar_series(demo.generate_diary(days=365, seed=seed, end=END))
            forward.append(lag1_r(pain, mood))
            backward.append(lag1_r(mood, pain))
        assert all(r < -0.25 for r in forward)
        assert abs(float(np.mean(forward)) - expected) < 0.1
        # Mood has no effect on pain: the reverse raw r is only persistence's echo.
        assert all(abs(b) < abs(f) for f, b in zip(forward, backward, strict=True))
        assert abs(float(np.mean(backward))) < 0.3


class TestSampleFile:
    def test_regenerating_the_sample_gives_identical_bytes(self, tmp_path: Path) -> None:
        out = tmp_path / "sample.csv"
        demo.main(["--csv", str(out), "--days", "365", "--seed", "7", "--end", "2026-03-15"])
        assert out.read_bytes() == SAMPLE.read_bytes()

    def test_painmood_reads_the_sample_back_as_the_generated_diary(self) -> None:
        from tracker.formats.csv_format import read_painmood_csv

        result = read_painmood_csv(SAMPLE.read_text(encoding="utf-8"), today=END)
        assert result.checkins == demo.generate_diary(days=365, seed=7, end=END)

    def test_sample_has_the_csv_layout_and_no_formula_like_notes(self) -> None:
        import csv

        with SAMPLE.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert ",".join(rows[0]) == (
            "day,pain,mood,sleep_hours,sleep_quality,stress,anxiety,fatigue,"
            "activity_minutes,tags,note"
        )
        body = rows[1:]
        assert len(body) > 300
        assert [r[0] for r in body] == sorted(r[0] for r in body)
        assert body[-1][0] == "2026-03-15"
        assert any(";" in r[9] for r in body)
        assert not any(r[10][:1] in ("=", "+", "-", "@") for r in body)


class TestDemoCommand:
    @pytest.fixture
    def real_db(self, tmp_path: Path) -> Path:
        """A person's own diary with one check-in, closed so its bytes are final."""
        path = tmp_path / "mine" / "painmood.db"
        with Store(path) as store:
            store.save(CheckIn.create(day="2026-01-02", pain=6, mood=3, note="mine"))
        return path

    @pytest.mark.parametrize("how", ["--db", "PAINMOOD_DB"])
    def test_demo_goes_beside_the_real_diary_and_leaves_it_untouched(
        self, real_db: Path, how: str
    ) -> None:
        before = real_db.read_bytes()
        if how == "--db":
            result = run_painmood("--db", str(real_db), "demo", "--days", "40", "--no-open")
        else:
            result = run_painmood("demo", "--days", "40", "--no-open", env_db=real_db)
        assert result.returncode == 0, result.stderr
        assert real_db.read_bytes() == before
        demo_db = real_db.with_name("demo.db")
        with Store(demo_db) as store:
            assert 25 <= store.count() <= 40
            assert all(c.note != "mine" for c in store.checkins())
        with Store(real_db) as store:
            assert store.count() == 1

    @pytest.mark.parametrize("how", ["--db", "PAINMOOD_DB"])
    def test_demo_refuses_the_real_diary_as_its_target(self, real_db: Path, how: str) -> None:
        before = real_db.read_bytes()
        same_file_other_spelling = real_db.parent / ".." / "mine" / "painmood.db"
        args = ["demo", "--no-open", "--db", str(same_file_other_spelling)]
        if how == "--db":
            result = run_painmood("--db", str(real_db), *args)
        else:
            result = run_painmood(*args, env_db=real_db)
        assert result.returncode == 2
        assert "your own diary" in result.stderr
        assert "Traceback" not in result.stderr
        assert real_db.read_bytes() == before

    def test_rerun_replaces_the_demo_diary(self, real_db: Path) -> None:
        run_painmood("--db", str(real_db), "demo", "--days", "200", "--no-open")
        result = run_painmood("--db", str(real_db), "demo", "--days", "20", "--no-open")
        assert result.returncode == 0, result.stderr
        assert "replacing" in result.stdout
        with Store(real_db.with_name("demo.db")) as store:
            span = store.span()
            assert span is not None
            assert (span[1] - span[0]).days < 20

    def test_a_diary_the_demo_did_not_make_is_never_replaced(self, real_db: Path) -> None:
        before = real_db.read_bytes()
        diary = demo.generate_diary(days=10, seed=1, end=END)
        with pytest.raises(PainmoodError, match="did not make"):
            demo.write_demo_diary(real_db, diary, "seed=1 days=10")
        assert real_db.read_bytes() == before
