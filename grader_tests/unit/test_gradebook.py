"""The gradebook's errors column: per exercise, the kind of error in its whole first sentence."""

from __future__ import annotations

from kata.instructor.gradebook import first_sentence


def test_the_first_sentence_is_kept_whole() -> None:
    timeout = (
        "ex06_rnn_from_scratch.rnn_cell(<tensor (3, 4) float32 on cpu>, 0.5) timed out after 10 s and was stopped. "
        "Look for a loop that never ends, or work far larger than the exercise needs."
    )
    assert first_sentence(timeout) == (
        "ex06_rnn_from_scratch.rnn_cell(<tensor (3, 4) float32 on cpu>, 0.5) timed out after 10 s and was stopped."
    )
    long_name = "x" * 300
    assert (
        first_sentence(f"Importing {long_name} raised ValueError. More.") == f"Importing {long_name} raised ValueError."
    )


def test_a_message_without_a_full_stop_keeps_its_first_line() -> None:
    assert first_sentence("ex02_batch.py, line 4: SyntaxError: invalid syntax\n    def f(\n        ^") == (
        "ex02_batch.py, line 4: SyntaxError: invalid syntax"
    )
    assert first_sentence("") == ""
