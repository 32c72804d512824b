"""The learner's way, third pass (issue 29), in this process: each text names the command the way
the learner started the kata, with the exercise it is about; `solution` shows only the code that
differs; `--help` in the learner's language, without the maintainers' commands."""

from __future__ import annotations

import re

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


def help_of(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, lang: str, *words: str) -> str:
    """What `python -m kata WORDS --help` prints, in `lang`."""
    from kata.cli.arguments import parse_args

    monkeypatch.setenv("KATA_LANG", lang)
    with pytest.raises(SystemExit) as exited:
        parse_args([*words, "--help"])
    assert exited.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("words", [(), ("test",), ("hint",)])
def test_help_is_in_the_learners_language_argparses_own_words_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, words: tuple[str, ...]
) -> None:
    import re

    shown = help_of(monkeypatch, capsys, "ko", *words)
    for english in ("usage:", "options:", "positional arguments", "show this help message", "The RNN basics kata"):
        assert english not in shown, shown
    assert "사용법:" in shown, shown
    for line in shown.splitlines():  # every explanation is Korean; what is left in English is code
        text = line.strip()
        if "  " in text and not text.startswith("{"):
            assert re.search("[가-힣]", text.split("  ", 1)[1]), line


def test_the_learners_help_lists_no_maintainer_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """Not even in the kata's own checkout, which self-study learners clone; they still work."""
    shown = help_of(monkeypatch, capsys, "en")
    assert "hint" in shown and "explain" in shown, shown
    for maintainers in ("grade-all", "release", "autograder", "freeze-stubs", "no-checks"):
        assert maintainers not in shown, (maintainers, shown)
    assert "--repo" in help_of(monkeypatch, capsys, "en", "release")


def test_an_argparse_error_is_in_the_learners_language(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from kata.cli.arguments import parse_args

    monkeypatch.setenv("KATA_LANG", "ko")
    with pytest.raises(SystemExit):
        parse_args(["test", "--timeout", "soon"])
    said = capsys.readouterr().err
    assert "error:" not in said and "usage:" not in said and "invalid float value" not in said, said
    with pytest.raises(SystemExit):
        parse_args(["hnit"])
    said = capsys.readouterr().err
    assert "hnit" in said and "invalid choice" not in said and re.search("[가-힣]", said), said


@pytest.mark.parametrize(
    "system, launcher, expected",
    [
        ({"LANGUAGE": "ko:en", "LANG": "C.UTF-8"}, "make", "KATA_LANG=ko make test"),
        ({"LC_MESSAGES": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"}, "", "KATA_LANG=ko python -m kata"),
        ({"windows": "0x412"}, "", '$env:KATA_LANG="ko"'),
    ],
)
def test_a_korean_system_without_kata_lang_learns_in_one_line_how_to_get_korean(
    monkeypatch: pytest.MonkeyPatch, system: dict[str, str], launcher: str, expected: str
) -> None:
    from kata.cli import common

    for name in ("KATA_LANG", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KATA_LAUNCHER", launcher)
    windows = system.pop("windows", None)
    for name, value in system.items():
        monkeypatch.setenv(name, value)
    if windows:
        monkeypatch.setattr(common.sys, "platform", "win32")
        monkeypatch.setattr(common, "windows_ui_language", lambda: int(windows, 16))
    else:
        monkeypatch.setattr(common, "windows_ui_language", lambda: 0x409)
    shown = common.learner_help()
    said = [line for line in shown.splitlines() if "KATA_LANG" in line]
    assert len(said) == 1 and expected in said[0] and re.search("[가-힣]", said[0]), shown
    assert "The RNN basics kata" in shown, "the rest stays in the language the kata chose"
    monkeypatch.setenv("KATA_LANG", "en")  # chosen: no pointer
    assert "KATA_LANG" not in common.learner_help()


def test_an_english_system_gets_no_korean_pointer(monkeypatch: pytest.MonkeyPatch) -> None:
    from kata.cli import common

    for name in ("KATA_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setattr(common, "windows_ui_language", lambda: 0x409)
    assert "KATA_LANG" not in common.learner_help()


def test_the_solutions_diff_numbers_the_lines_as_the_files_do(tmp_path) -> None:
    """With the docstrings left out, a hunk still starts at the line the learner's file has there."""
    from kata.core.manifest import find_exercise, load_manifest
    from kata.learner.commands import load_stubs, solution_view

    stub = load_stubs()["ex02_batch"]
    (tmp_path / "ex02_batch.py").write_text(stub, encoding="utf-8")
    view = solution_view(find_exercise("ex02", load_manifest()), tmp_path)
    diff = view.split("What differs (- yours, + the reference):")[1].splitlines()
    header = next(line for line in diff if line.startswith("@@"))
    first_shown = next(line for line in diff[diff.index(header) + 1 :] if not line.startswith("+"))[1:]
    mine = int(re.match(r"@@ -(\d+)", header).group(1))
    assert stub.splitlines()[mine - 1] == first_shown, (header, first_shown)


def test_help_names_python_as_the_learner_typed_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """`python3 -m kata --help` (Ubuntu and macOS often have no `python`) says python3."""
    monkeypatch.setenv("KATA_PYTHON", "python3")
    shown = help_of(monkeypatch, capsys, "en", "hint")
    assert "python3 -m kata hint" in shown, shown


def test_a_grade_on_a_korean_system_says_how_to_get_korean_under_its_header(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """`test` is what a learner runs most: its header is followed by the Korean pointer, once."""
    from kata import EXERCISES_DIR
    from kata.cli import common

    for name in ("KATA_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("LANGUAGE", "ko")
    monkeypatch.setenv("KATA_DEVICE", "cpu")
    common.header(EXERCISES_DIR)
    shown = capsys.readouterr().out.splitlines()
    assert shown[0].startswith("RNN basics kata") and "KATA_LANG=ko" in shown[-1], shown
    assert sum("KATA_LANG" in line for line in shown) == 1, shown


@pytest.mark.parametrize(
    "system, launcher, expected",
    [
        ("C.UTF-8", "make", "KATA_LANG=ko make explain EX=ex02"),
        ("C.UTF-8", "", "KATA_LANG=ko python -m kata explain ex02"),
        ("ko_KR.UTF-8", "make", "make explain EX=ex02"),
    ],
)
def test_a_korean_pointer_gives_a_command_that_answers_in_korean(
    monkeypatch: pytest.MonkeyPatch, system: str, launcher: str, expected: str
) -> None:
    """`KATA_LANG=ko make test` says where the Korean instructions are: the command alone answers
    in the system's language, so it comes with KATA_LANG=ko unless the system is Korean."""
    from kata.core import launcher as launching
    from kata.core.settings import settings

    monkeypatch.setenv("KATA_LANG", "ko")
    monkeypatch.setenv("LANG", system)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("KATA_LAUNCHER", launcher)
    monkeypatch.setenv("KATA_PYTHON", "python")
    monkeypatch.setattr("sys.platform", "linux")
    settings.cache_clear()
    assert launching.in_this_language(launching.command("explain", "ex02_batch")) == expected


def test_an_unknown_notebook_command_is_named_before_the_usage(capsys: pytest.CaptureFixture[str]) -> None:
    """`%kata nonsense` and a `%%kata` cell without an exercise printed only the usage line."""
    from kata.learner import notebook

    notebook.kata_magic("nonsense")
    said = capsys.readouterr().out
    assert said.startswith("%kata has no command 'nonsense'.") and "Use: %kata test" in said, said
    notebook.kata_magic("", "print(1)")
    said = capsys.readouterr().out
    assert said.startswith("A %%kata cell names one exercise on its first line") and "Use: %kata" in said, said


def test_a_notebook_cell_for_an_unknown_exercise_is_told_as_the_terminal_tells_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`%%kata ex09` said "no exercise named ex09" without the `kata:` the terminal puts first, so
    it read as Python's own words."""
    from kata.learner import notebook

    notebook.kata_magic("ex09", "print(1)")
    said = capsys.readouterr().out
    assert said.startswith("kata: no exercise named ex09. Known: ex01_one_hot"), said


def test_a_notebook_reset_forgets_the_exercises_functions_in_the_kernel(capsys: pytest.CaptureFixture[str]) -> None:
    """After `%kata reset ex01`, build_vocab(...) in a cell still ran the code just reset."""
    from types import SimpleNamespace

    from kata.learner import notebook

    kernel = SimpleNamespace(user_ns={"build_vocab": len, "encode_word": len, "mine": 1})
    notebook.forget_in_kernel("ex01", kernel)
    assert kernel.user_ns == {"mine": 1}
    assert "no longer defines build_vocab, encode_word either." in capsys.readouterr().out


def test_a_refused_read_at_import_names_its_place_first(tmp_path) -> None:
    """Issue 30's review: "...하면 됩니다.\\n(.../ex06_rnn_from_scratch.py 10번째 줄)": the place came
    after the refusal's final period, dangling on a line of its own. It now leads the message."""
    from pathlib import Path

    from kata.engine import loader

    source = tmp_path / "ex06_rnn_from_scratch.py"
    source.write_text("open('/proc/self/status')\n", encoding="utf-8")
    error = PermissionError(13, "Permission denied", "/proc/self/status")
    try:
        exec(compile(source.read_text(encoding="utf-8"), str(source), "exec"), {"open": _raiser(error)})
    except PermissionError as raised:
        message = loader.explain_import_error(raised, Path(source), tmp_path)
    assert message.startswith(f"{source}, line 1: While grading"), message
    assert message.endswith("returns its result."), message


def test_an_import_error_names_its_file_once(tmp_path, monkeypatch) -> None:
    """Review 10 (import-error): "…/ex03_rnn.py를 import하는 동안 코드가 ModuleNotFoundError를
    일으켰습니다(…/ex03_rnn.py 1번째 줄)": the file just named was named again in the brackets. When the
    error is in the file being imported, only its line is said; in another file, the file too."""
    from pathlib import Path

    from kata.engine import loader

    source = tmp_path / "ex03_rnn.py"
    source.write_text("import no_such_module_here\n", encoding="utf-8")
    try:
        exec(compile(source.read_text(encoding="utf-8"), str(source), "exec"), {})
    except ModuleNotFoundError as raised:
        for lang in ("en", "ko"):
            monkeypatch.setenv("KATA_LANG", lang)
            message = loader.explain_import_error(raised, Path(source), tmp_path)
            assert message.count(str(source)) == 1, message
            assert ("line 1" if lang == "en" else "(1번 줄)") in message, message


def _raiser(error: BaseException):
    def raise_it(*args, **kwargs):
        raise error

    return raise_it


def test_the_solutions_diff_of_a_copy_of_the_reference_says_so(tmp_path) -> None:
    """An exercise written as the reference (or saved from a %%kata cell, whose first line is
    '# %%kata ex03') showed an empty diff under its header."""
    from kata.core.manifest import find_exercise, load_manifest
    from kata.learner import commands

    exercise = find_exercise("ex03", load_manifest())
    assert exercise is not None
    text = (SOLUTIONS_DIR / exercise.filename).read_text(encoding="utf-8")
    (tmp_path / exercise.filename).write_text("# %%kata ex03\n" + text, encoding="utf-8")
    view = commands.solution_view(exercise, tmp_path)
    assert "Your code is the same as the reference, line for line." in view and "What differs" not in view, view
