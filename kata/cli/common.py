"""What the commands share: the tree and exercises they were given, asked wrongly (exit 2),
the confinement decided before anything is graded, the header a grade prints first."""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from pathlib import Path
from typing import NoReturn

from kata import ROOT
from kata.core import launcher
from kata.core.paths import display_path
from kata.core.settings import settings
from kata.core.text import indent, terminal_width, wrap
from kata.i18n import N_, _


def usage_error(message: str) -> NoReturn:
    """Exit 2: the command was asked wrongly (1 means tests failed)."""
    print(indent(f"kata: {message}", "      ", first_prefix=""), file=sys.stderr)
    sys.exit(2)


def resolve_impl(raw: str) -> Path:
    path = Path(raw)
    if not path.is_absolute() and not path.exists() and (ROOT / path).exists():
        path = ROOT / path  # `make test IMPL=solutions` from anywhere
    if not path.is_dir():
        usage_error(
            _(
                "the folder to grade, {raw}, does not exist. Give --impl (IMPL= under make) a folder of exercise "
                "files.",
                raw=repr(raw),
            )
        )
    return path.resolve()


def chosen_exercises(names: list[str]) -> list:
    from kata.core.manifest import find_exercise, load_manifest

    exercises = load_manifest()
    if not names:
        return exercises
    chosen = [find_exercise(name, exercises) for name in names]
    unknown = [n for n, e in zip(names, chosen) if e is None]
    if unknown:
        usage_error(
            _(
                "no exercise named {names}. Known: {known}.",
                names=", ".join(unknown),
                known=", ".join(e.name for e in exercises),
            )
        )
    return [e for e in exercises if e in chosen]


def one_exercise(name: str, command: str):
    if not name:
        usage_error(_("say which exercise: {command}", command=launcher.command(command, "ex02")))
    return chosen_exercises([name])[0]


def confinement(impl: Path, *, others: bool, unconfined: bool) -> str | None:
    """Whether graded code will be confined, decided before anything is graded. Grading other
    people's code (`others`) needs it: None means refuse (a line on stderr said why). Otherwise
    the note results carry ("" when confined); grading one's own code says once what is off."""
    from kata.core import bytecode
    from kata.engine import confine, sandbox
    from kata.i18n import _

    simulated = os.environ.get("KATA_CONFINE", "").strip().lower() == "none"  # maintainers: no Landlock
    wanted = "required" if others and not unconfined else "off" if unconfined else ""
    if others and unconfined:
        bytecode.distrust()  # their code runs as this user, where the kata's bytecode is kept
    os.environ["KATA_CONFINE"] = "none" if simulated and wanted != "required" else wanted
    settings.cache_clear()
    why = confine.why_not([str(ROOT / "kata")], sandbox.secret_folders(impl), files=not simulated)
    if sandbox.unix_only_off():
        print(indent(sandbox.unix_only_off(), ""), file=sys.stderr, flush=True)
    if not why:
        return ""
    if others and not unconfined:
        print(indent(_(sandbox.UNCONFINED_REFUSED, off=why), ""), file=sys.stderr, flush=True)
        return None
    note = _(sandbox.UNCONFINED_NOTE, off=why)
    print(indent(note, ""), file=sys.stderr, flush=True)
    return note


def header(impl: Path) -> None:
    import torch

    from kata.testing.device import pick_device

    try:
        device = pick_device()
    except ValueError as error:
        usage_error(str(error))
    header = _(
        "RNN basics kata | {path}/ | device {device} | torch {version}",
        path=display_path(impl),
        device=device,
        version=torch.__version__,
    )
    # a line breaks only after a "|", never inside a field ("torch" apart from its version)
    glued = "\u00a0| ".join(field.replace(" ", "\u00a0") for field in header.split(" | "))
    print(indent(glued, "  ", first_prefix="").replace("\u00a0", " "), flush=True)
    if korean_pointer():
        print(indent(korean_pointer(), ""), flush=True)


def warn_if_graded_code_keeps_root() -> None:
    """An instructor grading as root learns when graded code cannot run unprivileged, and why."""
    from kata.engine import sandbox

    _account, why = sandbox.drop_plan()
    if why:
        print(indent(sandbox.fallback_note(why), ""), file=sys.stderr)


def windows_line() -> str:
    """The first and only line a grading command prints on native Windows."""
    return _(
        "kata: grading does not run on native Windows yet. Grade in WSL (Windows Subsystem for Linux), "
        "on Linux or macOS, or in the notebook (kata.ipynb, Colab or Jupyter); {commands} work here.",
        commands=", ".join(launcher.command(name) for name in ("setup", "hint", "explain", "reset")),
    )


def learner_help() -> str:
    """What plain `make` (and `python -m kata help`) prints: each command the way the learner types it."""
    from kata import SOLUTIONS_DIR

    rows = [
        (launcher.command("test"), _("grade every exercise and say what to do next")),
        (launcher.command("test", "ex02"), _("grade one exercise")),
        (launcher.command("watch"), _("re-grade each time you save (Ctrl-C stops)")),
        (launcher.command("list"), _("every exercise's status")),
        (launcher.command("explain", "ex02"), _("an exercise's instructions, in your language")),
        (launcher.command("hint", "ex02"), _("a hint; run it again for a stronger one")),
        (launcher.command("reset", "ex02"), _("the stub back (your version is backed up first)")),
    ]
    if SOLUTIONS_DIR.is_dir():
        rows.append((launcher.command("solution", "ex02"), _("once passed: the reference solution and a diff")))
    width = max(len(command) for command, _text in rows)
    lines = [_("The RNN basics kata. Your exercises are the files in exercises/. Commands:")]
    lines += [
        line
        for command, text in rows
        for line in wrap(text, terminal_width(), " " * (width + 4), f"  {command.ljust(width)}  ")
    ]
    if launcher.launcher() == launcher.MAKE:
        start = _("Start with {command}: it sets everything up the first time.", command=launcher.command("test"))
    else:
        start = _(
            "Start with {setup} (once: it installs what the kata needs), then {test}.",
            setup=launcher.command("setup"),
            test=launcher.command("test"),
        )
    pointer = korean_pointer()
    return "\n".join(lines + [indent(text, "", first_prefix="") for text in (start, pointer) if text])


def windows_ui_language() -> int:
    """Windows's language for its own menus (0x412: Korean); 0 elsewhere. Windows keeps it out of
    LANG, so a Korean Windows would otherwise look English to the kata."""
    if sys.platform != "win32":
        return 0
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetUserDefaultUILanguage())
    except (AttributeError, OSError):
        return 0


def korean_pointer() -> str:
    """One line, in Korean whatever the kata speaks, for a learner whose system is Korean while
    the kata chose English: no KATA_LANG, and the system says Korean where the kata does not look
    (LC_MESSAGES, LANGUAGE, Windows's own language setting). "" otherwise."""
    from kata.i18n import catalog, language

    if os.environ.get("KATA_LANG", "").strip() or language() == "ko":
        return ""
    said = [os.environ.get(name, "").lower() for name in ("LC_MESSAGES", "LANGUAGE")]
    if not any(value.startswith("ko") for value in said) and windows_ui_language() & 0x3FF != 0x12:
        return ""
    windows = sys.platform == "win32" and launcher.launcher() != launcher.MAKE  # PowerShell's way
    how = '$env:KATA_LANG="ko"' if windows else "KATA_LANG=ko " + launcher.command("test")
    return catalog("ko").get("messages", {}).get(KOREAN_POINTER, KOREAN_POINTER).format(how=how)


KOREAN_POINTER = N_("For the kata in Korean, set KATA_LANG=ko: {how}")


def quiet_closed_pipe() -> int:
    """The reader of the kata's output has gone (`python -m kata list | head -2`): what is left
    to write goes nowhere, with no traceback, and the exit status is 0 whatever the verdict was:
    the reader chose to stop reading (make then prints no "Error 1" under `make list | head`)."""
    with suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0
