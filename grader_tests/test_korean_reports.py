"""The Korean grades of the golden scenarios (grader_tests/conftest.py grades them): the English
verdicts, every template the scenarios use seen in Korean, no English sentence, no line wider
than the terminal, no doubled bracket or space, and every message wrapping well."""

from __future__ import annotations

import re

import pytest

from grader_tests.golden import (
    Graded,
    reported_messages,
    template_pattern,
)
from grader_tests.korean_screen import (
    COLUMNS,
    WIDTHS,
    bad_breaks,
    indented_paragraphs,
    is_english,
    message_blocks,
    over_width,
)
from kata.core.manifest import load_manifest
from kata.core.results import TestResult as Result  # not "Test...": pytest would try to collect it
from kata.core.text import width_of
from kata.i18n import _, catalog
from kata.render import scoreboard

pytestmark = pytest.mark.timeout(900)  # the first report test waits for every scenario to be graded


def results_of(run: Graded) -> dict[str, list[Result]]:
    """The grade's results.json read back into the records the scoreboard renders (Gradescope's
    output is the message, then the printed output under its label)."""
    label = "\n\n" + _("Printed output:") + "\n"
    results: dict[str, list[Result]] = {}
    for test in run.results.get("tests", []):
        exercise, name = test["name"].split(": ", 1)
        message, _label, output = test["output"].partition(label)
        passed = test["status"] == "passed"
        results.setdefault(exercise, []).append(
            Result(exercise, "", name, test["max_score"], test["visibility"], passed, message, output)
        )
    return results


def rendered_report(run: Graded) -> str:
    """What a learner's terminal shows of a Korean grade: the header it printed, the scoreboard,
    then every failing test laid out as the scoreboard lays one out (not only the first three)."""
    instructor_lines = re.compile(r"kata: |\d+/\d+ tests passed; ")  # what `grade` adds for an instructor
    header = "\n".join(line for line in run.stdout.splitlines() if not instructor_lines.match(line))
    exercises = [e for e in load_manifest() if e.name in run.expected["exercises"]]
    results = results_of(run)
    lines = [header, scoreboard.scoreboard(exercises, results, run.tree, every_failure=len(exercises) == 1)]
    for exercise in exercises:
        for result in results.get(exercise.name, []):
            if not result.passed:
                lines += scoreboard.failure_details(exercise, [result], run.tree, None)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def korean_reports(graded_korean: dict[str, Graded]) -> dict[str, str]:
    """The Korean report of each scenario graded in Korean, rendered on an 80-column terminal."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KATA_LANG", "ko")
        patch.setenv("COLUMNS", str(COLUMNS))
        return {name: rendered_report(run) for name, run in graded_korean.items()}


def test_the_korean_grade_reaches_the_english_verdicts(
    graded: dict[str, Graded], graded_korean: dict[str, Graded]
) -> None:
    """A language changes what is said, never what is decided."""
    assert graded_korean, "no scenario was chosen to be graded in Korean"
    for name, run in graded_korean.items():
        assert run.returncode == 0, f"{name}: the Korean grade broke:\n{run.stdout[-2000:]}"
        korean = [(t["name"].split(": ")[0], t["status"], t["max_score"]) for t in run.results.get("tests", [])]
        graded_exercises = {exercise for exercise, _status, _points in korean}
        english = [
            (t["name"].split(": ")[0], t["status"], t["max_score"])
            for t in graded[name].results.get("tests", [])
            if t["name"].split(": ")[0] in graded_exercises
        ]
        assert korean and korean == english, name


def test_every_message_template_the_scenarios_use_is_seen_in_korean(
    korean_chosen: dict[str, dict[str, set[str]]], graded_korean: dict[str, Graded]
) -> None:
    """The Korean grades were chosen because their English messages use every template that
    the scenarios' messages use; each template's translation must be in their Korean messages."""
    messages = catalog("ko").get("messages", {})
    unseen = []
    for name, exercises in korean_chosen.items():
        for exercise, templates in exercises.items():
            text = "\n".join(reported_messages(graded_korean[name], exercise))
            for template in templates:
                pattern = template_pattern(messages[template], korean=True)
                if pattern is not None and not pattern.search(text):
                    unseen.append(f"{name} {exercise}: {messages[template]!r}")
    assert not unseen, "translations not found where the English grade used them:\n" + "\n".join(unseen[:10])


def learner_code(run: Graded) -> list[str]:
    """The lines of the graded tree's code (a message may quote one: where an error came from),
    on one line and cut as a message cuts them."""
    lines = [" ".join(line.split()) for path in run.tree.glob("*.py") for line in path.read_text().splitlines()]
    return sorted({line[:60] for line in lines if len(line) >= 12}, key=len, reverse=True)


def test_no_english_sentence_in_a_korean_report(
    korean_reports: dict[str, str], graded_korean: dict[str, Graded]
) -> None:
    """Code quoted from the learner's own files is theirs, in whatever words they wrote it."""
    english = []
    for name, report in korean_reports.items():
        code = learner_code(graded_korean[name])
        for text, indent in indented_paragraphs(report):
            for line in code:
                text = text.replace(line, " ")
            if is_english(text, indent):
                english.append(f"{name}: {text}")
    assert not english, "English on a Korean screen:\n" + "\n".join(english[:10])


def test_no_korean_report_line_is_wider_than_the_terminal(korean_reports: dict[str, str]) -> None:
    wide = [
        f"{name} ({width_of(line)} columns): {line}"
        for name, report in korean_reports.items()
        for line in report.splitlines()
        if over_width(line, COLUMNS)
    ]
    assert not wide, f"lines wider than {COLUMNS} columns:\n" + "\n".join(wide[:10])


TENSOR_REPR = re.compile(r"tensor\(.*?(\)|\.\.\.)")  # torch aligns the numbers it prints with spaces


def test_no_double_brackets_or_spaces(korean_reports: dict[str, str]) -> None:
    odd = [
        f"{name}: {text}"
        for name, report in korean_reports.items()
        for text, indent in indented_paragraphs(report)
        if re.search(r"\(\([^()]*번(?:째)? 줄\)\)", text)
        or (indent == 4 and re.search(r"[^\s.]  \S", TENSOR_REPR.sub("", text)))
    ]
    assert not odd, "\n".join(odd[:10])


def test_every_korean_message_wraps_well_at_60_72_and_80_columns(korean_reports: dict[str, str]) -> None:
    """Each message of every Korean report, wrapped again at each width as the report does."""
    from kata.core.text import indent

    bad = []
    for name, report in korean_reports.items():
        for block in message_blocks(report):
            paragraph = " ".join(line.strip() for line in block)
            for width in WIDTHS:
                bad += [
                    f"{name} at {width}: {b}" for b in bad_breaks(indent(paragraph, "    ", width).splitlines(), width)
                ]
            bad += [f"{name} as printed at {COLUMNS}: {b}" for b in bad_breaks(block, COLUMNS)]
    assert not bad, "\n".join(bad[:15])
