"""The kata's Korean output as a terminal shows it, held to the classes of issue 30's eighth review
(grader_tests/korean_output.py): hints and messages rendered as `hint` and a report lay them out,
`help` and every `--help`, the stubs' Korean lines. Each check is first shown to catch what the
review marked."""

from __future__ import annotations

import re

import pytest

from grader_tests import korean_output
from kata import ROOT
from kata.compat import tomllib

# --- Code and quoted error text are never split across lines -----------------------------------


def test_the_code_split_check_catches_the_reviews_breaks() -> None:
    splits = korean_output.code_splits
    assert splits(["  one_hot(char, vocab): 먼저 직접 확인하세요. if char not in vocab:", '  raise ValueError("x")를'])
    assert splits(['    CPU를 쓰세요. "cuda if', '    torch.cuda.is_available()" 방식은 쓰지 마세요.'])
    assert splits(["    오류 메시지는 'int'", "    object is not subscriptable입니다."])
    assert splits(["    encode_word: np.array([one_hot(c, vocab) for c in word],", "    dtype=np.float32)를"])
    assert splits(["    `make test", "    EX=ex02`를 실행하세요."])
    assert not splits(["  %kata test [ex02], %kata list,", "  %kata hint ex02를 쓰세요."])  # between list items
    assert not splits(["    모양이 (3, 5, 4)입니다.", "    torch.stack(hs, dim=1)을 쓰세요."])
    wide = korean_output.code_too_wide
    long_code = "np.array([one_hot(c, vocab) for c in word], dtype=np.float32).reshape(len(word), len(vocab))"
    assert wide(f"encode_word: {long_code}. reshape가 있어야 합니다.", 78)
    assert wide(f"`{long_code}`를 쓰세요.", 78)
    assert not wide("`rows = [one_hot(c, vocab) for c in word]`로 행을 모으세요.", 78)
    assert not wide(
        "다른 명령은 %kata test [ex02], %kata list, %kata hint ex02, %kata explain ex02, %kata reset ex02입니다.", 78
    )


def hints() -> dict[str, str]:
    """Every hint (general and per test) in English (kata.toml) and Korean (ko.po)."""
    from kata.i18n import catalog

    texts = {}
    with (ROOT / "kata.toml").open("rb") as fh:
        for exercise in tomllib.load(fh)["exercise"]:
            texts.update({f"{exercise['name']} hint {n}": h for n, h in enumerate(exercise["hints"], 1)})
            texts.update({f"{exercise['name']} {test}": h for test, h in exercise.get("test_hints", {}).items()})
    for name, fields in catalog("ko")["exercises"].items():
        texts.update({f"ko {name} hint {n}": h for n, h in enumerate(fields.get("hints", []), 1)})
        texts.update({f"ko {name} {test}": h for test, h in (fields.get("test_hints") or {}).items()})
    return texts


def static_messages() -> dict[str, str]:
    """The Korean messages with nothing to fill in, which a report shows as they are."""
    from kata.i18n import catalog

    return {f"message {e[:50]}": k for e, k in catalog("ko")["messages"].items() if "{" not in e}


@pytest.mark.parametrize("width", [60, 72, 80])
def test_no_hint_or_message_splits_its_code(width: int) -> None:
    """A hint as `hint` shows it (two spaces in), a message as a report does (four)."""
    from kata.core.text import indent

    found = []
    for prefix, texts in (("  ", hints()), ("    ", static_messages())):
        for where, text in texts.items():
            lines = indent(text, prefix, width).splitlines()
            found += [f"{where}: {split}" for split in korean_output.code_splits(lines, width)]
            found += [f"{where}: {split}" for split in korean_output.backtick_splits(lines)]
            found += [f"{where}: {split}" for split in korean_output.breaks_after_opener(lines)]
            found += [f"{where}: {split}" for split in korean_output.orphans(lines)]
            if width == 80:
                found += [f"{where}: too wide for a line: {span}" for span in korean_output.code_too_wide(text, 78)]
    assert not found, "\n".join(found[:20])


@pytest.mark.parametrize("width", range(56, 81, 4))
def test_quoted_code_and_error_text_stay_whole_in_a_report(width: int) -> None:
    """The review's "cuda if⏎torch.cuda.is_available()" and "'int'⏎object": a message with them
    filled in, laid out as a report lays it out."""
    from kata.core.text import indent
    from kata.i18n import _

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KATA_LANG", "ko")
        from kata.testing.default_device import RAISED_WITH_CUDA

        texts = [
            _(
                RAISED_WITH_CUDA,
                what="ex02_batch.make_batch(['hello'], ['h', 'e', 'l', 'o'])",
                kind="RuntimeError",
                error="Found no NVIDIA driver on your system.",
                where=" (exercises/ex02_batch.py 12번 줄)",
            ),
            _(
                "{what} raised {kind}: {error}{where}.",
                what="ex01_one_hot.encode_word('hello', ['h', 'e', 'l', 'o'])",
                kind="TypeError",
                error="'int' object is not subscriptable",
                where=" (exercises/ex01_one_hot.py 5번 줄)",
            ),
        ]
    for text in texts:
        for shift in range(0, 12, 3):
            lines = indent("가" * shift + " " + text, "    ", width).splitlines()
            assert not korean_output.code_splits(lines, width), lines


# --- Nothing a learner reads in Korean is wider than 80 columns ------------------------------------


PRINTED_HELP: dict[str, dict[str, str]] = {}  # by language: printed once per run (16 tests read it)


def help_outputs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str) -> dict[str, str]:
    """`help` and `--help` of the kata and of each learner's command, as printed on an 80-column
    terminal, for each way of starting the kata (python3 is one column longer than python)."""
    if lang not in PRINTED_HELP:
        PRINTED_HELP[lang] = print_help(monkeypatch, capsys, lang)
    return dict(PRINTED_HELP[lang])


def print_help(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str) -> dict[str, str]:
    from kata.cli.arguments import LEARNER_COMMANDS, parse_args
    from kata.cli.common import learner_help
    from kata.core.settings import settings

    monkeypatch.setenv("KATA_LANG", lang)
    monkeypatch.setenv("COLUMNS", str(korean_output.COLUMNS))
    shown = {}
    for how, python in (("", "python3"), ("", "python"), ("make", "python3")):
        monkeypatch.setenv("KATA_LAUNCHER", how)
        monkeypatch.setenv("KATA_PYTHON", python)
        settings.cache_clear()
        shown[f"help ({how or python})"] = learner_help()
        for words in [(), *((name,) for name in LEARNER_COMMANDS)]:
            with pytest.raises(SystemExit):
                parse_args([*words, "--help"])
            shown[f"{' '.join(words)} --help ({python})"] = capsys.readouterr().out
    if lang == "en":  # a Korean system without KATA_LANG: the pointer line under the English help
        for name in ("KATA_LANG", "LC_ALL", "LC_MESSAGES"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("LANGUAGE", "ko")
        monkeypatch.setenv("LANG", "C.UTF-8")
        shown["help (a Korean system)"] = learner_help()
        assert "KATA_LANG=ko" in shown["help (a Korean system)"]
    return shown


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_help_fits_80_columns(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    """The review's `help` footer of 114 columns and `--help` usage line of 82."""
    found = [
        f"{where}: {wide}"
        for where, text in help_outputs(monkeypatch, capsys, lang).items()
        for wide in korean_output.wider_than(text.splitlines())
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_help_row_fits_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """Review 10 (2.2 items 8-9): at 80 columns the Korean rows of watch and solution took two
    lines each ("…다시 채점합니다." / "Ctrl-C로 멈춥니다."). The glossary's rule: a help row fits 80
    columns, `python3 -m kata` before it. A wrapped row's second line starts under the texts."""
    found = [
        f"{where}: {line.strip()}"
        for where, text in help_outputs(monkeypatch, capsys, lang).items()
        if where.startswith("help (")
        for line in text.splitlines()
        if line.startswith(" " * 8)
    ]
    assert not found, "\n".join(found)


def test_a_positional_argument_is_named_in_korean(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review 10 (2.9 item 7): `test --help` showed the positional argument as "exercises" under
    위치 인자, where the top-level parser says 명령 for COMMAND; its help stands in the others' column."""
    from kata.core.text import width_of

    shown = help_outputs(monkeypatch, capsys, "ko")
    for command in ("test", "grade", "list", "watch"):
        text = shown[f"{command} --help (python)"]
        assert "exercises" not in text.replace("exercises/", "").replace("(기본값: exercises)", ""), text
        assert "[연습 ...]" in text, text
        rows = {line.split()[0]: line for line in text.splitlines() if line.startswith(("  연습", "  -h"))}
        assert width_of(rows["연습"].split("이 연습만")[0]) == width_of(rows["-h,"].split("이 도움말")[0]), text


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_command_names_its_exercise_argument_alike(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """Review 16, class 7: explain, hint, reset and solution showed the argument as "exercise" in
    English under a Korean help, where test, list, watch and grade show 연습: one name for all."""
    name = {"ko": "연습", "en": "EXERCISE"}[lang]
    shown = help_outputs(monkeypatch, capsys, lang)
    for command in ("test", "grade", "list", "watch", "explain", "hint", "reset", "solution"):
        text = shown[f"{command} --help (python)"]
        usage = " ".join(text.split("\n\n")[0].split())
        assert f"[{name}" in usage, text
        rows = [line.split()[0] for line in text.splitlines() if re.match(r"  \S", line)]
        assert name in rows and "exercise" not in rows and "exercises" not in rows, text


def korean_source_lines() -> dict[str, str]:
    """The lines with Hangul in the stubs and the notebook, as a learner's editor shows them."""
    import json

    lines = {
        f"{path.name}:{number}": line
        for path in sorted((ROOT / "exercises").glob("ex*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
    }
    for index, cell in enumerate(json.loads((ROOT / "kata.ipynb").read_text(encoding="utf-8"))["cells"]):
        lines.update(
            {f"kata.ipynb cell {index}:{n}": line for n, line in enumerate("".join(cell["source"]).splitlines(), 1)}
        )
    return {where: line for where, line in lines.items() if korean_output.HANGUL.search(line)}


def test_the_korean_lines_of_the_stubs_and_the_notebook_fit_80_columns() -> None:
    """The review's stub line "한국어 설명: KATA_LANG=ko make explain EX=exNN (make 없이: ...)" of 100
    columns, now two lines."""
    from kata.core.text import width_of

    old = "한국어 설명: KATA_LANG=ko make explain EX=ex02 (make 없이: KATA_LANG=ko python -m kata explain ex02)"
    assert korean_output.wider_than([old])
    lines = korean_source_lines()
    assert sum(line.startswith("한국어 설명:") and where.startswith("ex") for where, line in lines.items()) == 7
    found = [f"{where} ({width_of(line)} columns): {line}" for where, line in lines.items() if width_of(line) > 80]
    assert not found, "\n".join(found)


def test_a_stubs_two_lines_for_korean_show_as_one_command() -> None:
    """Split over two lines, the stub's Korean line still shows only the learner's way to type it."""
    from kata.core.launcher import MAKE, NOTEBOOK, TERMINAL, as_typed

    text = "한국어 설명: KATA_LANG=ko make explain EX=ex02\n(make 없이: KATA_LANG=ko python -m kata explain ex02)\n"
    assert as_typed(text, how=MAKE) == "한국어 설명: KATA_LANG=ko make explain EX=ex02\n"
    assert as_typed(text, how=TERMINAL) == "한국어 설명: KATA_LANG=ko python -m kata explain ex02\n"
    shown = as_typed(text, how=NOTEBOOK, exercise="ex02_batch")
    assert "make 없이" not in shown and "%kata explain ex02" in shown, shown


# --- A report's lines keep its indentation ------------------------------------------------------


def first_to_fix_block(board: str) -> list[str]:
    """The lines from "먼저 고칠 것" (First to fix) to the blank line after it."""
    lines = board.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(("먼저 고칠 것", "First to fix")))
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


def test_the_korean_instructions_line_aligns_with_the_report() -> None:
    """The review's "한국어 설명:" line at column 0 under "먼저 고칠 것", whose other lines are
    indented by two."""
    from kata import EXERCISES_DIR
    from kata.core.manifest import load_manifest
    from kata.core.results import TestResult
    from kata.render import scoreboard

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KATA_LANG", "ko")
        patch.setenv("COLUMNS", "80")
        exercises = load_manifest()[:2]
        failing = TestResult("ex01_one_hot", "t::a", "build_vocab", 1.0, "visible", passed=False, message="f(1).")
        board = scoreboard.scoreboard(exercises, {"ex01_one_hot": [failing]}, EXERCISES_DIR)
    block = first_to_fix_block(board)
    assert any(line.strip().startswith("한국어 설명:") for line in block), board
    assert all(line.startswith("  ") and not line.startswith("   ") for line in block[1:]), block


# --- One title per exercise, one word per meaning --------------------------------------------------


def test_an_exercise_has_one_title_everywhere() -> None:
    """The review's ex05: "batch_first 함정" in `list` and the notebook, "batch_first 함정, 보고
    고치기" in `explain`. The first line of the instructions (Korean) and of the stub's docstring
    (English) is the manifest's title."""
    from kata.core.manifest import load_manifest
    from kata.i18n import catalog

    ko = catalog("ko")
    found = []
    for number, exercise in enumerate(load_manifest(), 1):
        korean_title = ko["exercises"][exercise.name]["title"]
        first = ko["instructions"][exercise.name].splitlines()[0]
        if first != f"연습 {number:02d}: {korean_title}":
            found.append(f"{exercise.name}: {first!r}, the title is {korean_title!r}")
        docstring = (ROOT / "exercises" / exercise.filename).read_text(encoding="utf-8").splitlines()[0]
        english = f'"""Exercise {number:02d}: {exercise.title[0].lower()}{exercise.title[1:]}.'
        if docstring != english:
            found.append(f"{exercise.filename}: {docstring!r}, the title is {exercise.title!r}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_crash_says_what_its_signal_means(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """The review's bare "(SIGFPE)" beside "(세그멘테이션 오류, SIGSEGV)": each crash names what
    happened before the signal's name."""
    import re
    import signal

    from kata.testing.learner_errors import describe_exit

    monkeypatch.setenv("KATA_LANG", lang)
    for name in ("SIGSEGV", "SIGABRT", "SIGBUS", "SIGFPE"):
        said = describe_exit(-getattr(signal, name))
        assert re.search(rf"\([^(),]+, {name}\)", said), said


def test_explain_is_said_the_same_in_help_and_in_its_help_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The review found `--help`'s "연습 설명을 여러분의 언어로 보여 줍니다" unclear beside help's
    "연습 설명을 보여 줍니다(KATA_LANG=ko면 한국어)": one text, which says what sets the language."""
    shown = help_outputs(monkeypatch, capsys, "ko")
    said = [
        line.split("explain", 1)[1].strip() for line in shown[" --help (python)"].splitlines() if "explain " in line
    ]
    assert said and said[0] in shown["help (python)"] and "KATA_LANG=ko" in said[0], said


# --- The text checks of korean_style.py also hold where Korean is printed, not only in the catalogue --


def rendered_korean(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """`help` and every `--help` in Korean, as printed, and the stubs' Korean lines."""
    shown = {f"{where} (printed)": text for where, text in help_outputs(monkeypatch, capsys, "ko").items()}
    shown.update({where: line for where, line in korean_source_lines().items() if where.startswith("ex")})
    return shown


@pytest.mark.parametrize(
    "check",
    [
        "내 in a sentence",
        "정답 anywhere",
        "translationese",
        "an arrow other than ->",
        "English words in Korean text",
        "a word the glossary replaces",
        "a device string outside code font",
        "a memo's ending among 합니다체",
        "해요체 among 합니다체",
        "a cause or rule without its subject",
    ],
)
def test_printed_korean_has_no_defect_a_check_sees(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], check: str
) -> None:
    from grader_tests import korean_style

    found = korean_style.findings(rendered_korean(monkeypatch, capsys), check)
    assert not found, "\n".join(found[:10])


@pytest.mark.parametrize("width", range(56, 81, 4))
def test_a_call_with_a_long_first_argument_breaks_after_its_bracket(width: int) -> None:
    """ex07_train_hihello.predict(<ex07_train_hihello.train('hihello', ...)의 모델>, ...): named with
    its module, the call's first piece no longer fit a 60-column line, and the wrapper, finding no
    space to break at, left a line of 112 columns. It breaks after an opening bracket instead."""
    from kata.core.text import indent, width_of

    text = (
        "ex07_train_hihello.predict(<ex07_train_hihello.train('hihello', 8, 100, 0.1, 0, device(type='cpu'))의 "
        "모델>, 'hihell', ['h', 'i', 'e', 'l', 'o'])가 'ilello'를 돌려줬습니다. 올바른 결과는 'ihello'입니다."
    )
    lines = indent(text, "    ", width).splitlines()
    assert all(width_of(line) <= width for line in lines), lines


def test_every_option_value_is_named_in_korean(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review 28, class 1: `--impl DIR`, `--timeout SEC`, `--jobs N` and `--results FILE` stayed in
    English in the Korean `--help`, beside `[연습 ...]`, against the glossary's rule that argument
    names are translated."""
    import re

    found = [
        f"{where}: {match.group()}"
        for where, text in help_outputs(monkeypatch, capsys, "ko").items()
        for match in re.finditer(r"--[a-z][\w-]* [A-Z]+\b", text)
    ]
    assert not found, "\n".join(found)
