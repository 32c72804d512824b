"""Which underscored attributes a graded file may use: data of its own (`self._hidden = ...`, as
many Python programmers write private attributes), never a name that leads out of the exercise.

The ways-out reading (kata.testing.ways_out) refuses every underscored attribute, because
`torch._C`, `model._forward_hooks` or a module's private helpers reach what the worker reports
from. An attribute is the file's own only where that is certain from the text alone, the same
whatever else is loaded: every use of it is `self._x` inside a method of a class of the file's own
(undecorated, derived from nn.Module or object), where `self` is that method's first parameter and
is never rebound, the file assigns it, and those classes are only ever called (`CharRNN(...)`),
never handed around (`CharRNN.forward(torch)` would make `self` a module). A name an nn.Module or
the kata already gives objects (`_parameters`, `_forward_hooks`) is never the file's own.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from kata.testing.source_rules import _annotations

MODULE_BASES = frozenset({"nn.Module", "torch.nn.Module", "Module", "object"})
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
# How the names a base is spelt with may be bound: by these imports only (`Module = torch.Tensor`,
# `import torch as self` or `match torch: case self:` make a base, or self, something else).
PLAIN_IMPORTS: dict[str, set[tuple[str, str | None]]] = {
    "torch": {("torch", None), ("torch.nn", None), ("torch.nn.functional", None), ("torch.optim", None)},
    "nn": {("torch.nn", "nn"), ("torch:nn", None)},
    "Module": {("torch.nn:Module", None)},
    "object": set(),
    "self": set(),
}


def own_attributes(tree: ast.AST) -> tuple[frozenset[str], frozenset[str]]:
    """(names the file may use as its own, names it assigns that nn.Module or the kata already use)."""
    classes = [node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    trusted = {id(use) for cls in classes for method in _methods(cls) for use in _self_attributes(method)}
    assigned = {
        t.attr
        for node in ast.walk(tree)
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign))
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        for t in ast.walk(target)
        if id(t) in trusted and isinstance(t, ast.Attribute) and t.attr.startswith("_")
        if not t.attr.startswith("__")
    }
    taken = assigned & _taken()
    if not assigned - taken or not _classes_only_called(tree, classes) or not _names_plain(tree, classes):
        return frozenset(), frozenset(taken)
    uses = [node for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr in assigned - taken]
    refused = {use.attr for use in uses if id(use) not in trusted}
    return frozenset(assigned - taken - refused), frozenset(taken)


def _methods(cls: ast.ClassDef) -> list[ast.FunctionDef]:
    """The class's methods whose `self` is certainly an instance of it: the class undecorated, no
    metaclass, bases nn.Module or object; the method undecorated, `self` first and without a default."""
    bases_plain = all(ast.unparse(base) in MODULE_BASES for base in cls.bases)
    if cls.decorator_list or cls.keywords or not bases_plain or not _body_of_defs(cls):
        return []
    return [
        method
        for method in cls.body
        if isinstance(method, ast.FunctionDef) and not method.decorator_list
        if method.args.args and method.args.args[0].arg == "self" and not method.args.posonlyargs
        if len(method.args.defaults) < len(method.args.args)
    ]


def _body_of_defs(cls: ast.ClassDef) -> bool:
    """Whether the class body only defines its methods, each name once, beside a docstring and
    annotated names (`inner = staticmethod(inner)` would make a method's self anything)."""
    names = [node.name for node in cls.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    plain = all(
        isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Pass))
        or (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
        or (isinstance(node, ast.AnnAssign) and node.value is None and isinstance(node.target, ast.Name))
        for node in cls.body
    )
    return plain and len(names) == len(set(names))


def _bindings(tree: ast.AST) -> list[tuple[str, ast.AST]]:
    """Every name the file binds, with the node that binds it: assignments and every other target,
    imports, definitions, parameters, match captures, except clauses, global and nonlocal."""
    found: list[tuple[str, ast.AST]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            found.append((node.id, node))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            found += [((a.asname or a.name).split(".")[0], node) for a in node.names]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.append((node.name, node))
        elif isinstance(node, ast.arg):
            found.append((node.arg, node))
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            found.append((node.name, node))
        elif isinstance(node, ast.MatchMapping) and node.rest:
            found.append((node.rest, node))
        elif isinstance(node, ast.ExceptHandler) and node.name:
            found.append((node.name, node))
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            found += [(name, node) for name in node.names]
    return found


def _names_plain(tree: ast.AST, classes: list[ast.ClassDef]) -> bool:
    """Whether `self` is bound only as the first parameter of the methods trusted, and torch, nn,
    Module and object only by their plain imports."""
    firsts = {id(method.args.args[0]) for cls in classes for method in _methods(cls)}
    for name, node in _bindings(tree):
        if name == "self" and id(node) in firsts:
            continue
        if name in PLAIN_IMPORTS and not _plain_import(name, node):
            return False
    return True


def _plain_import(name: str, node: ast.AST) -> bool:
    """Whether this binding of a base's name is one of its plain imports."""
    if isinstance(node, ast.Import):
        spelt = {(a.name, a.asname) for a in node.names if (a.asname or a.name).split(".")[0] == name}
    elif isinstance(node, ast.ImportFrom) and not node.level:
        spelt = {(f"{node.module}:{a.name}", a.asname) for a in node.names if (a.asname or a.name) == name}
    else:
        return False
    return bool(spelt) and spelt <= PLAIN_IMPORTS[name]


def _self_attributes(method: ast.FunctionDef) -> list[ast.Attribute]:
    """Every `self.x` of the method's own scope (not of a function or class inside it); none when
    anything in the method binds the name self again."""
    found: list[ast.Attribute] = []
    todo: list[ast.AST] = list(method.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Name) and node.id == "self" and not isinstance(node.ctx, ast.Load):
            return []  # self = torch, for self in ..., with ... as self
        if isinstance(node, (ast.Global, ast.Nonlocal)) and "self" in node.names:
            return []
        if isinstance(node, ast.ExceptHandler) and node.name == "self":
            return []
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
            found.append(node)
        if not isinstance(node, SCOPES):
            todo.extend(ast.iter_child_nodes(node))
    return found


def _classes_only_called(tree: ast.AST, classes: list[ast.ClassDef]) -> bool:
    """Whether the file's classes are only instantiated (`CharRNN(...)`) or named as a base: never
    read as a value (an annotation only names it), whose methods could then be called with anything
    as `self`; and `type(x)` and
    `super(...)` with arguments, which give a class or a method another way, are not used."""
    names = {cls.name for cls in classes}
    allowed = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    allowed |= {id(base) for cls in classes for base in cls.bases}
    allowed |= _annotations(tree)  # `model: CharRNN` names the class, hands nothing on
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in names and id(node) not in allowed:
            return False
        if isinstance(node, ast.Name) and node.id == "type":
            return False
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super" and node.args:
            return False
    return True


@cache
def _taken() -> frozenset[str]:
    """Underscored names an nn.Module (and so a CharRNN) already has, and every underscored
    attribute the kata's own source names (what it may set on a learner's object)."""
    from torch import nn

    names = {name for thing in (nn.Module(), object()) for name in dir(thing) if name.startswith("_")}
    for path in sorted(Path(__file__).resolve().parents[1].rglob("*.py")):
        tree = ast.parse(path.read_bytes())
        names.update(n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr.startswith("_"))
    return frozenset(names)
