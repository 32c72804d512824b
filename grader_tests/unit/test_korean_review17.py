"""The seventeenth Korean review's classes that a program can see, each shown to fail on the text
the review quoted and to pass the fixed one: -으니 for a cause (class 1), 함수 for a name that may
be a class (class 2), 기대하다 in any form (class 4), a device in backticks the English lacks
(class 5), transpose하세요 (class 6), a sentence opened by 아니면 (class 7). The word checks are the
glossary's bans (GLOSSARY.md); the samples are in grader_tests/reviewed_sentences.py."""

from __future__ import annotations

import pytest

from grader_tests import korean_code_font
from grader_tests.korean_text import korean_texts, off_glossary

WAS = "message: it was on {was}, after the call it is on {now}"


@pytest.mark.parametrize(
    "old",
    [
        "nn.RNN은 기본적으로 그렇게 읽으니 batch_first=True를 넘기세요.",
        "없으니 ",
        "않으니 ",
        "기울기가 쌓이니 ",
        "돌려준 값이니, ",
        "{file}에는 `{name}` 함수가 없습니다.",
        "`{close}`가 그 함수라면 이름을",
        "기대했습니다.",
        "기대한 값",
        "기대합니다.",
        "기대하는 값",
        "기대해 봅니다.",
        "outputs만 다시 transpose하세요.",
        "들어가야 합니다. 아니면 텐서를",
    ],
)
def test_the_glossary_bans_what_review_17_found(old: str) -> None:
    assert off_glossary(old)


@pytest.mark.parametrize(
    "fixed",
    [
        "읽으므로 ",
        "두 번 호출했더니 손실이",
        "아니, 무니, 어니 ",
        "그렇지 않으니까 ",
        "`{name}`이 없습니다.",
        "transpose로 축을",
    ],
)
def test_the_bans_pass_the_fixed_wording(fixed: str) -> None:
    assert not off_glossary(fixed)


def test_no_cause_in_the_catalogue_is_written_with_euni() -> None:
    """Every text in -니 followed by a space or comma, other than -더니 and -니까, is flagged: none is left."""
    assert not [where for where, text in korean_texts().items() if any("으니" in f for f in off_glossary(text))]


def test_a_device_filled_in_is_not_put_in_backticks_the_english_lacks() -> None:
    old = "호출 전에는 `{was}`에 있었고 호출 뒤에는 `{now}`에 있습니다"
    fixed = "호출 전에는 {was} 장치에 있었고 호출 뒤에는 {now} 장치에 있습니다"
    assert korean_code_font.device_string_in_prose(WAS, old)
    assert not korean_code_font.device_string_in_prose(WAS, fixed)
    assert korean_code_font.code_font_differs(WAS, old)
    assert not korean_code_font.code_font_differs(WAS, fixed)
