"""Graded code that reaches for the kata's own modules gets a message that says why it fails.

This is wording, not enforcement: the kata's code is not secret, and what graded code may read,
write or start is decided by the kernel (kata.engine.confine). Importing `kata` from a graded
file fails with a message here; the judge never trusts anything the worker reports about it.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import os
import re
import sys
from pathlib import Path

from kata.core.refusals import KATA_MODULES_OFF_LIMITS
from kata.i18n import _

# Top-level names of the kata's own code (the references have their own guard above: no file of theirs opens).
KATA_PACKAGES = frozenset({"kata", "tests", "hidden_tests", "grader_tests", "conftest", "bench"})


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
