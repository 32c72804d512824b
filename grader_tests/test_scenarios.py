"""Golden scenarios: each folder under scenarios/ holds a submitted tree and the verdicts the
grader must reach on it (expected.json), in the spirit of Exercism's test-runner golden tests."""

from __future__ import annotations

import re

import pytest

from grader_tests.golden import SCENARIOS, Graded

pytestmark = pytest.mark.timeout(600)  # the first test waits for every scenario to be graded

NAMES = sorted(p.name for p in SCENARIOS.iterdir() if (p / "expected.json").exists())


def results_of(run: Graded, exercise: str) -> list[dict]:
    return [t for t in run.results.get("tests", []) if t["name"].startswith(f"{exercise}: ")]


@pytest.mark.parametrize("name", NAMES)
def test_verdicts(graded: dict[str, Graded], name: str) -> None:
    run = graded[name]
    assert run.returncode == 0, f"the grader itself broke:\n{run.stdout[-3000:]}"
    assert run.results, "no results.json was written"
    for exercise, want in run.expected["exercises"].items():
        tests = results_of(run, exercise)
        assert tests, f"{exercise}: no results"
        passed = sum(t["status"] == "passed" for t in tests)
        failing = [t for t in tests if t["status"] != "passed"]
        verdict = want["passed"]
        summary = (
            f"{exercise}: {passed}/{len(tests)} passed; first failures: {[t['output'][:300] for t in failing[:2]]}"
        )
        if verdict == "all":
            assert passed == len(tests), summary
        elif verdict == "none":
            assert passed == 0, summary
        else:
            assert 0 < passed < len(tests), summary
        if "failed" in want:
            assert len(failing) == want["failed"], summary
        messages = "\n".join(t["output"] for t in failing)
        if "timed_out" in want:  # each other test that reached the hung function failed at once
            waited = [t for t in failing if "timed out after" in t["output"]]
            assert len(waited) == want["timed_out"], summary
        for needle in want.get("messages", []):
            assert needle in messages, f"{exercise}: no failure message mentions {needle!r}; {summary}"
        for needle in want.get("absent", []):  # a wrong cause that degenerate sizes used to give
            assert needle not in messages, f"{exercise}: a failure message wrongly says {needle!r}; {summary}"
        outputs = "\n".join(t["output"] for t in tests)
        for needle in want.get("outputs", []):
            assert needle in outputs, f"{exercise}: no reported output mentions {needle!r}"
        for needle in want.get("absent", []):  # what a hostile submission must not have achieved
            assert needle not in outputs, f"{exercise}: a reported output mentions {needle!r}"


@pytest.mark.parametrize("name", NAMES)
def test_grading_writes_nothing_into_the_tree(graded: dict[str, Graded], name: str) -> None:
    run = graded[name]
    assert run.after == run.before, f"the graded tree changed: {set(run.after) ^ set(run.before) or 'file contents'}"
    assert not run.left_in_tmp, f"grading left temporary files behind: {run.left_in_tmp[:5]}"


@pytest.mark.parametrize("name", NAMES)
def test_reports_stay_small(graded: dict[str, Graded], name: str) -> None:
    for test in graded[name].results.get("tests", []):
        assert len(test["output"]) < 12_000, f"{test['name']}: {len(test['output'])} characters of output"


GRADESCOPE_VISIBILITY = {"hidden", "after_due_date", "after_published", "visible"}


def test_gradescope_results_give_full_marks_to_the_solutions_and_none_to_the_stubs(graded: dict[str, Graded]) -> None:
    """Read from the golden runs of the reference solutions and the pristine stubs (no grade of its own)."""
    solved, stubs = graded["reference-solutions"].results, graded["pristine-stubs"].results
    for data in (solved, stubs):
        assert {"score", "execution_time", "output", "tests"} <= set(data)
        for test in data["tests"]:
            assert {"name", "score", "max_score", "status", "output", "visibility"} <= set(test)
            assert test["visibility"] in GRADESCOPE_VISIBILITY and test["max_score"] > 0
    assert all(t["status"] == "passed" and t["score"] == t["max_score"] for t in solved["tests"])
    assert solved["score"] == sum(t["max_score"] for t in solved["tests"])
    weighted = [t for t in solved["tests"] if "batch_first=True" in t["name"]]
    assert weighted and weighted[0]["max_score"] == 2, "the points marker sets a test's max_score"
    assert stubs["score"] == 0 and all(t["status"] == "failed" and t["output"] for t in stubs["tests"])


# "(test_ex05_time_major.py, line 170)": how an error raised inside a test file is reported.
CRASH_IN_A_TEST_FILE = re.compile(r"\((?:test_\w+|conftest)\.py, line \d+\)")


@pytest.mark.parametrize("name", NAMES)
def test_no_graded_test_ends_in_a_crash_of_its_own(graded: dict[str, Graded], name: str) -> None:
    """A test of the tests: on every scenario, each failing graded test ends in a check's message,
    never in an exception raised inside a test file. (kata/testing/calls.py's explain_test_crash turns such
    an error into a message that names the learner's call and what it returned, so an unseen
    submission still learns something; no scenario here may need it.)"""
    for test in graded[name].results.get("tests", []):
        if test["status"] != "passed":
            found = CRASH_IN_A_TEST_FILE.search(test["output"])
            assert not found, (
                f"{test['name']} ended in an error of the test file {found.group(0)}:\n{test['output'][:600]}"
            )
