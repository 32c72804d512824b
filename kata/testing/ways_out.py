"""Whether the judge may believe what a worker reports about the values it sends: where a tensor
is, whether it keeps its autograd graph, which line raised an error, what a watch saw.

Values the judge checks itself: right numbers cannot be made up. But those reports are made in the
worker, by the kata's own code, in the process that runs the learner's: code that reaches the
kata's modules there (through sys.modules, gc, frames, builtins, getattr by name) rewrites them,
and a tensor left on the CPU is then described as on the meta device, detached outputs as keeping
their graph (attack 11). No such code can be written without one of the ways out below, so a test
passes only where the graded file, and every exercise file it imports, holds none: read here, as
text, never imported. A test that fails fails with its own message: the way out is named only where
it would otherwise pass.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

from kata.core.paths import display_path
from kata.i18n import N_, _
from kata.testing.source_names import (
    COMPUTED_ACCESS,
    PLAIN_DUNDERS,
    PLAIN_SYS,
    PLAIN_UNDERSCORED,
    REACHES_THE_GRADER,
    RUNS_STRINGS,
)
from kata.testing.source_rules import _parse

UNTRUSTED = N_(
    "{file}, line {line}: `{code}` reaches past the exercise ({why}). The test passed, but it decides from what "
    "your code's own process reports (where a tensor is, whether it keeps its graph, which line raised), and "
    "code like this could change that report, so it does not count. Remove it (debugging lines too) and run "
    "the tests again."
)
WHY_REACHES = N_("it reaches the modules, frames or memory of the process")
WHY_OWN = N_(
    "graded code may not use underscored attributes, not even its own, since they are how code reaches torch's "
    "and the kata's internals: call self.{name} self.{plain}"
)
EXERCISE_IMPORT = re.compile(r"^ex\d\d_\w+$")


def _why(node: ast.AST, parent: ast.AST | None) -> str:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        aliases = [(a.name, a.asname) for a in node.names]
        if isinstance(node, ast.ImportFrom):  # from sys import stderr, but never sys.modules by its name
            if node.module == "sys" and not all(name in PLAIN_SYS for name, _as in aliases):
                return _(WHY_REACHES)
            reached = {name for name, _as in aliases} & (REACHES_THE_GRADER | RUNS_STRINGS | COMPUTED_ACCESS | {"sys"})
            if reached or any(name.startswith("_") for name, _as in aliases if name not in PLAIN_DUNDERS):
                return _(WHY_REACHES)  # from torch import _C
            aliases = [(node.module or "", None)]
        roots = {part for name, _as in aliases if name != "sys" for part in name.split(".")}  # torch._C.x too
        renamed_sys = any(name == "sys" and alias for name, alias in aliases)
        underscored = any(n.startswith("_") for n in roots - PLAIN_DUNDERS)
        bad = roots & (REACHES_THE_GRADER | RUNS_STRINGS) or underscored or renamed_sys
        return _(WHY_REACHES) if bad else ""
    if isinstance(node, ast.Name) and node.id == "sys":
        read_off = isinstance(parent, ast.Attribute) and parent.value is node and parent.attr in PLAIN_SYS
        return "" if read_off or not isinstance(node.ctx, ast.Load) else _(WHY_REACHES)
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):  # def __torch_function__
        hook = node.name.startswith("__") and node.name.endswith("__") and node.name not in PLAIN_DUNDERS
        return _(WHY_REACHES) if hook else ""
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
    if name is None:
        return ""
    if name in RUNS_STRINGS or name in COMPUTED_ACCESS or name in REACHES_THE_GRADER:
        return _(WHY_REACHES)
    if isinstance(node, ast.Attribute) and name == "sys":  # os.sys.modules: sys is read off `sys` itself only
        return _(WHY_REACHES)
    dunder = name.startswith("__") and name.endswith("__")
    underscored = isinstance(node, ast.Attribute) and name.startswith("_") and name not in PLAIN_UNDERSCORED
    if underscored and isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        return _(WHY_OWN, name=name, plain=name.lstrip("_"))
    return _(WHY_REACHES) if (dunder and name not in PLAIN_DUNDERS) or (underscored and not dunder) else ""


@lru_cache(maxsize=32)
def _first(source: bytes) -> tuple[int, str, str, tuple[str, ...]]:
    """(line, code, why) of the file's first way out, ("", "") for none; and the exercises it imports.
    One walk over the tree, each node with its parent (four walks took 3.4 ms for ex07's reference,
    in every judge of a `make watch` save)."""
    try:
        tree = _parse(source)
    except (SyntaxError, ValueError) as error:
        return getattr(error, "lineno", None) or 0, "", str(error), ()
    named: set[str] = set()
    found: list[tuple[int, str, str]] = []
    stack: list[tuple[ast.AST, ast.AST | None]] = [(tree, None)]
    while stack:
        node, parent = stack.pop()
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            named.add(node.module or "")
        if why := _why(node, parent):  # annotations too: a dataclass hands its types back
            found.append((getattr(node, "lineno", 0), (ast.unparse(node).splitlines() or [""])[0][:80], why))
        stack.extend((child, node) for child in ast.iter_child_nodes(node))
    imported = tuple(sorted(name for name in named if EXERCISE_IMPORT.match(name)))
    return (*min(found), imported) if found else (0, "", "", imported)


def untrusted(root: Path | None, exercise: str) -> str:
    """The message that turns a passing test of `exercise` into a failure, '' for none: the first
    way out in its file or in an exercise file it imports, however deep."""
    if root is None:
        return ""
    seen: set[str] = set()
    todo = [exercise]
    while todo:
        name = todo.pop(0)
        if name in seen:
            continue
        seen.add(name)
        path = root / f"{name}.py"
        try:
            line, code, why, imported = _first(path.read_bytes())
        except OSError:
            continue  # not there: the import of it failed, and said so
        if why:
            return _(UNTRUSTED, file=display_path(path), line=line, code=code or "?", why=why)
        todo.extend(imported)
    return ""
