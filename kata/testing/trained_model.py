"""What ex07's trained-model tests rely on, vouched for by the judge.

The learner's train() runs in the worker and reports a model and its losses. The judge takes
neither on trust: where it can rebuild the model (kata.testing.char_rnn), the model's forward
must be its rebuild's on the training input and on a fresh one, and on the CPU, where float32
training repeats exactly, its weights and losses must be those of the judge's own 100 steps of
Adam from train's own starting model. A model it cannot rebuild never passes a trained-model test.
"""

from __future__ import annotations

import torch
from torch import nn

from kata.i18n import N_, _
from kata.testing.calls import call
from kata.testing.char_rnn import expect_same_forward, rebuild, rebuilt_or_none
from kata.testing.char_rnn_diagnoses import VOCAB, checked_training, flat_parameters, hihello_data, replay, train_with
from kata.testing.outcomes import fail

TRAINED_ELSEWHERE = N_(
    "{what}: the model's weights after 100 steps are not where 100 steps of torch.optim.Adam at lr=0.1 on "
    "CrossEntropyLoss put them, starting from the model train(steps=0) returns (largest difference {gap:.3g}). "
    "Train the CharRNN it returns, with Adam, for exactly the steps given."
)
LOSSES_ELSEWHERE = N_(
    "{what}: the losses it reports are not those of its training (step {step}: {got:.4f}, where Adam's "
    "training of the same model gives {want:.4f}). Append each step's loss.item()."
)


def vouch_for_training(ex, model: nn.Module, losses: list, what: str, device) -> None:  # noqa: ANN001 - the learner module
    """Checked once, where the trained model is made (the `trained` fixture)."""
    rebuilt = rebuilt_or_none(model)
    if rebuilt is None:
        return  # the tests that would pass on such a model fail in vouch_for, after their own diagnoses
    x, _y = hihello_data(device)
    fresh = torch.eye(len(VOCAB))[torch.randint(0, len(VOCAB), (2, 4), generator=torch.Generator().manual_seed(5))]
    with torch.no_grad():
        expect_same_forward(call(model, x), rebuilt, x, what)
        expect_same_forward(call(model, fresh.to(device)), rebuilt, fresh.to(device), what)
    if torch.device(device).type != "cpu":
        return
    start_result, start_what = train_with(ex, steps=0)
    start_model = checked_training(start_result, start_what, steps=0)[0]
    start = rebuild(start_model, start_what)  # its trained model can be rebuilt: its start must be too
    expect_predict_follows_the_model(ex, start_model, start, "hihell", start_what)
    want_losses, want_weights, _grad = replay(start, 100, 0.1)
    gap = (flat_parameters(rebuilt) - want_weights[-1]).abs().max().item()
    if not gap <= 1e-3:
        fail(_(TRAINED_ELSEWHERE, what=what, gap=gap))
    for step, (got, want) in enumerate(zip(losses, want_losses)):
        if not abs(got - want) <= 1e-3:
            fail(_(LOSSES_ELSEWHERE, what=what, step=step, got=got, want=want))


def vouch_for(ex, model: nn.Module, what: str, text: str = "hihell") -> None:  # noqa: ANN001 - the learner module
    """A trained-model test passes only on a model the judge can rebuild, and so check, and only
    where predict says what the model's own logits say."""
    expect_predict_follows_the_model(ex, model, rebuild(model, what), text, what)


PREDICT_NOT_FROM_MODEL = N_(
    "predict(<model from {what}>, {text}, {vocab}) returned {got}, but that model's own logits say {want}. "
    "predict runs model(x) on the one-hot text and takes the argmax over the last axis: the answer comes "
    "from the model, never from the text alone."
)


def expect_predict_follows_the_model(ex, model: nn.Module, rebuilt: nn.Module, text: str, what: str) -> None:  # noqa: ANN001
    x = torch.eye(len(VOCAB))[[VOCAB.index(c) for c in text]].unsqueeze(0).to(next(rebuilt.parameters()).device)
    with torch.no_grad():
        want = "".join(VOCAB[i] for i in rebuilt(x).argmax(dim=-1)[0].tolist())
    got = call(ex.predict, model, text, VOCAB)
    if got != want:
        fail(_(PREDICT_NOT_FROM_MODEL, what=what, text=repr(text), vocab=VOCAB, got=repr(got), want=repr(want)))
