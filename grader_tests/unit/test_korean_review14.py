"""The fourteenth Korean review's classes that a program can see, each shown to fail on the text
the review quoted: code font that differs from the English (class 5), the words the glossary now
bans (답 alone, bias in prose, 주는 시간), and an orphan phrase before an unbreakable command (class 7)."""

from __future__ import annotations

import re
from pathlib import Path

from grader_tests import korean_code_font
from grader_tests.korean_text import CATALOGUE, off_glossary
from kata.i18n import po


def test_code_font_check_catches_the_reviews_hint() -> None:
    english = "torch.from_numpy(a_float32_array).to(device or 'cpu') keeps float32; check lengths first."
    korean = "a가 float32 배열이면 `torch.from_numpy(a).to(device or 'cpu')`도 float32입니다. 길이부터 검사하세요."
    assert korean_code_font.code_font_differs(english, korean)
    assert korean_code_font.code_font_differs("run `make test`.", "make test를 실행하세요.")
    assert not korean_code_font.code_font_differs("then run {command}.", "`{command}`를 실행하세요.")
    assert not korean_code_font.code_font_differs("``make test``", "`make test`로 확인하세요.")
    # review 17, class 5: a device filled in is not code the rows require in backticks
    was = "it was on {was}, after the call it is on {now}"
    assert korean_code_font.code_font_differs(was, "호출 전에는 `{was}`에 있었고 호출 뒤에는 `{now}`에 있습니다")
    assert not korean_code_font.code_font_differs(
        was, "호출 전에는 {was} 장치에 있었고 호출 뒤에는 {now} 장치에 있습니다"
    )


def test_every_message_and_hint_puts_code_in_backticks_where_its_english_does() -> None:
    """GLOSSARY.md, Register: backticks in Korean exactly where the English has them (a filled-in
    value aside). The instructions (`make explain`) are reStructuredText in English, laid out in
    Korean on their own, and are left out."""
    entries = po.parse(Path(CATALOGUE).read_text(encoding="utf-8"))
    found = [
        f"{entry.msgctxt or entry.msgid[:60]}: {difference}"
        for entry in entries
        if entry.translated and not (entry.msgctxt or "").startswith("instructions.")
        for difference in korean_code_font.code_font_differs(entry.msgid, entry.msgstr)
    ]
    assert not found, "\n".join(found)


def test_the_glossary_bans_the_words_review_14_found() -> None:
    for old in (
        "build_vocab이 같은 답 {got}을 돌려줬습니다.",
        "두 bias.",
        "bias, 가중치",
        "테스트 하나에 주는 시간(초)입니다.",
    ):
        assert off_glossary(old), old
    for right in (
        "모범 답안",
        "bias_ih와 bias_hh",
        "rnn.bias가",
        "bias=False로",
        "같은 값 {got}",
        "테스트 하나의 제한 시간",
    ):
        assert not off_glossary(right), right
    assert re.search("전치", (CATALOGUE.parent / "GLOSSARY.md").read_text(encoding="utf-8"))


FOOTER = (
    "... ex05_time_major의 테스트 11개를 통과하지 못했습니다. 위의 문제를 먼저 고치고 "
    "`python -m kata test ex05 --impl=/tmp/korev14-out/impl/time-major-mistakes`를 다시 실행하세요."
)


def test_no_short_phrase_stands_alone_before_an_unbreakable_command() -> None:
    """Review 14, class 7: "…위의 문제를" / "먼저 고치고" / "`python -m kata test ex05 --impl=…`를"."""
    from grader_tests import korean_output
    from kata.core.text import indent

    lines = indent(FOOTER, "    ", 80, first_prefix="  ").splitlines()
    assert not korean_output.orphans(lines), lines
    assert "먼저 고치고" not in [line.strip() for line in lines], lines
    assert korean_output.orphans(["  … 못했습니다. 위의 문제를", "    먼저 고치고", "    `python -m kata test`를"])
