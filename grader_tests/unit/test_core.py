"""The record of results and statuses, settings, the one list of grading files, the submission
finder and the CLI's rebuilt argv: small rules that decide a grade or where it is read from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kata import EXERCISES_DIR, ROOT, SOLUTIONS_DIR
from kata.cli.arguments import parse_args
from kata.cli.grading import pristine_argv
from kata.core.grading_files import GRADING_FILES, INSTRUCTOR_ONLY, grading_files, is_grading_file
from kata.core.results import ExerciseStatus, FailureKind, exercise_done, exercise_status, passed_count
from kata.core.results import TestResult as Result  # not "Test...": pytest would try to collect it
from kata.core.settings import DEFAULT_TIMEOUT, settings
from kata.instructor.bundle import AUTOGRADER_FILES, RELEASE_FILES
from kata.instructor.submissions import find_files, graded_folder


def result(passed: bool, kind: str = "") -> Result:
    return Result("ex01_one_hot", "tests/test_ex01_one_hot.py::t", "t", 1.0, "visible", passed, kind=kind)


# statuses


def test_an_exercise_is_done_only_with_tests_that_all_pass() -> None:
    assert exercise_done([result(True), result(True)])
    assert not exercise_done([]), "no tests is no proof"
    assert not exercise_done([result(True), result(False, FailureKind.WRONG)])
    assert passed_count([result(True), result(False, "wrong"), result(True)]) == 2


def test_an_exercise_is_not_started_while_every_failure_is_a_stub() -> None:
    assert exercise_status([result(False, "stub"), result(False, "stub")]) is ExerciseStatus.NOT_STARTED
    assert exercise_status([result(False, "stub"), result(False, "error")]) is ExerciseStatus.FAILING
    assert exercise_status([result(False, "stub"), result(True)]) is ExerciseStatus.FAILING
    assert exercise_status([]) is ExerciseStatus.FAILING
    assert exercise_status([result(True)]) is ExerciseStatus.DONE
    assert str(ExerciseStatus.NOT_STARTED) == "not started" and str(FailureKind.STUB) == "stub"


# settings


def test_settings_are_read_from_the_environment_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("KATA_TIMEOUT", "KATA_JOBS", "KATA_DEVICE", "KATA_START", "KATA_SANDBOX_USER", "KATA_PRISTINE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("KATA_STATE_DIR")
    defaults = settings()
    assert (defaults.timeout, defaults.device, defaults.interview) == (DEFAULT_TIMEOUT, "", False)
    assert (defaults.start, defaults.sandbox_user, defaults.state_dir) == ("fork", "nobody", ROOT / ".kata")
    assert 1 <= defaults.jobs <= 4 and not defaults.pristine
    monkeypatch.setenv("KATA_TIMEOUT", "2.5")
    assert settings().timeout == DEFAULT_TIMEOUT, "read once per process: parent and child agree"
    settings.cache_clear()
    for name, value in (("KATA_JOBS", "3"), ("KATA_DEVICE", " CUDA "), ("KATA_MODE", "Interview")):
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("KATA_STATE_DIR", str(tmp_path))
    chosen = settings()
    assert (chosen.timeout, chosen.jobs, chosen.device, chosen.interview, chosen.state_dir) == (
        2.5,
        3,
        "cuda",
        True,
        tmp_path,
    )


# the one list of grading files


def test_every_kata_module_and_test_is_a_grading_file_and_the_learners_code_is_not() -> None:
    listed = {str(p.relative_to(ROOT)) for p in grading_files()}
    modules = {str(p.relative_to(ROOT)) for p in (ROOT / "kata").rglob("*.py") if "__pycache__" not in p.parts}
    assert modules <= listed, f"not in GRADING_FILES: {sorted(modules - listed)}"
    for name in ("kata/testing/checks.py", "tests/test_ex03_rnn.py", "kata/i18n/locales/ko.po", "conftest.py"):
        assert is_grading_file(name), name
    for name in ("exercises/ex01_one_hot.py", "solutions/ex01_one_hot.py", "grader_tests/test_cli.py", "a/conftest.py"):
        assert not is_grading_file(name), name


def test_the_copy_and_the_bundle_take_their_grading_files_from_the_one_list() -> None:
    assert set(GRADING_FILES) - set(INSTRUCTOR_ONLY) <= set(RELEASE_FILES), "a student copy lacks grading files"
    assert set(INSTRUCTOR_ONLY).isdisjoint(RELEASE_FILES), "a student copy would hold instructor-only files"
    assert set(GRADING_FILES) <= set(AUTOGRADER_FILES), "the Gradescope bundle lacks grading files"


# the submission finder: one rule for grade-all, the autograder and Classroom


def test_the_shallowest_copy_of_a_file_wins_and_hidden_folders_and_caches_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "work" / "old").mkdir(parents=True)
    for folder in (".git", "__pycache__", "node_modules"):
        (tmp_path / "work" / folder).mkdir()
        shutil.copy(EXERCISES_DIR / "ex02_batch.py", tmp_path / "work" / folder / "ex02_batch.py")
    shutil.copy(SOLUTIONS_DIR / "ex01_one_hot.py", tmp_path / "work" / "ex01_one_hot.py")
    shutil.copy(EXERCISES_DIR / "ex01_one_hot.py", tmp_path / "work" / "old" / "ex01_one_hot.py")
    for name in ("exam.py", "ex1_short.py", "ex01-dash.py", "ex01_one_hot.txt"):
        (tmp_path / "work" / name).write_text("")
    found = find_files(tmp_path)
    assert found == {"ex01_one_hot.py": tmp_path / "work" / "ex01_one_hot.py"}


def test_files_together_are_graded_where_they_are_and_spread_files_from_a_flat_copy(tmp_path: Path) -> None:
    together = tmp_path / "together" / "homework"
    shutil.copytree(SOLUTIONS_DIR, together)
    assert graded_folder(tmp_path / "together", tmp_path / "scratch") == together.resolve()
    spread = tmp_path / "spread"
    for folder, name in (("a", "ex01_one_hot.py"), ("b", "ex02_batch.py")):
        (spread / folder).mkdir(parents=True)
        shutil.copy(SOLUTIONS_DIR / name, spread / folder / name)
    graded = graded_folder(spread, tmp_path / "flat")
    assert graded == (tmp_path / "flat").resolve()
    assert sorted(p.name for p in graded.iterdir()) == ["ex01_one_hot.py", "ex02_batch.py"]


# the CLI: a release whose grading files changed re-runs the same command from a pristine copy


@pytest.mark.parametrize("written", [["--impl", "mine"], ["--impl=mine"]])
def test_the_rebuilt_argv_keeps_the_impl_however_it_was_written(
    written: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mine").mkdir()
    monkeypatch.chdir(tmp_path)
    argv = pristine_argv(parse_args(["test", *written, "--timeout", "3", "ex02"]))
    assert argv == [
        "test",
        f"--impl={(tmp_path / 'mine').resolve()}",
        "--timeout=3.0",
        f"--jobs={settings().jobs}",
        "ex02",
    ]


def test_the_rebuilt_grade_argv_keeps_every_option_with_absolute_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "upload").mkdir()
    monkeypatch.chdir(tmp_path)
    args = parse_args(
        [
            "grade",
            "--results",
            "out/r.json",
            "--format",
            "exercism",
            "--public-only",
            "--submission",
            "upload",
            "--jobs",
            "1",
        ]
    )
    argv = pristine_argv(args)
    assert argv[3:] == [
        "--jobs=1",
        f"--results={tmp_path / 'out' / 'r.json'}",
        "--format=exercism",
        "--public-only",
        f"--submission={(tmp_path / 'upload').resolve()}",
    ]
    assert parse_args(argv).results == str(tmp_path / "out" / "r.json"), "argparse reads back what it wrote"


@pytest.mark.parametrize(
    "spelling", ["ex02", "EX02", "Ex02", "2", "02", "ex2", "ex02_batch", "EX02_BATCH.py", " ex02 "]
)
def test_every_spelling_of_an_exercise_chooses_it(spelling: str) -> None:
    """EX= and a command's exercise arguments, read by the one resolver every command uses (the
    slow tier's student copy checks one spelling through a real `make test`)."""
    from kata.cli.common import chosen_exercises

    assert [e.name for e in chosen_exercises([spelling])] == ["ex02_batch"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_missing_impl_folder_names_the_option_typed(
    lang: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The review's "IMPL에 ... 지정하세요" under `python -m kata --impl=/nonexist`: the message names
    --impl, and IMPL= for make."""
    from kata.cli.common import resolve_impl

    monkeypatch.setenv("KATA_LANG", lang)
    with pytest.raises(SystemExit):
        resolve_impl("/nonexist")
    err = " ".join(capsys.readouterr().err.split())
    assert "--impl" in err and "IMPL=" in err, err


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(
    ("how", "typed", "expected"),
    [
        ("", "solutions", "python -m kata test ex01 --impl=solutions"),
        ("make", "solutions", "make test EX=ex01 IMPL=solutions"),
        ("", "exercises", "python -m kata test ex01"),  # the default stays out of sight
        ("make", "exercises", "make test EX=ex01"),  # make passes --impl=exercises every time
    ],
)
def test_a_command_suggested_after_impl_keeps_it(
    monkeypatch: pytest.MonkeyPatch, lang: str, how: str, typed: str, expected: str
) -> None:
    """The eighth review: after `python -m kata test --impl=DIR`, the report's "then run `python -m kata
    test ex01` again" dropped --impl, in English and Korean. A previous attempt showed IMPL=exercises
    for the default; the default is named nowhere."""
    import argparse

    from kata.cli.common import resolve_impl
    from kata.cli.grading import impl_to_show
    from kata.core import launcher
    from kata.core.manifest import load_manifest
    from kata.core.results import TestResult
    from kata.core.settings import settings
    from kata.render import scoreboard

    monkeypatch.setenv("KATA_LANG", lang)
    monkeypatch.setenv("KATA_LAUNCHER", how)
    monkeypatch.setenv("KATA_PYTHON", "python")
    monkeypatch.delenv("KATA_IMPL_SHOWN", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    settings.cache_clear()
    args = argparse.Namespace(command="test", impl=typed)
    monkeypatch.setattr(launcher, "_impl", impl_to_show(args, resolve_impl(typed)))
    assert launcher.command("test", "ex01_one_hot") == expected
    assert launcher.command("hint", "ex01_one_hot").endswith("hint ex01" if not how else "hint EX=ex01")
    failing = [
        TestResult("ex01_one_hot", f"t::{n}", f"t{n}", 1.0, "visible", passed=False, message=f"f({n}).")
        for n in range(5)
    ]
    board = " ".join(scoreboard.scoreboard(load_manifest()[:1], {"ex01_one_hot": failing}, resolve_impl(typed)).split())
    assert f"`{expected}`" in board, board
    grade = argparse.Namespace(command="grade", impl=typed)
    assert impl_to_show(grade, resolve_impl(typed)) == "", "grade's results go to an autograder"
    monkeypatch.setenv("KATA_IMPL_SHOWN", "")  # a copy standing for exercises/
    settings.cache_clear()
    assert impl_to_show(args, resolve_impl(typed)) == ""


# the end of a run


def test_a_run_ends_without_torchs_finalizers_but_with_its_own() -> None:
    """torch.library's finalizers only deregister kernels of a process that is ending: skipped.
    Any other finalizer (a temporary folder's removal) still runs at exit."""
    import weakref

    import torch.library  # noqa: F401 - registers its finalizers as it is imported

    from kata.cli.run import skip_torch_finalizers

    class Held:
        pass

    held = Held()
    mine = weakref.finalize(held, print, "removed")
    live = [f for f in list(weakref.finalize._registry) if f.peek() is not None]  # type: ignore[attr-defined]
    torchs = [f for f in live if str(getattr(f.peek()[1], "__module__", None)).startswith("torch.")]
    assert torchs and all(f.atexit for f in torchs)
    try:
        skip_torch_finalizers()
        assert mine.atexit and not any(f.atexit for f in torchs)
    finally:
        for finalizer in torchs:
            finalizer.atexit = True
        mine.detach()
