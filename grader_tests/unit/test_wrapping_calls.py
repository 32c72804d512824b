"""How the wrapper breaks a call too long for a line (review 10, 2.5): only between the top-level
arguments of the outermost call, never inside a list, an inner call or a <...> description that
fits a line of its own, and a call that fits a fresh line moves there whole. Korean and English."""

from __future__ import annotations

import pytest

from grader_tests.catalog import catalog_entries
from kata.core.text import indent, prose_asides, width_of

VOCAB = "['h', 'e', 'l', 'o', 'w', 'r', 'd']"
BATCH = f"ex02_batch.make_batch(['hello', 'world'], {VOCAB}, device(type='cpu'))"
TRAIN = "ex07_train_hihello.train('hihello', 8, 100, 0.1, 0, device(type='cpu'))"
PREDICTED = "'hihell', ['h', 'i', 'e', 'l', 'o']"
TEXTS = {
    "ko batch": f"{BATCH}의 모양이 (10, 7)입니다. 올바른 모양은 (2, 5, 7)입니다.",
    "en batch": f"{BATCH} returned shape (10, 7); expected (2, 5, 7).",
    "ko train": f"{TRAIN}: model(x)이 RNN 출력에 헤드를 적용한 값이 아닙니다.",
    "en train": f"{TRAIN}: model(x) is not the head applied to the RNN's outputs.",
    "ko module": f"ex07_train_hihello.predict(<CharRNN 모듈>, {PREDICTED})가 TypeError를 일으켰습니다.",
    "en module": f"ex07_train_hihello.predict(<CharRNN module>, {PREDICTED}) raised TypeError.",
    "ko model": f"ex07_train_hihello.predict(<{TRAIN}의 모델>, {PREDICTED})가 'oooooo'를 돌려줬습니다.",
    "en model": f"ex07_train_hihello.predict(<model from {TRAIN}>, {PREDICTED}) returned 'oooooo'.",
}


def lines_of(name: str, width: int) -> list[str]:
    lines = indent(TEXTS[name], "    ", width).splitlines()
    assert all(width_of(line) <= width for line in lines), lines
    return [line.strip() for line in lines]


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("width", [60, 72, 80])
def test_a_list_argument_is_never_split(lang: str, width: int) -> None:
    """named-causes, float64-batch, ignored-device: "['h', ..., 'r'," / "'d'], device(type='cpu'))"."""
    lines = lines_of(f"{lang} batch", width)
    assert lines[0] == "ex02_batch.make_batch(['hello', 'world'],", lines
    assert lines[1].startswith(VOCAB + ","), lines


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_call_that_fits_a_fresh_line_moves_there_whole(lang: str) -> None:
    """softmax-logits, hostile-hidden-model: "train('hihello', 8, 100, 0.1, 0," / "device(type='cpu')): …"."""
    assert lines_of(f"{lang} train", 80)[0] == TRAIN + ":"


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("width", [60, 72, 80])
def test_a_call_breaks_at_its_last_top_level_argument_that_fits(lang: str, width: int) -> None:
    """named-causes ex07, exits-in-a-later-call: "predict(<CharRNN 모듈>," / "'hihell', …" broke
    early (the call's brackets, holding Hangul, were taken for a Korean aside) and split the call."""
    first = "ex07_train_hihello.predict(<CharRNN 모듈>," if lang == "ko" else "ex07_train_hihello.predict("
    lines = lines_of(f"{lang} module", width)
    assert lines[0].startswith(first) and lines[0].endswith("'hihell',"), lines
    assert lines[1].startswith("['h', 'i', 'e', 'l', 'o'])"), lines
    assert prose_asides("predict(<CharRNN 모듈>, 'hihell')") == set()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_an_inner_call_that_fits_a_line_stays_whole(lang: str) -> None:
    """training-loop-without-step: "predict(<ex07_train_hihello.train('hihello', 8, 100, 0.1," /
    "0, device(type='cpu'))의 모델>, …": where the description fits a line of its own, the call
    breaks after its opening bracket and keeps the description whole."""
    lines = lines_of(f"{lang} model", 96)
    assert lines[0] == "ex07_train_hihello.predict(", lines
    assert lines[1].startswith(f"<{TRAIN}의 모델>," if lang == "ko" else f"<model from {TRAIN}>,"), lines


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("width", [60, 72, 80])
def test_a_description_wider_than_a_line_breaks_between_its_own_arguments(lang: str, width: int) -> None:
    """Wider than any line, the description breaks, but between the inner call's arguments (or
    its words), never inside the list that follows it."""
    lines = lines_of(f"{lang} model", width)
    last = next(n for n, line in enumerate(lines) if "['h', 'i', 'e', 'l', 'o']" in line)  # the list stays whole
    assert all(line.endswith((",", "(", "model from")) for line in lines[:last]), lines


def predict_messages() -> list[str]:
    """Every message of the catalogue that names a trained model in a predict call."""

    entries = catalog_entries("ko")
    return sorted({e.msgid for e in entries if not e.obsolete and e.msgid.startswith("ex07_train_hihello.predict(<")})


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("width", [60, 72, 80])
def test_the_real_predict_messages_keep_the_model_whole(monkeypatch: pytest.MonkeyPatch, lang: str, width: int) -> None:
    """training-loop-without-step, course-lab-training, sorted-vocab-in-training (review 10, 2.5
    items 4-6): "<ex07_train_hihello.train('hihello', 8, 100, 0.1," / "0, device(type='cpu'))의 모델>"
    was 81 columns, wider than a line, so the wrapper split it at every width. The messages as the
    catalogue renders them name the model short enough to keep it whole on a line of its own."""
    from kata.i18n import _

    monkeypatch.setenv("KATA_LANG", lang)
    values = {"what": TRAIN, "VOCAB": ["h", "i", "e", "l", "o"], "vocab": ["h", "i", "e", "l", "o"]}
    values.update(text="'hihell'", prefix="'hihell'", got="'oooooo'", expect="'ihello'", want="'ihello'", hint="")
    messages = predict_messages()
    assert len(messages) >= 3, messages  # the tests' verdict, trained_model's, and predicted_by's label
    for template in messages:
        text = _(template, **values)
        model = text[len("ex07_train_hihello.predict(") : text.index(">") + 1]
        lines = indent(text, "    ", width).splitlines()
        assert all(width_of(line) <= width for line in lines), lines
        assert any(model in line for line in lines), (model, lines)
