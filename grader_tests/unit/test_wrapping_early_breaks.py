"""The wrapper fills a line before it breaks (review 11, G item 2): a word that fits the line it
follows stays there. The early breaks the review found came from words glued into one unit that
is not one: a list of names in a Korean line taken for a run of code ("명령:" / "setup, test,
…"), a number taken for a count of the word before it ("make_batch가 12번째", "계산하면
1.6563입니다."), and a long path in an aside that left the verb before it alone, so the word
before that was pulled down to keep it company ("…)이" / "ValueError를 일으켰습니다")."""

from __future__ import annotations

import re

import pytest

from kata.core.text import OPERATORS, indent, width_of

PATH = "/tmp/korev11-out/work/hard-coded-note/ex01_one_hot.py"
COMMANDS = "setup, test, watch, list, hint, explain, reset, solution, grade, help"
BATCH = "ex02_batch.make_batch(['hello', 'eolll', 'lleel'], ['h', 'e', 'l', 'o'])"
TEXTS = {
    "ko unknown": f"kata: frobnicate라는 명령은 없습니다. 명령: {COMMANDS}. 각 명령이 하는 일은 "
    "`python -m kata help`로 볼 수 있습니다.",
    "en unknown": f"kata: frobnicate is not a command. Commands: {COMMANDS}. `python -m kata help` says what each does.",
    "ko raised": f"ex01_one_hot.one_hot('c', ['a', 'b', 'c', 'd', 'e', 'f'])이 ValueError를 일으켰습니다({PATH} "
    "11번 줄). 오류 메시지는 `c`입니다.",
    "en raised": f"ex01_one_hot.one_hot('c', ['a', 'b', 'c', 'd', 'e', 'f']) raised ValueError ({PATH} line 11). "
    "The error message is `c`.",
    "ko timeout": f"{BATCH}가 10초 안에 끝나지 않았습니다. 채점기가 중단했을 때 ex02_batch.make_batch가 12번 줄을 "
    "실행하던 중이었습니다. 그곳에 끝나지 않는 반복문(조건이 절대 거짓이 되지 않는 `while`)이나 너무 큰 계산이 "
    "있는지 확인하세요.",
    "en timeout": f"{BATCH} timed out after 10 s. ex02_batch.make_batch was still running at line 12 when it was "
    "stopped: look there for a loop that never ends (a `while` whose condition never becomes false), or work "
    "that is far too large.",
    "ko loss": "ex07_train_hihello.train(steps=3, lr=0.05): 반복 0의 손실이 1.5694입니다. 반복 0을 시작할 때의 "
    "모델(ex07_train_hihello.train(steps=0, lr=0.05)이 돌려주는 모델)로 'hihell' -> 'ihello'의 "
    "CrossEntropyLoss를 계산하면 1.6563입니다.",
    "en loss": "ex07_train_hihello.train(steps=3, lr=0.05): the loss of step 0 is 1.5694; the CrossEntropyLoss of "
    "the model that step starts from (the one ex07_train_hihello.train(steps=0, lr=0.05) returns) on 'hihell' -> "
    "'ihello' is 1.6563.",
}
GLUED = re.compile(r"[0-9]+번(?:째)?$|^[(\[<`]|[(\[<]$")  # "12번 줄", a bracket or a backtick still open


def early_breaks(lines: list[str], width: int) -> list[str]:
    """Breaks before a plain word (no open bracket, no "N번째" that keeps its 줄, no operand of an
    operator after it) that would have fitted the line before, unless moving it up would leave a
    short word alone on its line (an orphan, which the wrapper avoids first)."""
    found = []
    for before, after in zip(lines, lines[1:]):
        words = after.split()
        orphan = len(words) == 2 and width_of(words[1]) <= 12
        if len(words) < 2 or orphan or GLUED.search(words[0]) or words[1] in OPERATORS:
            continue
        if words[0].count("(") != words[0].count(")"):
            continue
        if width_of(before + " " + words[0]) <= width:
            found.append(f"{before.strip()[-30:]!r} / {words[0]!r}")
    return found


@pytest.mark.parametrize("name", sorted(TEXTS))
@pytest.mark.parametrize("width", [60, 72, 80])
def test_a_word_that_fits_stays_on_its_line(name: str, width: int) -> None:
    lines = indent(TEXTS[name], "    ", width).splitlines()
    assert all(width_of(line) <= width for line in lines), lines
    assert not early_breaks(lines, width), lines


@pytest.mark.parametrize("width", [60, 72, 80])
def test_the_list_of_commands_follows_its_colon(width: int) -> None:
    """cli-unknown: "kata: frobnicate라는 명령은 없습니다. 명령:" ended at 43 columns, then the list."""
    lines = indent(TEXTS["ko unknown"], "", width).splitlines()
    assert "명령: setup," in lines[0] or lines[0].endswith("명령은"), lines


def test_the_review_s_lines_at_80_columns() -> None:
    """The review's three other examples, as a report lays them out on an 80-column terminal."""
    raised = indent(TEXTS["ko raised"], "    ", 80).splitlines()
    assert raised[0].endswith("])이 ValueError를"), raised
    timeout = indent(TEXTS["ko timeout"], "    ", 80).splitlines()
    assert any(line.endswith("채점기가 중단했을 때 ex02_batch.make_batch가") for line in timeout), timeout
    loss = indent(TEXTS["ko loss"], "    ", 80).splitlines()
    assert any(line.endswith("CrossEntropyLoss를 계산하면") for line in loss), loss


@pytest.mark.parametrize("width", [60, 72, 80])
def test_a_count_and_a_line_number_still_keep_their_nouns(width: int) -> None:
    """What the count rule is for: "시점 3개로", "반복 0을", "12번 줄", "a.py 5번 줄"."""
    text = "가" * 20 + " 입력은 시점 3개로 된 시퀀스이고 반복 0을 시작할 때 a.py 5번 줄을 실행했으며 " * 3
    for line in indent(text.strip(), "    ", width).splitlines():
        assert not line.endswith(("시점", "반복", "a.py", "번째")), line
