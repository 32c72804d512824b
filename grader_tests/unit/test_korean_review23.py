"""The twenty-third Korean review's classes that a program can see, each shown to fail on the text
the review quoted and to pass the fixed one: a layout of the English dropped (class 1), a placeholder
or code span written more often than the English has it (class 2), a bare `_` as a word and a
fragment that repeats the sentence before it in the in-place message (class 3), and the queries
the glossary now rules on (번째 after a number, 통과로 치다, 돌다 for a loop). The word checks are
the glossary's bans (GLOSSARY.md); their samples are in grader_tests/reviewed_words.py."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from grader_tests.catalog import placeholders_added
from grader_tests.korean_code_font import code_font_differs, layouts_dropped
from grader_tests.korean_text import CATALOGUE, off_glossary
from kata.i18n import po

NOT_DEFINED = (
    "{file} defines no `{name}`: the tests call it by that name. It defines {defined}. "
    "Give the function the name the docstring uses."
)
IMPORTS = (
    "{path}, line {line}, imports `{name}` from {module}, but {other} defines no `{name}`{close}. "
    "Give the function in {other} the name its docstring uses."
)
ITEM = (
    "{what}: item {index} is {kind} {value}, not a Python int; expected a tuple of Python ints like {shape}, "
    "as the docstring says. int(n) turns a numpy or torch number into one."
)
TIME_MAJOR = (
    "{what}: the outputs have the right shape but the RNN read the batch time-major, as (seq_len, batch, "
    "input_size): {b} time steps of a batch of {t}."
)


@pytest.mark.parametrize(
    ("english", "old", "fixed"),
    [
        (
            NOT_DEFINED,
            "{file}에는 `{name}`이 없습니다. 테스트는 이 이름으로 호출합니다. 이 파일에 있는 것은 {defined}입니다. "
            "그중 알맞은 함수의 이름을 연습 설명에 적힌 `{name}`으로 바꾸세요.",
            "{file}에는 `{name}`이 없습니다. 테스트는 이 이름으로 호출합니다. 이 파일에 있는 것은 {defined}입니다. "
            "함수의 이름을 연습 설명에 적힌 `{name}`으로 바꾸세요.",
        ),
        (
            IMPORTS,
            "{path} {line}번 줄이 {module}에서 `{name}`을 import하는데, {other}에는 `{name}`이 없습니다. "
            "{close}{other}에 있는 함수의 이름을 연습 설명에 적힌 `{name}`으로 바꾸세요.",
            "{path} {line}번 줄이 {module}에서 `{name}`을 import하는데, {other}에는 `{name}`이 없습니다. "
            "{close}{other}에 있는 함수의 이름을 연습 설명에 적힌 `{name}`으로 바꾸세요.",
        ),
    ],
)
def test_a_name_the_english_does_not_repeat_is_not_added_in_code_font(english: str, old: str, fixed: str) -> None:
    """Class 2: the Korean wrote `{name}` a second time, in backticks, where the English has it once.
    The name helps (and "이름을 … 이름으로" is review 22's class 4), so the English now names it too:
    "… the name the docstring uses: `{name}`.", as its sibling with `{close}` does."""
    assert placeholders_added(english, old) == ["{name}"]
    assert code_font_differs(english, old)
    now = english.removesuffix(".") + ": `{name}`."
    assert not placeholders_added(now, fixed)
    assert not code_font_differs(now, fixed)


def test_a_value_said_once_in_english_is_filled_in_once() -> None:
    """Query 8: "{what}" twice printed a long call twice."""
    old = (
        "{what}에서 항목 {index}가 {kind!t} {value}입니다. 이 항목은 Python 정수가 아닙니다. {what}은 연습 설명대로 "
        "{shape} 같은 정수 튜플이어야 합니다. int(n)로 numpy나 torch의 수를 정수로 바꿀 수 있습니다."
    )
    assert placeholders_added(ITEM, old) == ["{what}"]
    assert not placeholders_added(ITEM, old.replace("{what}은 연습", "값 전체는 연습"))
    assert not placeholders_added("the character {char} itself, quoted like {char}", "따옴표로 감싼 문자 {char} 자체")


def test_a_layout_the_english_shows_is_kept() -> None:
    """Class 1: "read the batch time-major, as (seq_len, batch, input_size)" lost its layout."""
    old = "{what}: 출력 모양은 맞지만 RNN이 입력을 시간 우선으로 읽었습니다. 즉 시퀀스 {t}개로 된 배치 하나를"
    fixed = old.replace("시간 우선으로", "시간 우선((seq_len, batch, input_size) 순서)으로")
    assert layouts_dropped(TIME_MAJOR, old) == ["a layout the Korean drops: (seq_len, batch, input_size)"]
    assert not layouts_dropped(TIME_MAJOR, fixed)
    assert not layouts_dropped("crashed (aborted, SIGABRT)", "비정상 종료되었습니다(중단, SIGABRT)")


def test_no_translation_adds_a_placeholder_or_drops_a_layout() -> None:
    """Every message and hint of the catalogue. The instructions are laid out on their own to fit 60
    columns (ex06's table writes (hidden, input_size) and says that hidden is hidden_size), and are
    left to review."""
    found = [
        f"{entry.msgctxt or entry.msgid[:60]}: {problem}"
        for entry in po.parse(Path(CATALOGUE).read_text(encoding="utf-8"))
        if entry.translated and not (entry.msgctxt or "").startswith("instructions.")
        for problem in layouts_dropped(entry.msgid, entry.msgstr)
        + (placeholders_added(entry.msgid, entry.msgstr) if entry.msgctxt is None else [])
    ]
    assert not found, "\n".join(found)


def test_pytorchs_words_are_quoted_whole() -> None:
    """Class 1: ex04 quotes the docs, "does not apply to hidden or cell states"; the Korean said 은닉 상태 only."""
    entry = next(
        e for e in po.parse(Path(CATALOGUE).read_text(encoding="utf-8")) if e.msgctxt == "instructions.ex04_shapes"
    )
    assert '"does not apply to hidden or cell states"' in entry.msgid
    assert '"은닉 상태나 셀 상태에는 적용되지 않습니다"' in " ".join(entry.msgstr.split())


def test_the_in_place_message_does_not_say_twice_that_the_tensor_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Class 3, as assembled: "…`batch`를 제자리에서 바꿨습니다. 값이 바뀌었습니다." said the change twice,
    and "_ 없는 메서드" put a bare _ where the wrapper could leave it at a line's end."""
    from kata.testing.arguments import TensorCopy, _message

    monkeypatch.setenv("KATA_LANG", "ko")
    before = TensorCopy(torch.zeros(2, 3), requires_grad=False)
    said = _message("ex05_time_major.to_time_major(batch)", "batch", before, torch.ones(2, 3))
    assert "제자리에서 바꿨습니다. 바뀐 것은 값입니다." in said, said
    assert not off_glossary(said), said
    from kata.i18n import _
    from kata.testing.arguments import ARGUMENT

    assert _(ARGUMENT, number=2) == "2번 인자"  # query 1: an unnamed argument, as "{line}번 줄"
