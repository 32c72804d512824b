"""ex07's predict as the graded tests call it: one next character per position, taken from the
model's logits, with the argmax over another axis named by what it gives, and the tensors it
makes on the model's own device."""

from __future__ import annotations

from typing import Any

import pytest
import torch
from torch import nn

from kata.i18n import N_, _
from kata.testing.calls import call
from kata.testing.outcomes import fail
from kata.testing.values import short

AXIS_TIME = N_(
    "That is what argmax over the time axis gives (dim=1 of the (batch, seq_len, vocab_size) logits): one "
    "index per vocabulary entry, each a position in the text, not a character. Take argmax over the last axis, "
    "the vocabulary: logits.argmax(dim=-1)."
)
AXIS_TIME_INDEX = N_(
    "argmax over the time axis (dim=1 of the (batch, seq_len, vocab_size) logits) gives exactly that error here: "
    "it picks a position in the text (up to {last}), not a vocabulary index, and vocab has only {size} entries. "
    "Take argmax over the last axis, the vocabulary: logits.argmax(dim=-1)."
)
AXIS_BATCH = N_(
    "That is what argmax over the batch axis gives (dim=0 of the (batch, seq_len, vocab_size) logits): with one "
    "word in the batch every index is 0. Take argmax over the last axis, the vocabulary: logits.argmax(dim=-1)."
)
AXIS_EITHER = N_(
    "That is what argmax over the batch axis (dim=0) or the time axis (dim=1) of the (batch, seq_len, vocab_size) "
    "logits gives: one index per vocabulary entry instead of one per character. Take argmax over the last axis, "
    "the vocabulary: logits.argmax(dim=-1)."
)

PREDICT_DEVICE = N_(
    "predict is given a model that may be on any device (a GPU, or PyTorch's meta device in this test): build "
    "its one-hot input on the model's device, make_batch([text], vocab, next(model.parameters()).device)."
)
NOT_A_MODULE = N_("ex07_train_hihello.CharRNN(5, 8) is {short_model}; expected an nn.Module.")


def expect_predict_on_meta(ex: Any, vocab: list[str]) -> None:
    """predict(model, "hihell", vocab) for a CharRNN on PyTorch's meta device: it runs (the test's
    worker rule gives placeholders for .tolist() of meta tensors) and returns one character per
    position; an input built on the CPU fails with the device named."""
    model = call(ex.CharRNN, len(vocab), 8)
    if not isinstance(model, nn.Module):
        fail(_(NOT_A_MODULE, short_model=short(model)))
    model = model.to(torch.device("meta"))
    predicted(ex, model, "hihell", vocab, _("predict(<CharRNN(5, 8) on meta>, 'hihell', {vocab})", vocab=vocab))


def wrong_axes(model: nn.Module, text: str, vocab: list[str]) -> tuple[str, list[tuple[Any, str]]]:
    """What predict gives when its argmax runs over another axis of the (1, seq_len, vocab) logits:
    a string, or IndexError where an index falls past the vocabulary; with what to say about it."""
    where = next(model.parameters()).device
    if where.type == "meta":  # no values to take an argmax of: predict is only asked to run there
        return "", []
    x = torch.eye(len(vocab))[[vocab.index(c) for c in text]].unsqueeze(0).to(where)
    with torch.no_grad():
        logits = call(model, x)
    if not isinstance(logits, torch.Tensor) or logits.dim() != 3:
        return "", []
    right = "".join(vocab[i] for i in logits.argmax(dim=-1)[0].tolist())
    found: list[tuple[Any, str]] = []
    for dim in (1, 0):
        indices = logits.argmax(dim=dim)[0].tolist()
        if any(i >= len(vocab) for i in indices):
            found.append((IndexError, _(AXIS_TIME_INDEX, last=len(text) - 1, size=len(vocab))))
        else:
            found.append(("".join(vocab[i] for i in indices), _(AXIS_TIME if dim == 1 else AXIS_BATCH)))
    if found[0][0] == found[1][0]:  # one time step: both wrong axes give the same indices
        found = [(found[0][0], _(AXIS_EITHER))]
    return right, [(outcome, advice) for outcome, advice in found if outcome != right]


def predicted(ex: Any, model: nn.Module, text: str, vocab: list[str], what: str) -> Any:
    """predict(model, text, vocab) as a string of len(text) characters, or a failure that names the
    argmax axis when the result (or the error) is what another axis gives."""
    _right, mistakes = wrong_axes(model, text, vocab)
    try:
        got = call(ex.predict, model, text, vocab)
    except pytest.fail.Exception as failure:
        if type(failure) is pytest.fail.Exception and "parameter tensors are not at the same device" in str(
            failure.msg
        ):
            fail(str(failure.msg) + "\n" + _(PREDICT_DEVICE))
        if type(failure) is not pytest.fail.Exception or "IndexError" not in str(failure.msg):
            raise
        advice = next((a for outcome, a in mistakes if outcome is IndexError), "")
        if not advice:
            raise
        fail(str(failure.msg) + "\n" + advice)
    if got == _right:
        return got
    advice = next((a for outcome, a in mistakes if outcome == got), "")
    if not isinstance(got, str) or len(got) != len(text):
        fail(
            _(
                "{what} returned {short_got}; expected a string of {len_text} characters, one per character of {text}.",
                what=what,
                short_got=short(got),
                len_text=len(text),
                text=repr(text),
            )
            + ((" " + advice) if advice else "")
        )
    return got if not advice else fail(_("{what} returned {got}.", what=what, got=repr(got)) + " " + advice)


MODEL_FROM = N_("The model is the one {what} returned.")
PREDICTED_WRONG = N_(  # the tests' own verdict on a prediction, the model named as predicted_by names it
    "ex07_train_hihello.predict(<the model from train(...)>, {text}, {vocab}) returned {got}; expected {want}. "
    "The model is the one {what} returned."
)


def predicted_by(ex: Any, model: nn.Module, text: str, vocab: list[str], trained_what: str) -> Any:
    """predicted(...) for the model that `trained_what` returned. The call names it short,
    <the model from train(...)>, so that it stays whole on a line of its own at 80 columns (review
    10, 2.5: the full train call inside it split across lines); a failure names the call once after."""
    what = _("ex07_train_hihello.predict(<the model from train(...)>, {text}, {vocab})", text=repr(text), vocab=vocab)
    try:
        return predicted(ex, model, text, vocab, what)
    except pytest.fail.Exception as failure:
        if type(failure) is not pytest.fail.Exception:  # a time-out, a crash: reported as they are
            raise
        fail(str(failure.msg) + " " + _(MODEL_FROM, what=trained_what))
