"""The kata in a notebook (Jupyter, Colab): `%load_ext kata`, then

    %kata test [ex02 ...]   grade, as `make test` does        %kata list    every exercise's status
    %kata hint ex02         the next hint                      %kata explain ex02   the instructions
    %kata reset ex02        the stub back (yours backed up)    %kata setup   install what is missing
    %%kata ex02             (first line of a cell) save the cell as exercises/ex02_batch.py, the
                            old file backed up as `make reset` does, and grade it at once

Grading runs `python -m kata` with the kernel's own interpreter in a fresh process, exactly as in
a terminal: the learner's code is never imported into the kernel, and a kernel that has touched
CUDA already is never forked. KATA_LAUNCHER=notebook makes every message name `%kata ...`.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys

from kata import ROOT
from kata.core import launcher
from kata.core.paths import display_path
from kata.i18n import _

COMMANDS = ("test", "list", "hint", "explain", "reset", "solution", "setup")


def usage() -> str:
    return _(
        "Use: %kata test [ex02], %kata list, %kata hint ex02, %kata explain ex02, %kata reset ex02, "
        "%kata setup; or %%kata ex02 as a cell's first line to save and grade that cell."
    )


def run_kata(words: list[str]) -> int:
    """`python -m kata WORDS` with the kernel's Python, its output shown as it comes."""
    env = {
        **os.environ,
        "KATA_LAUNCHER": launcher.NOTEBOOK,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONUNBUFFERED": "1",
        "PYTHONIOENCODING": "utf-8",
    }
    env.pop("COLUMNS", None)  # reports wrap at 80 columns, which every notebook front end shows whole
    proc = subprocess.Popen(
        [sys.executable, "-m", "kata", *words],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            print(line, end="", flush=True)
        return proc.wait()
    except KeyboardInterrupt:  # the notebook's stop button: end the grader, no traceback
        proc.kill()
        proc.wait()
        return 130


def exercise_named(name: str):
    from kata.core.manifest import find_exercise, load_manifest

    exercises = load_manifest()
    found = find_exercise(name, exercises) if name else None
    if found is None:
        print(
            _(
                "no exercise named {names}. Known: {known}.",
                names=name or "?",
                known=", ".join(e.name for e in exercises),
            )
        )
    return found


def save_and_grade(name: str, cell: str) -> int:
    """`%%kata ex02`: the cell becomes the exercise's file, then that exercise is graded."""
    from kata.learner import commands

    exercise = exercise_named(name)
    if exercise is None:
        return 2
    backup, target = commands.save(exercise, cell)
    saved = _("Saved this cell as {path}.", path=display_path(target))
    if backup is not None:
        saved += " " + _("Your previous version is in {backup}", backup=display_path(backup))
    print(saved, flush=True)
    return run_kata(["test", exercise.name])


def kata_magic(line: str, cell: str | None = None) -> None:
    """%kata COMMAND [EX] and %%kata EX."""
    try:
        words = shlex.split(line)
    except ValueError:
        words = line.split()
    if cell is not None:
        if len(words) != 1:
            print(usage())
            return
        save_and_grade(words[0], cell)
        return
    if not words or words[0] not in COMMANDS + ("watch",):
        print(usage())
        return
    if words[0] == "watch":
        print(
            _(
                "watch would keep this cell busy for good. In a notebook, run a cell that starts with %%kata ex02: it saves and grades at once."
            )
        )
        return
    if words[0] == "setup":
        from kata.learner import setup

        setup.into_this_python()
        return
    run_kata(words)


def load(ipython) -> None:
    """Called by `%load_ext kata` (kata.load_ipython_extension)."""
    ipython.register_magic_function(kata_magic, magic_kind="line_cell", magic_name="kata")
    print(_("The kata is loaded. {usage}", usage=usage()))
