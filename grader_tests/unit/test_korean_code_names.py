"""Code on a Korean screen as the learner types or reads it: commands as typed, labels translated,
calls named with their module, device strings as code (issue 30's reviews)."""

from __future__ import annotations

import re

import pytest

from grader_tests import korean_code_font, korean_style, korean_text
from grader_tests.catalog import catalog_entries
from kata import ROOT


def test_a_command_in_instructions_is_shown_as_the_learner_types_it() -> None:
    """The review found `make explain EX=ex04` printed to a learner who used `python -m kata`,
    and in the notebook's text."""
    from kata.core.launcher import MAKE, NOTEBOOK, TERMINAL, as_typed

    text = "한국어 설명: make explain EX=ex04. make test로 확인하세요. make check는 그대로."
    assert as_typed(text, how=MAKE) == text
    assert as_typed(text, how=TERMINAL) == (
        "한국어 설명: python -m kata explain ex04. python -m kata test로 확인하세요. make check는 그대로."
    )
    assert as_typed(text, how=NOTEBOOK).startswith("한국어 설명: %kata explain ex04. %kata test로")
    notebook = (ROOT / "kata.ipynb").read_text(encoding="utf-8")
    assert "make explain" not in notebook and "make test" not in notebook


# Labels the tests built in English and reports showed on a Korean screen (issue 30's review).
OLD_LABELS = """
def test_x(ex, model, what, vocab_size):
    expect_tensor(call(model, x), "CharRNN(5, 8)(x) for x of shape (3, 6, 5)", shape=(3, 6, 5))
    expect_tensor(call(model, x), f"{what}(x) for x of shape (2, 5, {vocab_size})", shape=(2, 5, vocab_size))
    got = predicted(ex, model, "hihell", VOCAB, f"predict(<model from {what}>, 'hihell', {VOCAB})")
"""


def test_no_test_shows_an_english_label_on_a_korean_screen() -> None:
    assert len(korean_code_font.untranslated_labels(OLD_LABELS)) == 3
    assert not korean_code_font.untranslated_labels(
        '_("CharRNN(5, 8)(x) for x of shape (3, 6, 5)")\nf(advice="Use a head.")'
    )
    found = [
        f"{path.relative_to(ROOT)} {label}"
        for folder in ("tests", "hidden_tests")
        for path in sorted((ROOT / folder).glob("test_*.py"))
        for label in korean_code_font.untranslated_labels(path.read_text(encoding="utf-8"))
    ]
    assert not found, "wrap it in _() and translate it in ko.po:\n" + "\n".join(found)


def test_every_message_names_a_call_with_its_module() -> None:
    """The review's "build_vocab(["hello"])이 ...을 돌려줬습니다" beside "ex01_one_hot.encode_word(...)이
    ...": a message that opens with a call of an exercise's function names its module too."""

    check = korean_code_font.bare_exercise_call
    assert check('build_vocab(["hello"]) returned {short_got}; expected {NOTE_VOCAB}.')
    assert check("Fine. predict(<model from {what}>, 'hihell', {VOCAB}) returned {got}.")
    assert check("CharRNN(5, 8) is {short_model}; expected an nn.Module.")
    assert not check("ex01_one_hot.build_vocab(['hello']) returned {short_got}.")
    assert not check("{what} returned {got}: what rnn_shapes gives when it takes its parameters in another order.")
    titles = korean_text.graded_titles()
    entries = catalog_entries("ko")
    found = [
        f"{e.msgid[:80]!r}: {bare}"
        for e in entries
        if e.msgctxt is None and not e.obsolete and e.msgid not in titles
        for bare in check(e.msgid)
    ]
    assert not found, "\n".join(found)


def test_the_kata_device_message_writes_device_strings_as_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """The ninth review's "KATA_DEVICE='tpu'는 쓸 수 없습니다. cpu, cuda, mps 중 하나를 고르세요.": the
    glossary writes a device string as code, `cpu`, wherever it stands; so does this message.
    In this process: settings are read again (the autouse fixture clears them after the test)."""
    from kata.core.settings import settings
    from kata.testing.device import pick_device

    monkeypatch.setenv("KATA_LANG", "ko")
    monkeypatch.setenv("KATA_DEVICE", "tpu")
    monkeypatch.setenv("PYTORCH_NVML_BASED_CUDA_CHECK", "1")  # pick_device sets it: restored after
    settings.cache_clear()
    with pytest.raises(ValueError) as raised:
        pick_device()
    printed = str(raised.value)
    assert "쓸 수 없습니다" in printed, printed
    assert not korean_style.device_string_in_prose("message: Sample.", printed), printed
    assert "`cpu`, `cuda`, `mps`" in printed


def test_a_test_names_an_exercise_call_with_its_module() -> None:
    """The ninth review's "encode_word('', ['h', 'e', 'l', 'o'])의 모양이" beside
    "ex01_one_hot.build_vocab(…)이" in one report: a label a test writes by hand for a call of an
    exercise's function names its module too (label() does; CharRNN(5, 8) names a model)."""
    functions = [f for f in korean_code_font.EXERCISE_FUNCTIONS if f != "CharRNN"]
    bare = re.compile(r'f"(?:' + "|".join(functions) + r")\(")
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for folder in ("tests", "hidden_tests")
        for path in sorted((ROOT / folder).glob("test_*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if bare.search(line)
    ]
    assert not found, "\n".join(found)
