"""The instructor's commands (grade-all, release, autograder, freeze-stubs) are helped and refused in
English under KATA_LANG=ko, argparse's own words too, as everything else they print: their `--help`
was half Korean ("사용법:", "옵션:") and half English. The learner's commands stay Korean."""

from __future__ import annotations

import re

import pytest

from kata.cli.arguments import LEARNER_COMMANDS, parse_args

INSTRUCTOR_COMMANDS = ("grade-all", "release", "autograder", "freeze-stubs")
HANGUL = re.compile("[\uac00-\ud7a3\u3131-\u318e]")


def printed(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    """What `python -m kata ARGV` prints before argparse exits (help on stdout, errors on stderr)."""
    with pytest.raises(SystemExit):
        parse_args(argv)
    out, err = capsys.readouterr()
    return out + err


@pytest.fixture
def korean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KATA_LANG", "ko")
    monkeypatch.setenv("COLUMNS", "80")


@pytest.mark.usefixtures("korean")
@pytest.mark.parametrize("command", INSTRUCTOR_COMMANDS)
def test_an_instructor_commands_help_is_english(capsys: pytest.CaptureFixture[str], command: str) -> None:
    shown = printed(capsys, [command, "--help"])
    assert shown.startswith("usage: python -m kata " + command)
    assert "show this help message and exit" in shown
    assert not HANGUL.search(shown), shown


@pytest.mark.usefixtures("korean")
@pytest.mark.parametrize(
    "argv, says",
    [
        (["grade-all"], "the following arguments are required: --submissions"),
        (["grade-all", "--submissions", "a", "--jobs", "x"], "argument --jobs: invalid int value: 'x'"),
        (["grade-all", "--submissions", "a", "--bogus"], "unrecognized arguments: --bogus"),
        (["release", "--out"], "argument --out: expected one argument"),
        (["autograder", "--out", "a", "b"], "unrecognized arguments: b"),
        (["freeze-stubs", "--now"], "unrecognized arguments: --now"),
    ],
)
def test_an_instructor_commands_usage_errors_are_english(
    capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    """Refused by the command's own parser, with its own usage line: an unknown argument was refused
    by the kata's top-level parser, in Korean, under the learner's usage line."""
    shown = printed(capsys, argv)
    assert shown.startswith(f"usage: python -m kata {argv[0]} "), shown
    assert f"python -m kata {argv[0]}: error: {says}" in shown, shown
    assert not HANGUL.search(shown), shown


@pytest.mark.usefixtures("korean")
def test_the_learners_help_stays_korean_around_an_instructors(capsys: pytest.CaptureFixture[str]) -> None:
    """English for an instructor's command is switched on and off while it is read: the learner's
    help printed after it is the one printed before, byte for byte, and Korean."""
    words = [[], *([name] for name in LEARNER_COMMANDS)]
    before = [printed(capsys, [*argv, "--help"]) for argv in words]
    for command in INSTRUCTOR_COMMANDS:
        printed(capsys, [command, "--help"])
        printed(capsys, [command, "--bogus"])
    after = [printed(capsys, [*argv, "--help"]) for argv in words]
    assert after == before
    for shown in before:
        assert shown.startswith("사용법: python -m kata"), shown
        assert "이 도움말을 보여 주고 끝냅니다." in shown
    assert "인자 --jobs: int 값으로 읽을 수 없습니다: 'x'" in printed(capsys, ["test", "--jobs", "x"])
