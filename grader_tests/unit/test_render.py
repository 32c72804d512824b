"""What a learner and Gradescope read, rendered from test results in this process
(kata/render/scoreboard.py, kata/render/formats.py): no grading needed to check the layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from kata import EXERCISES_DIR
from kata.core.launcher import command
from kata.core.manifest import Exercise, load_manifest
from kata.core.results import TestResult as Result  # not "Test...": pytest would try to collect it
from kata.core.settings import settings
from kata.render import formats, scoreboard


@pytest.fixture(autouse=True)
def _eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


@pytest.fixture
def two() -> list[Exercise]:
    return load_manifest()[:2]


def result(name: str, passed: bool, message: str = "", *, kind: str = "", output: str = "", **more) -> Result:
    exercise = more.pop("exercise", "ex01_one_hot")
    fields = {"points": 1.0, "visibility": "visible", **more}
    return Result(
        exercise,
        f"tests/test_{exercise}.py::t",
        name,
        passed=passed,
        message=message,
        output=output,
        kind=kind,
        **fields,
    )


def stub(name: str, exercise: str = "ex01_one_hot") -> Result:
    message = f"{exercise}.f(1) is not written yet: it still raises NotImplementedError."
    return result(name, False, message, kind="stub", exercise=exercise)


# distinct failures: one message per cause


def test_a_stub_met_by_every_test_is_shown_once() -> None:
    failing = [stub(f"test {i}") for i in range(10)]
    assert scoreboard.distinct_failures(failing) == failing[:1]


def test_the_same_mistake_on_other_sizes_is_one_cause() -> None:
    small = result("a", False, "f([1]) returned 2; expected 3.")
    large = result("b", False, "f([1, 2]) returned 20; expected 30.")
    other = result("c", False, "f([1]) raised KeyError: 'x'.")
    assert scoreboard.distinct_failures([small, large, other]) == [small, other]


def test_parametrized_variants_are_one_test_in_the_overview_but_not_alone() -> None:
    one = result("shapes [num_layers=1]", False, "f(1) returned (1, 3); expected (3, 1).")
    two = result("shapes [num_layers=2]", False, "f(2) returned the wrong num_layers.")
    assert scoreboard.distinct_failures([one, two]) == [one]
    assert scoreboard.distinct_failures([one, two], one_per_test=False) == [one, two]


# the scoreboard


def test_the_scoreboard_shows_status_progress_the_first_failures_and_what_is_next(two: list[Exercise]) -> None:
    results = {
        "ex01_one_hot": [
            result("builds the vocabulary", True),
            result("one-hot rows [h]", False, "f(1) returned 2; expected 3.", output="debug\n"),
            result("one-hot rows [e]", False, "f(2) returned 4; expected 6."),
            result("encodes a word", False, "f(1) raised IndexError: list index out of range."),
        ],
        "ex02_batch": [stub("stacks words", "ex02_batch")],
    }
    board = scoreboard.scoreboard(two, results, EXERCISES_DIR).splitlines()
    assert board[:5] == [
        "  failing       ex01_one_hot            1/4   One-hot encoding",
        "  not started   ex02_batch              0/1   A batch as one tensor",
        "",
        "  Progress [....................] 0/2 exercises done",
        "  1/5 tests passed",
    ]
    text = "\n".join(board)
    assert "First to fix: ex01_one_hot (One-hot encoding). Open exercises/ex01_one_hot.py" in text
    assert "  x one-hot rows [h]\n    f(1) returned 2; expected 3.\n    Your code printed:\n      | debug" in text
    assert "one-hot rows [e]" not in text, "the same mistake is shown once"
    assert "  x encodes a word\n    f(1) raised IndexError" in text
    again = command("test", "ex01_one_hot")  # as the learner types it (kata.core.launcher), for that exercise
    assert f"... 3 tests of ex01_one_hot fail in all; fix these first, then run `{again}`" in " ".join(text.split())
    assert board[-2].startswith("Next: exercises/ex01_one_hot.py: turn characters into one-hot vectors")
    assert all(len(line) <= 80 for line in board)


def test_a_failure_raised_in_an_earlier_exercises_file_names_that_file_to_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`test ex02` alone, with ex01's encode_word raising inside make_batch: the header said
    "Open exercises/ex02_batch.py", where nothing is wrong."""
    ex02 = load_manifest()[1]
    raised = "ex02_batch.make_batch(['ab'], ['a', 'b']) raised KeyError: 'ab' (at exercises/ex01_one_hot.py, line 23)."
    results = {"ex02_batch": [result("stacks words", False, raised, exercise="ex02_batch")]}
    text = " ".join(scoreboard.scoreboard([ex02], results, EXERCISES_DIR, subset=True).split())
    assert "Its tests fail inside exercises/ex01_one_hot.py, which it calls: open that file." in text, text
    assert "Open exercises/ex02_batch.py" not in text
    monkeypatch.setenv("KATA_LAUNCHER", "notebook")
    settings.cache_clear()
    text = " ".join(scoreboard.scoreboard([ex02], results, EXERCISES_DIR, subset=True).split())
    assert "fail inside ex01_one_hot, which it calls: fix ex01_one_hot in its `%%kata ex01` cell." in text, text
    own = "ex02_batch.make_batch(['ab'], ['a', 'b']) raised KeyError: 'ab' (at exercises/ex02_batch.py, line 9)."
    results = {"ex02_batch": [result("stacks words", False, own, exercise="ex02_batch")]}
    assert "fail inside" not in scoreboard.scoreboard([ex02], results, EXERCISES_DIR, subset=True)
    monkeypatch.delenv("KATA_LAUNCHER")
    settings.cache_clear()


def test_when_everything_passes_the_scoreboard_says_so(two: list[Exercise]) -> None:
    results = {e.name: [result("t", True, exercise=e.name)] for e in two}
    board = scoreboard.scoreboard(two, results, EXERCISES_DIR)
    assert "Progress [####################] 2/2 exercises done" in board
    assert board.endswith("\n\nEvery exercise passes. Well done!") and "First to fix" not in board


def test_an_exercise_not_graded_shows_no_count_and_interview_times_show(two: list[Exercise]) -> None:
    lines = scoreboard.status_lines(two, {"ex01_one_hot": [result("t", True)]}, times={"ex01_one_hot": 125.0})
    assert lines[0] == "  done          ex01_one_hot            1/1   One-hot encoding  (2:05)"
    assert lines[1] == "                ex02_batch                    A batch as one tensor"
    assert lines[2] == "\n  Progress [##########..........] 1/2 exercises done"


def test_one_chosen_exercise_shows_every_distinct_failure(two: list[Exercise]) -> None:
    failing = [result(f"test {i}", False, f"f(1) raised Error{'ABCDE'[i]}: no.") for i in range(5)]
    overview = scoreboard.scoreboard(two[:1], {"ex01_one_hot": failing}, EXERCISES_DIR)
    alone = scoreboard.scoreboard(two[:1], {"ex01_one_hot": failing}, EXERCISES_DIR, every_failure=True)
    assert overview.count("  x test ") == 3 and "5 tests of ex01_one_hot fail in all" in overview
    assert alone.count("  x test ") == 5 and "fail in all" not in alone


def test_watch_says_save_again_instead_of_run_again(two: list[Exercise]) -> None:
    failing = [result(f"t{i}", False, f"f(1) raised Error{'ABCDE'[i]}: no.") for i in range(5)]
    lines = scoreboard.failure_details(two[0], failing, EXERCISES_DIR, watching=True)
    assert "fix these first and save again." in lines[-1]


def test_a_flood_of_output_is_cut_at_a_line_end_with_a_note() -> None:
    flood = "\n".join(f"line {i:04d}" for i in range(400))
    shown = scoreboard.shown_output(flood, limit=100)
    assert shown.splitlines()[-1] == f"[... {len(flood) - 99:,} more characters of output not shown here]"
    assert shown.splitlines()[:-1] == [f"line {i:04d}" for i in range(10)]
    kept = scoreboard.shown_output(flood + "\n[... the grader kept only the start]", limit=100)
    assert kept.endswith("not shown here]\n[... the grader kept only the start]"), "the grader's own note stays"
    assert scoreboard.shown_output("short") == "short"


def test_the_scoreboard_speaks_korean_when_asked(two: list[Exercise], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KATA_LANG", "ko")
    board = scoreboard.scoreboard(two, {"ex01_one_hot": [stub("t")]}, EXERCISES_DIR)
    assert "시작 전" in board and "not started" not in board and command("explain", "ex01") in board


# Gradescope, Exercism, Classroom


def graded_results() -> dict[str, list[Result]]:
    return {
        "ex01_one_hot": [
            result("passes", True, points=2.0),
            result("fails", False, "x" * 3000, output="printed\n"),
            result("hidden one", False, "no", visibility="after_due_date"),
        ]
    }


def test_gradescope_counts_only_the_visible_tests_in_its_summary(two: list[Exercise]) -> None:
    data = formats.gradescope(two, graded_results(), elapsed=1.234)
    assert data["score"] == 2.0 and data["execution_time"] == 1.23
    assert data["output"] == "1/2 tests passed.", "counting a hidden test would reveal it"
    passes, fails, hidden = data["tests"]
    assert (passes["name"], passes["number"], passes["score"], passes["max_score"]) == (
        "ex01_one_hot: passes",
        "1",
        2.0,
        2.0,
    )
    assert fails["output"] == "x" * formats.MESSAGE_LIMIT + "\n\nPrinted output:\nprinted\n"
    assert (fails["status"], fails["score"], hidden["visibility"]) == ("failed", 0.0, "after_due_date")


def test_exercism_leaves_out_instructor_tests_and_cuts_output_as_its_runner_does(two: list[Exercise]) -> None:
    results = graded_results()
    results["ex01_one_hot"][1].stdout = "y" * 600  # Exercism shows what learner code printed to stdout
    data = formats.exercism(two, results, EXERCISES_DIR)
    assert data["status"] == "fail" and [t["name"] for t in data["tests"]] == [
        "ex01_one_hot: passes",
        "ex01_one_hot: fails",
    ]
    assert len(data["tests"][1]["output"]) == 500 and data["tests"][1]["output"].endswith(formats.EXERCISM_TRUNCATED)
    assert "message" not in data["tests"][0] and len(data["tests"][1]["message"]) == formats.MESSAGE_LIMIT


def test_exercism_reports_an_error_when_nothing_could_run(two: list[Exercise]) -> None:
    where = f"{Path(EXERCISES_DIR).resolve()}/ex01_one_hot.py"
    broken = {"ex01_one_hot": [result("t", False, f"{where}, line 4: SyntaxError", kind="error")]}
    data = formats.exercism(two, broken, EXERCISES_DIR)
    assert data == {"version": 3, "status": "error", "message": "ex01_one_hot.py, line 4: SyntaxError", "tests": []}


def test_classroom_repeats_a_two_point_test_so_table_and_notice_agree(two: list[Exercise]) -> None:
    data = formats.classroom(two, graded_results(), EXERCISES_DIR)
    names = [t["name"] for t in data["tests"]]
    assert names == ["ex01_one_hot: passes (1/2)", "ex01_one_hot: passes (2/2)", "ex01_one_hot: fails"]
    assert data["max_score"] == 3.0 and sum(t["score"] for t in data["tests"]) == 2.0
    assert data["tests"][2]["status"] == "error" and data["tests"][2]["message"].startswith(
        "❌ ex01_one_hot: fails\nxxx"
    )


def test_the_point_unit_is_the_largest_common_measure() -> None:
    assert formats.point_unit([1.0, 2.0, 0.5]) == formats.Fraction(1, 2)
    assert formats.point_unit([]) == 1


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_interview_rows_fit_80_columns_with_long_labels(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """Review 16, class 8: in interview mode the label "(written before the clock started)" after a
    title made rows of 84-100 columns in both languages. The time or label goes on a line of its
    own under the title when the row would pass 80 columns; a short one stays on the row."""
    import dataclasses

    from kata.core.text import width_of

    monkeypatch.setenv("KATA_LANG", lang)
    exercises = load_manifest()
    exercises = [*exercises, dataclasses.replace(exercises[-1], name="ex99_long", title="word " * 14)]
    results = {e.name: [result("t", True, exercise=e.name)] for e in exercises}
    times: dict[str, float | None] = {e.name: None for e in exercises}
    times[exercises[0].name] = 75.0
    rows = "\n".join(scoreboard.status_lines(exercises, results, times)).splitlines()
    wide = [f"{width_of(row)}: {row}" for row in rows if width_of(row) > 80]
    assert not wide, "\n".join(wide)
    assert rows[0].endswith("  (1:15)"), rows[0]  # a time that fits stays after the title
    label = scoreboard._("written before the clock started")
    assert sum(f"({label})" in row for row in rows) == len(exercises) - 1
