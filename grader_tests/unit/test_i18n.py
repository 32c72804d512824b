"""Which language a learner gets, and that an exercise's texts follow it (kata/i18n)."""

from __future__ import annotations

import pytest

from kata.i18n import _, exercise_text, instructions, language


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"KATA_LANG": "ko"}, "ko"),
        ({"KATA_LANG": "ko_KR.UTF-8"}, "ko"),
        ({"LANG": "ko_KR.UTF-8"}, "ko"),
        ({"LC_ALL": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"}, "ko"),
        ({"KATA_LANG": "en", "LANG": "ko_KR.UTF-8"}, "en"),  # the kata's own switch wins
        ({"KATA_LANG": "xx"}, "en"),  # no such language file: English
        ({}, "en"),
    ],
)
def test_the_language_comes_from_kata_lang_then_the_locale(
    environment: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("KATA_LANG", "LANG", "LC_ALL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert language() == expected


def test_messages_titles_and_instructions_follow_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    english = _("{passed}/{total} tests passed", passed=1, total=2)
    assert english == "1/2 tests passed" and instructions("ex05_time_major") is None
    monkeypatch.setenv("KATA_LANG", "ko")
    assert _("{passed}/{total} tests passed", passed=1, total=2) != english
    assert exercise_text("ex01_one_hot", "title", "One-hot encoding") == "원-핫 인코딩"
    assert "batch_first 함정" in instructions("ex05_time_major")


def test_an_unnamed_signal_is_said_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The review's "35번 신호 신호를 받고": the number's entry and the sentence both said it (시그널 since
    review 11, as docs.python.org/ko writes it)."""
    from kata.testing.learner_errors import describe_exit

    monkeypatch.setenv("KATA_LANG", "ko")
    text = describe_exit(-35)
    assert "35번 시그널을 받고" in text and "시그널 시그널" not in text, text


def test_a_list_built_at_run_time_is_joined_the_house_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """Review 16, class 6: the names a file defines, joined with ", " only, left a Korean list on a
    bare comma; and_list closes it with 와/과 (and "and" in English)."""
    from kata.i18n import and_list
    from kata.testing.remote import LearnerModule

    monkeypatch.setenv("KATA_LANG", "ko")
    assert and_list(["`a`"]) == "`a`"
    assert and_list(["`build_vocabulary`", "`one_hot`", "`encode_word`"]) == (
        "`build_vocabulary`, `one_hot`과 `encode_word`"
    )
    module = LearnerModule(None, "ex01_one_hot", [], ["build_vocabulary", "one_hot", "encode_word"])  # type: ignore[arg-type]
    message = module.missing("build_vocab")
    assert "`build_vocabulary`, `one_hot`과 `encode_word`" in message, message
    monkeypatch.setenv("KATA_LANG", "en")
    assert "`build_vocabulary`, `one_hot` and `encode_word`" in module.missing("build_vocab")
