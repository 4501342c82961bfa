"""`painmood questionnaire`: answer PHQ-9, GAD-7 or PEG from the shell, list and show results.

Safety comes before numbers: when PHQ-9 question 9 is answered above 0 the
safety card is printed first, before the score (on stderr with `--json`, so
the JSON on stdout stays one object). PHQ-9 or GAD-7 at 10 or more brings
the seek-help card with the person's own score. A result never diagnoses.
"""

from __future__ import annotations

import textwrap

import click

from ..questionnaires import INSTRUMENTS, Instrument, Result, instrument, parse_answers
from .common import ExitCode, day_argument, db_option, db_path_from, echo_json, store_from
from .guide_command import _width, render_card


def _reading_store(ctx: click.Context):  # noqa: ANN202 - tracker.store.Store
    """The diary for listing and showing: never created just to say it is empty."""
    from ..diary_file import NoDiary

    path = db_path_from(ctx)
    if not path.exists():
        raise NoDiary(f"There is no diary at {path}.")
    return store_from(ctx)


def safety_text(width: int) -> str:
    """The safety card, as `painmood guide safety` prints it."""
    from ..guidance import safety_card

    return render_card(safety_card(), width)


def seek_help_reason(result: Result) -> str:
    """Why the seek-help card is shown, in the person's own score."""
    return (
        f"Your {result.instrument.name} score is {result.score_text()} "
        f"('{result.band_name}' band), 10 or more on its published scale. Show it to "
        "your doctor; a clinician interprets it."
    )


def seek_help_text(result: Result, width: int) -> str:
    from ..guidance import SEEK_HELP_ID, card_by_id

    card = card_by_id(SEEK_HELP_ID)
    if card is None:  # the library always has it; a stripped install still says why
        return seek_help_reason(result)
    return render_card(card, width, reason=seek_help_reason(result))


def questions_text(inst: Instrument, width: int) -> str:
    """The questionnaire as published, to read before answering with --answers."""
    out = [inst.title, "", textwrap.fill(inst.preamble, width)]
    for number, item in enumerate(inst.items, start=1):
        note = "" if item.scored else " (not scored)"
        out.append("")
        out.append(textwrap.fill(f"{number}. {item.text}{note}", width, subsequent_indent="   "))
        if item.anchors:
            out.append(f"   0 = {item.anchors[0]} ... 10 = {item.anchors[1]}")
        else:
            out += [f"   {choice.value} = {choice.text}" for choice in item.choices]
    count = len(inst.items)
    example = ",".join(["0"] * count)
    out += ["", f"Answer with: painmood questionnaire {inst.key} --answers {example}"]
    out.append("(leave a place empty, as in 1,,2, for a question you do not answer)")
    return "\n".join(out)


def result_lines(result: Result, width: int) -> list[str]:
    """The saved result: score and what its band means on the published scale."""
    return [textwrap.fill(result.meaning(), width)]


def _answer_lines(result: Result) -> list[str]:
    lines = []
    for number, (item, value) in enumerate(
        zip(result.instrument.items, result.answers, strict=True), start=1
    ):
        if value is None:
            words = "unanswered"
        elif item.anchors:
            words = str(value)
        else:
            words = f"{value} {item.choices[value].text}"
        lines.append(f"  {number:>2}. {words:<28} {textwrap.shorten(item.text, 44)}")
    return lines


def _list_line(result: Result) -> str:
    band = f" ({result.band_name})" if result.band_name else ""
    flag = "  question 9 answered above 0" if result.safety_answer else ""
    score = f"{result.score_text()}{band}"
    return f"{result.day.isoformat()}  {result.instrument.name:<6} {score:<26}{flag}".rstrip()


def _save(ctx: click.Context, inst: Instrument, day_text: str, answers: str, as_json: bool) -> None:
    from ..questionnaires import storage

    day = day_argument(day_text)
    parsed = parse_answers(inst, answers)
    result = Result(inst, day, parsed)
    outcome = storage.save(store_from(ctx), result)
    width = _width()
    if result.safety_answer:  # before anything else, whatever the score
        click.echo(safety_text(width) + "\n", err=as_json)
    if as_json:
        data = result.to_dict()
        data["saved"] = outcome
        data["safety"] = bool(result.safety_answer)
        data["seek_help"] = result.seek_help
        echo_json(data)
    else:
        words = {"added": "Saved", "updated": "Updated", "unchanged": "Unchanged"}
        click.echo(f"{words.get(outcome, outcome)} the {inst.name} of {day.isoformat()}.")
        click.echo("\n".join(result_lines(result, width)))
    if result.seek_help:
        click.echo("\n" + seek_help_text(result, width), err=as_json)


@click.command()
@db_option
@click.argument("what", metavar="[phq9|gad7|peg|show|stats|delete]", required=False)
@click.argument("which", metavar="[INSTRUMENT]", required=False)
@click.option("--answers", default=None, help="Answers in order, e.g. 1,0,2,... (empty: skipped).")
@click.option("--day", "day", default=None, help="YYYY-MM-DD, today (default) or yesterday.")
@click.option("--list", "as_list", is_flag=True, help="Every saved questionnaire, newest last.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option(
    "--due-day",
    "due_day",
    default=None,
    metavar="WEEKDAY|off",
    help="Offer them in the app on this weekday (off: 7 days after the last one).",
)
@click.pass_context
def questionnaire(
    ctx: click.Context,
    what: str | None,
    which: str | None,
    answers: str | None,
    day: str | None,
    as_list: bool,
    as_json: bool,
    due_day: str | None,
) -> None:
    """Weekly questionnaires: PHQ-9 (depression), GAD-7 (anxiety), PEG (pain).

    'painmood questionnaire phq9' prints the questions; add --answers to save.
    'show [INSTRUMENT]' prints the latest of each (or of one) item by item.
    'stats' sets the weekly scores against the same weeks' mean pain and mood.
    'delete INSTRUMENT --day DAY' deletes one ('painmood undo' brings it back).
    """
    from ..questionnaires import storage

    width = _width()
    if due_day is not None:
        from ..questionnaires import schedule

        if what is not None or answers is not None or as_list:
            raise click.UsageError("--due-day is given on its own.")
        schedule.set_weekday(store_from(ctx), due_day)
        chosen = schedule.weekday(store_from(ctx))
        when = "7 days after the last one" if chosen is None else f"on {due_day.strip()}"
        click.echo(f"The weekly questionnaires will be offered {when}.")
        return
    if as_list:
        if what is not None or answers is not None:
            raise click.UsageError("--list takes no questionnaire or answers.")
        found = storage.results(_reading_store(ctx))
        if as_json:
            echo_json([r.to_dict() for r in found])
        elif not found:
            click.echo("No questionnaire saved yet.")
        else:
            click.echo("\n".join(_list_line(r) for r in found))
        return
    if what is None:
        raise click.UsageError("Give a questionnaire (phq9, gad7, peg), show, or --list.")
    if what.lower() == "stats":
        if answers is not None or which is not None:
            raise click.UsageError("stats takes no questionnaire or answers.")
        _stats(ctx, as_json, width)
        return
    if what.lower() == "delete":
        if which is None or day is None or answers is not None:
            raise click.UsageError(
                "delete needs a questionnaire and --day, e.g. delete phq9 --day 2026-03-10."
            )
        inst = instrument(which)
        the_day = day_argument(day)
        storage.delete(store_from(ctx), inst.key, the_day)
        click.echo(
            f"Deleted the {inst.name} of {the_day.isoformat()} ('painmood undo' brings it back)."
        )
        return
    if what.lower() == "show":
        if answers is not None:
            raise click.UsageError("show takes no --answers.")
        _show(ctx, which, day, as_json, width)
        return
    if which is not None:
        raise click.UsageError(f"Unexpected {which[:40]!r} after {what[:20]!r}.")
    inst = instrument(what)
    if answers is None:
        if day is not None:
            raise click.UsageError("--day needs --answers.")
        click.echo(questions_text(inst, width))
        return
    _save(ctx, inst, day or "today", answers, as_json)


def _stats(ctx: click.Context, as_json: bool, width: int) -> None:
    from ..questionnaires.association import associate
    from ..questionnaires.storage import results

    store = _reading_store(ctx)
    found = associate(results(store), store.checkins())
    if as_json:
        echo_json([a.to_dict() for a in found])
        return
    for association in found:
        click.echo(textwrap.fill(association.sentence(), width, subsequent_indent="  "))


def _show(
    ctx: click.Context, which: str | None, day: str | None, as_json: bool, width: int
) -> None:
    from ..questionnaires import storage

    keys = [instrument(which).key] if which else list(INSTRUMENTS)
    the_day = day_argument(day)
    store = _reading_store(ctx)
    found: list[Result] = []
    for key in keys:
        if the_day is not None:
            hit = storage.get(store, key, the_day)
        else:
            hit = storage.latest(store, key)
        if hit is not None:
            found.append(hit)
    if not found:
        where = f" on {the_day.isoformat()}" if the_day else ""
        name = INSTRUMENTS[keys[0]].name if which else "questionnaire"
        click.echo(f"painmood: No {name} saved{where}.", err=True)
        ctx.exit(int(ExitCode.NOT_FOUND))
    if as_json:
        echo_json([r.to_dict() for r in found])
        return
    for number, result in enumerate(found):
        if number:
            click.echo("")
        click.echo(f"{result.instrument.name} of {result.day.isoformat()}")
        click.echo("\n".join(_answer_lines(result)))
        click.echo("\n".join(result_lines(result, width)))
        if result.safety_answer:
            click.echo("Question 9 was answered above 0: painmood guide safety")


__all__ = ["questionnaire", "questions_text", "safety_text", "seek_help_reason"]
