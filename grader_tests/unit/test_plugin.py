"""The kata's pytest plugin (kata/engine/plugin.py) as a learner meets it, run in pytest's own
`pytester`: --impl chooses the graded folder, the `learner` fixture imports from it or fails
saying why, and each verdict reaches the parent with its kind (stub, wrong, error) and points.

Few on purpose: the engine is being rebuilt (the learner's code moves to a worker process);
these hold whatever runs the tests."""

from __future__ import annotations

import importlib.metadata
import shutil

import pytest

from kata import EXERCISES_DIR, SOLUTIONS_DIR
from kata.engine.events import Event, decode, encode
from kata.engine.judge import kata_plugins, pytest_args
from kata.engine.plugin import Stream
from kata.testing import activity

GRADED_TESTS = '''
import pytest
from kata.testing.calls import call


def test_vocabulary(learner):
    """Builds the vocabulary in order."""
    assert call(learner("ex01_one_hot").build_vocab, ["hello"]) == ["h", "e", "l", "o"]


@pytest.mark.points(2)
def test_still_a_stub(learner):
    call(learner("ex02_batch").make_batch, ["hi"], ["h", "i"])


def test_missing_file(learner):
    learner("ex03_rnn")


@pytest.mark.visibility("after_published")
@pytest.mark.parametrize("word", ["ab"])
def test_wrong_answer(learner, word):
    assert call(learner("ex01_one_hot").build_vocab, [word]) == ["b", "a"], "first seen comes first"


def test_skipped():
    pytest.skip("needs a GPU")
'''


def grade(pytester: pytest.Pytester) -> dict[str, dict]:
    """Grades GRADED_TESTS on a tree of ex01 solved and ex02 a stub; each test's events by name."""
    impl = pytester.path / "impl"
    impl.mkdir()
    shutil.copy(SOLUTIONS_DIR / "ex01_one_hot.py", impl)
    shutil.copy(EXERCISES_DIR / "ex02_batch.py", impl)
    pytester.makepyfile(test_ex01_one_hot=GRADED_TESTS)
    events: list[dict] = []

    def send(event: Event, **fields: object) -> None:  # through the pipe's own codec, as the parent reads it
        decoded = decode(encode(event, **fields).encode())
        assert decoded is not None and decoded[0] is event
        events.append(decoded[1])

    try:
        pytester.runpytest_inprocess(
            "-p",
            "kata.engine.plugin",
            f"--impl={impl}",
            "-p",
            "no:cacheprovider",
            plugins=[Stream(send, None)],
        )
    finally:
        activity.set_sink(None)
    (collected,) = [e["tests"] for e in events if e["ev"] == "collected"]
    by_test = {t["nodeid"].split("::")[1]: {"described": t} for t in collected}
    for event in events:
        if event["ev"] == "result":
            by_test[event["test"].split("::")[1]]["result"] = event
    return by_test


def test_a_graded_run_describes_each_test_then_streams_its_verdict_kind_and_message(pytester: pytest.Pytester) -> None:
    """One run (each costs a pytest session): the three things the parent learns of each test."""
    verdicts = grade(pytester)

    # described before it runs: the docstring's first line is the title a learner reads
    vocabulary = verdicts["test_vocabulary"]["described"]
    assert (vocabulary["exercise"], vocabulary["name"], vocabulary["visibility"]) == (
        "ex01_one_hot",
        "Builds the vocabulary in order",
        "visible",
    )
    assert verdicts["test_still_a_stub"]["described"]["points"] == 2.0
    wrong = verdicts["test_wrong_answer[ab]"]["described"]
    assert (wrong["name"], wrong["visibility"]) == ("test_wrong_answer [ab]", "after_published")

    # each verdict with its kind: make list and the gradebook tell stubs and errors from wrong answers
    kinds = {name: (v["result"]["passed"], v["result"]["kind"]) for name, v in verdicts.items()}
    assert kinds == {
        "test_vocabulary": (True, ""),
        "test_still_a_stub": (False, "stub"),
        "test_missing_file": (False, "error"),
        "test_wrong_answer[ab]": (False, "wrong"),
        "test_skipped": (False, "wrong"),
    }

    # the messages are written for the learner, not pytest's tracebacks
    message = {name: v["result"]["message"] for name, v in verdicts.items()}
    assert message["test_still_a_stub"].startswith("ex02_batch.make_batch(['hi'], ['h', 'i']) is not written yet")
    assert message["test_missing_file"].endswith(
        "impl/ex03_rnn.py was not found. The graded folder must hold one file per exercise, named exactly ex03_rnn.py."
    )
    assert message["test_wrong_answer[ab]"].startswith(  # a bare assert names the learner's call and its result
        "ex01_one_hot.build_vocab(['ab']) returned ['a', 'b'], and the test could not go on with it "
        "(AssertionError: first seen comes first"
    )
    assert message["test_skipped"] == "This test did not run to its end (it was skipped while running the test)."


def test_a_judge_with_a_shared_page_notes_each_call_there_and_sends_no_event_for_it(pytester: pytest.Pytester) -> None:
    """A forked judge's parent reads the call from their shared page (kata.engine.events.DoingBoard)
    only when the judge has ended: no DOING event per call wakes it."""
    impl = pytester.path / "impl"
    impl.mkdir()
    shutil.copy(SOLUTIONS_DIR / "ex01_one_hot.py", impl)
    pytester.makepyfile(test_ex01_one_hot=GRADED_TESTS.split("\n\n@pytest.mark.points")[0])
    events: list[str] = []
    noted: list[str] = []
    try:
        pytester.runpytest_inprocess(
            "-p",
            "kata.engine.plugin",
            f"--impl={impl}",
            "-p",
            "no:cacheprovider",
            plugins=[Stream(lambda event, **fields: events.append(event.value), None, doing=noted.append)],
        )
    finally:
        activity.set_sink(None)
    assert "doing" not in events and "result" in events
    assert "ex01_one_hot.build_vocab(['hello'])" in noted


def test_a_test_marked_to_share_a_fixture_is_described_as_sharing_it(pytester: pytest.Pytester) -> None:
    """`make watch` keeps tests that share a module fixture in one judge; a test that reuses what the
    fixture left without asking for it (ex07's optimizer test, the fixture's training) says so."""
    pytester.makepyfile(
        test_ex01_one_hot="""
import pytest

@pytest.fixture(scope="module")
def trained():
    return 1

def test_uses(trained):
    pass

@pytest.mark.shares("trained")
def test_reuses():
    pass

def test_alone():
    pass
"""
    )
    events: list[dict] = []
    try:
        pytester.runpytest_inprocess(
            "-p",
            "kata.engine.plugin",
            "-p",
            "no:cacheprovider",
            plugins=[Stream(lambda event, **fields: events.append(fields), None, doing=lambda what: None)],
        )
    finally:
        activity.set_sink(None)
    (described,) = [e["tests"] for e in events if "tests" in e]
    shares = {t["nodeid"].split("::")[1]: t["shares"] for t in described}
    assert shares == {"test_uses": ["trained"], "test_reuses": ["trained"], "test_alone": []}


def test_a_judge_registers_its_plugins_without_reading_every_installed_package(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Named with `-p` or in conftest.py, a plugin is first looked for among the entry points of
    every installed package (about 25 ms a judge): the judge registers Hypothesis's and the
    kata's as modules (kata.engine.judge.kata_plugins), and both are there."""
    read: list[str] = []
    every = importlib.metadata.distributions
    monkeypatch.setattr(importlib.metadata, "distributions", lambda **kw: read.append("read") or every(**kw))
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")  # as judge_main runs it
    pytester.makeconftest('pytest_plugins = ["kata.engine.plugin"]')  # as the checkout's conftest.py does
    pytester.makepyfile(test_ex01_one_hot="def test_fixture_of_the_kata(device):\n    assert device\n")
    args = pytest_args([str(pytester.path / "test_ex01_one_hot.py")], str(SOLUTIONS_DIR))
    try:
        result = pytester.runpytest_inprocess(*args, "--hypothesis-show-statistics", plugins=kata_plugins())
    finally:
        activity.set_sink(None)
    result.assert_outcomes(passed=1)  # the kata's fixture, and Hypothesis's own option, were there
    assert read == []
