"""Wrapping: every Korean output at 60, 72 and 80 columns (reports, `explain`, `hint`), never
inside brackets, a tuple or code, and columns counted as a terminal counts them (issue 20)."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from grader_tests.golden import (
    SCENARIOS,
    build_tree,
)
from grader_tests.korean_screen import WIDTHS, bad_breaks, korean_report, message_blocks, over_width
from kata import EXERCISES_DIR
from kata.core.text import width_of
from kata.i18n import catalog

pytestmark = pytest.mark.timeout(300)  # each width grades a Korean report through the real CLI


def test_wrapping_keeps_tuples_whole_and_counts_columns() -> None:
    from kata.core.text import indent

    line = "ex02_batch.make_batch(['hello', 'eolll', 'lleel'], ['h', 'e', 'l', 'o'])의 모양이 (5, 3, 4)입니다. 올바른 모양은 (batch=3, seq_len=5, input_size=4)입니다."
    wrapped = indent(line, "    ", width=60).splitlines()
    assert all(width_of(piece) <= 60 for piece in wrapped), wrapped
    assert any("(batch=3, seq_len=5, input_size=4)입니다." in piece for piece in wrapped), wrapped
    assert any("(5, 3, 4)입니다." in piece for piece in wrapped), wrapped


@pytest.mark.parametrize("width", WIDTHS)
def test_korean_reports_wrap_well_at_each_width(width: int, tmp_path: Path) -> None:
    """`make test` itself at each width, on the stubs and on the note's own mistake (ex03, ex05)."""
    expected = json.loads((SCENARIOS / "named-causes" / "expected.json").read_text())
    tree = build_tree(SCENARIOS / "named-causes", expected, tmp_path)
    bad = []
    for where, exercises in ((EXERCISES_DIR, ("ex01", "ex06")), (tree, ("ex02", "ex03", "ex05"))):
        tmp = tmp_path / f"run-{len(bad)}-{where.name}"
        tmp.mkdir()
        report = korean_report(where, *exercises, tmp=tmp, columns=width)
        bad += [b for line in report.splitlines() if over_width(line, width) for b in [f"{width_of(line)}: {line}"]]
        for block in message_blocks(report):
            bad += bad_breaks(block, width)
    assert not bad, "\n".join(bad[:15])


def explain_and_hint_outputs(width: int, tmp: Path) -> dict[str, str]:
    """What `make explain` and `make hint` print for each exercise, run in this process (neither
    grades anything, and 14 interpreters per width cost more than the checks)."""
    from kata.cli import main
    from kata.learner import state

    outputs = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KATA_LANG", "ko")
        patch.setenv("COLUMNS", str(width))
        patch.setattr(state, "STATE_DIR", tmp)  # this test's own hint counters
        for number in range(1, 8):
            for command in ("explain", "hint"):
                printed = io.StringIO()
                with contextlib.redirect_stdout(printed):
                    main([command, f"ex0{number}"])
                outputs[f"make {command} EX=ex0{number}"] = printed.getvalue()
    return outputs


@pytest.mark.parametrize("width", WIDTHS)
def test_make_explain_and_hint_wrap_well_at_each_width(width: int, tmp_path: Path) -> None:
    """Paragraphs and list items are reflowed (no orphan word on a line of its own), drawings and
    code lines keep their layout, and nothing breaks inside brackets or around an operator."""
    instructions = catalog("ko").get("instructions", {})
    kept = {line for text in instructions.values() for line in text.splitlines() if line.startswith("    ")}
    bad = []
    for where, out in explain_and_hint_outputs(width, tmp_path).items():
        assert out.strip(), where
        assert "``" not in out, f"{where}: reStructuredText's double backticks"
        paragraphs: list[list[str]] = [[]]
        for line in out.splitlines():
            if not line.strip() or line in kept or line.startswith("    "):
                paragraphs.append([])
                bad += [f"{where}: {width_of(line)} columns: {line}" for _ in [0] if width_of(line) > width]
                continue
            paragraphs[-1].append(line)
        for lines in paragraphs:
            bad += [f"{where}: {b}" for b in bad_breaks(lines, width)]
            if len(lines) >= 2 and width_of(lines[-1].strip()) <= 6 and width_of(lines[-2]) < width - 12:
                bad.append(f"{where}: an orphan line: {lines[-2]!r} / {lines[-1]!r}")
    assert not bad, "\n".join(bad[:15])


def test_the_wrapping_checks_catch_the_breaks_of_issue_20() -> None:
    assert bad_breaks(["    <tensor (3,", "    2) float32 on cpu>"], 80)
    assert bad_breaks(["    비교할 때 (3, 5, 4) ==", "    [3, 5, 4]는 False입니다."], 80)
    assert bad_breaks(["    h =", "    zeros(batch_size, hidden_size)에서"], 80)
    assert not bad_breaks(["    비교할 때", "    (3, 5, 4) == [3, 5, 4]는 False입니다."], 80)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_wrapper_keeps_expressions_whole(width: int) -> None:
    from kata.core.text import indent

    line = (
        "ex04_shapes.rnn_shapes(3, 5, 4, 2)['input']가 [3, 5, 4]입니다. 연습 설명대로 (3, 5, 4) 같은 정수 "
        "튜플이어야 합니다. 모양은 tensor.shape와 비교하게 되는데, (3, 5, 4) == [3, 5, 4]는 False입니다. "
        "h = zeros(batch_size, hidden_size)에서 시작해 <cpu에 있는 (3, 5, 2) float32 텐서>를 넘기세요. "
        "RNN이 입력을 시간 우선으로 읽었습니다. 즉 시퀀스 5개로 된 배치 하나를 시점 3개에 걸쳐 읽었습니다."
    )
    for shift in range(1, 25, 3):  # break positions the text can land on
        lines = indent("가" * shift + " " + line, "    ", width).splitlines()
        assert not bad_breaks(lines, width), lines
        assert not any(line.rstrip().endswith("시점") for line in lines), lines
