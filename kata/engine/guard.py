"""What graded code may not read or run: the reference solutions, the hidden tests, other
processes' memory and files, other programs, the kata's own grading code. (What it may not
change, kata.engine.sandbox: root, files outside its folder, the grading files.)

An audit hook (PEP 578) sees every file open, import included, and every attempt to start a
program. It is installed only in the process that grades a learner's tree, and cannot be
removed once installed, so learner code cannot switch it off.

The kata's own modules (kata.testing.oracle holds a float64 rnn_forward) are already imported when
learner code runs, so no file is opened for them: an import from a file of the graded tree is
refused by the importing frame instead. The graded tests import kata freely; they live outside it.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import os
import re
import sys
from pathlib import Path

from kata import HIDDEN_DIR
from kata.core import launcher
from kata.core.paths import display_path
from kata.i18n import N_, _

REFERENCE_OFF_LIMITS = N_(  # both texts are translated where they are raised
    "The reference solutions are off-limits while grading: your code tried to open {path}. "
    "Write the exercise yourself; `{command}` gives a nudge."
)
HIDDEN_OFF_LIMITS = N_(
    "The instructor's hidden tests are off-limits while grading: your code tried to open {path}. "
    "Your functions get everything they need as arguments."
)
OTHER_PROCESSES_OFF_LIMITS = N_(
    "Reading other programs' memory or files through /proc ({path}) is not allowed while grading."
)
NO_PROGRAMS = N_(
    "Starting other programs or sending them signals ({event}) is not allowed while grading. An exercise needs only "
    "Python, numpy and torch."
)
KATA_MODULES_OFF_LIMITS = N_(
    "Graded code may not import {module}: it is the kata's own grading code, not part of the exercise. "
    "Use the standard library, numpy, torch and your earlier exercises."
)
# Top-level names of the kata's own code (the references have their own guard above: no file of theirs opens).
KATA_PACKAGES = frozenset({"kata", "tests", "hidden_tests", "grader_tests", "conftest", "bench"})
_PROGRAM_EVENTS = (
    "subprocess.Popen",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.fork",
    "os.kill",
    "os.killpg",
    "signal.pthread_kill",
)


def install(reference_dir: Path | None) -> None:
    """From now on, refuse opening anything under reference_dir (None: the reference is what is
    graded) or the hidden tests, opening another process's files in /proc, and starting programs."""
    reference = os.path.realpath(reference_dir) if reference_dir is not None else None
    hidden = os.path.realpath(HIDDEN_DIR)
    own = {str(os.getpid()), "self", "thread-self"}

    def inside(real: str, folder: str | None) -> bool:
        return folder is not None and (real == folder or real.startswith(folder + os.sep))

    def hook(event: str, args: tuple) -> None:
        if event == "open":
            target = args[0]
            if isinstance(target, (str, bytes, os.PathLike)):
                path = os.fsdecode(target)
                real = os.path.realpath(path)
                if inside(real, reference):
                    raise PermissionError(
                        _(REFERENCE_OFF_LIMITS, path=display_path(path), command=launcher.command("hint"))
                    )
                if inside(real, hidden):
                    raise PermissionError(_(HIDDEN_OFF_LIMITS, path=display_path(path)))
                parts = os.path.normpath(path).split(os.sep)
                if len(parts) > 2 and parts[1] == "proc" and parts[2].isdigit() and parts[2] not in own:
                    raise PermissionError(_(OTHER_PROCESSES_OFF_LIMITS, path=path))
        elif event in _PROGRAM_EVENTS:
            raise PermissionError(_(NO_PROGRAMS, event=event))

    sys.addaudithook(hook)


def forbid_kata_imports(graded_root: Path) -> None:
    """Refuse `import kata...` (and the kata's other own modules) in code from graded_root."""
    root = os.path.realpath(graded_root) + os.sep
    real_import = builtins.__import__
    real_import_module = importlib.import_module
    graded_files: dict[str, bool] = {}

    def from_graded_code(namespace: dict | None) -> bool:
        filename = (namespace or {}).get("__file__")
        if not isinstance(filename, str):
            return False
        if filename not in graded_files:
            graded_files[filename] = os.path.realpath(filename).startswith(root)
        return graded_files[filename]

    def refuse_if_graded(name: str, namespace: dict | None) -> None:
        if from_graded_code(namespace):
            raise PermissionError(_(KATA_MODULES_OFF_LIMITS, module=name))

    def guarded_import(name, globals=None, locals=None, fromlist=(), level=0):  # noqa: A002 - __import__'s own
        if level == 0 and isinstance(name, str) and name.partition(".")[0] in KATA_PACKAGES:  # cheap test first
            refuse_if_graded(name, globals if globals is not None else sys._getframe(1).f_globals)
        return real_import(name, globals, locals, fromlist, level)

    def guarded_import_module(name: str, package: str | None = None):
        if isinstance(name, str) and name.partition(".")[0] in KATA_PACKAGES:
            refuse_if_graded(name, sys._getframe(1).f_globals)
        return real_import_module(name, package)

    builtins.__import__ = guarded_import
    importlib.import_module = guarded_import_module


_KATA_MODULE_NAME = re.compile(r"(kata|hidden_tests|grader_tests)(\.\w+)*")


def kata_module_named_in(path: Path) -> str | None:
    """A kata module a graded file names in a string (`sys.modules["kata.testing.oracle"]`), which the
    import guard cannot see: the module is already loaded. None when the file names none."""
    try:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return None  # the import itself reports a file it cannot read
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _KATA_MODULE_NAME.fullmatch(node.value):
            if _is_kata_module(node.value):
                return node.value
    return None


def _is_kata_module(name: str) -> bool:
    """A dotted name that is one of the kata's modules or packages ("kata.testing.oracle"), not a file
    name that merely looks like one ("kata.toml")."""
    from kata import ROOT

    path = ROOT.joinpath(*name.split("."))
    return path.is_dir() or path.with_suffix(".py").is_file()
