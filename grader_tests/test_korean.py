"""Korean as a Korean teacher would write it: particles that fit what is filled in, no English on
a Korean screen, and no line wider than the terminal (kata/i18n/locales/GLOSSARY.md has the rules)."""

from __future__ import annotations

import os
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest

from grader_tests.catalog import stub_texts
from grader_tests.golden import KOREAN_COLUMNS, Graded, has_placeholders, reported_messages, template_pattern
from kata import EXERCISES_DIR, ROOT
from kata.core.manifest import load_manifest
from kata.core.results import TestResult as Result  # not "Test...": pytest would try to collect it
from kata.core.text import width_of
from kata.i18n import _, catalog, korean
from kata.render import scoreboard

COLUMNS = KOREAN_COLUMNS
pytestmark = pytest.mark.timeout(900)  # the first report test waits for every scenario to be graded
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.mark.parametrize(
    ("template", "value", "expected"),
    [
        ("{v}를 돌려줬습니다", "(1, 2, 6)", "(1, 2, 6)을 돌려줬습니다"),  # 6 육
        ("{v}를 돌려줬습니다", "(1, 5, 2)", "(1, 5, 2)를 돌려줬습니다"),  # 2 이
        ("{v}가 아닙니다", "1.656", "1.656이 아닙니다"),
        ("코드 {v}로 끝났습니다", "3", "코드 3으로 끝났습니다"),  # 3 삼
        ("코드 {v}로 끝났습니다", "1", "코드 1로 끝났습니다"),  # 1 일: ㄹ takes 로
        ("{v}여야 합니다", "num_layers=1", "num_layers=1이어야 합니다"),
        ("{v}이어야 합니다", "batch_first=True", "batch_first=True여야 합니다"),
        ("{v}라는 연습", "ex10", "ex10이라는 연습"),  # 10 십
        ("{v}라는 연습", "ex02", "ex02라는 연습"),
        ("{v}가 없습니다", "'/tmp/nope'", "'/tmp/nope'이 없습니다"),  # 놉
        ("{v}가 없습니다", "'/tmp/x'", "'/tmp/x'가 없습니다"),  # 엑스
        ("{v}를 일으켰습니다", "StopIteration", "StopIteration을 일으켰습니다"),
        ("{v}이 일으켰습니다", "ValueError", "ValueError가 일으켰습니다"),
        ("{v}을 돌려줬습니다", "<RNN>", "<RNN>을 돌려줬습니다"),  # 엔
        ("{v}을 돌려줬습니다", "<GRU>", "<GRU>를 돌려줬습니다"),  # 유
        ("{v}은 틀립니다", "모양", "모양은 틀립니다"),
        ("{v}는 틀립니다", "손실", "손실은 틀립니다"),
        ("{v}과 같습니다", "outputs[i, -1]", "outputs[i, -1]과 같습니다"),
        ("`{v}`이 찾았습니다", "import ex01_one_hot", "`import ex01_one_hot`이 찾았습니다"),  # 핫
    ],
)
def test_the_particle_fits_the_value_filled_in(template: str, value: str, expected: str) -> None:
    assert korean.fill(template, {"v": value}) == expected


def test_korean_templates_use_no_slash_particles() -> None:
    slashed = [k for k, v in texts_ko().items() if re.search(r"\((을|를|이|가|은|는|과|와|으)\)", v)]
    assert not slashed, f"write one form and let kata/korean.py fit it: {slashed[:5]}"


def test_every_particle_after_a_placeholder_is_one_the_helper_fits() -> None:
    unhandled = []
    for text in texts_ko().values():
        for literal in literals_after_placeholders(text):
            _marks, particle, rest = korean.leading_particle(literal)
            if not particle and HANGUL.match(rest[:1]) and not rest.startswith(korean.NEUTRAL):
                unhandled.append(f"{text!r} (after a placeholder: {rest[:6]!r})")
    assert not unhandled, "add the particle to kata/korean.py or rephrase:\n" + "\n".join(unhandled[:10])


def texts_ko() -> dict[str, str]:
    return catalog("ko").get("messages", {})


def literals_after_placeholders(template: str) -> list[str]:
    parsed = list(string.Formatter().parse(template))
    return [parsed[i + 1][0] for i in range(len(parsed) - 1) if parsed[i][1] is not None]


# What a Korean screen may show in Latin letters: code, paths, names from PyTorch and Python.
CODE_WORDS = set(
    "RNN GRU LSTM Linear Adam CrossEntropyLoss tanh torch numpy Python PyTorch kata make test watch hint explain "
    "solution reset list dtype float32 float64 transpose reshape view seed set dict tuple import exit raise "
    "NotImplementedError ValueError Ctrl-C CPU GPU cpu cuda mps batch_first autograd FORCE IMPL EX TF32 "
    "sys os abort ctypes argmax zero_grad backward step head Linear Module nn one_hot hihello ihello hihell "
    "ilello hello eolll lleel abort SIGABRT SIGSEGV SIGKILL SIGBUS SIGFPE docstring".split()
)
PYTHON_TEXT = re.compile(
    r"[A-Za-z]*(Error|Exception|Exit|Interrupt|Iteration)(를|을|이|가)?( 일으켰습니다| 일어났습니다)?: .*?(?= \(\S+\.py |$)"
)
QUOTED = re.compile(r"`[^`]*`|'[^']*'|\"[^\"]*\"|<[^<>]*>")


def english_words(text: str) -> tuple[list[str], list[str]]:
    """The longest run of plain English words in text, and all of them, once code, quotes and
    Python's own exception text (which the kata cannot translate) are taken out."""
    text = QUOTED.sub(" ", PYTHON_TEXT.sub(" ", text))
    longest: list[str] = []
    run: list[str] = []
    every: list[str] = []
    for token in text.split():
        word = token.strip(".,:;!?()[]")
        plain = re.fullmatch(r"[A-Za-z][a-z]+", word) is not None
        if plain and word not in CODE_WORDS and not HANGUL.search(token):
            run.append(word)
            every.append(word)
            longest = max(longest, run, key=len)
        elif not (plain or word in ("|", "-", "")):  # a code word or Hangul ends a run
            run = []
    return longest, every


def paragraphs(report: str) -> list[str]:
    """Report lines with wrapped continuations joined back, learner-printed output left out."""
    return [text for text, _ in indented_paragraphs(report)]


def indented_paragraphs(report: str) -> list[tuple[str, int]]:
    joined: list[str] = []
    for line in report.splitlines():
        if line.lstrip().startswith("|"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if joined and line.strip() and indent == 4 and joined[-1][1] == 4:
            joined[-1] = (joined[-1][0] + " " + line.strip(), 4)
        else:
            joined.append((line.strip(), indent))
    return joined


def korean_report(tree: Path, *exercises: str, tmp: Path, columns: int = COLUMNS) -> str:
    env = {
        **os.environ,
        "KATA_LANG": "ko",
        "KATA_DEVICE": "cpu",
        "COLUMNS": str(columns),
        "PYTHONDONTWRITEBYTECODE": "1",
        "KATA_STATE_DIR": str(tmp / "state"),
        "TMPDIR": str(tmp),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "kata", "test", f"--impl={tree}", "--timeout=10", *exercises],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return proc.stdout + proc.stderr


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


def is_english(text: str, indent: int) -> bool:
    """Three English words in a row, or two in a line with no Hangul (a header, a label); code
    lines (indented 8 or more: a syntax error's source line, a drawing) are left out."""
    in_a_row, in_all = english_words(text)
    return len(in_a_row) >= 3 or (indent < 8 and len(in_all) >= 2 and not HANGUL.search(text))


def test_no_english_sentence_in_a_korean_report(korean_reports: dict[str, str]) -> None:
    english = [
        f"{name}: {text}"
        for name, report in korean_reports.items()
        for text, indent in indented_paragraphs(report)
        if is_english(text, indent)
    ]
    assert not english, "English on a Korean screen:\n" + "\n".join(english[:10])


def test_no_korean_report_line_is_wider_than_the_terminal(korean_reports: dict[str, str]) -> None:
    wide = [
        f"{name} ({width_of(line)} columns): {line}"
        for name, report in korean_reports.items()
        for line in report.splitlines()
        if width_of(line) > COLUMNS
    ]
    assert not wide, f"lines wider than {COLUMNS} columns:\n" + "\n".join(wide[:10])


def test_every_stub_hint_shows_in_korean(graded_korean: dict[str, Graded]) -> None:
    """A stub's own hint is translated by its exact English text: each one, in Korean only."""
    shown = "\n".join(message for run in graded_korean.values() for message in reported_messages(run))
    texts = catalog("ko").get("messages", {})
    missing = [text for text in sorted(stub_texts()) if texts.get(text, text) not in shown or text in shown]
    assert stub_texts() and not missing, f"stub hints not shown in Korean: {missing[:3]}"


TENSOR_REPR = re.compile(r"tensor\(.*?(\)|\.\.\.)")  # torch aligns the numbers it prints with spaces


def test_no_double_brackets_or_spaces(korean_reports: dict[str, str]) -> None:
    odd = [
        f"{name}: {text}"
        for name, report in korean_reports.items()
        for text, indent in indented_paragraphs(report)
        if re.search(r"\(\([^()]*번째 줄\)\)", text)
        or (indent == 4 and re.search(r"[^\s.]  \S", TENSOR_REPR.sub("", text)))
    ]
    assert not odd, "\n".join(odd[:10])


def test_make_explain_and_hints_fit_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every exercise's instructions and every one of its hints, as `make explain` and `make
    hint` print them (run in this process: neither command grades anything)."""
    from kata.cli import main
    from kata.learner import state

    monkeypatch.setenv("KATA_LANG", "ko")
    monkeypatch.setenv("COLUMNS", str(COLUMNS))
    monkeypatch.setattr(state, "STATE_DIR", tmp_path)  # this test's own hint counters
    for exercise in load_manifest():
        assert main(["explain", exercise.name]) == 0
        for _hint in exercise.hints:
            assert main(["hint", exercise.name]) == 0
    printed = capsys.readouterr().out
    assert printed.count("힌트") >= sum(len(e.hints) for e in load_manifest()), "every hint was shown"
    wide = [line for line in printed.splitlines() if width_of(line) > COLUMNS]
    assert not wide, "\n".join(wide[:10])


def test_wrapping_keeps_tuples_whole_and_counts_columns() -> None:
    from kata.core.text import indent

    line = "ex02_batch.make_batch(['hello', 'eolll', 'lleel'], ['h', 'e', 'l', 'o'])의 모양이 (5, 3, 4)입니다. 정답은 (batch=3, seq_len=5, input_size=4)입니다."
    wrapped = indent(line, "    ", width=60).splitlines()
    assert all(width_of(piece) <= 60 for piece in wrapped), wrapped
    assert any("(batch=3, seq_len=5, input_size=4)입니다." in piece for piece in wrapped), wrapped
    assert any("(5, 3, 4)입니다." in piece for piece in wrapped), wrapped


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


# Words the glossary (kata/i18n/locales/GLOSSARY.md) replaced, with the term to use instead.
NOT_IN_THE_GLOSSARY = {
    "참조 답안": "모범 답안",
    "실패 중": "미통과",
    "CPU 위의": "CPU에 있는",
    "장치 위": "장치에 있는",
    "time-major": "시간 우선",
    "batch 우선": "배치 우선",
    "1층": "층이 하나인",
    "맨 위층": "마지막 층",
    "기대값": "정답",
    "단계": "시점 (RNN) or 반복 (training)",
    "연습 문제": "연습",
    "발생": "일으키다",
    "일어났": "일으켰다",
    "bias ": "편향",
    "배치 5개의": "시퀀스 5개짜리 배치 하나의",
}


def korean_texts_to_hold_to_the_glossary() -> dict[str, str]:
    entries = catalog("ko")
    texts = {f"messages: {k}": v for k, v in entries.get("messages", {}).items()}
    texts.update({f"instructions.{k}": v for k, v in entries.get("instructions", {}).items()})
    for name, fields in entries.get("exercises", {}).items():
        texts[f"exercises.{name}"] = " ".join(
            [fields.get("title", ""), fields.get("task", ""), *fields.get("hints", [])]
        )
    texts["README.ko.md"] = (ROOT / "README.ko.md").read_text(encoding="utf-8")
    return texts


def test_korean_texts_use_the_glossary_terms() -> None:
    found = [
        f"{where}: {word!r} (the glossary says {instead})"
        for where, text in korean_texts_to_hold_to_the_glossary().items()
        for word, instead in NOT_IN_THE_GLOSSARY.items()
        if word in text
    ]
    assert not found, "\n".join(found[:10])


def test_test_titles_keep_one_register() -> None:
    """Every test title is a plain declarative sentence ending in -다, none a 합니다 form."""
    from grader_tests.catalog import english_texts  # titles are the first lines of test docstrings

    messages = catalog("ko").get("messages", {})
    titles = english_texts() & docstring_titles() & set(messages)
    off = [messages[t] for t in titles if not messages[t].endswith("다") or messages[t].endswith("니다")]
    assert titles and not off, off


def docstring_titles() -> set[str]:
    import ast

    titles = set()
    for folder in ("tests", "hidden_tests"):
        for path in (ROOT / folder).glob("test_*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef) and node.name.startswith("test_") and ast.get_docstring(node):
                    titles.add(ast.get_docstring(node).splitlines()[0].rstrip("."))
    return titles
