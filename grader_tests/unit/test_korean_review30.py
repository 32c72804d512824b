"""The thirtieth Korean review's class a program can see only in a sentence built from two strings
(class 3): a `{why}` filler that says the template's own verb again in the next sentence ("먼저
입력을 검사하세요. 처음과 마지막 단어만이 아니라 모든 단어를 검사해 …"). Each string read well alone; the
pair read as padded. Classes 1 and 2 are checks in grader_tests/korean_style.py, with their samples
in grader_tests/reviewed_sentences.py and grader_tests/reviewed_words.py."""

from __future__ import annotations

import ast
import re

from grader_tests.catalog import catalog_entries
from grader_tests.korean_text import sentences_of
from kata import HIDDEN_DIR, ROOT

# A Sino-Korean verb, noun + 하다 in any form (검사하세요, 검사해, 검사했습니다): its noun. Native verbs
# (일으키다) are left out: the templates say them on purpose ("…을 일으켰습니다. … 일으켜야 합니다").
HADA_VERB = re.compile(
    r"([\uac00-\ud7a3]{2})(?:하(?!나)[\uac00-\ud7a3]*|해[\uac00-\ud7a3]*|했[\uac00-\ud7a3]*|합니다|할|한)"
)
PLACEHOLDER = re.compile(r"\{[^{}]+\}")


def verbs(text: str) -> set[str]:
    return {m.group(1) for m in HADA_VERB.finditer(text)}


def verb_said_again(template: str, filler: str) -> list[str]:
    """The verbs the filler says that the template says in the sentence where the filler goes or
    in the one before it."""
    marked = PLACEHOLDER.sub("X", template.replace("{why}", " \0"))
    rendered = sentences_of(marked.replace("\0", "\1" + filler + "\2"))
    found = []
    for at, sentence in enumerate(rendered):
        if "\1" not in sentence:
            continue
        around = re.sub("\1.*?\2", " ", sentence) + " " + (rendered[at - 1] if at else "")
        found += [f"{verb}: {' '.join(rendered[max(at - 1, 0) : at + 1])}" for verb in verbs(filler) & verbs(around)]
    return found


def why_fillers() -> list[str]:
    """The English `why=` clauses the graded tests pass to expect_raises."""
    found = []
    for folder in (ROOT / "tests", HIDDEN_DIR):
        for path in sorted(folder.glob("test_*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.keyword) and node.arg == "why" and isinstance(node.value, ast.Constant):
                    found.append(str(node.value.value))
    return found


def test_the_check_catches_the_reviewed_pair() -> None:
    template = "먼저 입력을 검사하세요.{why} {kind}(...)를 직접 일으키세요."
    assert verb_said_again(template, "처음과 마지막 단어만이 아니라 모든 단어를 검사해 단어 길이가 서로 다르면")
    assert verb_said_again(template, "모든 단어의 모든 문자를 검사해 'q'처럼 어휘에 없는 문자가 있으면")
    assert not verb_said_again(template, "처음과 마지막 단어만이 아니라 모든 단어의 길이를 살펴 서로 다르면")
    assert not verb_said_again("{what}이 {result}를 돌려줬습니다.{why} {kind}를 일으켜야 합니다.", "그 문자가 없으므로")


def test_no_why_filler_says_its_templates_verb_again() -> None:
    korean = {entry.msgid: entry.msgstr for entry in catalog_entries("ko") if entry.translated}
    templates = [korean[msgid] for msgid in korean if "{why}" in msgid and "{kind}" in msgid]
    fillers = [korean[why] for why in why_fillers() if why in korean]
    assert len(templates) >= 3 and len(fillers) >= 6, (templates, fillers)
    found = [fault for template in templates for filler in fillers for fault in verb_said_again(template, filler)]
    assert not found, "\n".join(found)


def test_the_korean_instructions_in_a_notebook_say_to_run_the_cell() -> None:
    """Query 1: the English line "Check your work: ``make test`` (without make: …)" becomes "run this
    exercise's ``%%kata ex01`` cell" in a notebook (kata.core.launcher.as_typed); the Korean line
    "`make test`로 확인하세요." must say the same, not `%kata test`, which grades the saved file and
    not the cell."""
    from kata.core.launcher import NOTEBOOK, as_typed

    entries = [entry for entry in catalog_entries("ko") if (entry.msgctxt or "").startswith("instructions.")]
    assert len(entries) == 7
    for entry in entries:
        name = entry.msgctxt.removeprefix("instructions.")
        english, korean = (as_typed(text, how=NOTEBOOK, exercise=name) for text in (entry.msgid, entry.msgstr))
        cell = f"``%%kata {name[:4]}`` 셀을 실행해 확인하세요."
        assert f"``%%kata {name[:4]}`` cell" in english and cell in korean, korean[-120:]
