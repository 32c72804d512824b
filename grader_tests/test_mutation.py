"""The mutation-testing set-up of `make mutants`: its own operators, and the equivalents file."""

from __future__ import annotations

import fnmatch

import pytest
import tomllib

pytest.importorskip("cosmic_ray", reason="make mutants needs requirements-dev.txt")

from cosmic_ray.mutating import mutate_code  # noqa: E402

from kata import ROOT  # noqa: E402
from kata.instructor.bundle import RELEASE_FILES  # noqa: E402
from mutation.operators import DefaultValue, RemoveStatement, SwapOptimizer  # noqa: E402
from mutation.run import describe, same  # noqa: E402

EQUIVALENTS = ROOT / "tests" / "equivalent_mutants.toml"


@pytest.mark.parametrize("operator", [RemoveStatement, DefaultValue, SwapOptimizer])
def test_operator_makes_its_documented_examples(operator) -> None:
    for example in operator.examples():
        mutated = mutate_code(example.pre_mutation_code, operator(), example.occurrence)
        assert mutated == example.post_mutation_code


def test_statement_removal_leaves_module_level_code_and_docstrings() -> None:
    source = 'import os\n\n\ndef f(x):\n    """Doc."""\n    pass\n'
    assert mutate_code(source, RemoveStatement(), 0) is None


def test_a_default_that_cannot_go_is_kept() -> None:
    """Removing device=None before n=1 would be a SyntaxError, not a mutant."""
    assert mutate_code("def f(x, device=None, n=1):\n    pass\n", DefaultValue(), 0) is None


def test_an_optimizer_is_swapped_only_where_it_is_reached_through_optim() -> None:
    """`from torch.optim import Adam` then `Adam(...)`: swapping one of the two names would only make a NameError."""
    assert mutate_code("from torch.optim import Adam\nopt = Adam(params)\n", SwapOptimizer(), 0) is None


def test_the_reference_solution_has_optimizer_mutants() -> None:
    from cosmic_ray.ast import get_ast

    source = (ROOT / "solutions" / "ex07_train_hihello.py").read_text(encoding="utf-8")
    found = []

    def walk(node):
        found.extend(SwapOptimizer().mutation_positions(node))
        for child in getattr(node, "children", []):
            walk(child)

    walk(get_ast(source))
    assert len(found) == 3, "ex07's torch.optim.Adam should give three optimizer mutants"


def test_describe_names_the_changed_lines() -> None:
    source = "def f(x):\n    y = x + 1\n    return y\n"
    assert describe(source, "def f(x):\n    y = x - 1\n    return y\n") == (2, "y = x + 1", "y = x - 1")


def test_every_equivalent_mutant_says_why() -> None:
    entries = tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8")).get("equivalent", [])
    for entry in entries:
        assert set(entry) >= {"exercise", "original", "mutated", "reason"}, entry
        assert (ROOT / "solutions" / f"{entry['exercise']}.py").is_file(), entry
        assert len(entry["reason"].split()) >= 5, f"say why this mutant is equivalent: {entry}"


def test_the_equivalents_file_stays_out_of_the_student_copy() -> None:
    """It describes the reference solutions line by line."""
    shipped = [pattern for pattern in RELEASE_FILES if fnmatch.fnmatch("tests/equivalent_mutants.toml", pattern)]
    assert not shipped


def test_an_equivalent_entry_matches_despite_spacing_and_line_joins() -> None:
    assert same("if  len(lengths)!=1 :", "if len(lengths) != 1:")
    assert same("if not words: / raise ValueError(x)", "if not words:\nraise ValueError(x)")
    assert not same("if len(lengths) > 1:", "if len(lengths) != 1:")
