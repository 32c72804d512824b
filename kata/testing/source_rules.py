"""Rules the judge decides from the learner's source, read as text and never imported.

Some rules, broken, still give the right numbers: ex06 computing the RNN with torch's own kernel,
ex05 flipping the given rnn's batch_first for the call and setting it back. An observer in the
worker cannot decide them (graded code can switch it off or rename what it watches: see
docs/grading.md), so the judge reads the file and refuses, naming the line:

- the ways out of any rule, in both exercises: code run from strings (exec, eval, compile,
  __import__), attributes reached by computed names (getattr, vars, globals, dunders), torch's
  internals (torch._C, torch._VF, DisableTorchFunction, torch.ops, torch.func), pickles, and
  imports beyond those an exercise needs (torch, numpy, math, typing);
- ex06: torch's RNN modules and kernels by any name, calling the given rnn or reaching its forward,
  using the rnn other than for its weights and sizes (`rnn.weight_ih_l0`, `rnn.hidden_size`);
- ex05: changing anything's attributes, calling the module methods that change a module, and
  making another module (a copy of the rnn, a new nn.RNN, by any name or alias): a batch-first
  twin given the rnn's weights gives the right numbers.

What is left is plain Python whose every call to the rnn and every change to it is spelled out in
the text; the worker's own observers then only word a message.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kata.i18n import N_, _
from kata.testing.source_names import (
    ALLOWED_IMPORTS,
    CHANGES_A_MODULE,
    CHANGES_AN_RNN,
    COMPUTED_ACCESS,
    EXERCISE_FUNCTIONS,
    GATEWAYS,
    MAKES_A_MODULE,
    RNN_NAMES,
    RUNS_STRINGS,
)

WAY_OUT = N_("{file}, line {line}: `{code}` is not allowed in this exercise ({why}). {allowed}")
WHY_STRINGS = N_("it runs code from a string")
WHY_COMPUTED = N_("it reaches names the grader cannot read")
WHY_INTERNALS = N_("it reaches torch's internals, past what the exercise is about")
WHY_IMPORT = N_("{module} is not among the modules this exercise may import")
WHY_COPIES = N_(
    "{module} is not among the modules this exercise may import: a copy of the rnn is another module, and the "
    "exercise is to run the given rnn itself"
)
WHY_DUNDER = N_("double-underscore attributes reach past the exercise")
WHY_CLASS = N_("this exercise needs functions only: a class of its own could change how torch runs")
WHY_STARRED = N_("take the parameters the docstring names, not *args or **kwargs")
WHY_RNN = N_("this exercise computes the RNN by hand, without torch's RNN")
WHY_CALLS_RNN = N_("the given rnn is used only for its weights and sizes, never run")
WHY_CHANGES = N_("the given rnn must stay exactly as it was given, during the call too")
WHY_MAKES = N_("run the given rnn itself, not another module")
WHY_ALIAS = N_("use the given rnn only by calling it, rnn(...), or reading it, rnn.hidden_size")
UNREADABLE = N_(
    "The grader could not read {file} to check this exercise's rules ({error}), though the file was "
    "imported. Save it as plain UTF-8 text and run the tests again."
)
ALLOWED = {
    "ex05_time_major": N_(
        "Allowed: plain Python functions, torch tensor operations, calling the rnn you are given as it is; "
        "imports of torch, numpy, math and typing."
    ),
    "ex06_rnn_from_scratch": N_(
        "Allowed: plain Python functions, torch tensor operations, the rnn's weights and sizes "
        "(rnn.weight_ih_l0, rnn.hidden_size, ...); imports of torch, numpy, math and typing."
    ),
}


@dataclass(frozen=True)
class Refusal:
    line: int
    code: str
    why: str
    binds: frozenset[str] | None = None  # the top-level names its statement defines; None: it runs on import


def _runs_code(node: ast.AST | None) -> bool:
    """Whether evaluating `node` can run code: any call, comprehension, lambda or await in it."""
    if node is None:
        return False
    kinds = (ast.Call, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Lambda, ast.Await)
    return any(isinstance(n, kinds) for n in ast.walk(node))


def _bound(statement: ast.stmt) -> frozenset[str] | None:
    """What a top-level statement defines, when all it does at import is define it: a function
    (its body runs only when called), or an assignment of a plain reference (`_f = nn.RNN.forward`).
    None for everything that runs code as the file is imported (an assignment whose value calls
    something, a class body, an import, a default or an annotation that calls, any decorator:
    applying one is a call, and it gets the function to call), and for a module's own hooks
    (`def __getattr__`, which Python calls for a name the file lacks): that code runs whatever is
    called later, so it counts for every function."""
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
        arguments = statement.args
        on_import = [*arguments.defaults, *[d for d in arguments.kw_defaults if d]]
        hook = statement.name.startswith("__") and statement.name.endswith("__")
        if statement.decorator_list or hook or any(_runs_code(n) for n in on_import):
            return None
        return None if any(not _names_types_only(note) for note in _notes(statement)) else frozenset({statement.name})
    if isinstance(statement, ast.AnnAssign) and not _names_types_only(statement.annotation):
        return None  # `x: install() = 0`: Python evaluates a module's annotations as it imports it
    if isinstance(statement, (ast.Assign, ast.AnnAssign)) and not _runs_code(statement.value):
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        # only names: `torch.x = f` and `d[k] = f` change an object others read, `x += y` calls a method
        plain = all(isinstance(n, (ast.Name, ast.Tuple, ast.List, ast.Store)) for t in targets for n in ast.walk(t))
        names = {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        return frozenset(names) if names and plain else None
    return None


def _parse(source: str | bytes) -> ast.Module:
    """The file's syntax tree, without a `if __name__ == "__main__":` block at the top: the grader
    imports the file by its own name, so the learner's own tries there (`nn.RNN(4, 2)` to compare
    with, in ex06) never run. Unless the file rebinds `__name__`, which could make the block run."""
    tree = ast.parse(source)
    renames = any(
        (isinstance(n, ast.Name) and n.id == "__name__" and not isinstance(n.ctx, ast.Load))
        or (isinstance(n, ast.alias) and n.asname == "__name__")
        for n in ast.walk(tree)
    )
    if not renames:
        tree.body = [statement for statement in tree.body if not _is_main_block(statement)]
    return tree


def _is_main_block(statement: ast.stmt) -> bool:
    test = statement.test if isinstance(statement, ast.If) and not statement.orelse else None
    if not isinstance(test, ast.Compare) or len(test.ops) != 1 or not isinstance(test.ops[0], ast.Eq):
        return False
    sides = {ast.dump(side) for side in (test.left, *test.comparators)}
    return sides == {ast.dump(ast.Name("__name__", ast.Load())), ast.dump(ast.Constant("__main__"))}


def _owners(tree: ast.Module) -> dict[int, frozenset[str] | None]:
    """For every node, what its top-level statement defines (see _bound)."""
    owners: dict[int, frozenset[str] | None] = {}
    for statement in tree.body:
        bound = _bound(statement)
        for node in ast.walk(statement):
            owners[id(node)] = bound
    return owners


def reachable(tree: ast.Module, function: str) -> set[str]:
    """The top-level names `function` uses, and those they use in turn; and those the code that
    runs on import uses (`install()` at the top, or a decorator, may rebind what `function` calls)."""
    uses: dict[str, set[str]] = {}
    todo = [function]
    for statement in tree.body:
        names = {n.id for n in ast.walk(statement) if isinstance(n, ast.Name)}
        bound = _bound(statement)
        if bound is None:
            todo.extend(names)
        for name in bound or ():
            uses.setdefault(name, set()).update(names)
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(uses.get(name, ()))
    return seen


TYPE_NODES = (ast.Name, ast.Attribute, ast.Subscript, ast.Tuple, ast.List, ast.Constant, ast.BitOr, ast.expr_context)


def _names_types_only(note: ast.expr) -> bool:
    """Whether an annotation only names types (`nn.RNN`, `tuple[torch.Tensor, ...]`, `int | None`).
    Python evaluates an annotation as the `def` runs: one holding a call, a lambda or a walrus
    runs code on import, and is checked as code."""
    return all(
        isinstance(n, TYPE_NODES) or (isinstance(n, ast.BinOp) and isinstance(n.op, ast.BitOr)) for n in ast.walk(note)
    )


def _notes(node: ast.AST) -> list[ast.expr]:
    """The annotations a function's parameters and result, or an annotated assignment, carry."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        arguments = node.args
        every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs, arguments.vararg, arguments.kwarg]
        notes = [a.annotation for a in every if a is not None] + [node.returns]
    else:
        notes = [node.annotation] if isinstance(node, ast.AnnAssign) else []
    return [note for note in notes if note is not None]


def _annotations(tree: ast.AST) -> set[int]:
    """ids of every node inside an annotation that only names types (`rnn: nn.RNN` names the
    class, runs nothing): there, naming an RNN class is allowed; the ways out are not."""
    return {
        id(n) for node in ast.walk(tree) for note in _notes(node) if _names_types_only(note) for n in ast.walk(note)
    }


def _rnn_parameters(tree: ast.AST, exercise: str) -> set[str]:
    """Names the given rnn goes by: the first parameter of the exercise's own function
    (whatever it is called), of every function whose parameter is called rnn or annotated RNN,
    and each parameter of the file's own functions that a call passes it to."""
    functions: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions.setdefault(node.name, []).append(node)
    names = set()
    for name, defs in functions.items():
        for node in defs:
            if not node.args.args:
                continue
            first = node.args.args[0]
            note = ast.unparse(first.annotation) if first.annotation is not None else ""
            if name == EXERCISE_FUNCTIONS.get(exercise) or first.arg == "rnn" or note.endswith("RNN"):
                names.add(first.arg)
    for _round in range(3):  # helpers of helpers
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
                continue
            for target in functions.get(call.func.id, []):
                params = [a.arg for a in [*target.args.posonlyargs, *target.args.args]]
                for position, arg in enumerate(call.args):
                    if isinstance(arg, ast.Name) and arg.id in names and position < len(params):
                        names.add(params[position])
                for keyword in call.keywords:
                    if isinstance(keyword.value, ast.Name) and keyword.value.id in names and keyword.arg:
                        names.add(keyword.arg)
    return names


def _own_functions(tree: ast.Module) -> set[str]:
    """The file's own functions the given rnn may be passed to: each undecorated `def` whose name
    nothing else binds (`run = map` after `def run` would hand the rnn to map, which runs it)."""
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef)
    defs = {n.name for n in ast.walk(tree) if isinstance(n, kinds) and not n.decorator_list}
    stored = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    aliases = {
        a.asname or a.name for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names
    }
    return defs - stored - aliases


def _passed_to_own_function(node: ast.Name, parent: ast.AST | None, functions: set[str]) -> bool:
    if isinstance(parent, ast.keyword):
        return True  # checked with its call below
    return (
        isinstance(parent, ast.Call)
        and node in parent.args
        and isinstance(parent.func, ast.Name)
        and parent.func.id in functions
    )


def _module_makers(tree: ast.Module) -> frozenset[str]:
    """ex05: the names that reach a module class or an RNN kernel, the file's own aliases of them
    (`from torch.nn import RNN as Twin`) included."""
    makers = MAKES_A_MODULE | RNN_NAMES - {"forward"}
    aliases = {
        a.asname
        for n in ast.walk(tree)
        if isinstance(n, ast.ImportFrom)
        for a in n.names
        if a.name in makers and a.asname
    }
    return makers | aliases


def _import_reasons(node: ast.Import | ast.ImportFrom, exercise: str) -> list[str]:
    """Why an import is refused: a module beyond those allowed, or a name it imports."""
    modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
    if isinstance(node, ast.ImportFrom) and node.level:
        modules = ["." + (node.module or "")]
    reasons = [
        _(WHY_COPIES if module == "copy" and exercise == "ex05_time_major" else WHY_IMPORT, module=module)
        for module in modules
        if module not in ALLOWED_IMPORTS
    ]
    if isinstance(node, ast.ImportFrom):
        for alias in node.names:
            if alias.name in GATEWAYS | RUNS_STRINGS or alias.name.startswith("_"):
                reasons.append(_(WHY_INTERNALS))
            elif exercise == "ex06_rnn_from_scratch" and alias.name in RNN_NAMES:
                reasons.append(_(WHY_RNN))
    return reasons


def _name_reason(node: ast.AST, name: str, exercise: str, rnn_names: set[str]) -> str:
    """Why a name or an attribute is refused wherever it appears ('' for none)."""
    if name in RUNS_STRINGS:
        return _(WHY_STRINGS)
    if name in COMPUTED_ACCESS:
        return _(WHY_COMPUTED)
    if name.startswith("__") and name.endswith("__") and name not in ("__name__", "__future__"):
        return _(WHY_DUNDER)
    if name in GATEWAYS or (isinstance(node, ast.Attribute) and name.startswith("_")):
        return _(WHY_INTERNALS)
    if exercise == "ex06_rnn_from_scratch" and name in RNN_NAMES:
        return _(WHY_RNN)
    if exercise == "ex05_time_major" and isinstance(node, ast.Attribute):
        base = node.value.id if isinstance(node.value, ast.Name) else ""
        changes = name in CHANGES_A_MODULE or (name in CHANGES_AN_RNN and base in rnn_names)
        if isinstance(node.ctx, (ast.Store, ast.Del)) or changes:
            return _(WHY_CHANGES)
    return ""


def refusals(source: str | bytes, exercise: str) -> list[Refusal]:
    """Every place in `source` that breaks the exercise's rules, in the order of the file. Bytes
    are read as Python reads a file (a BOM, a coding line)."""
    try:
        tree = _parse(source)
    except (SyntaxError, ValueError) as error:
        return [Refusal(getattr(error, "lineno", None) or 0, "", str(error))]  # no code: first_refusal says why
    skip = _annotations(tree)
    rnn_names = _rnn_parameters(tree, exercise)
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    own = _own_functions(tree)
    found: list[Refusal] = []
    owners = _owners(tree)
    makers = _module_makers(tree)

    def refuse(node: ast.AST, why: str) -> None:
        line = getattr(node, "lineno", 0)
        code = (ast.unparse(node).splitlines() or [""])[0][:80]
        found.append(Refusal(line, code, why, owners.get(id(node))))

    for node in ast.walk(tree):
        if id(node) in skip:  # a type an annotation names: only the ways out of every rule count there
            name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
            if name is not None and (why := _name_reason(node, name, "", set())):
                refuse(node, why)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for why in _import_reasons(node, exercise):
                refuse(node, why)
            continue
        if isinstance(node, ast.ClassDef):
            refuse(node, _(WHY_CLASS))
            continue
        if isinstance(node, ast.arguments) and (node.vararg or node.kwarg):
            refuse(node.vararg or node.kwarg or node, _(WHY_STARRED))
            continue
        name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
        if name is None:
            continue  # a string alone runs nothing: what could use one (getattr, eval, attrgetter) is refused
        why = _name_reason(node, name, exercise, rnn_names)
        if why:
            refuse(node, why)
        stored = isinstance(node, (ast.Name, ast.Attribute)) and isinstance(node.ctx, ast.Store)
        if exercise == "ex05_time_major" and name in makers and not stored:
            parent = parents.get(id(node))  # any reach of a module class, called here or later by an alias
            refuse(parent if isinstance(parent, ast.Call) and parent.func is node else node, _(WHY_MAKES))
        if isinstance(node, ast.Name) and node.id in rnn_names and isinstance(node.ctx, ast.Load):
            parent = parents.get(id(node))
            if isinstance(parent, ast.Attribute) and parent.value is node:
                continue  # rnn.weight_ih_l0, rnn.hidden_size: the attribute itself is checked above
            if _passed_to_own_function(node, parent, own):
                continue
            if exercise == "ex05_time_major" and isinstance(parent, ast.Call) and parent.func is node:
                continue  # running the given rnn is the exercise
            refuse(
                parent if isinstance(parent, ast.Call) else node,
                _(WHY_CALLS_RNN if exercise == "ex06_rnn_from_scratch" else WHY_ALIAS),
            )
    return sorted(set(found), key=lambda r: (r.line, r.code))


def first_refusal(path: Path, exercise: str, function: str, shown: str) -> str:
    """The message for the first rule that `function` breaks, in its own lines or in what it uses
    (helpers, names defined at the top of the file, code that runs on import); '' for none.
    The file is read as bytes, as Python reads it to import it (a BOM, a coding line); one the
    judge cannot read or parse is refused, never passed: the worker imported it, so the rules
    would otherwise go unchecked."""
    try:
        source = path.read_bytes()
    except OSError as error:
        return _(UNREADABLE, file=shown, error=error.strerror or error)
    first = _first_refusal(source, exercise, function)
    if first is None:
        return ""
    if not first.code:
        return _(UNREADABLE, file=shown, error=first.why)
    return _(WAY_OUT, file=shown, line=first.line, code=first.code, why=first.why, allowed=_(ALLOWED[exercise]))


@lru_cache(maxsize=64)
def _first_refusal(source: bytes, exercise: str, function: str) -> Refusal | None:
    """Read once per text: every test of a function asks (ex05 and ex06 parsed their file a dozen
    times a grade, measured in watch's save-to-verdict)."""
    try:
        tree = _parse(source)
    except (SyntaxError, ValueError):
        return refusals(source, exercise)[0]
    used = reachable(tree, function)
    found = [r for r in refusals(source, exercise) if r.binds is None or r.binds & used]
    return found[0] if found else None
