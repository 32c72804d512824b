"""Stubs and first hints nudge; only the last hint comes near the answer (issue 11, item 4)."""

from __future__ import annotations

import ast
import re

import pytest

from kata import EXERCISES_DIR, SOLUTIONS_DIR
from kata.core.manifest import load_manifest
from kata.i18n import catalog

CALL = re.compile(r"[\w.]+\([^()]*\)")  # `batch.transpose(0, 1)`, `nn.Linear(hidden_size, vocab_size)`


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def answers(name: str, last_hint: str) -> set[str]:
    """Code that is the answer: the reference's returned expressions and calls with arguments,
    and the calls its last hint spells out."""
    tree = ast.parse((SOLUTIONS_DIR / f"{name}.py").read_text(encoding="utf-8"))
    returns = [n.value for n in ast.walk(tree) if isinstance(n, ast.Return) and n.value is not None]
    bare = (ast.Name, ast.Tuple, ast.expr_context)  # `return outputs, h_n` names the result, it does not compute it
    found = {ast.unparse(v) for v in returns if not all(isinstance(e, bare) for e in ast.walk(v))}
    found |= {ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.Call) and (n.args or n.keywords)}
    found |= set(CALL.findall(last_hint))
    return {squeeze(a) for a in found if len(squeeze(a)) >= 10}


def stub_messages(name: str) -> list[str]:
    """The texts the stub's NotImplementedErrors say."""
    tree = ast.parse((EXERCISES_DIR / f"{name}.py").read_text(encoding="utf-8"))
    return [
        node.exc.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Raise)
        and isinstance(node.exc, ast.Call)
        and node.exc.args
        and isinstance(node.exc.args[0], ast.Constant)
    ]


@pytest.mark.parametrize("exercise", load_manifest(), ids=lambda e: e.name)
def test_stubs_and_first_hints_do_not_give_the_answer(exercise) -> None:
    korean_hints = catalog("ko").get("exercises", {}).get(exercise.name, {}).get("hints", [])
    nudges = stub_messages(exercise.name) + [exercise.hints[0]] + korean_hints[:1]
    assert stub_messages(exercise.name), "every stub function says it is not written yet"
    for answer in answers(exercise.name, exercise.hints[-1]):
        for text in nudges:
            assert answer not in squeeze(text), f"{exercise.name}: {text!r} gives away {answer!r}"
