"""The house's limits (issue 28), kept: no module of the project over 400 lines (the kata, its
maintainer tests, bench, mutation, graded tests, stubs and solutions alike), no function of the
kata over 60 lines unless its docstring says why it is one piece, and no graded test file a
learner opens over 350 lines (their helpers live in kata/testing)."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from kata import ROOT

MODULE_LIMIT, FUNCTION_LIMIT, GRADED_TEST_LIMIT = 400, 60, 350
KATA_FILES = sorted((ROOT / "kata").rglob("*.py"))
PROJECT_FOLDERS = ("kata", "grader_tests", "bench", "mutation", "tests", "hidden_tests", "solutions", "exercises")


def lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def project_files(root: Path = ROOT) -> list[Path]:
    """Every .py of the project: at its top and anywhere below its folders, not in a hidden
    folder (.venv, .git, .kata) or a bytecode cache."""
    found = sorted(root.glob("*.py"))
    for top in (root / name for name in PROJECT_FOLDERS):
        for folder, subfolders, files in os.walk(top):
            subfolders[:] = [name for name in subfolders if not name.startswith(".") and name != "__pycache__"]
            found += sorted(Path(folder) / name for name in files if name.endswith(".py"))
    return found


def over_the_limit(root: Path = ROOT) -> list[str]:
    return [
        f"{path.relative_to(root)}: {lines(path)} lines" for path in project_files(root) if lines(path) > MODULE_LIMIT
    ]


def test_every_folder_of_the_project_is_looked_in() -> None:
    """A folder renamed or added beside these would be looked in by no one."""
    folders = {path.relative_to(ROOT).parts[0] for path in project_files() if len(path.relative_to(ROOT).parts) > 1}
    assert folders == set(PROJECT_FOLDERS)
    tops = {
        name
        for name in os.listdir(ROOT)
        if (ROOT / name).is_dir() and not name.startswith((".", "_")) and any((ROOT / name).rglob("*.py"))
    }
    assert tops <= set(PROJECT_FOLDERS), (
        f"folders with Python that no limit covers: {sorted(tops - set(PROJECT_FOLDERS))}"
    )


def test_no_module_of_the_project_is_over_the_limit() -> None:
    long = over_the_limit()
    assert not long, "split by what each part does (CONTRIBUTING.md):\n" + "\n".join(long)


def test_the_limit_finds_a_long_module_anywhere(tmp_path: Path) -> None:
    """The check itself: a long module deep in a maintainer's folder is found, a short one and a
    long one in a hidden folder are not."""
    (tmp_path / "grader_tests" / "unit").mkdir(parents=True)
    (tmp_path / "grader_tests" / "unit" / "test_long.py").write_text("x = 1\n" * (MODULE_LIMIT + 1))
    (tmp_path / "grader_tests" / "short.py").write_text("x = 1\n" * MODULE_LIMIT)
    (tmp_path / "kata" / ".venv").mkdir(parents=True)
    (tmp_path / "kata" / ".venv" / "site.py").write_text("x = 1\n" * (MODULE_LIMIT + 1))
    (tmp_path / "setup_long.py").write_text("x = 1\n" * (MODULE_LIMIT + 1))
    assert over_the_limit(tmp_path) == [
        f"setup_long.py: {MODULE_LIMIT + 1} lines",
        f"grader_tests/unit/test_long.py: {MODULE_LIMIT + 1} lines",
    ]


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
