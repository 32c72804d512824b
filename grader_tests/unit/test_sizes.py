"""The house's limits (issue 28), kept: no module of the kata over 400 lines, no function over
60 lines unless its docstring says why it is one piece, and no graded test file a learner opens
over 350 lines (their helpers live in kata/testing)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kata import ROOT

MODULE_LIMIT, FUNCTION_LIMIT, GRADED_TEST_LIMIT = 400, 60, 350
KATA_FILES = sorted((ROOT / "kata").rglob("*.py"))


def lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("path", KATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_of_the_kata_is_over_the_limit(path: Path) -> None:
    assert lines(path) <= MODULE_LIMIT, f"{path.relative_to(ROOT)}: {lines(path)} lines"


def test_no_function_of_the_kata_is_over_the_limit_without_a_reason() -> None:
    long = []
    for path in KATA_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                reason = "one piece" in (ast.get_docstring(node) or "")
                if size > FUNCTION_LIMIT and not reason:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({size} lines)")
    assert not long, long


@pytest.mark.parametrize("path", sorted((ROOT / "tests").glob("test_*.py")), ids=lambda p: p.name)
def test_a_graded_test_file_stays_short(path: Path) -> None:
    assert lines(path) < GRADED_TEST_LIMIT, f"{path.name}: {lines(path)} lines"
