"""calls.call: every way learner code can go wrong becomes a failure that names the call, as a
learner reads it when a graded test calls their code (reached in this process)."""

from __future__ import annotations

import pytest

from grader_tests.unit.fake_learner import failure
from kata.core.settings import settings
from kata.testing import activity, calls, outcomes


def test_call_returns_what_the_learner_code_returns_and_notes_the_call(fake) -> None:
    assert calls.call(fake.checks_own, 4) == 4
    assert activity.current() == "ex99_fake.checks_own(4)", "a hang or crash is reported by this label"


def test_a_stub_is_not_written_yet_and_shows_its_own_hint(fake) -> None:
    kind, message = failure(calls.call, fake.stub, 1)
    assert kind is outcomes.NotWrittenYet, "make list counts it as not started"
    assert message.startswith("ex99_fake.stub(1) is not written yet: it still raises NotImplementedError at ")
    assert "ex99_fake.py, line 6." in message and message.endswith("\nStart here: write it.")


def test_a_stub_called_by_another_function_is_named_with_its_file(fake) -> None:
    kind, message = failure(calls.call, fake.calls_a_stub, 1)
    assert kind is outcomes.CodeCouldNotRun, "the function called is written: it is not 'not started'"
    assert message.startswith(
        "ex99_fake.calls_a_stub(1) could not run: it calls ex99_fake.stub, which is not written yet"
    )
    assert "ex99_fake.py, line 6)" in message and "Write ex99_fake.stub in " in message
    assert "then this test can check ex99_fake.calls_a_stub." in message


def test_torchs_own_not_implemented_error_is_no_stub(fake) -> None:
    kind, message = failure(calls.call, fake.on_meta, 1)
    assert kind is pytest.fail.Exception, "a wrong answer of the learner's, not a function left unwritten"
    assert "not written yet" not in message
    assert message.startswith("ex99_fake.on_meta(1) raised NotImplementedError: ")
    assert "comes from torch, not from a stub of yours" in message or "not from a stub of yours" in message


def test_interview_mode_leaves_out_the_stubs_own_hint(fake, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KATA_MODE", "interview")
    settings.cache_clear()  # settings are read once per process
    _kind, message = failure(calls.call, fake.stub, 1)
    assert "is not written yet" in message and "Start here" not in message


def test_an_exit_is_code_that_could_not_run(fake) -> None:
    kind, message = failure(calls.call, fake.leaves, 1)
    assert kind is outcomes.CodeCouldNotRun, "the gradebook lists it as an error, not a wrong answer"
    assert "ex99_fake.leaves(1) called sys.exit(3) at " in message and "ex99_fake.py, line 10" in message
    assert "A function must return its result, not end the program." in message


def test_an_error_names_the_call_the_line_and_the_learners_own_frames(fake) -> None:
    kind, message = failure(calls.call, fake.outer, 5)
    assert kind is pytest.fail.Exception
    first, *trace = message.splitlines()
    assert first.startswith("ex99_fake.outer(5) raised IndexError: list index out of range (at ")
    assert first.endswith(
        "ex99_fake.py, line 14). The test expected this call to return a value: open that line and find why "
        "these arguments make it raise."
    )  # an error no hint knows still says what to try
    assert trace == [
        "Where, in your code (the last line is where it failed):",
        "    ex99_fake.py:18, outer:",
        "        return inner(x)",
        "    ex99_fake.py:14, inner:",
        "        return [1, 2][x]",
    ]


def test_a_known_error_gets_its_hint(fake) -> None:
    _kind, message = failure(calls.call, fake.wrong_dtype, 1)
    assert message.endswith("The RNN got float64 input: make the batch float32 (torch.Tensor(x), .float()).")


def test_a_test_outcome_inside_the_call_passes_through_untouched() -> None:
    def times_out() -> None:
        pytest.fail("Timeout from pytest-timeout", pytrace=False)

    with pytest.raises(pytest.fail.Exception, match="^Timeout from pytest-timeout$"):
        calls.call(times_out)
