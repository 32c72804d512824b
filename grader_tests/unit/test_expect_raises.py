"""calls.expect_raises: the lesson is a check of the learner's own, with a message that says
what is wrong."""

from __future__ import annotations

import pytest

from grader_tests.unit.fake_learner import failure
from kata.testing import calls, checks, outcomes


def test_expect_raises_accepts_the_learners_own_check(fake) -> None:
    error = calls.expect_raises(ValueError, fake.checks_own, -1, mentioning="negative")
    assert str(error) == "x must not be negative"


def test_expect_raises_refuses_an_error_a_library_raised_on_the_learners_behalf(fake) -> None:
    _kind, message = failure(calls.expect_raises, ValueError, fake.library, "b", why="for a missing character")
    assert message.startswith("ex99_fake.library('b') raised ValueError(\"'b' is not in list\"), but not from a check")
    assert "it came from a call on " in message and 'line 28: return ["a"].index(x).' in message
    assert "raise ValueError(...) yourself for a missing character," in message


def test_expect_raises_wants_a_message(fake) -> None:
    _kind, message = failure(calls.expect_raises, ValueError, fake.empty_message, 1)
    assert message == (
        "ex99_fake.empty_message(1) raised ValueError with an empty message. Raising it here is right. But "
        "with no message, whoever calls it cannot tell what to fix: say in it what is wrong."
    )


def test_expect_raises_wants_the_message_to_name_what_is_wrong(fake) -> None:
    _kind, message = failure(
        calls.expect_raises, ValueError, fake.checks_own, -1, mentioning=[["positive"], ["zero", "below"]]
    )
    assert message.endswith(
        "but the message should name [['positive'], ['zero', 'below']] so the caller knows what is wrong."
    )
    _kind, named = failure(
        calls.expect_raises, ValueError, fake.checks_own, -1, mentioning="positive", names="the sign"
    )
    assert "should name the sign so" in named


@pytest.mark.parametrize(
    ("message", "named"),
    [
        ("the word 'help' has a character that is not in the vocabulary", False),  # the word holds the 'p'
        ("character 'p' is not in the vocabulary", True),
        ('unknown characters: ["p"]', True),
        ("letter p is missing", True),
        ("p", True),
        ("'pp' is unknown", False),
    ],
)
def test_a_character_is_named_only_by_itself_not_inside_a_word(message: str, named: bool) -> None:
    assert checks.names_the_character("p")(message) is named


def test_a_space_or_a_common_letter_is_not_named_by_any_sentence() -> None:
    assert not checks.names_the_character(" ")("this character is not in the vocabulary")
    assert not checks.names_the_character("a")("this character is not in the vocabulary")
    assert checks.names_the_character(" ")("character ' ' is not in the vocabulary")
    assert checks.names_the_character(" ")("unknown character:  ")  # written as {char}, at the end


def test_expect_raises_takes_a_test_of_the_message(fake) -> None:
    _kind, message = failure(
        calls.expect_raises,
        ValueError,
        fake.checks_own,
        -1,
        mentioning=checks.names_the_character("g"),  # inside "negative" only
        names=checks.character_itself("g"),
    )
    assert "should name the character 'g' itself, quoted like 'g' so the caller" in message
    # only a function given words (make_batch) can name the word instead (review 11, C.4)
    assert "not only the word" in checks.character_itself("g", in_a_word=True)


def test_expect_raises_names_another_kind_of_error(fake) -> None:
    _kind, message = failure(calls.expect_raises, KeyError, fake.outer, 5)
    assert message.startswith("ex99_fake.outer(5) raised IndexError: list index out of range at ")
    assert message.endswith("; expected KeyError. Raise it yourself: raise KeyError(...).")


def test_expect_raises_says_what_came_back_instead(fake) -> None:
    _kind, message = failure(calls.expect_raises, ValueError, fake.checks_own, 1)
    assert message == "ex99_fake.checks_own(1) returned 1; expected it to raise ValueError."


def test_expect_raises_on_a_stub_or_an_exit_is_not_a_wrong_answer(fake) -> None:
    assert failure(calls.expect_raises, ValueError, fake.stub, 1)[0] is outcomes.NotWrittenYet
    assert failure(calls.expect_raises, ValueError, fake.leaves, 1)[0] is outcomes.CodeCouldNotRun
