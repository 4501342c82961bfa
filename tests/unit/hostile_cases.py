"""The hostile-input corpus: command lines and files a person might hand painmood.

Each Case is one command line run by tests/unit/test_hostile_input.py against
a copy of a small diary (first day FIRST). The files are written here byte by
byte, so the corpus needs nothing outside the repository.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import random
from dataclasses import dataclass

TODAY = dt.date.today()  # the CLI works on the real local date
FIRST = TODAY - dt.timedelta(days=3)
TOMORROW = TODAY + dt.timedelta(days=1)
LONG = "x" * 10_000
HUGE_400 = "9" * 400
HUGE_5000 = "9" * 5000

PM_HEADER = (
    "day,pain,mood,sleep_hours,sleep_quality,stress,anxiety,fatigue,activity_minutes,tags,note"
)
DAYLIO_HEADER = "full_date,date,weekday,time,mood,activities,note_title,note"
BEARABLE_HEADER = "date,weekday,time of day,category,rating/amount,detail,notes"
FORMATS = ("painmood-csv", "painmood-json", "daylio", "bearable")


@dataclass(frozen=True)
class Case:
    """One command line; `@/name` in an argument is the file `name` written from `files`."""

    id: str
    args: tuple[str, ...]
    code: int = 2
    files: tuple[tuple[str, bytes], ...] = ()
    words: str = ""  # expected in the output
    writes: bool = False  # a valid write: the diary must change
    fresh: bool = False  # no diary beforehand, and none may be created
    fifo: str | None = None  # a named pipe made at @/<name>
    lines: int = 3  # most lines of output (a valid listing may need more)
    damage: str = ""  # SQL run on the diary copy first (a row changed outside painmood)


def pm_csv(*rows: str) -> bytes:
    return ("\r\n".join((PM_HEADER, *rows)) + "\r\n").encode()


def pm_row(day: str = "2020-01-01", pain: str = "3", mood: str = "", note: str = "") -> str:
    return f"{day},{pain},{mood},,,,,,,,{note}"


def pm_json(*entries: object, version: object = 1) -> bytes:
    return json.dumps(
        {"format": "painmood", "version": version, "checkins": list(entries)}
    ).encode()


def daylio(*rows: str) -> bytes:
    return ("\n".join((DAYLIO_HEADER, *rows)) + "\n").encode()


def bearable(*rows: str) -> bytes:
    return ("\n".join((BEARABLE_HEADER, *rows)) + "\n").encode()


VALID_CSV = pm_csv(pm_row("2020-01-01", "3", "6"))
VALID_JSON = pm_json({"day": "2020-01-01", "pain": 3, "mood": 6})
VALID_DAYLIO = daylio('2020-01-01,January 1,Wednesday,9:00 am,good,"walk","",""')
VALID_BEARABLE = bearable("1st Jan 2020,Wednesday,am,Mood,7,,")


def log(case_id: str, *args: str, code: int = 2, words: str = "", writes: bool = False) -> Case:
    return Case(f"log-{case_id}", ("log", *args), code, words=words, writes=writes)


def imp(
    case_id: str,
    data: bytes,
    *options: str,
    code: int = 2,
    words: str = "",
    writes: bool = False,
    lines: int = 3,
) -> Case:
    return Case(
        f"import-{case_id}",
        ("import", "@/file", *options),
        code,
        files=(("file", data),),
        words=words,
        writes=writes,
        lines=lines,
    )


# --- log --------------------------------------------------------------------------
LOG_CASES = [
    *(
        log(f"blank-{o}-{i}", f"--{o}", v, "--pain", "3")
        if o not in ("pain",)
        else log(f"blank-{o}-{i}", f"--{o}", v)
        for o in ("pain", "mood", "stress", "sleep-hours", "activity-minutes", "note")
        for i, v in enumerate(("", " ", "\t"))
    ),  # fmt: skip
    log("blank-tag", "--pain", "3", "--tag", "", words="--tag is empty"),
    log("blank-second-tag", "--pain", "3", "--tag", "yoga", "--tag", " "),
    log("pain-400-digits", "--pain", HUGE_400, words="a number of 400 digits"),
    log("pain-5000-digits", "--pain", HUGE_5000, words="a number of 5000 digits"),
    log("pain-minus-400-digits", "--pain", "-" + HUGE_400),
    log("mood-5000-digits", "--mood", HUGE_5000),
    log("sleep-400-digits", "--pain", "3", "--sleep-hours", HUGE_400 + ".5"),
    log("activity-5000-digits", "--pain", "3", "--activity-minutes", HUGE_5000),
    log("pain-exponent", "--pain", "1e400"),
    log("pain-hex", "--pain", "0x5"),
    log("pain-arabic-digit", "--pain", "٣"),
    log("pain-two-numbers", "--pain", "5 5"),
    log("pain-fraction", "--pain", "5.5"),
    log("pain-nan", "--pain", "nan"),
    log("sleep-inf", "--pain", "3", "--sleep-hours", "inf"),
    log("pain-11", "--pain", "11"),
    log("pain-10k-chars", "--pain", LONG, words="(10000 characters)"),
    log("note-10k-chars", "--pain", "3", "--note", LONG, words="limit is 2000"),
    log("tag-10k-chars", "--pain", "3", "--tag", LONG, words="(10000 characters)"),
    log("day-10k-chars", "--pain", "3", "--day", LONG, words="(10000 characters)"),
    log("day-0024", "--pain", "3", "--day", "0024-01-01", words="before 1900"),
    log("day-1899", "--pain", "3", "--day", "1899-12-31", words="before 1900"),
    log("day-0001", "--pain", "3", "--day", "0001-01-01"),
    log("day-feb-30", "--pain", "3", "--day", "2024-02-30", words="not a day of the calendar"),
    log("day-feb-29-2023", "--pain", "3", "--day", "2023-02-29"),
    log("day-month-13", "--pain", "3", "--day", "2024-13-01"),
    log("day-future", "--pain", "3", "--day", TOMORROW.isoformat(), words="future"),
    log("day-9999", "--pain", "3", "--day", "9999-12-31"),
    log("day-unpadded", "--pain", "3", "--day", "2024-1-1"),
    log("day-five-digit-year", "--pain", "3", "--day", "20240-01-01"),
    log("day-empty", "--pain", "3", "--day", ""),
    log("day-slashes", "--pain", "3", "--day", "01/02/2024"),
    log("day-tomorrow-word", "--pain", "3", "--day", "tomorrow"),
    log(
        "day-years-before-the-diary",
        "--pain",
        "3",
        "--day",
        (FIRST - dt.timedelta(days=800)).isoformat(),
        words="--force",
    ),  # fmt: skip
    log("note-surrogate", "--pain", "3", "--note", "bad \udcff byte", words="not UTF-8"),
    log("note-high-surrogate", "--pain", "3", "--note", "\ud800"),
    log("tag-surrogate", "--pain", "3", "--tag", "\udcff"),
    log("note-escape-codes", "--pain", "3", "--note", "hi\x1b[2J"),
    log("note-nul", "--pain", "3", "--note", "a\x00b"),
    log("tag-nul", "--pain", "3", "--tag", "a\x00b"),
    log("tag-two-words", "--pain", "3", "--tag", "two words"),
    log("tags-21", "--pain", "3", *(f"--tag=t{i}" for i in range(21)), words="At most 20"),
    log("nothing-to-save", words="Nothing to save"),
    log("factors-only-on-a-new-day", "--stress", "4"),
    log("clear-pain-and-mood", "--day", FIRST.isoformat(), "--clear", "pain", "--clear", "mood"),
    log("clear-and-set-pain", "--clear", "pain", "--pain", "3", words="contradict"),
    log("clear-unknown-field", "--clear", "colour"),
    log("clear-an-empty-day", "--clear", "stress", code=1, words="no check-in"),
    log("unknown-option", "--pain", "3", "--bogus"),
    log("missing-option-value", "--pain"),
    log("valid-plus-sign", "--pain", "+5", code=0, writes=True),
    log("valid-minus-zero", "--pain", "-0", code=0, writes=True),
    log("valid-day-word-with-spaces", "--pain", "4", "--day", " Today ", code=0, writes=True),
    log("valid-clear-stress", "--day", FIRST.isoformat(), "--clear", "stress", code=0, writes=True),
    log(
        "valid-early-day-with-force",
        "--pain",
        "3",
        "--force",
        "--day",
        (FIRST - dt.timedelta(days=800)).isoformat(),
        code=0,
        writes=True,
    ),  # fmt: skip
]

# A day an older painmood accepted before days before 1900 were refused.
OLD_DAY = "UPDATE checkins SET day = '0024-01-01' WHERE day = (SELECT min(day) FROM checkins)"

# --- delete and show ---------------------------------------------------------------------
DELETE_SHOW_CASES = [
    *(
        Case(f"delete-{i}", ("delete", day))
        for i, day in enumerate(
            (
                "2024-02-30",
                "",
                " ",
                LONG,
                "tomorrow",
                TOMORROW.isoformat(),
                "\udcff",
                "2024-13-01",
                "2024/01/01",
                HUGE_5000,
            )
        )
    ),  # fmt: skip
    Case("delete-no-argument", ("delete",)),
    Case("delete-two-arguments", ("delete", "today", "yesterday")),
    Case("delete-a-day-without-check-in", ("delete", "2020-01-01"), code=1, words="no check-in"),
    Case("delete-year-0024-not-there", ("delete", "0024-01-01"), code=1, words="no check-in"),
    Case(
        "delete-year-0024-stored-by-an-old-painmood",
        ("delete", "0024-01-01"),
        code=0,
        writes=True,
        damage=OLD_DAY,
    ),  # fmt: skip
    Case(
        "show-all-with-a-day-stored-by-an-old-painmood",
        ("show", "--all"),
        code=0,
        lines=6,
        damage=OLD_DAY,
    ),  # fmt: skip
    Case("delete-valid", ("delete", FIRST.isoformat()), code=0, writes=True),
    *(
        Case(f"show-days-{i}", ("show", "--days", days))
        for i, days in enumerate(
            ("99999999999", "36601", "0", "-1", "abc", "", LONG, HUGE_5000, "1.5")
        )
    ),  # fmt: skip
    Case("show-unknown-option", ("show", "--weeks", "2")),
    Case("stats-days-huge", ("stats", "--days", "99999999999"), words="1<=x<=36600"),
    Case("chart-days-huge", ("chart", "trend", "--days", "99999999999"), words="1<=x<=36600"),
    Case("show-valid-all", ("show", "--all"), code=0, words="3 check-ins over 3 days", lines=5),
    Case("show-valid-json", ("show", "--json", "--days", "36600"), code=0, lines=50),
]

# --- import: the same hostile bytes under every format the importer knows ------------------
RANDOM = random.Random(10).randbytes(3000)
GENERIC_FILES: dict[str, bytes] = {
    "empty": b"",
    "whitespace": b"  \r\n\t\n",
    "bom-only": codecs.BOM_UTF8,
    "utf16-bom-only": codecs.BOM_UTF16_LE,
    "random-bytes": RANDOM,
    "nul-bytes": b"\x00" * 64,
    "zip-header": b"PK\x03\x04" + RANDOM[:200],
    "sqlite-file": b"SQLite format 3\x00" + RANDOM[:200],
    "utf16-cut-in-half": VALID_CSV.decode().encode("utf-16")[:-1],
    "latin1-note": pm_csv(pm_row(note="café")).decode().encode("latin-1"),
    "truncated-json": VALID_JSON[:-7],
    "unterminated-quote": PM_HEADER.encode() + b'\n2020-01-01,3,,,,,,,,,"never closed\n',
    "header-10k-chars": (LONG + "\n1,2\n").encode(),
    "pdf": b"%PDF-1.7\n" + RANDOM[:300],
}
GENERIC_CASES = [
    imp(f"{name}-as-{fmt or 'detected'}", data, *(("--format", fmt) if fmt else ()))
    for name, data in GENERIC_FILES.items()
    for fmt in (None, *FORMATS)
]

IMPORT_CASES = [
    # painmood CSV
    imp("csv-pain-400-digits", pm_csv(pm_row(pain=HUGE_400)), words="400 digits"),
    imp("csv-pain-5000-digits", pm_csv(pm_row(pain=HUGE_5000)), words="5000 digits"),
    imp("csv-pain-10k-chars", pm_csv(pm_row(pain=LONG)), words="(10000 characters)"),
    imp("csv-note-10k-chars", pm_csv(pm_row(note=LONG)), words="limit is 2000"),
    imp("csv-day-feb-30", pm_csv(pm_row("2024-02-30"))),
    imp("csv-day-0024", pm_csv(pm_row("0024-01-01")), words="before 1900"),
    imp("csv-day-future", pm_csv(pm_row("9999-01-01")), words="future"),
    imp("csv-day-empty", pm_csv(pm_row(""))),
    imp("csv-day-twice", pm_csv(pm_row(), pm_row()), words="already on row 2"),
    imp("csv-duplicate-column", (PM_HEADER + ",pain\n").encode(), words="appears 2 times"),
    imp(
        "csv-missing-column",
        b"day,pain,mood\n2020-01-01,3,4\n",
        words="the header lacks sleep_hours",
    ),
    imp("csv-row-truncated", pm_csv("2020-01-01,3"), words="truncated"),
    imp("csv-row-extra-cells", pm_csv(pm_row() + ",x"), words="extra cells"),
    imp("csv-no-score", pm_csv(pm_row(pain=""))),
    imp("csv-bad-tag", pm_csv("2020-01-01,3,,,,,,,,two words!,")),
    # painmood JSON
    imp("json-pain-400-digits", pm_json({"day": "2020-01-01", "pain": int(HUGE_400)})),
    imp("json-pain-5000-digits", f'[{{"day": "2020-01-01", "pain": {HUGE_5000}}}]'.encode()),
    imp("json-pain-1e400", b'[{"day": "2020-01-01", "pain": 1e400}]'),
    imp("json-version-text", pm_json(version="1"), words="not in quotes"),
    imp("json-version-true", pm_json(version=True)),
    imp("json-version-3", pm_json(version=3), words="newer painmood"),
    imp("json-version-0", pm_json(version=0)),
    imp(
        "json-timestamp-year-1",
        pm_json({"day": "2020-01-01", "pain": 3, "updated_at": "0001-01-01T00:00:00+01:00"}),
        words="out of range",
    ),  # fmt: skip
    imp(
        "json-timestamp-year-9999",
        pm_json({"day": "2020-01-01", "pain": 3, "created_at": "9999-12-31T23:00:00-05:00"}),
        words="out of range",
    ),  # fmt: skip
    imp("json-timestamp-words", pm_json({"day": "2020-01-01", "pain": 3, "updated_at": LONG})),
    imp(
        "json-note-surrogate",
        b'[{"day": "2020-01-01", "pain": 3, "note": "a\\udc80b"}]',
        words="not UTF-8",
    ),  # fmt: skip
    imp("json-tag-surrogate", b'[{"day": "2020-01-01", "pain": 3, "tags": ["\\ud800"]}]'),
    imp("json-day-number", b'[{"day": 20200101, "pain": 3}]'),
    imp("json-day-0024", pm_json({"day": "0024-01-01", "pain": 3})),
    imp("json-pain-text", pm_json({"day": "2020-01-01", "pain": "3"}), words="must be a number"),
    imp("json-tags-text", pm_json({"day": "2020-01-01", "pain": 3, "tags": "yoga"})),
    imp("json-unknown-field", pm_json({"day": "2020-01-01", "pain": 3, "colour": "red"})),
    imp("json-entry-not-object", b"[5]"),
    imp("json-a-number", b"5"),
    imp("json-a-string", b'"painmood"'),
    imp("json-other-app", b'{"format": "other", "entries": []}'),
    imp("json-checkins-not-list", b'{"format": "painmood", "version": 1, "checkins": {}}'),
    imp("json-nested-deeply", b"[" * 100_000 + b"]" * 100_000, words="nested too deeply"),
    imp(
        "json-day-twice",
        pm_json({"day": "2020-01-01", "pain": 3}, {"day": "2020-01-01", "pain": 4}),
    ),
    # Daylio and Bearable
    imp("daylio-bad-date", daylio('2020-02-30,February 30,Monday,9:00 am,good,"","",""')),
    imp("daylio-future", daylio('9999-01-01,January 1,Friday,9:00 am,good,"","",""')),
    imp("daylio-duplicate-mood-column", (DAYLIO_HEADER + ",mood\n").encode(), words="appears 2"),
    imp("daylio-row-truncated", daylio("2020-01-01,January 1"), words="truncated"),
    imp(
        "daylio-unknown-mood",
        daylio('2020-01-01,January 1,Wednesday,9:00 am,ecstatic,"","",""'),
        words="--mood-map",
    ),  # fmt: skip
    imp("daylio-bad-mood-map", VALID_DAYLIO, "--mood-map", "great=eleven", words="--mood-map"),
    imp("daylio-mood-map-10k", VALID_DAYLIO, "--mood-map", LONG),
    imp("bearable-bad-date", bearable("30th Feb 2020,Sunday,am,Mood,7,,")),
    imp("bearable-rating-5000-digits", bearable(f"1st Jan 2020,Wednesday,am,Mood,{HUGE_5000},,")),
    imp("bearable-year-0024", bearable("1st Jan 0024,Wednesday,am,Mood,7,,")),
    imp("bearable-duplicate-category", (BEARABLE_HEADER + ",category\n").encode()),
    # the file argument and the options
    Case("import-missing-file", ("import", "@/nothing-here")),
    Case("import-a-folder", ("import", "@/")),
    Case("import-a-pipe", ("import", "@/pipe"), fifo="pipe", words="not a regular file"),
    Case("import-dev-zero", ("import", "/dev/zero"), words="not a regular file"),
    imp("bad-format-option", VALID_CSV, "--format", "excel"),
    imp("bad-conflict-option", VALID_CSV, "--on-conflict", "merge"),
    imp("csv-as-daylio", VALID_CSV, "--format", "daylio", words="not the header of a Daylio"),
    imp("csv-as-json", VALID_CSV, "--format", "painmood-json"),
    imp("json-as-csv", VALID_JSON, "--format", "painmood-csv"),
    imp("daylio-as-bearable", VALID_DAYLIO, "--format", "bearable"),
    # valid files: exit 0, and a dry run writes nothing
    imp("valid-csv", VALID_CSV, code=0, writes=True, words="Added 1"),
    imp("valid-json", VALID_JSON, code=0, writes=True),
    imp("valid-daylio", VALID_DAYLIO, code=0, writes=True),
    imp("valid-bearable", VALID_BEARABLE, code=0, writes=True),
    imp("valid-utf16-csv", VALID_CSV.decode().encode("utf-16"), code=0, writes=True),
    imp("valid-utf16be-no-bom", VALID_CSV.decode().encode("utf-16-be"), code=0, writes=True),
    imp("valid-utf8-bom-json", codecs.BOM_UTF8 + VALID_JSON, code=0, writes=True),
    imp("valid-header-only", pm_csv(), code=0, words="Read 0 rows"),
    *(
        imp(f"dry-run-{name}", data, "--dry-run", code=0, words="Would add 1", lines=5)
        for name, data in (
            ("csv", VALID_CSV),
            ("json", VALID_JSON),
            ("daylio", VALID_DAYLIO),
            ("bearable", VALID_BEARABLE),
        )
    ),  # fmt: skip
]

# --- into a diary that does not exist yet: refused input creates nothing --------------
FRESH_CASES = [
    Case(
        f"fresh-{case.id}",
        case.args,
        case.code,
        case.files,
        case.words,
        fresh=True,
        lines=case.lines,
    )  # fmt: skip
    for case in (
        log("blank", "--pain", ""),
        log("huge", "--pain", HUGE_5000),
        log("surrogate", "--pain", "3", "--note", "\udcff"),
        imp("random", RANDOM),
        imp("huge-json", pm_json({"day": "2020-01-01", "pain": int(HUGE_400)})),
        imp("dry-run", VALID_CSV, "--dry-run", code=0, lines=4),
        Case("delete", ("delete", "2024-02-30")),
    )
]

# --- a diary whose row was changed outside painmood -----------------------------------
BAD_TAGS = "UPDATE checkins SET tags = 'not json' WHERE day = (SELECT min(day) FROM checkins)"
TAGS_NOT_A_LIST = "UPDATE checkins SET tags = '\"yoga\"'"
BAD_DAY = "UPDATE checkins SET day = '2024-13-45' WHERE day = (SELECT min(day) FROM checkins)"
DAMAGED_CASES = [
    Case(f"damaged-{name}-{what}", args, damage=sql, words="The diary is damaged at")
    for name, sql in (("tags", BAD_TAGS), ("tags-not-a-list", TAGS_NOT_A_LIST), ("day", BAD_DAY))
    for what, args in (
        ("show", ("show",)),
        ("show-all", ("show", "--all")),
        ("show-json", ("show", "--json")),
        ("show-all-json", ("show", "--all", "--json")),
        ("log-first-day", ("log", "--day", FIRST.isoformat(), "--pain", "2")),
        ("delete-first-day", ("delete", FIRST.isoformat())),
        ("import-onto-it", ("import", "@/file")),
        ("dry-run-onto-it", ("import", "@/file", "--dry-run")),
    )
    if name != "day" or what in ("show-all", "show-all-json")
]
DAMAGED_CASES = [
    Case(c.id, c.args, files=(("file", pm_csv(pm_row(FIRST.isoformat(), "2"))),) if
         "import" in c.args else (), damage=c.damage, words=c.words)
    for c in DAMAGED_CASES
]  # fmt: skip

CASES = LOG_CASES + DELETE_SHOW_CASES + GENERIC_CASES + IMPORT_CASES + FRESH_CASES + DAMAGED_CASES
