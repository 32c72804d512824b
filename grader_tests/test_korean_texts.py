"""Every Korean text a learner reads, read Korean and fitting the terminal: texts without
placeholders, test titles, the stubs' hints, the watch's verdict, and README.ko.md's sample
report, which is the real output."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from grader_tests.catalog import stub_texts
from grader_tests.golden import (
    has_placeholders,
)
from grader_tests.korean_screen import COLUMNS, docstring_titles, is_english, korean_report
from kata import EXERCISES_DIR, ROOT
from kata.core.text import width_of
from kata.i18n import _, catalog

pytestmark = pytest.mark.timeout(300)  # the README's sample is graded through the real CLI


def test_every_text_without_placeholders_reads_korean_and_fits_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text with nothing to fill in (a stub's hint, a test's advice) reads the same wherever it
    is shown, so each one is checked here as a report lays out a message, not only those the
    scenarios happen to show (the Korean grades are chosen for the templates with placeholders).
    What this leaves out: an English word run across the seam where such a text is appended."""
    from kata.core.text import indent

    monkeypatch.setenv("COLUMNS", str(COLUMNS))
    texts = [korean for english, korean in catalog("ko").get("messages", {}).items() if not has_placeholders(english)]
    assert texts
    odd = [
        text
        for text in texts
        if is_english(text, 4)
        or re.search(r"\S  \S", text)
        or any(width_of(line) > COLUMNS for line in indent(text, "    ").splitlines())
    ]
    assert not odd, "\n".join(odd[:10])


def test_every_test_title_reads_korean_and_fits_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Titles are static, so every one is checked here, as the scoreboard lays out a failing test."""
    from kata.core.text import indent

    monkeypatch.setenv("COLUMNS", str(COLUMNS))
    messages = catalog("ko").get("messages", {})
    titles = [messages[title] for title in docstring_titles() if title in messages]
    assert titles
    laid_out = [indent(title + " [num_layers=2-hidden_size=16]", "    ", first_prefix="  x ") for title in titles]
    odd = [
        text for text in laid_out if is_english(text, 2) or any(width_of(line) > COLUMNS for line in text.splitlines())
    ]
    assert not odd, "\n".join(odd[:10])


def test_every_stub_hint_shows_in_korean(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stub's own hint is translated by its exact English text where the stub is met (the
    message of kata.testing.calls.call), for every stub of exercises/: in Korean, never in English."""
    from kata.testing.calls import STUB_OPENING, explain_call_error

    monkeypatch.setenv("KATA_LANG", "ko")
    texts = catalog("ko").get("messages", {})
    wrong = []
    for text in sorted(stub_texts()):
        message = explain_call_error("ex01_one_hot.one_hot('h', ['h'])", NotImplementedError(text))
        shown = STUB_OPENING.sub(
            "", texts.get(text, text), count=1
        )  # "...: 아직 작성하지 않았습니다." is said once, above
        if shown not in message or text in message or STUB_OPENING.sub("", text, count=1) in message:
            wrong.append(text)
    assert stub_texts() and not wrong, f"stub hints not shown in Korean: {wrong[:3]}"


def test_the_sample_in_readme_ko_is_the_real_output(tmp_path: Path) -> None:
    """README.ko.md shows `make test` after ex01 is solved and ex02 stacks along the wrong axis."""
    from kata import SOLUTIONS_DIR

    tree = tmp_path / "exercises"
    tree.mkdir()
    for source in [*EXERCISES_DIR.glob("ex*.py"), SOLUTIONS_DIR / "ex01_one_hot.py"]:
        shutil.copy2(source, tree / source.name)
    shutil.copy2(Path(__file__).parent / "readme_sample" / "ex02_batch.py", tree / "ex02_batch.py")
    real = korean_report(tree, tmp=tmp_path, columns=100).replace(str(tree.resolve()), "exercises")  # no path cut
    readme = (ROOT / "README.ko.md").read_text(encoding="utf-8")
    sample = re.search(r"```\n(RNN 기초 kata.*?)```", readme, re.S)
    assert sample, "README.ko.md has no sample report"
    assert " ".join(sample.group(1).split()) == " ".join(real.split()), f"the real output is:\n{real}"


def test_the_watch_verdict_says_each_thing_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """`make watch` prints the verdict word, then the count: "통과 ex01_one_hot: 테스트 23/23 통과"
    said 통과 twice."""

    monkeypatch.setenv("KATA_LANG", "ko")
    count = _("{name}: {passed}/{total} tests pass", name="ex01_one_hot", passed=23, total=23)
    for verdict in (_("PASS"), _("FAIL")):
        assert verdict not in count, f"{verdict} {count}"
