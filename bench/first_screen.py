"""Start an app, let it paint its first screen, and exit: one timed run of bench_startup.py.

Run: python bench/first_screen.py painmood DB_PATH REPORT_PATH
     python bench/first_screen.py minimal - REPORT_PATH
     python bench/first_screen.py visit painmood DB_PATH KEY REPORT_PATH
     python bench/first_screen.py visit minimal - x REPORT_PATH
     python bench/first_screen.py visit painmood DB_PATH KEY REPORT_PATH settled

`painmood` builds the real app with `make_app` on the diary at DB_PATH (as
the bare `painmood` command does); `minimal` is the smallest Textual app that
shows one line of text. Both exit in the same way: once the app is ready,
`call_after_refresh` on the shown screen calls `exit`, so the process ends
right after that screen was painted. The name of the screen class painted and
the `time.monotonic()` of the paint (a system-wide clock on Linux, so the
benchmark can subtract the moment it started the process) are written to
REPORT_PATH.

`visit` times one screen's first visit in a fresh process (so the screen's
module and what it imports are not cached yet): a headless 100x30 app waits
on its first screen, then KEY is pressed; the report holds the screen shown,
the seconds from the key to that screen's first paint, and to the moment its
workers are done and it is idle, and the CPU seconds of the process up to the
paint (steadier than wall time on a busy machine). `minimal` is a two-screen Textual app whose
`x` switches to a second screen holding one label. With `settled` the key is
pressed 1.5 s after start, once the app's background warm-up (the other
screens' imports and styles) is done, as when a person first reads today's
screen; without it, at once.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def build_app(kind: str, db: str):  # noqa: ANN201 - a textual App
    """The app to start: painmood on a diary, or a minimal one-label app."""
    if kind == "painmood":
        from tracker.store import Store
        from tracker.ui.app import make_app

        return make_app(Store(db))
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    class MinimalApp(App[None]):
        """One label: the floor any Textual app pays to start and paint."""

        def compose(self) -> ComposeResult:
            yield Label("How is your back today?")

    return MinimalApp()


def build_two_screen_app():  # noqa: ANN201 - a textual App
    """The smallest app with a screen switch: the floor of any first visit."""
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Label

    class First(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Label("How is your back today?")

    class Second(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Label("The days so far")

    class TwoScreenApp(App[None]):
        MODES = {"first": First, "second": Second}
        DEFAULT_MODE = "first"
        BINDINGS = [("x", "switch_mode('second')", "Second")]

    return TwoScreenApp()


async def workers_done(app) -> None:  # noqa: ANN001 - a textual App
    """Wait until no worker runs (one cancelled and restarted, as an exclusive
    worker is, counts as done once its successor is)."""
    from textual.worker import WorkerCancelled

    while True:
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        return


def visit(kind: str, db: str, key: str, report: str, settled: bool = False) -> None:
    import asyncio

    app = build_app(kind, db) if kind == "painmood" else build_two_screen_app()

    async def run() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await workers_done(app)
            await pilot.pause()
            if settled:
                await asyncio.sleep(1.5)
                await workers_done(app)
                await pilot.pause()
            painted: asyncio.Future[tuple[float, float]] = (
                asyncio.get_running_loop().create_future()
            )
            first = app.screen
            display = app._display

            def timed_display(screen, update) -> None:  # noqa: ANN001 - Textual internals
                # The first time the new screen is written to the terminal is its first paint
                # (a callback after refresh would also wait for work deferred the same way).
                display(screen, update)
                if screen is not first and not painted.done():
                    painted.set_result((time.perf_counter(), time.process_time()))

            app._display = timed_display  # type: ignore[method-assign]
            start, cpu_start = time.perf_counter(), time.process_time()
            app.simulate_key(key)  # not pilot.press, which waits for the app to be idle
            painted_at, paint_cpu_at = await painted
            paint_cpu = paint_cpu_at - cpu_start
            screen = app.screen
            await workers_done(app)
            await pilot.pause()
            idle_at = time.perf_counter()
        Path(report).write_text(
            f"{type(screen).__name__} {painted_at - start} {idle_at - start} {paint_cpu}",
            encoding="utf-8",
        )

    asyncio.run(run())


def main(kind: str, db: str, report: str) -> None:
    app = build_app(kind, db)
    display = app._display
    first_paint: list[tuple[str, float, float]] = []

    def timed_display(screen, update) -> None:  # noqa: ANN001 - Textual internals
        # The first write of a screen to the terminal is its first paint; work a
        # screen defers until after that paint is not counted in it.
        display(screen, update)
        if not first_paint:
            first_paint.append((type(screen).__name__, time.monotonic(), time.process_time()))

    app._display = timed_display  # type: ignore[method-assign]

    async def exit_after_first_paint(pilot) -> None:  # noqa: ANN001 - textual Pilot
        screen = pilot.app.screen

        def done() -> None:
            name, painted_at, cpu = first_paint[0] if first_paint else ("-", 0.0, 0.0)
            Path(report).write_text(f"{name} {painted_at} {cpu}", encoding="utf-8")
            pilot.app.exit()

        screen.call_after_refresh(done)

    app.run(auto_pilot=exit_after_first_paint)


if __name__ == "__main__":
    if sys.argv[1] == "visit":
        visit(*sys.argv[2:6], settled=sys.argv[6:7] == ["settled"])
    else:
        main(*sys.argv[1:4])
