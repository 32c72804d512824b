"""The kata's Korean output as a terminal shows it, held to the classes of issue 30's eighth review
(grader_tests/korean_output.py): hints and messages rendered as `hint` and a report lay them out,
`help` and every `--help`, the stubs' Korean lines. Each check is first shown to catch what the
review marked."""

from __future__ import annotations

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
                where=" (exercises/ex02_batch.py 12번째 줄)",
            ),
            _(
                "{what} raised {kind}: {error}{where}.",
                what="ex01_one_hot.encode_word('hello', ['h', 'e', 'l', 'o'])",
                kind="TypeError",
                error="'int' object is not subscriptable",
                where=" (exercises/ex01_one_hot.py 5번째 줄)",
            ),
        ]
    for text in texts:
        for shift in range(0, 12, 3):
            lines = indent("가" * shift + " " + text, "    ", width).splitlines()
            assert not korean_output.code_splits(lines, width), lines
