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
