"""ex07's checks and diagnoses: what train and predict must return, and when a trained CharRNN
falls short, the most likely cause, found by replaying the known slips in the judge.

The graded tests (tests/test_ex07_train_hihello.py) read as the behaviour they check; the
replays and the advice they lead to are here, next to the judge's rebuild of the model and its
own replay of training (kata.testing.char_rnn)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import torch
from torch import nn

from kata.i18n import N_, _
from kata.testing.calls import call
from kata.testing.char_rnn import Rebuilt, expect_same_forward, rebuild, replay_ahead
from kata.testing.char_rnn import replay as replay_in_the_judge
from kata.testing.char_rnn_vocab import (
    VOCAB,
    hihello_data,
    sorted_first_loss,
    sorted_training,
    trained_order_advice,
)
from kata.testing.checks import expect_items, expect_tensor, expect_type, returned
from kata.testing.outcomes import fail
from kata.testing.values import label, short

LOSSES_TYPE = N_("a list of Python floats, one per step")
NOT_A_LOSS = N_(
    "{what} returned {loss} as the loss of step {step}. A cross-entropy loss is a finite number: append "
    "loss.item() of each step's nn.CrossEntropyLoss. If the loss really grew without bound, the lr is too large."
)
LOSSES_WHY = N_(
    "Append loss.item(), not the loss tensor: a loss tensor keeps its whole autograd graph alive, so a list of "
    "them holds every step's graph in memory."
)
HEAD_PRESENT = N_(
    "Your model has a Linear head, so its logits are not bounded: the cause is elsewhere, most likely in the "
    "training loop (optimizer over model.parameters(), at the lr given, zero_grad, backward and step every step)."
)
PINNED_LR = 0.05  # not the default, so an optimizer that ignores lr shows too
PINNED_STEPS = 3  # Adam's second and third steps use its running averages: a fresh optimizer per step shows
ADAM_ATOL = 2e-5  # float32 rounding of one Adam step is about 1e-7; AdamW's default decay moves weights ~1e-4
OTHER_OPTIMIZER = N_(
    "That is what torch.optim.{name} does; this exercise trains with torch.optim.Adam(model.parameters(), lr=lr)."
)
FRESH_OPTIMIZER = N_(
    "That is what a new Adam every step does: it forgets Adam's running averages. Build the optimizer once, "
    "before the loop."
)
NO_ZERO_GRAD = N_(
    "That is what Adam does without optimizer.zero_grad(): the gradients of all steps add up. Call it every step."
)


def expect_reads_batch_first(model: nn.Module, x: torch.Tensor, what: str) -> None:
    """Each sequence of a batch is read on its own: its logits do not depend on the other rows."""
    if not reads_batch_first(model, x):
        fail(
            _(
                "{what}: the logits of a sequence change when other sequences share its batch, which means the model "
                "reads the batch time-major (as seq_len, batch, features). Build its nn.RNN with batch_first=True.",
                what=what,
            )
        )


def reads_batch_first(model: nn.Module, x: torch.Tensor) -> bool:
    """The last sequence of a batch gets the same logits alone as with the others before it (a
    time-major model would read the batch's rows as time steps, the last one after the rest)."""
    with torch.no_grad():
        together = call(model, x)
        alone = call(model, x[-1:])
    if isinstance(together, torch.Tensor) and isinstance(alone, torch.Tensor) and together.shape[1:] == alone.shape[1:]:
        return torch.allclose(together[-1:].float().cpu(), alone.float().cpu(), atol=1e-4)
    return True


def expect_rnn_sizes(model: Any, vocab_size: int, hidden_size: int, what: str) -> None:
    """The model holds an nn.RNN that reads vocab_size inputs into hidden_size features."""
    rnns = [m for m in model.modules() if isinstance(m, nn.RNN)] if isinstance(model, nn.Module) else []
    if not rnns:
        fail(_("{what} holds no nn.RNN; this exercise trains the plain RNN of the lab.", what=what))
    rnn = rnns[0]
    if (rnn.input_size, rnn.hidden_size) != (vocab_size, hidden_size):
        fail(
            _(
                "{what}'s nn.RNN has input_size={got_in}, hidden_size={got_hidden}; expected {vocab_size} and "
                "{hidden_size}: one input per vocabulary entry, hidden_size as given.",
                what=what,
                got_in=rnn.input_size,
                got_hidden=rnn.hidden_size,
                vocab_size=vocab_size,
                hidden_size=hidden_size,
            )
        )


def checked_training(result: Any, what: str, *, steps: int | None) -> tuple[nn.Module, list[float]]:
    """(model, losses) exactly as documented: a tuple, an nn.Module, a list of `steps` Python floats
    (of any length where `steps` is None: a test that is not about steps)."""
    if not isinstance(result, tuple) or len(result) != 2:
        fail(
            _("{what} returned {short_result}; expected a pair (model, losses).", what=what, short_result=short(result))
        )
    model, losses = result
    if not isinstance(model, nn.Module):
        fail(
            _("{what} returned {short_model} as the model; expected your CharRNN.", what=what, short_model=short(model))
        )
    expect_type(losses, returned(_("{what}'s losses", what=what)), list, LOSSES_TYPE, LOSSES_WHY)
    expect_items(losses, returned(_("{what}'s losses", what=what)), float, LOSSES_TYPE, LOSSES_WHY)
    if steps is not None and len(losses) != steps:
        fail(
            _(
                "{what} returned {len_losses} losses; expected one per step: {steps}.",
                what=what,
                len_losses=len(losses),
                steps=steps,
            )
        )
    unfinished = next(((step, loss) for step, loss in enumerate(losses) if not math.isfinite(loss)), None)
    if unfinished is not None:  # a NaN compares false with everything: no later check may see one
        fail(_(NOT_A_LOSS, what=what, step=unfinished[0], loss=unfinished[1]))
    return model, losses


def training_diagnosis(model: nn.Module) -> str:
    """The most likely cause when a trained model falls short, found by looking at the model:
    no head, logits squashed after the head, a time-major RNN, a vocabulary in another order
    (it predicts in that order), else the training loop."""
    heads = [m for m in model.modules() if isinstance(m, nn.Linear)]
    rnns = [m for m in model.modules() if isinstance(m, nn.RNN)]
    if not heads:
        return _("The logits look bounded: put an nn.Linear head after the RNN.")
    where = [p.device for p in model.parameters()][0]
    x = torch.eye(5, device=where)[torch.tensor([[0, 1, 0, 2, 3, 3], [3, 2, 1, 0, 4, 4]], device=where)]
    with torch.no_grad():
        logits = call(model, x)
        plain = heads[-1](rnns[0](x)[0]) if rnns and heads[-1].in_features == rnns[0].hidden_size else None
    if isinstance(logits, torch.Tensor) and plain is not None and logits.shape == plain.shape:
        if torch.allclose(logits, torch.softmax(plain, dim=-1), atol=1e-5):
            return _(
                "The model returns probabilities (a softmax after the head), but CrossEntropyLoss applies its own "
                "softmax and wants raw logits: return the head's output as it is."
            )
        if any(torch.allclose(logits, squash(plain), atol=1e-5) for squash in (torch.tanh, torch.sigmoid)):
            return _(
                "The model squashes its logits after the Linear head (tanh or sigmoid), so they stay bounded. "
                "Return the head's output as it is."
            )
    if not reads_batch_first(model, x):
        return _(
            "The model reads its input time-major: the logits of one sequence change with the others in its "
            "batch. Build its nn.RNN with batch_first=True."
        )
    return trained_order_advice(model) or _(HEAD_PRESENT)


def train_with(ex: Any, **kwargs: Any) -> tuple[Any, str]:
    """train(**kwargs), called with the documented parameter names."""
    return call(ex.train, **kwargs), label(ex.train, (), kwargs)


def flat_parameters(model: nn.Module) -> torch.Tensor:
    return torch.cat([p.detach().reshape(-1).cpu().double() for p in model.parameters()])


def start_of_training(ex: Any) -> Rebuilt:
    """train(steps=0, lr=PINNED_LR): the seeded, untrained model train starts from, checked to be
    the same on every call (else nothing below can be compared)."""
    result, what = train_with(ex, steps=0, lr=PINNED_LR)
    model, _losses = checked_training(result, what, steps=0)
    again, _what = train_with(ex, steps=0, lr=PINNED_LR)
    model_again, _losses = checked_training(again, what, steps=0)
    start = flat_parameters(model)
    if start.shape != flat_parameters(model_again).shape or not torch.equal(start, flat_parameters(model_again)):
        fail(
            _(
                "{what} twice gave models with different starting weights. Call torch.manual_seed(seed) at the "
                "start of train, before building the model.",
                what=what,
            )
        )
    x, _y = hihello_data()
    with torch.no_grad():
        logits = call(model, x)
    expect_tensor(
        logits,
        returned(_("the logits of {what}'s model for one-hot 'hihell' of shape (1, 6, 5)", what=what)),
        shape=(1, 6, 5),
        axes=("batch", "seq_len", "vocab_size"),
        device="cpu",
    )
    # From here on the judge computes with its own rebuild of the model, once the learner's
    # forward is seen to be the documented one on the data and on a fresh input.
    rebuilt = rebuild(model, what)
    expect_same_forward(logits, rebuilt, x, what)
    fresh = torch.eye(len(VOCAB))[torch.randint(0, len(VOCAB), (2, 4), generator=torch.Generator().manual_seed(11))]
    with torch.no_grad():
        expect_same_forward(call(model, fresh), rebuilt, fresh, what)
    return rebuilt


def replay(
    start: Rebuilt,
    steps: int,
    lr: float,
    optimizer: Callable[..., torch.optim.Optimizer] = torch.optim.Adam,
    *,
    fresh_each_step: bool = False,
    zero_grad: bool = True,
) -> tuple[list[float], list[torch.Tensor], torch.Tensor | None]:
    """What training from `start` does: its losses, the weights after each step, and the first
    gradient. By default the documented training (Adam at lr on CrossEntropyLoss); the keywords
    give the known slips. It runs here, in the judge, on its rebuild of the learner's model."""
    x, y = hihello_data()
    return replay_in_the_judge(
        start, x, y, steps=steps, lr=lr, optimizer=optimizer, fresh_each_step=fresh_each_step, zero_grad=zero_grad
    )


REPLAYED_AHEAD = ((PINNED_STEPS, PINNED_LR), (100, 0.1))  # (steps, lr) of the optimizer test's two replays


def replay_documented_ahead() -> None:
    """The replays every right submission's optimizer test asks for (kata.testing.char_rnn.replay_ahead):
    its pinned steps, and the whole default training (kata.testing.trained_model.expect_adam_to_the_end)."""
    x, y = hihello_data()
    replay_ahead(len(VOCAB), 8, list(REPLAYED_AHEAD), x, y)


def optimizer_mistakes(start: Rebuilt, steps: int, lr: float) -> list[tuple[list[torch.Tensor], str]]:
    """The weights after each step for each known wrong optimizer or loop, with what to say about it."""
    found = []
    for name in ("AdamW", "Adamax", "NAdam", "RAdam"):
        _l, weights, _g = replay(start, steps, lr, getattr(torch.optim, name))
        found.append((weights, _(OTHER_OPTIMIZER, name=name)))
    _l, weights, _g = replay(start, steps, lr, fresh_each_step=True)
    found.append((weights, _(FRESH_OPTIMIZER)))
    _l, weights, _g = replay(start, steps, lr, zero_grad=False)
    found.append((weights, _(NO_ZERO_GRAD)))
    found.append(sorted_training(start, steps, lr))  # the right loop on a sorted vocabulary
    return found


def loss_mistakes(start: Rebuilt) -> list[tuple[float, str]]:
    """The first loss each plausible wrong loss function reports for the untrained model."""
    x, y = hihello_data()
    with torch.no_grad():
        logits = start(x).reshape(-1, len(VOCAB)).double()
    target = nn.functional.one_hot(y, len(VOCAB)).double()
    return [
        (
            nn.functional.cross_entropy(logits, y, reduction="sum").item(),
            N_(
                "That is the sum over the positions, not their mean: use nn.CrossEntropyLoss() with its default reduction."
            ),
        ),
        (
            nn.functional.mse_loss(logits, target).item(),
            N_("That is MSELoss on the logits; this exercise trains with nn.CrossEntropyLoss()."),
        ),
        (
            nn.functional.mse_loss(torch.softmax(logits, dim=-1), target).item(),
            N_("That is MSELoss on probabilities; this exercise trains with nn.CrossEntropyLoss()."),
        ),
        (
            nn.functional.nll_loss(logits, y).item(),
            N_("That is NLLLoss on raw logits, which skips the log-softmax: nn.CrossEntropyLoss() applies it for you."),
        ),
        sorted_first_loss(start),  # the right loss on a sorted vocabulary
    ]


def cross_entropy_of(model: nn.Module, what: str) -> float:
    """The loss of the judge's rebuild of `model` (a learner's model: rebuilt first)."""
    x, y = hihello_data()
    rebuilt = model if isinstance(model, Rebuilt) else rebuild(model, what)
    with torch.no_grad():
        logits = rebuilt(x)
    if not isinstance(logits, torch.Tensor) or logits.numel() != y.numel() * len(VOCAB):
        return float("nan")
    return nn.functional.cross_entropy(logits.reshape(-1, len(VOCAB)).double(), y).item()


def first_step_advice(moved: torch.Tensor, grad: torch.Tensor, lr: float) -> str:
    """Which optimizer made this first step: Adam's first step moves every weight by lr against
    the sign of its gradient; SGD's moves it by lr times its gradient."""
    if moved.abs().max().item() == 0:
        return _(
            "No weight changed: call optimizer.step() after loss.backward(), with an optimizer built over "
            "model.parameters()."
        )
    used = grad.abs() > 1e-2 * grad.abs().max()  # small steps are mostly float32 rounding
    ratio = -moved[used] / grad[used]
    if (ratio - ratio.median()).abs().max().item() <= 1e-2 * abs(ratio.median().item()):
        return _(
            "Every weight moved by {factor:.3g} times its gradient: that is SGD's step. Adam's first step moves "
            "each weight by lr against its gradient's sign: use torch.optim.Adam(model.parameters(), lr=lr).",
            factor=ratio.median().item(),
        )
    size = moved[used].abs()
    if (size - size.median()).abs().max().item() <= 1e-2 * size.median().item():
        if abs(size.median().item() - lr) <= 1e-2 * lr:
            return _(
                "Every weight moved by lr, as Adam's first step does, but not against the gradient of "
                "CrossEntropyLoss: train on nn.CrossEntropyLoss() of the logits for 'hihell' -> 'ihello'."
            )
        return _(
            "Every weight moved by {size:.3g}, as Adam's first step does at lr={size:.3g}, not at the lr given "
            "({lr}): pass lr=lr to torch.optim.Adam.",
            size=size.median().item(),
            lr=lr,
        )
    return _("Use torch.optim.Adam(model.parameters(), lr=lr) with its other settings left at their defaults.")


def adam_advice(start: Rebuilt, after: torch.Tensor, first_step: torch.Tensor | None, grad: torch.Tensor | None) -> str:
    """What to say when train's weights are not where Adam puts them: the known wrong optimizer or
    loop whose last weights match `after`, else, when the first step already differs (its weights
    `first_step`), what that step's size says."""
    # Several optimizers agree on the first step (RAdam's is SGD's): the last step tells them apart.
    advice = next(
        (
            a
            for weights, a in optimizer_mistakes(start, PINNED_STEPS, PINNED_LR)
            if (after - weights[-1]).abs().max().item() <= ADAM_ATOL
        ),
        "",
    )
    if not advice and first_step is not None and grad is not None:  # replay has a gradient: it steps
        advice = first_step_advice(first_step - flat_parameters(start), grad, PINNED_LR)
    return advice or _(
        "Build torch.optim.Adam(model.parameters(), lr=lr) once, before the loop, and each step call "
        "zero_grad, compute the loss, backward and step."
    )


def model_at_step(ex: Any, start: Rebuilt, step: int) -> tuple[nn.Module, str]:
    """The model that step `step` of train(steps=PINNED_STEPS, lr=PINNED_LR) starts from, with its
    label: train is seeded, so it is the model train(steps=step) returns (`start` for step 0)."""
    if step == 0:
        return start, label(ex.train, (), {"steps": 0, "lr": PINNED_LR})
    earlier, what = train_with(ex, steps=step, lr=PINNED_LR)
    model, _losses = checked_training(earlier, what, steps=step)
    return model, what


def loss_advice(start: Rebuilt, first_loss: float) -> str:
    """What the first loss reported says, when it is what a known wrong loss function gives."""
    return next((_(a) for value, a in loss_mistakes(start) if abs(first_loss - value) <= 1e-4), "")
