"""Korean as a Korean teacher would write it: particles that fit what is filled in, no English on
a Korean screen, and no line wider than the terminal (kata/i18n/locales/GLOSSARY.md has the rules)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import string
from pathlib import Path

import pytest

from grader_tests.catalog import stub_texts
from grader_tests.golden import (
    KOREAN_COLUMNS,
    SCENARIOS,
    Graded,
    build_tree,
    has_placeholders,
    reported_messages,
    template_pattern,
)
from grader_tests.korean_text import replaced_words, word_pattern
from grader_tests.warm_kata import run_kata
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
        ("{v}가 없습니다", "'/tmp/stack'", "'/tmp/stack'이 없습니다"),  # 스택
        ("{v}를 돌려줬습니다", "ex01.build_vocab(['hello'])", "ex01.build_vocab(['hello'])을 돌려줬습니다"),  # 보캡
        ("{v}가 호출했습니다", "sys.exit(3)", "sys.exit(3)가 호출했습니다"),  # a call: its name decides
        ("{v}을 돌려줬습니다", "연습(ex01, ex02)", "연습(ex01, ex02)을 돌려줬습니다"),  # an aside: the word before
        ("{v}가 아닙니다", "dtype", "dtype이 아닙니다"),  # 디타입
        ("{v}는 실행합니다", "make check", "make check는 실행합니다"),  # 체크
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
    assert not slashed, f"write one form and let kata/i18n/korean.py fit it: {slashed[:5]}"


def test_every_particle_after_a_placeholder_is_one_the_helper_fits() -> None:
    unhandled = []
    for text in texts_ko().values():
        for literal in literals_after_placeholders(text):
            _marks, particle, rest = korean.leading_particle(literal)
            if not particle and HANGUL.match(rest[:1]) and not rest.startswith(korean.NEUTRAL):
                unhandled.append(f"{text!r} (after a placeholder: {rest[:6]!r})")
    assert not unhandled, "add the particle to kata/i18n/korean.py or rephrase:\n" + "\n".join(unhandled[:10])


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
    r"|오류 메시지: .*?(?= 작성한 코드에서 |$)"  # the error's own text, quoted after the Korean sentence
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
        "KATA_LAUNCHER": "make",  # the reports shown in README.ko.md are `make test`'s
        "KATA_DEVICE": "cpu",
        "COLUMNS": str(columns),
        "PYTHONDONTWRITEBYTECODE": "1",
        "KATA_STATE_DIR": str(tmp / "state"),
        "TMPDIR": str(tmp),
        "KATA_IMPL_SHOWN": "",  # the tree stands for exercises/: the commands it suggests name no folder
    }
    proc = run_kata(["test", f"--impl={tree}", "--timeout=10", *exercises], env=env)
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
        if width_of(line) > COLUMNS
    ]
    assert not wide, f"lines wider than {COLUMNS} columns:\n" + "\n".join(wide[:10])


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


def test_wrapping_keeps_tuples_whole_and_counts_columns() -> None:
    from kata.core.text import indent

    line = "ex02_batch.make_batch(['hello', 'eolll', 'lleel'], ['h', 'e', 'l', 'o'])의 모양이 (5, 3, 4)입니다. 올바른 모양은 (batch=3, seq_len=5, input_size=4)입니다."
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


def korean_texts_to_hold_to_the_glossary() -> dict[str, str]:
    entries = catalog("ko")
    texts = {f"messages: {k}": v for k, v in entries.get("messages", {}).items()}
    texts.update({f"instructions.{k}": v for k, v in entries.get("instructions", {}).items()})
    for name, fields in entries.get("exercises", {}).items():
        texts[f"exercises.{name}"] = " ".join(
            [fields.get("title", ""), fields.get("task", ""), *fields.get("hints", [])]
        )
        # a test's hint too (review 13 found "nn.RNN(..., device=device)로" in one nothing checked)
        for test, hint in fields.get("test_hints", {}).items():
            texts[f"exercises.{name}.test_hint.{test}"] = hint
    texts["README.ko.md"] = (ROOT / "README.ko.md").read_text(encoding="utf-8")
    return texts


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


# --- Issue 20: the classes of mistake a Korean editor marks, checked over every Korean text ---

PARTICLE_FORMS = sorted({form for pair in korean.PARTICLES for form in pair}, key=len, reverse=True)
PARTICLE_AT_END = "(" + "|".join(PARTICLE_FORMS) + r")(?=[\s.,:;!?)\]\"'`]|$)"


def every_korean_text() -> dict[str, str]:
    """Every Korean text a learner or maintainer reads: the catalogue (messages, titles, tasks,
    hints, instructions), README.ko.md and the glossary's own examples."""
    texts = korean_texts_to_hold_to_the_glossary()
    texts["GLOSSARY.md"] = (ROOT / "kata" / "i18n" / "locales" / "GLOSSARY.md").read_text(encoding="utf-8")
    return texts


def fixed_parts(text: str) -> list[str]:
    """The text as written by hand, split at placeholders (kata/i18n/korean.py fits the particle right
    after a placeholder when it is filled in; everything else is fixed)."""
    return re.split(r"\{[A-Za-z_][A-Za-z0-9_.]*(?::[^{}]*)?\}", text)


def bare_korean_nouns() -> set[str]:
    """Hangul words that stand alone somewhere (followed by a space or a mark): the nouns whose
    particles can be checked wherever they are written with one ("연습" -> "연습가" is wrong)."""
    words: set[str] = set()
    for text in every_korean_text().values():
        words.update(re.findall(r"(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{2,})(?=[\s.,:)(]|$)", text))
    return {
        w for w in words if not w.endswith(("다", "요", "고", "서", "면", "며", "게", "지", "는", "은", "을", "를"))
    }


# Words that end like a particle but are one word ("차이", "경로", "효과"): not a noun + particle.
WORDS_ENDING_LIKE_A_PARTICLE = (
    "차이",
    "사이",
    "경로",
    "효과",
    "초과",
    "평가",
    "증가",
    "참가",
    "그대로",
    "새로",
    "따로",
    "서로",
    "바로",
    "주로",
)


# The copula keeps its 이 after a vowel in careful writing ("True이면" as well as "True면"); after a
# consonant the short form is wrong ("연습면"), which the check still catches.
COPULA_LONG_FORMS = ("이면", "이라서", "이라는", "이라고", "이어야")


def wrong_particles(text: str, nouns: set[str]) -> list[str]:
    wrong = []
    for part in fixed_parts(text):
        for match in re.finditer(PARTICLE_AT_END, part):
            before, written = part[: match.start()], match.group(1)
            word = re.search(r"[\uac00-\ud7a3]+$", before)
            if word:  # Hangul: check only a known noun written with its particle
                whole = word.group() + written
                if word.group() not in nouns or whole.endswith(WORDS_ENDING_LIKE_A_PARTICLE):
                    continue
            elif not re.search(r"[A-Za-z0-9_)\]>'\"`]$", before):
                continue
            fitted = korean.particle(before, written)
            if fitted != written and written not in COPULA_LONG_FORMS:
                wrong.append(f"{before[-30:]}{written} (should be {fitted})")
    return wrong


def test_every_particle_of_fixed_text_fits_the_word_before_it() -> None:
    """Not only after placeholders: "연습가" and "build_vocab([...])를" are as wrong as a wrong
    particle after a filled-in value (a call is read by its function's name)."""
    nouns = bare_korean_nouns()
    wrong = [f"{where}: {w}" for where, text in every_korean_text().items() for w in wrong_particles(text, nouns)]
    assert not wrong, "\n".join(wrong[:20])


def test_the_particle_check_catches_the_mistakes_of_issue_20() -> None:
    nouns = {"연습"}
    assert wrong_particles("가져다 쓰는 연습가 바뀌어", nouns)
    assert wrong_particles("이 연습는 0점이며", nouns)
    assert wrong_particles("`build_vocab([...])`를 부르세요", nouns)
    assert wrong_particles("nn.RNN(..., batch_first=True)는 읽습니다", nouns)
    assert not wrong_particles("최대 차이는 {x}이고 `make test`를 실행하는 연습이 {what}를", nouns)


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
        if k.rstrip().endswith(".") and not re.search(r"[.!?)]\s*$|[.!?]\)\s*$|\}$", v.rstrip())
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


# --- Wrapping: every Korean output at 60, 72 and 80 columns, never inside brackets or code ---

WIDTHS = (60, 72, 80)
PAIRS = {")": "(", "]": "[", "}": "{"}


def balanced(text: str) -> bool:
    """Round, square and curly brackets matched, and backticks paired."""
    stack: list[str] = []
    for char in text:
        if char in "([{":
            stack.append(char)
        elif char in PAIRS:
            if not stack or stack.pop() != PAIRS[char]:
                return False
    return not stack and text.count("`") % 2 == 0


def bad_breaks(lines: list[str], width: int) -> list[str]:
    """Lines of one wrapped paragraph that are too wide, split a bracket, a tuple or code between
    lines, or leave an operator at a line's end or start ("(3, 5, 4) ==" / "[3, 5, 4]는")."""
    from kata.core.text import atoms, prose_asides

    bad = [f"{width_of(line)} columns: {line}" for line in lines if width_of(line) > width]
    paragraph = " ".join(line.strip() for line in lines)
    # A Korean aside in round brackets is prose: a line may break inside it (kata.core.text).
    asides = prose_asides(paragraph)
    if asides:
        stripped, offset = [], 0
        for line in lines:
            text = line.strip()
            stripped.append("".join(c for i, c in enumerate(text) if offset + i not in asides))
            offset += len(text) + 1
        lines = stripped
        paragraph = "".join(c for i, c in enumerate(paragraph) if i not in asides)
    # A call or an expression wider than a whole line must break somewhere: after a comma inside it.
    too_wide = [a for a in atoms(paragraph) if width_of(a) > width - 8]
    if balanced(paragraph):
        bad += [
            f"split inside brackets: {line.strip()}"
            for line in lines
            if not balanced(line.strip())
            and not any(w in a for w in line.split()[:1] + line.split()[-1:] for a in too_wide)
        ]
    for line in lines:
        text = line.strip()
        if re.search(r"\s(==|=|@|->|\+)$", text) or re.match(r"(==|=|@|->|\+)\s", text):
            bad.append(f"split around an operator: {text}")
    return bad


def message_blocks(report: str) -> list[list[str]]:
    """The wrapped lines of each message in a report: consecutive lines indented by 4."""
    blocks: list[list[str]] = []
    previous = -1
    for line in report.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        if indent == 4 and line.strip() and not line.lstrip().startswith("|"):
            if previous == 4:
                blocks[-1].append(line)
            else:
                blocks.append([line])
        previous = indent if line.strip() else -1
    return blocks


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
        bad += [b for line in report.splitlines() if width_of(line) > width for b in [f"{width_of(line)}: {line}"]]
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


def test_the_watch_verdict_says_each_thing_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """`make watch` prints the verdict word, then the count: "통과 ex01_one_hot: 테스트 23/23 통과"
    said 통과 twice."""
    from kata.i18n import _

    monkeypatch.setenv("KATA_LANG", "ko")
    count = _("{name}: {passed}/{total} tests pass", name="ex01_one_hot", passed=23, total=23)
    for verdict in (_("PASS"), _("FAIL")):
        assert verdict not in count, f"{verdict} {count}"
