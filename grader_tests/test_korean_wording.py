"""The words of every Korean text: one glossary term per concept, coined terms with their English at
first use, "expected" only of a value, sentences ending where the English does, no 0-based index
read as an ordinal, one register in test titles, no markdown struck through by accident."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from grader_tests.korean_screen import docstring_titles, korean_texts_to_hold_to_the_glossary, texts_ko
from grader_tests.korean_text import replaced_words, word_pattern
from kata import ROOT
from kata.i18n import catalog

pytestmark = pytest.mark.timeout(300)


def test_test_titles_keep_one_register() -> None:
    """Every test title is a plain declarative sentence ending in -다, none a 합니다 form."""
    from grader_tests.catalog import english_texts  # titles are the first lines of test docstrings

    messages = catalog("ko").get("messages", {})
    titles = english_texts() & docstring_titles() & set(messages)
    off = [messages[t] for t in titles if not messages[t].endswith("다") or messages[t].endswith("니다")]
    assert titles and not off, off


def markdown_files() -> list[Path]:
    skip = {".venv", ".git", "node_modules", ".kata"}
    return [p for p in ROOT.rglob("*.md") if not skip & set(p.relative_to(ROOT).parts)]


def strikethrough_tildes(markdown: str) -> list[str]:
    """Paragraphs where GitHub would strike text through: two single `~` outside code (GitHub's
    Markdown takes a pair of single tildes, not only `~~`, as strikethrough)."""
    found = []
    prose = re.sub(r"^(```|~~~).*?^\1", "", markdown, flags=re.S | re.M)  # fenced code
    for paragraph in re.split(r"\n\s*\n", prose):
        text = re.sub(r"`[^`]*`", "", paragraph).replace("\\~", "")
        if len(re.findall(r"(?<!~)~(?!~)", text)) >= 2:
            found.append(paragraph.strip()[:80])
    return found


def test_no_markdown_file_strikes_text_through_by_accident() -> None:
    found = [
        f"{p.relative_to(ROOT)}: {t}" for p in markdown_files() for t in strikethrough_tildes(p.read_text("utf-8"))
    ]
    assert markdown_files() and not found, "write – or \\~ for a range:\n" + "\n".join(found)
    assert strikethrough_tildes("4.3~4.9초, 부하 평균 5~8")
    assert not strikethrough_tildes("4.3\\~4.9초, `a ~ b`, 5–8")


def test_the_glossary_lists_the_synonyms_it_replaces() -> None:
    """The synonyms issue 20 found, each caught by an entry of the glossary."""
    patterns = [word_pattern(w) for w in replaced_words()]
    for replaced in (
        "자동 미분 그래프",
        "부르는 쪽",
        "부른 쪽",
        "독스트링",
        "문서에 적힌",
        "충돌",
        "배치 방식",
        "배치 우선 배치",
        "시점 3개짜리 시퀀스",
        "텐서를 기대합니다",
        "7.4배 그럴듯하다",
        "날것의 로짓",
        "{what} 내 결과",
        "과제",
        "참조 답안",
        "학습 루프",
        "최대 차이",
        "정수 튜플인 dict를",  # 딕셔너리 since review 11
        "반복마다 Python float가",
        "float나 bool",
        "35번 신호를",
        "int 튜플",
        "Python int의 리스트",
        "강의 실습",
        "이 실습은",
        "실습의 기본 RNN",
        "정사각 3x3",
        "내 결과",
    ):
        assert any(re.search(p, replaced) for p in patterns), f"GLOSSARY.md lists nothing that catches {replaced!r}"
    assert not any(re.search(p, "PyTorch 문서에 따르면 시간 우선(time-major)") for p in patterns)


def test_korean_texts_use_one_glossary_term_per_concept() -> None:
    """A synonym the glossary lists anywhere in Korean text fails, wherever it is (the glossary's
    own table is where it is listed, so it is left out)."""
    texts = {k: v for k, v in korean_texts_to_hold_to_the_glossary().items() if k != "README.ko.md"}
    found = off_glossary_terms(texts)
    assert not found, "\n".join(found[:20])


def off_glossary_terms(texts: dict[str, str]) -> list[str]:
    found = []
    for where, text in texts.items():
        for word, term in replaced_words().items():
            for match in re.finditer(word_pattern(word), text):
                found.append(f"{where}: {match.group()!r} (the glossary says {term})")
    return found


def test_readme_ko_uses_one_glossary_term_per_concept() -> None:
    """Its prose; the sample report (a fenced block) is the real output, checked below."""
    readme = re.sub(r"```.*?```", "", (ROOT / "README.ko.md").read_text(encoding="utf-8"), flags=re.S)
    found = off_glossary_terms({"README.ko.md": readme})
    assert not found, "\n".join(found[:20])


# The coined terms: the first use in a text a learner reads from the start gives the English too.
PAIRED_AT_FIRST_USE = {
    "시점": "time step",
    "은닉 상태": "hidden state",
    "시간 우선": "time-major",
    "배치 우선": "batch-first",
    "노트": "강의 노트",
}


def first_uses(text: str) -> dict[str, str]:
    return {
        term: text[text.find(term) : text.find(term) + len(term) + 40] for term in PAIRED_AT_FIRST_USE if term in text
    }


def test_coined_terms_come_with_their_english_at_first_use() -> None:
    instructions = catalog("ko").get("instructions", {})
    surfaces = {"README.ko.md": (ROOT / "README.ko.md").read_text(encoding="utf-8")}
    surfaces["make explain, ex01 to ex07 in order"] = "\n".join(instructions[k] for k in sorted(instructions))
    missing = []
    for where, text in surfaces.items():
        for term, context in first_uses(text).items():
            english = PAIRED_AT_FIRST_USE[term]
            start = text.find(term)
            around = text[max(0, start - 60) : start + len(term) + 40]
            if english not in around:
                missing.append(f"{where}: first {term!r} without {english!r}: {context!r}")
    assert not missing, "\n".join(missing)


def test_expected_is_said_only_of_a_value() -> None:
    """The expected value is 올바른 값 ("올바른 모양은 (3, 5, 4)입니다"), never 정답 (the eighth
    review banned it); a type, a description or a device the result must have is said with
    "...이어야 합니다". 내 결과 is only the drawing's label."""
    messages = texts_ko()
    odd = []
    for english, korean_text in messages.items():
        if "정답" in korean_text:
            odd.append(f"{korean_text} (정답: say 올바른 값은 ...입니다)")
        if re.search(r"올바른 \S+(은|는)? ?: ", korean_text):
            odd.append(f'{korean_text} (a fragment after 올바른 값: say "올바른 값은 ...입니다.")')
        if "내 결과" in korean_text and english != "returned":
            odd.append(f"{korean_text} (내 결과 reads as 內 after a name: say what it returned)")
    assert not odd, "\n".join(odd)


def test_a_korean_message_ends_its_sentence_where_the_english_does() -> None:
    missing = [
        f"{k} = {v}"
        for k, v in texts_ko().items()
        if k.rstrip().endswith(".")
        and not re.search(r"[.!?)]\s*$|[.!?]\)\s*$|\}`?$", v.rstrip())  # or a command in code font after a colon
    ]
    assert not missing, "\n".join(missing)


# Index reading: outputs[0, 2] is the third row. An ordinal ("2행", "t번째") on a 0-based index misleads.
ZERO_BASED_AS_ORDINAL = re.compile(r"\b\d+(행|열)과 \d+(행|열)|(?<![A-Za-z0-9_])[a-z]번째|\{(row|index|i|t|b)\}번째")


def test_zero_based_indices_are_not_read_as_ordinals() -> None:
    found = [
        f"{where}: {m.group()}"
        for where, text in korean_texts_to_hold_to_the_glossary().items()
        for m in ZERO_BASED_AS_ORDINAL.finditer(text)
    ]
    assert not found, "\n".join(found)
