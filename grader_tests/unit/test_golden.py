"""How the slow tier chooses what to grade in Korean (grader_tests/golden.py): which templates
wrote a message, and the fewest exercises whose messages use them all."""

from __future__ import annotations

from pathlib import Path

from grader_tests.golden import Graded, korean_cover, template_pattern, templates_in

TEMPLATES = [
    "{what} returned shape {got}; expected {want}.",
    "The {axes} axes look swapped.",
    "expected",
    "{what} is not written yet: it still raises NotImplementedError{where}.",
    "ex04_shapes.rnn_shapes: not written yet. Return {'input': (...)} as the docstring says.",
]


def test_a_template_is_found_by_its_text_whatever_fills_its_placeholders() -> None:
    found = templates_in(
        ["f(1) returned shape (5, 3); expected (3, 5). The batch and seq_len axes look swapped."], TEMPLATES
    )
    assert found == {TEMPLATES[0], TEMPLATES[1]}


def test_a_short_template_is_not_seen_inside_a_longer_ones_text() -> None:
    assert "expected" not in templates_in(["f() returned shape (2,); expected (3,)."], TEMPLATES)
    assert templates_in(["    expected (batch=3)"], TEMPLATES) == {"expected"}


def test_braces_that_are_no_placeholders_are_text() -> None:
    stub = TEMPLATES[4]
    assert templates_in(
        [f"ex04_shapes.rnn_shapes(3) is not written yet: it still raises NotImplementedError.\n{stub}"], TEMPLATES
    ) == {
        TEMPLATES[3],
        stub,
    }
    assert template_pattern(stub).pattern.startswith("ex04_shapes")


def test_a_korean_template_matches_either_form_of_a_particle() -> None:
    pattern = template_pattern("{what}를 돌려줬습니다. {n}이 아닙니다", korean=True)
    assert pattern.search("f()를 돌려줬습니다. 3이 아닙니다") and pattern.search("g(1)을 돌려줬습니다. 2가 아닙니다")
    assert not pattern.search("f()를 돌려줍니다")


def run(name: str, messages: dict[str, list[str]], seconds: float = 1.0) -> Graded:
    tests = [{"name": f"{ex}: t", "output": m, "status": "failed"} for ex, ms in messages.items() for m in ms]
    results = {"tests": tests, "execution_time": seconds}
    return Graded(name, "en", {"exercises": dict.fromkeys(messages)}, Path(name), results, 0, "", {}, {}, [])


def test_the_cover_picks_the_exercises_that_use_every_template_between_them() -> None:
    shape = "f(1) returned shape (5, 3); expected (3, 5)."
    swapped = "The batch and seq_len axes look swapped."
    stub = "f(1) is not written yet: it still raises NotImplementedError."
    runs = {
        "a": run("a", {"ex01": [shape], "ex02": [stub]}),
        "b": run("b", {"ex01": [shape, swapped]}),
        "c": run("c", {"ex03": [shape]}),
    }
    assert korean_cover(runs, TEMPLATES) == {
        "b": {"ex01": {TEMPLATES[0], TEMPLATES[1]}},
        "a": {"ex02": {TEMPLATES[3]}},
    }


def test_the_cover_prefers_the_cheaper_of_two_exercises_that_show_the_same() -> None:
    swapped = "The batch and seq_len axes look swapped."
    runs = {"slow": run("slow", {"ex07": [swapped]}, seconds=60.0), "quick": run("quick", {"ex02": [swapped]})}
    assert korean_cover(runs, TEMPLATES) == {"quick": {"ex02": {TEMPLATES[1]}}}


def test_the_cover_never_picks_a_scenario_whose_messages_depend_on_timing() -> None:
    """hostile-forged-messages: forged replies race the real ones, so its Korean grade need not
    show what its English grade showed (once in four make check runs it did not)."""
    swapped = "The batch and seq_len axes look swapped."
    racing = run("racing", {"ex02": [swapped]}, seconds=0.1)
    racing.expected["messages_depend_on_timing"] = "forged replies race the real ones"
    runs = {"racing": racing, "steady": run("steady", {"ex07": [swapped]}, seconds=60.0)}
    assert korean_cover(runs, TEMPLATES) == {"steady": {"ex07": {TEMPLATES[1]}}}


def test_a_number_placeholder_matches_digits_only() -> None:
    """ko2's false match: "{path}, line {line}: {kind}: {error}" was seen in a stub report's
    ", line 33).\\nReturn {'input': (...), 'output': ..." (placeholders ran over anything), so the
    English grade counted a template that no text of it used."""
    pattern = template_pattern("{path}, line {line}: {kind}: {error}")
    assert pattern is not None
    assert not pattern.search(", line 33).\nReturn {'input': (...), 'output': (x)")
    assert pattern.search("ex01_one_hot.py, line 3: SyntaxError: invalid syntax")
