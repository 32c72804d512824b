"""Every import inside the kata package points down: no module imports one that builds on it."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter

from kata import ROOT


def kata_imports() -> dict[str, set[str]]:
    """kata module -> the kata modules it imports anywhere (top level or inside a function)."""
    graph: dict[str, set[str]] = {}
    for path in sorted((ROOT / "kata").glob("*.py")):
        name = "kata" if path.stem == "__init__" else f"kata.{path.stem}"
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kata"):
                found.add(node.module)
                if node.module == "kata":
                    found.update(f"kata.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names if alias.name.startswith("kata."))
        found -= {name, "kata"}  # the package itself holds only paths, below everything
        graph[name] = found
    return {name: found & set(graph) for name, found in graph.items()}


def test_kata_modules_import_each_other_without_a_circle() -> None:
    graph = kata_imports()
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as error:
        raise AssertionError(f"these kata modules import each other in a circle: {error.args[1]}") from None
    assert order, "the kata package has modules"


def test_the_result_record_and_text_helpers_sit_below_what_uses_them() -> None:
    graph = kata_imports()
    assert graph["kata.results"] == set() and graph["kata.text"] == set()
    assert "kata.report" not in graph["kata.checks"], "checks takes its text helpers from kata.text"
    assert "kata.isolation" not in graph["kata.report"], "report takes TestResult from kata.results"
