"""What ex07's trained-model tests rely on, vouched for by the judge.

The learner's train() runs in the worker and reports a model and its losses. The judge takes
neither on trust. Where a trained-model test would pass, it asks vouch_for: the model must be
one the judge can rebuild (kata.testing.char_rnn), its forward must be its rebuild's on the
training input and on a fresh one, and predict must say what the model's logits say, on the
trained model and the untrained one. A wrong model fails with its own diagnosis first. The
optimizer test adds that the whole default training is the judge's own 100 steps of Adam
(expect_adam_to_the_end).
"""

from __future__ import annotations

import torch
from torch import nn

from kata.i18n import N_, _
from kata.testing.calls import call
from kata.testing.char_rnn import Rebuilt, expect_same_forward, rebuild
from kata.testing.char_rnn_diagnoses import checked_training, flat_parameters, replay, train_with
from kata.testing.char_rnn_vocab import VOCAB, hihello_data
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


UNSEEN = "olleh"  # every character of the vocabulary, and no prefix of "hihello"
_trained: dict[int, tuple[list, object]] = {}  # id(model) -> (its losses, its device), from the fixture
_vouched: set[int] = set()  # models whose training has been checked and found right


_models: dict[int, nn.Module] = {}


def remember_training(model: nn.Module, losses: list, device: object) -> None:
    """The `trained` fixture's model: its losses and device, for vouch_for."""
    _trained[id(model)] = (losses, device)
    _models[id(model)] = model


def vouch_for(ex, model: nn.Module, what: str, text: str = "hihell") -> None:  # noqa: ANN001 - the learner module
    """Called by a trained-model test where it would pass, so that a wrong model keeps its own
    diagnosis: the test passes only on a model the judge can rebuild, whose forward is the
    rebuild's on the training input and a fresh one, whose starting model (train(steps=0)) can be
    rebuilt too, and whose predict says what its logits say (on this model and the starting one,
    on the training text and on one it never saw). That the training is Adam's is the
    optimizer test's to decide (expect_adam_to_the_end)."""
    rebuilt = rebuild(model, what)
    if id(model) not in _vouched:
        losses, device = _trained.get(id(model), ([], "cpu"))
        check_training(ex, model, rebuilt, losses, what, device)
        _vouched.add(id(model))
    expect_predict_follows_the_model(ex, model, rebuilt, text, what)


def check_training(ex, model: nn.Module, rebuilt: Rebuilt, losses: list, what: str, device) -> None:  # noqa: ANN001
    x, _y = hihello_data(device)
    fresh = torch.eye(len(VOCAB))[torch.randint(0, len(VOCAB), (2, 4), generator=torch.Generator().manual_seed(5))]
    with torch.no_grad():
        expect_same_forward(call(model, x), rebuilt, x, what)
        expect_same_forward(call(model, fresh.to(device)), rebuilt, fresh.to(device), what)
    start_result, start_what = train_with(ex, steps=0)
    start_model = checked_training(start_result, start_what, steps=0)[0]
    start = rebuild(start_model, start_what)  # its trained model can be rebuilt: its start must be too
    for text in ("hihell", UNSEEN):  # a predict that knows the training text only shows on the others
        expect_predict_follows_the_model(ex, start_model, start, text, start_what)
    expect_predict_follows_the_model(ex, model, rebuilt, UNSEEN, what)


def expect_adam_to_the_end(ex, start: Rebuilt) -> None:  # noqa: ANN001 - the learner module
    """The optimizer test's last check, where its pinned steps were Adam's: the default training
    (100 steps at lr=0.1) must be too, weights and losses, from `start` (train's own starting
    model, as the optimizer test rebuilt it), on the CPU, where float32 training repeats exactly.
    Honest Adam for the few steps the test replays and another optimizer after them fails here.
    The `trained` fixture's model is used where it was trained on the CPU (one training less)."""
    cpu = [(id_, entry) for id_, entry in _trained.items() if torch.device(str(entry[1] or "cpu")).type == "cpu"]
    if cpu and cpu[-1][0] in _models:
        model, losses, what = _models[cpu[-1][0]], cpu[-1][1][0], "train()"
    else:
        result, what = train_with(ex)
        model, losses = checked_training(result, what, steps=100)
    trained = rebuild(model, what)
    want_losses, want_weights, _grad = replay(start, 100, 0.1)
    gap = (flat_parameters(trained) - want_weights[-1]).abs().max().item()
    if not gap <= 1e-3:
        fail(_(TRAINED_ELSEWHERE, what=what, gap=gap))
    for step, (got, want) in enumerate(zip(losses, want_losses)):
        if not abs(got - want) <= 1e-3:
            fail(_(LOSSES_ELSEWHERE, what=what, step=step, got=got, want=want))


PREDICT_NOT_FROM_MODEL = N_(
    "ex07_train_hihello.predict(<the model from train(...)>, {text}, {vocab}) returned {got}, but that model's own "
    "logits say {want}. The model is the one {what} returned. "
    "predict runs model(x) on the one-hot text and takes the argmax over the last axis: the answer comes "
    "from the model, never from the text alone."
)


def expect_predict_follows_the_model(
    ex,  # noqa: ANN001 - the learner module
    model: nn.Module,
    rebuilt: Rebuilt,
    text: str,
    what: str,
    vocab: list[str] = VOCAB,
) -> None:
    """predict(model, text, vocab) is what the judge's rebuild of the model says: the argmax of its
    logits at every position."""
    x = torch.eye(len(vocab))[[vocab.index(c) for c in text]].unsqueeze(0).to(next(rebuilt.parameters()).device)
    with torch.no_grad():
        want = "".join(vocab[i] for i in rebuilt(x).argmax(dim=-1)[0].tolist())
    got = call(ex.predict, model, text, vocab)
    if got != want:
        fail(_(PREDICT_NOT_FROM_MODEL, what=what, text=repr(text), vocab=vocab, got=repr(got), want=repr(want)))


def judged_loss(model: nn.Module, reported: float) -> float:
    """The loss of the model that came back on the training data, computed here from the logits its
    forward gives: never the losses the worker reports (a head scaled after training kept its
    reported losses and its predictions, and crossed the floor on paper only). Those logits are
    held to the judge's rebuild by vouch_for, which every passing trained-model test calls; logits
    of another shape leave the reported loss, and the shape checks to say why."""
    x, y = hihello_data([p.device for p in model.parameters()][0])
    with torch.no_grad():
        logits = call(model, x)
    if not isinstance(logits, torch.Tensor) or logits.shape != (*x.shape[:2], len(VOCAB)):
        return reported
    return nn.CrossEntropyLoss()(logits.detach().reshape(-1, len(VOCAB)).cpu().float(), y.reshape(-1).cpu()).item()


MOVED_AT_LR_0 = N_(
    "{what} returned a model whose weights moved from where {start_what} starts them, though lr=0.0 moves "
    "nothing (largest difference {gap:.3g}): the optimizer must use the lr given."
)
SAME_WEIGHTS = N_("{a} and {b} returned the same weights: {used} is not used.")


def expect_steps_and_lr_in_the_weights(ex, runs: dict) -> None:  # noqa: ANN001 - the learner module
    """From the models train returned, whatever its optimizer: at lr=0.0 the weights stay where
    train(steps=0) starts them, and 7 steps against 5, or lr=0.01 against 0.1, end elsewhere.
    Nothing reported is believed: a train that ignored both, returning its default training's
    weights with losses of the right length, flat at lr=0, passed on its losses (attack 11)."""
    start_result, start_what = train_with(ex, steps=0)
    again_result, _what = train_with(ex, steps=0)
    start, again = (flat_parameters(checked_training(r, start_what, steps=0)[0]) for r in (start_result, again_result))
    still = flat_parameters(runs[5, 0.0][0])
    seeded = start.shape == again.shape and torch.equal(start, again)  # else the seed test names the cause
    gap = (still - start).abs().max().item() if still.shape == start.shape else float("inf")
    if seeded and not gap <= 1e-6:  # NaN-safe
        fail(_(MOVED_AT_LR_0, what=runs[5, 0.0][2], start_what=start_what, gap=gap))
    for (a, b), used in ((((7, 0.1), (5, 0.1)), "steps"), (((5, 0.01), (5, 0.1)), "lr")):
        first, second = flat_parameters(runs[a][0]), flat_parameters(runs[b][0])
        if first.shape == second.shape and torch.equal(first, second):
            fail(_(SAME_WEIGHTS, a=runs[a][2], b=runs[b][2], used=used))
