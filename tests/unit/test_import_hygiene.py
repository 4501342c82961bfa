"""Layers hold: the core needs neither Textual nor click, and `painmood log` stays light.

Checked twice: at run time (import a module in a fresh interpreter and look
at `sys.modules`) and statically (read every module's imports with `ast`).
The module lists come from the files on disk, so new modules are covered.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import tracker
from tracker.model import CheckIn, local_today
from tracker.store import Store

PACKAGE_DIR = Path(tracker.__file__).parent
CORE_REQUIRED = ["tracker.model", "tracker.paths", "tracker.store"]
CLI_REQUIRED = ["tracker.cli", "tracker.cli.checkins", "tracker.cli.common"]
# Slow to import; never on the path of the daily `painmood log` (sqlite-utils is
# kept off it too, because it imports numpy and pandas when they are installed).
HEAVY = ["textual", "scipy", "plotext", "numpy", "pandas"]
# The PDF report's libraries: loaded only when a PDF is made.
REPORT_LIBRARIES = ["fpdf", "matplotlib", "uharfbuzz", "fontTools", "PIL", "pypdf"]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


ALL_MODULES = sorted(module_name(p) for p in PACKAGE_DIR.rglob("*.py"))


def is_under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


NOT_UI = [m for m in ALL_MODULES if not is_under(m, "tracker.ui")]
CORE = [m for m in NOT_UI if not is_under(m, "tracker.cli") and m != "tracker.__main__"]


def imported_after(code: str) -> set[str]:
    """Top-level package names in sys.modules after running `code` in a fresh interpreter."""
    probe = code + textwrap.dedent(
        """
        import json, sys
        print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
        """
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_the_module_lists_hold_the_core_and_the_daily_commands() -> None:
    assert set(CORE_REQUIRED) <= set(CORE)
    assert set(CLI_REQUIRED) <= set(NOT_UI) - set(CORE)
    for optional in ("stats", "charts", "guidance", "formats", "demo"):
        name = f"tracker.{optional}"
        on_disk = (PACKAGE_DIR / f"{optional}.py").exists() or (PACKAGE_DIR / optional).is_dir()
        assert (name in CORE) == on_disk


@pytest.mark.parametrize("module", NOT_UI)
def test_importing_outside_the_ui_never_imports_textual(module: str) -> None:
    loaded = imported_after(f"import {module}\n")
    assert "textual" not in loaded
    if module in CORE:
        assert "click" not in loaded


def test_the_core_together_imports_no_framework() -> None:
    loaded = imported_after("".join(f"import {m}\n" for m in CORE))
    assert not loaded & {"textual", "click", "textual_plotext"}


DAILY_COMMANDS = {
    "log": ["log", "--pain", "5", "--mood", "4", "--tag", "yoga"],
    "show": ["show", "--json"],
    "status": ["status"],
    "where": ["where"],
    "delete": ["delete", "today"],
    "undo": ["undo"],
}


@pytest.mark.parametrize("command", sorted(DAILY_COMMANDS))
def test_daily_commands_import_nothing_heavy(tmp_path: Path, command: str) -> None:
    # An existing diary with a check-in today: the daily case. (Creating a new
    # diary runs the migrations, which use sqlite-utils: once per machine.)
    db = tmp_path / "diary.db"
    with Store(db) as store:
        store.save(CheckIn.create(day=local_today(), pain=3, mood=6))
    args = [*DAILY_COMMANDS[command], "--db", str(db)]
    code = textwrap.dedent(
        f"""
        from tracker.cli import main
        try:
            main({args!r})
        except SystemExit as exit:
            assert exit.code in (0, None), exit.code
        """
    )
    loaded = imported_after(code)
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
    assert not loaded & set(REPORT_LIBRARIES), sorted(loaded & set(REPORT_LIBRARIES))
    assert "sqlite_utils" not in loaded


def test_the_app_and_every_command_load_no_report_library() -> None:
    """The TUI's first paint and every command import these modules; a PDF is made
    only inside the export, which imports its libraries where it runs."""
    everything = [m for m in ALL_MODULES if m != "tracker.formats.pdf_report"]
    loaded = imported_after("".join(f"import {m}\n" for m in everything))
    assert not loaded & set(REPORT_LIBRARIES), sorted(loaded & set(REPORT_LIBRARIES))


def test_only_the_pdf_module_names_the_pdf_libraries() -> None:
    users = {
        module
        for module, path in SOURCES.items()
        for name, _ in imports_of(path)
        if any(is_under(name, lib) for lib in REPORT_LIBRARIES)
    }
    assert users == {"tracker.formats.pdf_report"}


# -- the same rules, read from the source ------------------------------------------------


def imports_of(path: Path) -> list[tuple[str, bool]]:
    """Absolute names of everything a module imports, each with "at module top?"."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    top_level = {id(node) for node in tree.body}
    found: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        at_top = id(node) in top_level
        if isinstance(node, ast.Import):
            found += [(alias.name, at_top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append((target, at_top))
            found += [(f"{target}.{alias.name}", at_top) for alias in node.names]
    return found


SOURCES = {module_name(p): p for p in sorted(PACKAGE_DIR.rglob("*.py"))}


@pytest.mark.parametrize("module", sorted(SOURCES))
def test_layers_in_the_source(module: str) -> None:
    names = [name for name, _ in imports_of(SOURCES[module])]
    if not is_under(module, "tracker.ui"):
        assert not [n for n in names if is_under(n, "textual") or is_under(n, "textual_plotext")]
    if module in CORE:
        assert not [n for n in names if is_under(n, "click")]
        assert not [n for n in names if is_under(n, "tracker.cli") or is_under(n, "tracker.ui")]


LOG_PATH = ["tracker", "tracker.model", "tracker.paths", "tracker.store", *CLI_REQUIRED]


@pytest.mark.parametrize("module", LOG_PATH)
def test_modules_on_the_log_path_import_slow_things_only_where_used(module: str) -> None:
    top = [name for name, at_top in imports_of(SOURCES[module]) if at_top]
    slow = [*HEAVY, "sqlite_utils", "platformdirs"]
    assert not [n for n in top if any(is_under(n, s) for s in slow)]


def test_the_static_reader_sees_imports() -> None:
    """The checker above would pass on any file if it saw no imports at all."""
    names = dict(imports_of(SOURCES["tracker.ui.app"]))
    assert any(is_under(n, "textual") for n in names)
    cli_names = [n for n, _ in imports_of(SOURCES["tracker.cli.checkins"])]
    assert "click" in cli_names and "tracker.model.CheckIn" in cli_names


def test_encryption_is_loaded_only_for_an_encrypted_diary(tmp_path: Path) -> None:
    """A plain diary's daily commands never import sqlcipher3 or pyrage; status on an
    encrypted one neither (it never derives the key)."""
    plain, encrypted = tmp_path / "plain.db", tmp_path / "encrypted.db"
    with Store(plain) as store:
        store.save(CheckIn.create(day=local_today(), pain=3, mood=6))
    with Store(encrypted, passphrase="hygiene") as store:
        store.save(CheckIn.create(day=local_today(), pain=3, mood=6))
    for db, args in ((plain, ["log", "--pain", "4"]), (plain, ["show"]), (encrypted, ["status"])):
        code = f"from tracker.cli import main\ntry:\n    main({[*args, '--db', str(db)]!r})\n"
        loaded = imported_after(code + "except SystemExit as exit:\n    assert exit.code == 0\n")
        assert not loaded & {"sqlcipher3", "pyrage"}, (args, sorted(loaded))
    loaded = imported_after(
        f"from tracker.store import Store\nStore({str(encrypted)!r}, passphrase='hygiene')\n"
    )
    assert "sqlcipher3" in loaded  # the probe sees the import when it happens
