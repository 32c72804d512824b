"""How messages are put together, held to the classes of issue 30's ninth Korean review (sections
2.1, 2.2, 2.3, 2.4, 2.12): the kata's own refusals said as prose, not quoted as the learner's
error text; a call's arguments as code; whole reasons; labelled learner text. Each test was first
seen to fail on what the review marked."""

from __future__ import annotations

from pathlib import Path

import pytest

from kata.core import refusals
from kata.i18n import _
from kata.testing import calls

WHAT = "ex03_rnn.build_rnn(4, 2)"


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(
    "refusal",
    [
        (refusals.REFERENCE_OFF_LIMITS, {"path": "solutions/ex03_rnn.py", "command": "python -m kata hint ex03"}),
        (refusals.NO_PROGRAMS, {"event": "fork, kill, socket"}),
        (refusals.KATA_MODULES_OFF_LIMITS, {"module": "kata.testing.oracle"}),
    ],
    ids=["reference", "programs", "kata-import"],
)
def test_a_refusal_of_the_kata_is_said_as_prose_not_quoted(
    monkeypatch: pytest.MonkeyPatch, lang: str, refusal: tuple[str, dict]
) -> None:
    """copies-the-reference, imports-the-kata: "오류 메시지는 `채점 중에는 모범 답안을 …`입니다."
    quoted the kata's own sentences as if the learner's code had written them."""
    monkeypatch.setenv("KATA_LANG", lang)
    text = _(refusal[0], **refusal[1])
    said = calls.explain_error(WHAT, PermissionError(text))
    assert text in said, said
    assert f"`{text}`" not in said and f": {text}" not in said, said
    assert "error message" not in said and "오류 메시지" not in said, said


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_tests_own_refusal_is_said_as_prose(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """rules-during-the-call ex04: rnn_shapes' "without running an RNN" was quoted as an error message."""
    monkeypatch.setenv("KATA_LANG", lang)
    text = _("Do not run an RNN here.")
    from kata.testing.watched import RnnWatch

    RnnWatch(refuse=text)
    said = calls.explain_error(WHAT, RuntimeError(text))
    assert text in said and f"`{text}`" not in said and f": {text}" not in said, said


def test_a_learners_own_text_is_still_quoted() -> None:
    said = calls.explain_error(WHAT, ValueError("the reference solutions are off-limits"))
    assert "ValueError" in said and "the reference solutions are off-limits" in said, said


# --- 2.4: wrapping keeps a call, a command and a word with its neighbours -------------------------

RAISED = (
    "ex02_batch.make_batch(['help'], ['h', 'e', 'l', 'o'])가 ValueError(\"the word 'help' has a character that "
    'is not in the vocabulary")를 일으켰습니다. 단어에 어휘에 없는 문자가 있으면 예외를 일으키는 것이 맞습니다.'
)
RERUN = (
    "ex05_forward.rnn_forward(...)의 테스트 4개가 모두 실패합니다. 위의 문제를 먼저 고치고 "
    "`python -m kata test ex05 --impl=/tmp/korev9-out/t/time-major-mistakes`를 다시 실행하세요."
)


@pytest.mark.parametrize("width", range(60, 81, 4))
def test_a_call_stays_whole_when_its_content_fits_a_line(width: int) -> None:
    """spaces-and-unknown-characters ex02: "ValueError(" / '"the word …")를'."""
    from grader_tests import korean_output
    from kata.core.text import indent

    for shift in range(0, 20, 3):
        lines = indent("가" * shift + " " + RAISED, "    ", width).splitlines()
        assert not korean_output.breaks_after_opener(lines), lines


@pytest.mark.parametrize("width", range(60, 81, 4))
def test_a_command_is_never_split_and_leaves_no_orphan(width: int) -> None:
    """time-major-mistakes ex05: "`python -m kata test ex05" / "--impl=…`를", and "먼저" / "고치고" / "`…`"."""
    from grader_tests import korean_output
    from kata.core.text import indent

    for shift in range(0, 30, 2):
        lines = indent("가" * shift + " " + RERUN, "    ", width, first_prefix="  ").splitlines()
        assert not korean_output.backtick_splits(lines), lines
        assert not korean_output.orphans(lines), lines


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_chosen_exercise_passes_is_wrapped(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """positions-checked-partly ex01: 128 columns with a long --impl."""
    from grader_tests import korean_output
    from kata.core import launcher
    from kata.render.scoreboard import next_line

    monkeypatch.setenv("KATA_LANG", lang)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(launcher, "_impl", "/tmp/korev9-out/t/positions-checked-partly")
    said = next_line(None, Path("exercises"), subset=True)
    assert not korean_output.wider_than(said.splitlines()), said


# --- 2.1: inside a call's argument list, values are code only -------------------------------------


def test_an_argument_inside_a_call_is_code_only() -> None:
    """earlier-calls-and-top-layer ex01: `ex01_one_hot.build_vocab(빈 리스트 [])이 …`; the Korean name of an
    empty value belongs to a returned value in prose ("빈 리스트 []를 돌려줬습니다")."""
    from kata.i18n import korean

    said = korean.fill("ex01_one_hot.build_vocab({words})이 {got}을 돌려줬습니다.", {"words": "[]", "got": "[]"})
    assert said == "ex01_one_hot.build_vocab([])이 빈 리스트 []를 돌려줬습니다.", said
    said = korean.fill("f({a}, {b})가 {got}를 돌려줬습니다.", {"a": "''", "b": "[1.234...", "got": "()"})
    assert said.startswith("f('', [1.234...)가 빈 튜플 ()"), said


def test_a_particle_after_an_empty_pair_of_brackets_reads_the_brackets() -> None:
    """Review 10: "빈 튜플 ()을 돌려줬습니다". A particle right after an empty pair of brackets is read
    as the brackets (괄호, 대괄호, 중괄호: a vowel), wherever the pair stands; a call is still read by
    its function's name."""
    from kata.i18n import korean

    said = korean.fill("{what}이 {got}을 돌려줬습니다.", {"what": "f(x)", "got": "()"})
    assert said == "f(x)가 빈 튜플 ()를 돌려줬습니다.", said
    for value in ("()", "[]", "{}", "빈 튜플 ()", "빈 리스트 []", "빈 딕셔너리 {}", "[[], []]"):
        assert korean.particle(value, "을") == "를", value
        assert korean.particle(value, "으로") == "로", value
    assert korean.particle("build_vocab()", "를") == "을"  # a call: 빌드 보캡
    assert korean.particle("(1, 2, 6)", "를") == "을"  # the last thing inside: 육


def test_an_empty_pair_inside_a_value_is_skipped_and_the_last_word_read_decides() -> None:
    """Review 22, query 3: sc-hostile-always-equal printed "{'input': (), 'output': (), 'h_n': ()}를":
    an empty tuple inside a value is not what is read last; the last word read ('h_n', 엔) is."""
    from kata.i18n import korean

    shapes = "{'input': (), 'output': (), 'h_n': ()}"
    said = korean.fill("{what}이 모양 {got}을 돌려줬습니다.", {"what": "f(x)", "got": shapes})
    assert said == f"f(x)가 모양 {shapes}을 돌려줬습니다.", said
    for value, written in (("(3, ())", "을"), ("(1, [])", "을"), ("(2, ())", "를"), ("['x', []]", "를")):
        assert korean.particle(value, "을") == written, value
    assert korean.particle("(3, ())", "로") == "으로"


# --- 2.2: an empty message gets its own reasons, whole sentences ----------------------------------

LENGTHS_WHY = "because the words have different lengths (check every word, not only the first and last)"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_an_empty_message_is_told_with_a_whole_reason(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """bare-errors ex02: "…일으켰습니다. 처음과 마지막 단어만이 아니라 모든 단어를 검사해 … 일으킨 것은 맞지만, …":
    a reason clause spliced into a sentence it does not fit, telling a learner who did check every word
    to check every word."""
    monkeypatch.setenv("KATA_LANG", lang)
    monkeypatch.setattr(calls, "raised_by_own_check", lambda error: True)

    def bare(words: list[str]) -> None:
        raise ValueError

    with pytest.raises(BaseException) as info:  # noqa: PT011 - a check's failure is the kata's own outcome
        calls.expect_raises(
            ValueError,
            bare,
            ["abc", "zz"],
            mentioning=[("3", "2")],
            names="the lengths found (or the word that differs)",
            why=LENGTHS_WHY,
            case="Raising it when the words have different lengths is right.",
        )
    said = str(info.value)
    assert _("Raising it when the words have different lengths is right.") in said, said
    assert _(LENGTHS_WHY) not in said and "check every word" not in said, said
    assert _("the lengths found (or the word that differs)") in said, said


# --- 2.12: a learner's own text after "not written yet" is labelled -------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_learners_not_implemented_text_is_labelled(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """hostile-report-forging ex04, output-flood ex03: a bare `not written` / `todo` on its own line."""
    monkeypatch.setenv("KATA_LANG", lang)
    said = calls.explain_call_error(WHAT, NotImplementedError("todo"))
    assert _("The error message is `{error}`.", error="todo") in said, said
    stub = "ex03_rnn.build_rnn: not written yet. Return nn.RNN(input_size, hidden_size, ...) and tell it the batch comes first."
    assert "`" + _(stub) not in calls.explain_call_error(WHAT, NotImplementedError(stub))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_an_import_refused_by_the_guard_is_said_as_prose(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """imports-the-kata ex06: "…import하는 동안 코드가 PermissionError를 일으켰습니다 … 오류 메시지는 `채점되는 코드는 …`입니다."."""
    from kata.engine.loader import explain_import_error

    monkeypatch.setenv("KATA_LANG", lang)
    text = _(refusals.KATA_MODULES_OFF_LIMITS, module="kata.testing.oracle")
    said = explain_import_error(PermissionError(text), Path("exercises/ex06_rnn_from_scratch.py"), Path("exercises"))
    assert text in said and f"`{text}`" not in said and f": {text}." not in said, said


@pytest.mark.parametrize("width", [60, 80])
def test_prose_in_backticks_still_wraps(width: int) -> None:
    """A span of Korean prose in backticks (an error message) breaks at its spaces; a command does not."""
    from kata.core.text import indent, width_of

    prose = "오류 메시지는 `" + "채점되는 코드는 이 모듈을 쓸 수 없습니다. " * 4 + "`입니다."
    assert all(width_of(line) <= width for line in indent(prose, "    ", width).splitlines())


def test_a_quoted_english_error_wider_than_a_line_still_wraps() -> None:
    """ignored-device: an English error message in backticks, wider than a line, breaks at its spaces."""
    from kata.core.text import indent, width_of

    text = (
        "오류 메시지는 `Input and parameter tensors are not at the same device, found input tensor at cpu and "
        "parameter tensor at meta`입니다."
    )
    assert all(width_of(line) <= 80 for line in indent(text, "    ", 80).splitlines())
