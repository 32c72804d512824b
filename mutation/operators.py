"""The mutation operators that cosmic-ray's core set lacks (issues 12 and 19).

cosmic-ray (the tool `make mutants` runs) mutates operators, comparisons, numbers, booleans,
exceptions, break/continue and loops. It has no operator that deletes a statement, and it changes
a default argument only where the default is a number (NumberReplacer) or True/False
(ReplaceTrueWithFalse / ReplaceFalseWithTrue); nor does it change which library class is used,
such as the optimizer a docstring names. These fill the gap, as cosmic-ray operators (parso trees
in, parso trees out); mutation/run.py registers them under the provider name `kata`.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator

import parso
from cosmic_ray.operators.operator import Example, Operator
from parso.python.tree import Param
from parso.tree import NodeOrLeaf

Position = tuple[tuple[int, int], tuple[int, int]]

STATEMENTS = {"simple_stmt", "if_stmt", "for_stmt", "while_stmt", "with_stmt", "try_stmt"}


def _inside_function(node: NodeOrLeaf) -> bool:
    """Module-level code (imports, definitions) is left alone: removing it only makes a NameError."""
    parent = node.parent
    while parent is not None:
        if parent.type == "funcdef":
            return True
        if parent.type in {"classdef", "file_input"}:
            return False
        parent = parent.parent
    return False


def _is_pass_or_docstring(node: NodeOrLeaf) -> bool:
    if node.type != "simple_stmt":
        return False
    first = node.children[0]
    return first.type in {"string", "strings"} or (first.type == "keyword" and first.value == "pass")


class RemoveStatement(Operator):
    """Replaces one statement inside a function (a line, or a whole if/for/with block) by `pass`:
    the learner who forgot that line. A removed `return x` makes the function return None."""

    def mutation_positions(self, node: NodeOrLeaf) -> Iterator[Position]:
        if node.type in STATEMENTS and _inside_function(node) and not _is_pass_or_docstring(node):
            yield (node.start_pos, node.end_pos)

    def mutate(self, node: NodeOrLeaf, index: int) -> NodeOrLeaf:
        assert index == 0
        replacement = parso.parse("pass\n").children[0]
        replacement.get_first_leaf().prefix = node.get_first_leaf().prefix
        return replacement

    @classmethod
    def examples(cls) -> tuple[Example, ...]:
        return (
            Example("def f(x):\n    y = x + 1\n    return y\n", "def f(x):\n    pass\n    return y\n"),
            Example("def f(x):\n    y = x + 1\n    return y\n", "def f(x):\n    y = x + 1\n    pass\n", occurrence=1),
            Example(
                "def f(x):\n    if x:\n        raise ValueError(x)\n    return x\n",
                "def f(x):\n    pass\n    return x\n",
            ),
        )


def _default_mutations(param: Param) -> list[str]:
    """What DefaultValue does to this parameter's default: 'change' (a string default becomes
    another string) or 'remove' (any other default that the core operators do not already
    change, such as None, is dropped, so that a call relying on it fails)."""
    default = param.default
    if default is None or param.star_count:
        return []
    if default.type == "number" or (default.type == "keyword" and default.value in {"True", "False"}):
        return []  # core/NumberReplacer and core/ReplaceTrueWithFalse/ReplaceFalseWithTrue change these
    if default.type == "string":
        return ["change"]
    return ["remove"] if _default_can_go(param) else []


def _default_can_go(param: Param) -> bool:
    """A positional parameter without a default cannot follow one with a default."""
    params = param.parent.parent.get_params()
    later = params[params.index(param) + 1 :]
    keyword_only = any(p.star_count == 1 for p in params[: params.index(param)]) or param.parent.type != "parameters"
    return keyword_only or all(p.default is None for p in later if p.star_count == 0)


def _other_string(literal: str) -> str:
    """'hihello' -> 'ihello' (the first character dropped); '' -> 'x'."""
    value = ast.literal_eval(literal)
    changed = value[1:] if value else "x"
    return json.dumps(changed) if literal.endswith('"') else repr(changed)


class DefaultValue(Operator):
    """Changes a documented default: a string default loses its first character, a default the
    core operators leave alone (None, a name, a call) is removed. Numbers and booleans in
    defaults are already changed by cosmic-ray's core NumberReplacer and boolean replacers."""

    def mutation_positions(self, node: NodeOrLeaf) -> Iterator[Position]:
        if isinstance(node, Param):
            for _ in _default_mutations(node):
                yield (node.default.start_pos, node.default.end_pos)

    def mutate(self, node: NodeOrLeaf, index: int) -> NodeOrLeaf:
        kind = _default_mutations(node)[index]
        default = node.default
        if kind == "change":
            new = parso.parse(_other_string(default.value)).children[0]
            new.prefix = default.prefix
            node.children[node.children.index(default)] = new
        else:
            equals = node.children.index(default) - 1
            del node.children[equals : equals + 2]
        return node

    @classmethod
    def examples(cls) -> tuple[Example, ...]:
        return (
            Example('def f(text="hihello"):\n    pass\n', 'def f(text="ihello"):\n    pass\n'),
            Example("def f(x, device=None):\n    pass\n", "def f(x, device):\n    pass\n"),
        )


# What each optimizer becomes: a learner's plausible other choice, each of which still trains.
OPTIMIZER_SWAPS = {
    "Adam": ("SGD", "AdamW", "Adamax"),
    "AdamW": ("Adam",),
    "SGD": ("Adam",),
}


def _optimizer_swaps(node: NodeOrLeaf) -> tuple[str, ...]:
    """The swaps of `torch.optim.Adam` (a name reached as an attribute, so the new name resolves
    too: `optim.SGD`), or () for any other node."""
    if node.type != "name" or node.value not in OPTIMIZER_SWAPS:
        return ()
    before = node.get_previous_leaf()
    owner = before.get_previous_leaf() if before is not None and before.value == "." else None
    if owner is None or owner.type != "name" or owner.value != "optim":
        return ()
    return OPTIMIZER_SWAPS[node.value]


class SwapOptimizer(Operator):
    """Swaps the optimizer class: torch.optim.Adam becomes SGD, AdamW or Adamax (the learner who
    trained with another optimizer than the documented one, which still learns)."""

    def mutation_positions(self, node: NodeOrLeaf) -> Iterator[Position]:
        for _ in _optimizer_swaps(node):
            yield (node.start_pos, node.end_pos)

    def mutate(self, node: NodeOrLeaf, index: int) -> NodeOrLeaf:
        node.value = _optimizer_swaps(node)[index]
        return node

    @classmethod
    def examples(cls) -> tuple[Example, ...]:
        return (
            Example("opt = torch.optim.Adam(params, lr=lr)\n", "opt = torch.optim.SGD(params, lr=lr)\n"),
            Example(
                "opt = torch.optim.Adam(params, lr=lr)\n", "opt = torch.optim.AdamW(params, lr=lr)\n", occurrence=1
            ),
            Example("opt = optim.Adam(params, lr=lr)\n", "opt = optim.Adamax(params, lr=lr)\n", occurrence=2),
        )


class KataOperators:
    """A cosmic-ray operator provider (the interface of cosmic_ray.operators.provider)."""

    _operators = {"RemoveStatement": RemoveStatement, "DefaultValue": DefaultValue, "SwapOptimizer": SwapOptimizer}

    def __iter__(self) -> Iterator[str]:
        return iter(self._operators)

    def __getitem__(self, name: str) -> type[Operator]:
        return self._operators[name]
