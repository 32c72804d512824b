"""The learner's way, third pass (issue 29), in this process: each text names the command the way
the learner started the kata, with the exercise it is about; `solution` shows only the code that
differs; `--help` in the learner's language, without the maintainers' commands."""

from __future__ import annotations

import pytest

from kata import SOLUTIONS_DIR


def raised_in(filename: str, error: BaseException) -> BaseException:
    """`error` as raised by code in `filename` (an exercise file of the learner's)."""
    code = compile("def attempt(error):\n    raise error\n", filename, "exec")
    space: dict = {}
    exec(code, space)
    try:
        space["attempt"](error)
    except BaseException as caught:  # noqa: BLE001 - any error is what the test raised
        return caught
    raise AssertionError("not raised")


@pytest.mark.parametrize("how, expected", [("make", "make hint EX=ex02"), ("notebook", "%kata hint ex02")])
def test_the_reference_off_limits_names_the_hint_of_the_exercise_that_tried(
    monkeypatch: pytest.MonkeyPatch, tmp_path, how: str, expected: str
) -> None:
    from kata.core.settings import settings
    from kata.engine import loader, sandbox

    monkeypatch.setenv("KATA_LAUNCHER", how)
    settings.cache_clear()
    mine = str(tmp_path / "ex02_batch.py")
    opened = raised_in(mine, PermissionError(13, "Permission denied", str(SOLUTIONS_DIR / "ex01_one_hot.py")))
    assert expected in sandbox.confined_message(opened), sandbox.confined_message(opened)
    missing = ModuleNotFoundError("No module named 'solutions'", name="solutions.ex01_one_hot")
    imported = raised_in(mine, missing)
    assert expected in loader.off_limits_import(imported), loader.off_limits_import(imported)


def test_the_solutions_diff_shows_the_code_that_differs_not_the_docstrings(tmp_path) -> None:
    """A learner who kept the stub's instructions and wrote their own code sees the lines of code
    that differ from the reference, not the stub's docstring set against the reference's."""
    import ast

    from kata.core.manifest import find_exercise, load_manifest
    from kata.learner.commands import load_stubs, solution_view

    stub = load_stubs()["ex02_batch"]
    docstring_end = ast.parse(stub).body[0].end_lineno or 0
    mine = (
        "\n".join(stub.splitlines()[:docstring_end])
        + "\nimport torch\n\n\ndef make_batch(words, vocab, device=None):\n"
    )
    mine += "    return torch.zeros(len(words), len(words[0]), len(vocab))\n"
    (tmp_path / "ex02_batch.py").write_text(mine, encoding="utf-8")
    exercise = find_exercise("ex02", load_manifest())
    view = solution_view(exercise, tmp_path)
    diff = view.split("What differs (- yours, + the reference):")[1]
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("---", "+++")]
    assert any("torch.zeros" in line for line in changed), diff
    assert not any("nn.RNN reads many sequences" in line or "Reference solution:" in line for line in changed), diff
    assert not any(line.strip() in ('-"""', '+"""') for line in changed), diff
