"""Every Korean text the kata shows (catalogue, exercise texts, instructions, the notebook's
Korean) is held to the classes of defect a publisher's technical editor marked in issue 30's
review, wherever a program can see them (grader_tests/korean_style.py). Each check is shown to
catch sentences from the reviewed text, so none passes by seeing nothing."""

from __future__ import annotations

import re

import pytest

from grader_tests import korean_style, korean_text
from grader_tests.catalog import catalog_entries
from grader_tests.reviewed_code_font import REVIEWED_CODE_FONT
from grader_tests.reviewed_sentences import REVIEWED_SENTENCES
from kata import ROOT

REVIEWED = {**REVIEWED_CODE_FONT, **REVIEWED_SENTENCES}


# Where a check looks at one kind of text only: a sample stands where that kind is.
WHERE = {
    "an aside in brackets inside a test title": "message: make_batch puts the batch on the device it is given",
    "a title or help row vaguer than its sibling": "message: rnn_forward equals nn.RNN for any batch, length and sizes",
}


def test_every_check_has_reviewed_samples() -> None:
    assert set(REVIEWED) == set(korean_style.CHECKS)


@pytest.mark.parametrize("check", sorted(korean_style.CHECKS))
def test_the_check_catches_what_the_review_marked(check: str) -> None:
    bad, good = REVIEWED[check]
    where = WHERE.get(check, "message: Sample.")
    missed = [text for text in bad if not korean_style.CHECKS[check](where, text)]
    flagged = [text for text in good if korean_style.CHECKS[check](where, text)]
    assert not missed, f"{check} does not catch {missed}"
    assert not flagged, f"{check} flags right text: {flagged}"


@pytest.mark.parametrize("check", sorted(korean_style.CHECKS))
def test_no_korean_text_has_the_defect(check: str) -> None:
    found = korean_style.findings(korean_text.korean_texts(), check)
    assert not found, f"{len(found)} found ({check}); GLOSSARY.md says how to write it:\n" + "\n".join(found[:15])


def test_the_texts_checked_include_every_kind_of_korean_text() -> None:
    texts = korean_text.korean_texts()
    kinds = {where.split(":")[0].split(" ")[0].split(".")[0] for where in texts}
    assert {"message", "exercises", "instructions", "kata"} <= kinds, kinds
    assert sum(where.startswith("instructions.") for where in texts) == 7
    assert any(where.startswith("kata.ipynb") for where in texts), "the notebook's Korean is checked too"


@pytest.mark.parametrize("check", sorted(korean_style.CHECKS))
def test_readme_ko_has_no_defect_a_check_sees(check: str) -> None:
    """README.ko.md's prose; its sample report (a fenced block) is the real output, held to the
    catalogue by grader_tests/test_korean_texts.py."""
    readme = re.sub(r"```.*?```", "", (ROOT / "README.ko.md").read_text(encoding="utf-8"), flags=re.S)
    paragraphs = {f"README.ko.md paragraph {i}": p for i, p in enumerate(readme.split("\n\n"))}
    found = korean_style.findings(paragraphs, check)
    assert not found, "\n".join(found[:15])


def sentence_forms(pairs: list[tuple[str, str]]) -> list[str]:
    """English sentences (of 25 characters or more) that several messages share, where those
    messages' Korean shares no sentence: one English sentence, two Korean forms."""
    from collections import defaultdict

    def split(text: str, marks: str) -> list[str]:
        return [s.strip() for s in re.split(rf"(?<=[{marks}])\s+", text) if s.strip()]

    users: dict[str, list[str]] = defaultdict(list)
    for english, korean in pairs:
        for sentence in split(english, ".!?:;"):
            if len(sentence) >= 25:
                users[sentence].append(korean)
    return [
        f"{sentence!r}: " + " | ".join(korean)
        for sentence, korean in users.items()
        if len(korean) > 1 and not set.intersection(*(set(split(k, ".!?")) for k in korean))
    ]


def test_one_english_sentence_has_one_korean_form() -> None:
    """The review's "h_n is never batch-first" said two ways ("…배치 우선이 아니라 …입니다." and
    "…배치 우선이 아닙니다."), and "Build its nn.RNN with batch_first=True." as "RNN을 …" beside
    "nn.RNN을 …": a sentence the English repeats reads the same in Korean."""

    bad = [
        (
            "h_n is never batch-first: it is (num_layers, batch, hidden_size).",
            "h_n은 배치 우선이 아닙니다. 언제나 (…)입니다.",
        ),
        (
            "h_n is never batch-first: it is (num_layers, batch, hidden_size) even with x.",
            "h_n은 x여도 배치 우선이 아니라 (…)입니다.",
        ),
    ]
    assert sentence_forms(bad)
    assert not sentence_forms([(e, k.replace("x여도 ", "")) for e, k in bad[:1] * 2])
    entries = catalog_entries("ko")
    found = sentence_forms([(e.msgid, e.msgstr) for e in entries if e.translated and e.msgctxt is None])
    assert not found, "\n".join(found)
