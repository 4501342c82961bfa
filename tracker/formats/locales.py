"""Month, weekday and standard mood names in the languages Daylio exports in.

A Daylio export is written in the phone's language: `7 września` (Polish),
`16 de octubre` (Spanish), and the five standard moods under their translated
names. This table lets the Daylio reader parse such dates and recognise the
standard moods; iMoodJournal's dates use it too.

Sources:
- Month and weekday names: the Unicode CLDR calendar data for each language
  (the "format, wide" names, plus the stand-alone forms where a language
  declines the month, as Polish and Russian do: `września` / `wrzesień`),
  and English three-letter abbreviations.
- Mood names: English is Daylio's own set (rad, good, meh, bad, awful),
  documented by public Daylio parsers (daylio-csv-parser, the .daylio
  converters). The Polish set and the Spanish `mal` appear in published
  Polish and Spanish Daylio exports. The other languages' names are Daylio's
  translations as the app shows them; they were not confirmed against a
  published export, so every non-English mood name the reader uses is listed
  in its remarks, and `--mood-map` overrides any of them.

Levels run 1 (Daylio's top mood, "rad") to 5 ("awful"), as Daylio's backup
numbers its mood groups.
"""

from __future__ import annotations

LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "es": "Spanish",
    "pt": "Portuguese",
    "fr": "French",
    "de": "German",
    "it": "Italian",
    "pl": "Polish",
    "nl": "Dutch",
    "ru": "Russian",
}

# January first; several spellings of one month sit in one string, "/"-separated.
_MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "january/jan",
        "february/feb",
        "march/mar",
        "april/apr",
        "may",
        "june/jun",
        "july/jul",
        "august/aug",
        "september/sep/sept",
        "october/oct",
        "november/nov",
        "december/dec",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre/setiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    "pt": (
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "de": (
        "januar/jänner",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ),
    "it": (
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ),
    "pl": (
        "stycznia/styczeń",
        "lutego/luty",
        "marca/marzec",
        "kwietnia/kwiecień",
        "maja/maj",
        "czerwca/czerwiec",
        "lipca/lipiec",
        "sierpnia/sierpień",
        "września/wrzesień",
        "października/październik",
        "listopada/listopad",
        "grudnia/grudzień",
    ),
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "ru": (
        "января/январь",
        "февраля/февраль",
        "марта/март",
        "апреля/апрель",
        "мая/май",
        "июня/июнь",
        "июля/июль",
        "августа/август",
        "сентября/сентябрь",
        "октября/октябрь",
        "ноября/ноябрь",
        "декабря/декабрь",
    ),
}

# Monday first.
_WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": (
        "monday/mon",
        "tuesday/tue",
        "wednesday/wed",
        "thursday/thu",
        "friday/fri",
        "saturday/sat",
        "sunday/sun",
    ),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "pt": (
        "segunda-feira/segunda",
        "terça-feira/terça",
        "quarta-feira/quarta",
        "quinta-feira/quinta",
        "sexta-feira/sexta",
        "sábado",
        "domingo",
    ),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "de": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    "pl": ("poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela"),
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "ru": ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"),
}

# Daylio's five standard moods, top (level 1) to bottom (level 5).
_MOODS: dict[str, tuple[str, str, str, str, str]] = {
    "en": ("rad", "good", "meh", "bad", "awful"),
    "es": ("genial", "bien", "normal", "mal", "horrible"),
    "pt": ("radiante", "bem", "mais ou menos", "mal", "horrível"),
    "fr": ("super", "bien", "bof", "mal", "horrible"),
    "de": ("super", "gut", "okay", "schlecht", "schrecklich"),
    "it": ("raggiante", "bene", "così così", "male", "terribile"),
    "pl": ("wspaniale", "dobrze", "tak sobie", "źle", "okropnie"),
    "nl": ("geweldig", "goed", "oké", "slecht", "verschrikkelijk"),
    "ru": ("супер", "хорошо", "так себе", "плохо", "ужасно"),
}


def _index(table: dict[str, tuple[str, ...]]) -> dict[str, dict[str, int]]:
    """name -> {language: number from 1} for every spelling in `table`."""
    found: dict[str, dict[str, int]] = {}
    for language, names in table.items():
        for number, spellings in enumerate(names, start=1):
            for name in spellings.split("/"):
                found.setdefault(name, {})[language] = number
    return found


# Lower-case name -> {language: month 1-12 / weekday 1-7 (Monday 1) / mood level 1-5}.
MONTHS: dict[str, dict[str, int]] = _index(_MONTHS)
WEEKDAYS: dict[str, dict[str, int]] = _index(_WEEKDAYS)
MOOD_LEVELS: dict[str, dict[str, int]] = _index(dict(_MOODS))


def standard_moods(language: str) -> tuple[str, ...]:
    """Daylio's five standard mood names in `language`, top first."""
    return _MOODS[language]
