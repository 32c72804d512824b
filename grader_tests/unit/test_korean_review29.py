"""The twenty-ninth Korean review's classes that a program can see outside the style checks: the
`--help` option rows aligned by display width (class 4: "--timeout 초" started its description one
column after the others, argparse counting 초 as one column), and a title's qualifier kept when its
aside goes (query 2: "on every machine" dropped from the meta-device titles). Classes 1-3 are checks
in grader_tests/korean_style.py with their samples in grader_tests/reviewed_sentences.py and
grader_tests/reviewed_words.py."""

from __future__ import annotations

import re

import pytest

from grader_tests.catalog import catalog_entries
from grader_tests.korean_text import GLOSSARY
from grader_tests.unit.test_korean_output import help_outputs

ROW = re.compile(r"^( {2,}\S.*?) {2,}\S")  # an argument's row: its name, two spaces or more, its help


def help_columns(text: str) -> set[int]:
    """The display columns where the help of an argument's row starts, one help table at a time."""
    from kata.core.text import width_of

    return {width_of(line[: match.end() - 1]) for line in text.splitlines() if (match := ROW.match(line))}


def test_the_check_catches_the_reviewed_row() -> None:
    reviewed = (
        "옵션:\n  --impl 폴더  연습 파일이 있는 폴더입니다.\n  --timeout 초  테스트 하나의 제한 시간(초)입니다.\n"
    )
    assert help_columns(reviewed) == {15, 16}
    fixed = "옵션:\n  --impl 폴더   연습 파일이 있는 폴더입니다.\n  --timeout 초  테스트 하나의 제한 시간(초)입니다.\n"
    assert help_columns(fixed) == {16}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_help_row_starts_its_text_in_one_column(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    found = [
        f"{where}: columns {sorted(columns)}\n{text}"
        for where, text in help_outputs(monkeypatch, capsys, lang).items()
        if "--help" in where and len(columns := help_columns(text)) > 1
    ]
    assert not found, "\n".join(found)


ON_EVERY_MACHINE = "어느 컴퓨터에서나"
# Review 32, class 1: "어느 컴퓨터에서나 받은 장치가 …" reads first as "the device received on any computer".
# With no comma, the word after the adverbial must be the verb's object (…에서나 CPU를 뜻합니다); a
# clause of its own (받은 장치가, 모델이 …) needs the comma.
NO_COMMA = re.compile(ON_EVERY_MACHINE + r" (?!\S+[을를] )")


def test_a_title_keeps_on_every_machine() -> None:
    """The meta-device titles say that the check runs on every machine, in the sentence."""
    found = [
        entry.msgstr
        for entry in catalog_entries("ko")
        if entry.translated and "on every machine" in entry.msgid and ON_EVERY_MACHINE not in entry.msgstr
    ]
    assert not found, "\n".join(found)


def test_on_every_machine_is_set_off_from_a_clause() -> None:
    """A comma after 어느 컴퓨터에서나 where a clause follows, so that it is not read into that clause."""
    assert NO_COMMA.search("make_batch는 어느 컴퓨터에서나 받은 장치가 meta 장치여도 배치를 그 장치에 둔다")
    assert not NO_COMMA.search("make_batch는 어느 컴퓨터에서나, 받은 장치가 meta 장치여도 배치를 그 장치에 둔다")
    assert not NO_COMMA.search("device=None은 어느 컴퓨터에서나 CPU를 뜻합니다.")
    found = [entry.msgstr for entry in catalog_entries("ko") if entry.translated and NO_COMMA.search(entry.msgstr)]
    assert not found, "\n".join(found)


def test_the_glossary_model_sentence_has_the_comma() -> None:
    """GLOSSARY.md's Register example is what translators copy (review 32, section 5.1)."""
    glossary = GLOSSARY.read_text(encoding="utf-8")
    assert "make_batch는 어느 컴퓨터에서나, 받은 장치가" in " ".join(glossary.split())
