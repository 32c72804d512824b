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
import re
import shlex
import subprocess
import sys
from pathlib import Path

from kata import EXERCISES_DIR, ROOT
from kata.core import launcher
from kata.core.paths import display_path
from kata.i18n import _

COMMANDS = ("test", "list", "hint", "explain", "reset", "solution", "setup")


def say(text: str, flush: bool = False) -> None:
    """A message in a notebook's output, wrapped to 80 columns as the reports are (a notebook has no
    terminal width to follow)."""
    from kata.core.text import indent

    print(indent(text, "", width=80), flush=flush)


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
        say(
            "kata: "
            + _(
                "no exercise named {names}. Known: {known}.",
                names=name or "?",
                known=", ".join(e.name for e in exercises),
            )
        )
    return found


def save_and_grade(name: str, cell: str, ipython=None) -> int:
    """`%%kata ex02`: the cell becomes the exercise's file, then that exercise is graded, and its
    functions are defined in the kernel too, for the learner to call. A cell that still holds the
    untouched stub never replaces an existing file (solved in a terminal, or the stub itself)."""
    from kata.learner import commands

    exercise = exercise_named(name)
    if exercise is None:
        return 2
    target = EXERCISES_DIR / exercise.filename
    if is_untouched_stub(exercise.name, cell) and target.exists():
        # Nothing of the learner's in the cell: the file stays as it is ("Run All" rewrote every
        # stub file in the notebook's wording, which a terminal then showed as changed).
        if not is_untouched_stub(exercise.name, target.read_text(encoding="utf-8")):
            say(
                _(
                    "This cell is still the untouched stub, so it did not replace {path}, which holds your "
                    "own code: that file is graded below. Write your code in this cell to grade the cell instead.",
                    path=display_path(target),
                ),
                flush=True,
            )
        code = run_kata(["test", exercise.name])
        define_in_kernel(ipython, exercise, target.read_text(encoding="utf-8"))
        return code
    pristine = target.exists() and is_untouched_stub(exercise.name, target.read_text(encoding="utf-8"))
    # The cell's first line is kept as a comment, so that a message's "line N" of the file is
    # line N of the cell.
    saved_text = f"# %%kata {launcher.short(exercise.name)}\n{cell}"
    backup, target = commands.save(exercise, saved_text, backup=not pristine)  # the stub needs no backup: reset
    saved = _("Saved this cell as {path}.", path=display_path(target))
    if backup is not None:
        saved += " " + _("Your previous version is in {backup}", backup=display_path(backup))
    say(saved, flush=True)
    code = run_kata(["test", exercise.name])
    define_in_kernel(ipython, exercise, cell)
    return code


def is_untouched_stub(name: str, text: str) -> bool:
    """The exercise's stub as handed out, in its file's words or its notebook cell's."""
    from kata.learner.commands import load_stubs

    stub = load_stubs().get(name)
    if stub is None:
        return False
    text = re.sub(r"\A# %%kata ex\d\d\n", "", text)  # a file saved from a cell starts with its first line
    in_a_cell = launcher.as_typed(stub, how=launcher.NOTEBOOK, exercise=name)  # as kata.ipynb holds it
    return text.strip() in (stub.strip(), in_a_cell.strip())


def definitions(source: str):
    """The cell's imports, functions, classes and plain assignments: what defines names, without
    running any of the learner's code beyond that (a loop at the top level never reaches the kernel)."""
    import ast

    tree = ast.parse(source)
    kinds = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign)
    tree.body = [node for node in tree.body if isinstance(node, kinds)]
    return tree


def define_in_kernel(ipython, exercise, source: str) -> None:
    """The exercise's functions in the notebook's namespace, and `import exNN_...` importing the
    file just saved (not the one a previous run imported)."""
    import importlib

    for module in [m for m in sys.modules if re.match(r"ex\d\d_", m)]:
        del sys.modules[module]  # ex02 imports ex01: both come from the files as they are now
    importlib.invalidate_caches()
    if ipython is None:
        return
    try:
        tree = definitions(source)
    except (SyntaxError, ValueError):
        return  # the grade above said what is wrong
    names = [node.name for node in tree.body if hasattr(node, "name") and not node.name.startswith("_")]
    try:
        exec(compile(tree, str(EXERCISES_DIR / exercise.filename), "exec"), ipython.user_ns)
    except Exception as error:  # the learner's code: any error, said in one line
        say(
            _(
                "Could not define this cell's functions in the notebook: {error}",
                error=f"{type(error).__name__}: {error}",
            )
        )
        return
    if names:
        say(
            _(
                "Defined in this notebook, to try them in a cell of your own: {names} (also: from {module} import ...).",
                names=", ".join(names),
                module=exercise.name,
            ),
            flush=True,
        )


def kata_magic(line: str, cell: str | None = None) -> None:
    """%kata COMMAND [EX] and %%kata EX."""
    try:
        words = shlex.split(line)
    except ValueError:
        words = line.split()
    if cell is not None:
        if len(words) != 1:
            say(_("A %%kata cell names one exercise on its first line, like %%kata ex02; this cell was not run."))
            say(usage())
            return
        save_and_grade(words[0], cell, _shell)
        return
    if not words or words[0] not in COMMANDS + ("watch",):
        if words:
            say(_("%kata has no command {command}.", command=repr(words[0])))
        say(usage())
        return
    if words[0] == "watch":
        say(
            _(
                "watch would keep this cell busy for good. In a notebook, run a cell that starts with %%kata ex02: it saves and grades at once."
            )
        )
        return
    if words[0] == "setup":
        from kata.learner import setup

        setup.into_this_python()
        return
    if run_kata(words) == 0 and words[0] == "reset" and len(words) > 1:
        forget_in_kernel(words[1], _shell)


def forget_in_kernel(name: str, ipython) -> None:
    """After `%kata reset ex01`, the functions the exercise's cell defined in the kernel are gone
    too: a learner calling build_vocab(...) would otherwise try the code that was just reset."""
    from kata.core.manifest import find_exercise, load_manifest
    from kata.learner import commands

    exercise = find_exercise(name, load_manifest())
    if exercise is None or ipython is None:
        return
    try:
        stub = definitions(commands.load_stubs().get(exercise.name, ""))
    except (SyntaxError, ValueError):
        return
    names = [n.name for n in stub.body if hasattr(n, "name") and n.name in ipython.user_ns]
    for each in names:
        del ipython.user_ns[each]
    if names:
        say(_("The notebook no longer defines {names} either.", names=", ".join(names)))


_shell = None  # the kernel's IPython shell, once `%load_ext kata` has run

POINTER_FILE = "50-kata-set-up-first.py"
POINTER = """# Written by the RNN basics kata's set-up cell (kata/learner/notebook.py). In a kernel that has
# not run that cell (after a restart), %kata and %%kata say so in one message, not "magic not found".
def _kata_set_up_first(line, cell=None):
    print({message!r})


try:
    if "kata" not in get_ipython().magics_manager.magics["cell"]:
        get_ipython().register_magic_function(_kata_set_up_first, magic_kind="line_cell", magic_name="kata")
except Exception:
    pass
"""


def leave_a_pointer(ipython) -> None:
    """A start-up file in IPython's profile: after a kernel restart, `%%kata` says in one message,
    wrapped here as say wraps, to run the set-up cell. (A kernel that never ran the set-up cell has
    nothing of the kata to say it.)"""
    from kata.core.text import indent

    try:
        folder = Path(ipython.profile_dir.startup_dir)
        said = _("%%kata needs the set-up cell: run the notebook's first code cell, then this cell again.")
        text = POINTER.format(message=indent(said, "", width=80))
        target = folder / POINTER_FILE
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            folder.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    except (AttributeError, OSError):
        pass  # no profile folder to write in: IPython's own message stays


def load(ipython) -> None:
    """Called by `%load_ext kata` (kata.load_ipython_extension). The exercise files become
    importable in the kernel (`from ex01_one_hot import encode_word`)."""
    global _shell
    _shell = ipython
    if str(EXERCISES_DIR) not in sys.path:
        sys.path.append(str(EXERCISES_DIR))
    ipython.register_magic_function(kata_magic, magic_kind="line_cell", magic_name="kata")
    leave_a_pointer(ipython)
    say(_("The kata is loaded. {usage}", usage=usage()))
