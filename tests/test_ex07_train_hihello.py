"""Graded tests for exercises/ex07_train_hihello.py."""

import math

import pytest
import torch
from torch import nn

from kata.checks import call, expect_tensor, fail, label, short
from kata.i18n import _

TEXT = "hihello"
VOCAB = ["h", "i", "e", "l", "o"]
# Bounded tanh "logits" cannot push CrossEntropyLoss below ln(1 + 4 e^-2) on a 5-letter vocabulary.
TANH_FLOOR = math.log(1 + 4 * math.exp(-2))
# The first optimizer step imports torch._dynamo (1 to 1.5 s) and a GPU needs warming up: on a
# slow-starting CUDA machine the first training test took over 5 s. Allow 30 s per test.
pytestmark = pytest.mark.timeout(30)


@pytest.fixture(scope="module")
def ex(learner):
    return learner("ex07_train_hihello")


def test_char_rnn_shapes(ex, device):
    """CharRNN maps (batch, seq_len, vocab) one-hot input to (batch, seq_len, vocab) logits"""
    model = call(ex.CharRNN, 5, 8)
    if not isinstance(model, nn.Module):
        fail(_("CharRNN(5, 8) is {short_model}; expected an nn.Module.", short_model=short(model)))
    kinds = {type(m) for m in model.modules()}
    if nn.RNN not in kinds:
        fail(_("CharRNN(5, 8) holds no nn.RNN; this exercise trains the plain RNN of the lab."))
    if nn.Linear not in kinds:
        fail(
            _(
                "CharRNN(5, 8) holds no nn.Linear head. Without it the logits are tanh outputs bounded to [-1, 1] and the loss stalls near 0.43."
            )
        )
    model = model.to(device)
    x = torch.eye(5)[torch.randint(0, 5, (3, 6))].to(device)
    logits = call(model, x)
    expect_tensor(
        logits,
        "CharRNN(5, 8)(x) for x of shape (3, 6, 5)",
        shape=(3, 6, 5),
        axes=("batch", "seq_len", "vocab_size"),
        device=device,
        swap_hint="Build the RNN with batch_first=True.",
    )


@pytest.fixture(scope="module")
def trained(ex, device):
    """Train once for the tests that read the trained model (training is seeded, so this is safe)."""
    torch.manual_seed(0)
    result = call(ex.train, TEXT, 8, 100, 0.1, 0, device)
    what = label(ex.train, (TEXT, 8, 100, 0.1, 0, device))
    if not isinstance(result, tuple | list) or len(result) != 2:
        fail(
            _("{what} returned {short_result}; expected a pair (model, losses).", what=what, short_result=short(result))
        )
    model, losses = result
    if not isinstance(model, nn.Module):
        fail(
            _("{what} returned {short_model} as the model; expected your CharRNN.", what=what, short_model=short(model))
        )
    try:
        losses = [float(v) for v in losses]
    except (TypeError, ValueError):
        fail(
            _(
                "{what} returned {short_losses} as losses; expected a list of floats, one per step (loss.item()).",
                what=what,
                short_losses=short(losses),
            )
        )
    if len(losses) != 100:
        fail(_("{what} returned {len_losses} losses; expected one per step: 100.", what=what, len_losses=len(losses)))
    return model, losses, what


def test_training_predicts_ihello(ex, trained):
    """After training, "hihell" predicts "ihello\""""
    model, _losses, what = trained
    got = call(ex.predict, model, "hihell", VOCAB)
    if got != "ihello":
        hint = " " + _("That is the course lab's result: add a Linear head after the RNN.") if got == "ilello" else ""
        fail(
            _(
                "predict(<model from {what}>, 'hihell', {VOCAB}) returned {got}; expected 'ihello'.{hint}",
                what=what,
                VOCAB=VOCAB,
                got=repr(got),
                hint=hint,
            )
        )


def test_loss_falls_below_what_tanh_logits_allow(ex, trained):
    """The loss falls, below the 0.43 floor that tanh outputs fed to CrossEntropyLoss cannot cross"""
    _model, losses, what = trained
    if not losses[-1] < losses[0] / 2:
        fail(
            _(
                "{what}: the loss went from {losses_0:.3f} to {losses_1:.3f}; it should fall. Call optimizer.zero_grad(), loss.backward() and optimizer.step() every step.",
                what=what,
                losses_0=losses[0],
                losses_1=losses[-1],
            )
        )
    if not losses[-1] < TANH_FLOOR:
        fail(
            _(
                "{what}: the final loss is {losses_1:.3f}, not below {TANH_FLOOR:.2f}: the logits look bounded. Put an nn.Linear head after the RNN.",
                what=what,
                losses_1=losses[-1],
                TANH_FLOOR=TANH_FLOOR,
            )
        )


def test_training_is_seeded(ex, device):
    """train(seed=...) is reproducible: the same seed gives the same losses, another seed others"""
    first = call(ex.train, TEXT, 8, 20, 0.1, 3, device)
    again = call(ex.train, TEXT, 8, 20, 0.1, 3, device)
    other = call(ex.train, TEXT, 8, 20, 0.1, 4, device)
    a, b, c = ([float(v) for v in r[1]] for r in (first, again, other))
    if not all(abs(x - y) <= 1e-5 for x, y in zip(a, b)):
        fail(
            _(
                "train(..., seed=3) twice gave different losses. Call torch.manual_seed(seed) at the start of train, before building the model."
            )
        )
    if a == c:
        fail(_("train(..., seed=3) and train(..., seed=4) gave identical losses: the seed is not used."))


@pytest.mark.parametrize(("text", "expect"), [("hihell", "ihello"), ("hih", "ihe")])
def test_predict_any_prefix(ex, trained, text, expect):
    """predict gives one next character per input position"""
    model, _losses, what = trained
    got = call(ex.predict, model, text, VOCAB)
    if not isinstance(got, str) or len(got) != len(text):
        fail(
            _(
                "predict(model, {text}, {VOCAB}) returned {short_got}; expected a string of {len_text} characters.",
                text=repr(text),
                VOCAB=VOCAB,
                short_got=short(got),
                len_text=len(text),
            )
        )
    if got != expect:
        fail(
            _(
                "predict(<model from {what}>, {text}, {VOCAB}) returned {got}; expected {expect}.",
                what=what,
                text=repr(text),
                VOCAB=VOCAB,
                got=repr(got),
                expect=repr(expect),
            )
        )
