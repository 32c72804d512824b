"""The language files: kata/i18n/po.py reads and writes gettext's PO format, the catalogue check
(grader_tests/catalog.py) reports missing and fuzzy entries, and its merge marks a changed English
text fuzzy instead of dropping its translation."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from grader_tests.catalog import catalog_path, merge, problems
from kata.i18n import as_catalog, po

SAMPLE = r"""# a translator's comment
msgid ""
msgstr ""
"Language: ko\n"
"Content-Type: text/plain; charset=UTF-8\n"

msgid "{what} returned {got}."
msgstr "{what}이 {got}을 돌려줬습니다."

#, fuzzy
#| msgid "Old text"
msgid "New text"
msgstr "옛 번역"

msgctxt "exercises.ex01_one_hot.title"
msgid "One-hot encoding"
msgstr "원-핫 인코딩"

msgctxt "exercises.ex01_one_hot.hint.2"
msgid "Second"
msgstr "둘째"

msgctxt "instructions.ex01_one_hot"
msgid ""
"Line one \"quoted\"\n"
"\tline two \\ done"
msgstr ""
"첫 줄\n"
"둘째 줄"

msgid "untranslated"
msgstr ""

#~ msgid "Gone"
#~ msgstr "사라짐"
"""


def test_a_po_file_reads_into_its_entries() -> None:
    entries = po.parse(SAMPLE)
    assert [e.msgid for e in entries][:3] == ["", "{what} returned {got}.", "New text"]
    assert entries[0].comments == ["# a translator's comment"]
    assert entries[2].fuzzy and entries[2].previous == "Old text"
    assert entries[5].msgid == 'Line one "quoted"\n\tline two \\ done' and entries[5].msgstr == "첫 줄\n둘째 줄"
    assert entries[-1].obsolete and entries[-1].msgstr == "사라짐"


def test_only_translated_entries_are_shown() -> None:
    shown = as_catalog(po.parse(SAMPLE))
    assert shown["messages"] == {"{what} returned {got}.": "{what}이 {got}을 돌려줬습니다."}  # not fuzzy, empty, gone
    assert shown["exercises"] == {"ex01_one_hot": {"title": "원-핫 인코딩", "hints": [None, "둘째"]}}
    assert shown["instructions"] == {"ex01_one_hot": "첫 줄\n둘째 줄"}


def test_writing_and_reading_back_gives_the_same_entries() -> None:
    entries = po.parse(SAMPLE)
    again = po.parse(po.dump(entries))
    assert again == entries
    long = po.Entry(msgid="word " * 40 + "end", msgstr="낱말 " * 40)
    written = po.dump([long])
    assert all(len(line) <= po.WIDTH for line in written.splitlines())
    assert po.parse(written) == [long]


@pytest.mark.parametrize(
    "broken",
    [
        'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\n',
        'msgid "a\\q"\nmsgstr ""\n',
        'msgid "a"\nmsgstr "b\n',
        '"stray"\n',
    ],
)
def test_what_the_reader_does_not_take_is_refused_with_its_line(broken: str) -> None:
    with pytest.raises(po.POError, match="line"):
        po.parse(broken)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_gettext_itself_reads_the_korean_catalogue(tmp_path: Path) -> None:
    proc = subprocess.run(
        ["msgfmt", "--check-format", "-o", str(tmp_path / "ko.mo"), str(catalog_path("ko"))],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr


def test_the_korean_catalogue_keeps_no_obsolete_entries() -> None:
    """An obsolete #~ entry is never shown and never checked: the ninth review found 30 of them
    holding banned words (정답, 밝히, 주어진). The file holds only texts the kata uses."""
    text = catalog_path("ko").read_text(encoding="utf-8")
    assert not [e for e in po.parse(text) if e.obsolete]
    assert "\n#~" not in text


def test_an_obsolete_entry_lends_its_translation_once_and_goes() -> None:
    old = po.parse(SAMPLE)
    merged = merge(old, [po.Entry(msgid="Gone.")])
    assert [(e.msgid, e.msgstr, e.fuzzy, e.obsolete) for e in merged[1:]] == [("Gone.", "사라짐", True, False)]


def test_a_changed_english_text_keeps_its_translation_as_fuzzy() -> None:
    old = po.parse(SAMPLE)
    wanted = [
        po.Entry(msgid="{what} returned {got} to the caller."),  # a message that changed
        po.Entry(msgctxt="exercises.ex01_one_hot.title", msgid="One-hot encoding of a character"),
        po.Entry(msgctxt="exercises.ex01_one_hot.hint.2", msgid="Second"),
        po.Entry(msgid="A text nobody translated yet"),
    ]
    merged = merge(old, wanted)
    by_id = {e.msgid: e for e in merged if not e.obsolete}
    message = by_id["{what} returned {got} to the caller."]
    assert message.fuzzy and message.previous == "{what} returned {got}." and message.msgstr.startswith("{what}이")
    title = by_id["One-hot encoding of a character"]
    assert title.fuzzy and title.previous == "One-hot encoding" and title.msgstr == "원-핫 인코딩"
    assert not by_id["Second"].fuzzy and by_id["A text nobody translated yet"].msgstr == ""
    assert not [e for e in merged if e.obsolete], "a text nobody uses is dropped, not kept as #~ (issue 30)"
    assert not {"Gone", "New text", "untranslated"} & {e.msgid for e in merged}, "what nobody uses is dropped"
    assert as_catalog(merged)["messages"] == {}, "a fuzzy translation is not shown"
    found = problems("ko", merged, wanted)
    assert sum(p.startswith("fuzzy") for p in found) == 2 and sum(p.startswith("missing") for p in found) == 0
    assert sum(p.startswith("untranslated") for p in found) == 1
    assert problems("ko", old, wanted) and any(p.startswith("missing") for p in problems("ko", old, wanted))


def test_the_korean_catalogue_has_every_text_and_nothing_fuzzy() -> None:
    found = problems("ko")
    assert not found, "run `python -m grader_tests.catalog ko --update`, then translate:\n" + "\n".join(found[:20])


def test_a_changed_test_id_borrows_from_the_id_most_like_it() -> None:
    old = [
        po.Entry(msgctxt="test-id", msgid="note-e", msgstr="노트 e"),
        po.Entry(msgctxt="test-id", msgid="empty-word", msgstr="빈 단어"),
        po.Entry(msgid="empty-words", msgstr="a message, not an id"),
    ]
    merged = merge(old, [po.Entry(msgctxt="test-id", msgid="empty-words"), po.Entry(msgctxt="test-id", msgid="note-e")])
    new = next(e for e in merged if e.msgid == "empty-words" and e.msgctxt == "test-id")
    assert new.fuzzy and new.previous == "empty-word" and new.msgstr == "빈 단어"
    assert as_catalog(merged)["test_ids"] == {"note-e": "노트 e"}
