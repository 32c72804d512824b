"""Graded tests for exercises/ex07_train_hihello.py."""

import math

import pytest
import torch
from torch import nn

from kata.i18n import _
from kata.testing.calls import call
from kata.testing.char_rnn import rebuild
from kata.testing.char_rnn_diagnoses import (
    ADAM_ATOL,
    PINNED_LR,
    PINNED_STEPS,
    adam_advice,
    checked_training,
    cross_entropy_of,
    expect_reads_batch_first,
    expect_rnn_sizes,
    flat_parameters,
    loss_advice,
    model_at_step,
    replay,
    start_of_training,
    train_with,
    training_diagnosis,
)
from kata.testing.char_rnn_predict import PREDICTED_WRONG, expect_predict_on_meta, predicted_by
from kata.testing.char_rnn_vocab import TEXT, VOCAB, expect_trained_sizes, trained_order_advice
from kata.testing.checks import expect_on_device, expect_tensor
from kata.testing.default_device import expect_cpu_when_device_is_none
from kata.testing.device import seed
from kata.testing.outcomes import fail
from kata.testing.trained_model import (
    expect_adam_to_the_end,
    expect_predict_follows_the_model,
    expect_steps_and_lr_in_the_weights,
    judged_loss,
    remember_training,
    vouch_for,
)
from kata.testing.values import label, short

# Bounded tanh "logits" cannot push CrossEntropyLoss below ln(1 + 4 e^-2) on a 5-letter vocabulary.
TANH_FLOOR = math.log(1 + 4 * math.exp(-2))
META = torch.device("meta")
# Steps of the short run train()'s first losses are held to (test_defaults_are_the_documented_ones).
DEFAULTS_SHOWN_IN = 3
# Steps of the training on "abcabd": the reference, and a model that builds its head first, predict it
# right from 25 steps on, for seeds 0 to 11; the default 100 would only cost time.
TEXT_STEPS = 50
# The first optimizer step imports torch._dynamo (1-1.5 s), and a slow CUDA start took over 5 s: 30 s a test.
pytestmark = pytest.mark.timeout(30)


@pytest.fixture(scope="module")
def ex(learner):
    return learner("ex07_train_hihello")


def test_char_rnn_shapes(ex, device):
    """CharRNN maps (batch, seq_len, vocab) one-hot input to (batch, seq_len, vocab) logits"""
    model = call(ex.CharRNN, 5, 8)
    if not isinstance(model, nn.Module):
        fail(_("ex07_train_hihello.CharRNN(5, 8) is {short_model}; expected an nn.Module.", short_model=short(model)))
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
        _("CharRNN(5, 8)(x) for x of shape (3, 6, 5)"),
        shape=(3, 6, 5),
        axes=("batch", "seq_len", "vocab_size"),
        device=device,
        swap_hint="Build the RNN with batch_first=True.",
    )
    expect_reads_batch_first(model, x, "CharRNN(5, 8)")


@pytest.mark.parametrize(("vocab_size", "hidden_size"), [(4, 6), (7, 3)])
def test_char_rnn_uses_its_sizes(ex, vocab_size, hidden_size):
    """CharRNN(vocab_size, hidden_size) builds its RNN and head from both sizes"""
    model = call(ex.CharRNN, vocab_size, hidden_size)
    what = f"CharRNN({vocab_size}, {hidden_size})"
    expect_rnn_sizes(model, vocab_size, hidden_size, what)
    x = torch.eye(vocab_size)[torch.randint(0, vocab_size, (2, 5))]
    expect_tensor(
        call(model, x),
        _("{what}(x) for x of shape (2, 5, {vocab_size})", what=what, vocab_size=vocab_size),
        shape=(2, 5, vocab_size),
        axes=("batch", "seq_len", "vocab_size"),
    )


@pytest.fixture(scope="module")
def trained(ex, device):
    """Train once for the tests that read the trained model (training is seeded, so this is safe)."""
    seed(0)
    result = call(ex.train, TEXT, 8, 100, 0.1, 0, device)
    model, losses = checked_training(result, what := label(ex.train, (TEXT, 8, 100, 0.1, 0, device)), steps=100)
    remember_training(model, losses, device)
    return model, losses, what


def test_training_predicts_ihello(ex, trained):
    """After training, "hihell" predicts "ihello\""""
    model, _losses, what = trained
    got = predicted_by(ex, model, "hihell", VOCAB, what)
    if got == "ihello":
        vouch_for(ex, model, what)
    if got != "ihello":
        has_head = any(isinstance(m, nn.Linear) for m in model.modules())
        if got == "ilello" and not has_head:
            hint = " " + _("Your code's result matches the course lab's: add a Linear head after the RNN.")
        else:
            hint = " " + training_diagnosis(model)
        fail(_(PREDICTED_WRONG, what=what, text=repr("hihell"), vocab=VOCAB, got=repr(got), want=repr("ihello")) + hint)


def test_loss_falls_below_what_tanh_logits_allow(ex, trained):
    """The loss falls, below the 0.43 floor that tanh outputs fed to CrossEntropyLoss cannot cross"""
    model, losses, what = trained
    final = judged_loss(model, losses[-1])  # the judge's own, from the model that came back
    if not final < losses[0] / 2:
        fail(
            _(
                "{what}: the loss was {losses_0:.3f} at the first step and {losses_1:.3f} at the last; it should "
                "have fallen below half of where it started.",
                what=what,
                losses_0=losses[0],
                losses_1=final,
            )
            + " "
            + (  # the diagnosis names a cause, or says what to check in the loop: not the loop advice twice
                training_diagnosis(model)
                or _("Call optimizer.zero_grad(), loss.backward() and optimizer.step() every step.")
            )
        )
    if not final < TANH_FLOOR:
        fail(
            _(
                "{what}: the final loss is {losses_1:.3f}, not below {TANH_FLOOR:.2f}.",
                what=what,
                losses_1=final,
                TANH_FLOOR=TANH_FLOOR,
            )
            + " "
            + training_diagnosis(model)
        )
    vouch_for(ex, model, what)


def test_training_is_seeded(ex, device):
    """train(seed=...) is reproducible: the same seed gives the same losses, another seed others"""
    # A few steps show it: what is drawn unseeded (the model's first weights, above all) shows at the first.
    whats = [label(ex.train, (TEXT, 8, 5, 0.1, s, device)) for s in (3, 3, 4)]  # the same seed twice, then another
    runs = [checked_training(call(ex.train, TEXT, 8, 5, 0.1, s, device), w, steps=5) for s, w in zip((3, 3, 4), whats)]
    (a, b, c), weights = [r[1] for r in runs], [flat_parameters(rebuild(r[0], w)) for r, w in zip(runs, whats)]
    if not all(abs(x - y) <= 1e-5 for x, y in zip(a, b)) or not torch.equal(weights[0], weights[1]):
        fail(
            _(
                "ex07_train_hihello.train(..., seed=3) twice gave different losses. Call torch.manual_seed(seed) at the start of train, before building the model."
            )
        )
    if a == c or torch.equal(weights[0], weights[2]):
        fail(_("ex07_train_hihello.train(..., seed=4) gave the losses of seed=3: the seed is not used."))


@pytest.mark.parametrize(("text", "expect"), [("hihell", "ihello"), ("hih", "ihe"), ("h", "i")])
def test_predict_any_prefix(ex, trained, text, expect):
    """predict gives one next character per input position"""
    model, _losses, what = trained
    got = predicted_by(ex, model, text, VOCAB, what)
    if got == expect:
        vouch_for(ex, model, what, text)
    if got != expect:
        fail(
            _(
                PREDICTED_WRONG,
                what=what,
                text=repr(text),
                vocab=VOCAB,
                got=repr(got),
                want=repr(expect),
            )
            + ((" " + advice) if (advice := trained_order_advice(model)) else "")
        )


def test_defaults_are_the_documented_ones(ex):
    """train() means text="hihello", hidden_size=8, steps=100, lr=0.1, seed=0, on the CPU"""
    result, what = train_with(ex)
    model, losses = checked_training(result, what, steps=100)
    expect_on_device(model, "cpu", what)
    # Training is seeded, so train()'s first steps are those of a short run given every documented
    # value but steps (which the number of losses shows): text, size and seed show at the first loss,
    # lr at the second. How many losses that run returns is the steps test's to judge.
    explicit, explicit_what = train_with(ex, text="hihello", hidden_size=8, steps=DEFAULTS_SHOWN_IN, lr=0.1, seed=0)
    _model, explicit_losses = checked_training(explicit, explicit_what, steps=None)
    if any(not abs(a - b) <= 1e-6 for a, b in zip(losses, explicit_losses)):  # NaN-safe
        fail(
            _(
                "{what} and {explicit_what} gave different losses, which means at least one default differs from the "
                'documented text="hihello", hidden_size=8, steps=100, lr=0.1, seed=0.',
                what=what,
                explicit_what=explicit_what,
            )
        )


def test_steps_and_lr_are_used(ex):
    """train(steps=n) takes n steps; lr=0 leaves the loss flat; another lr trains differently"""
    runs = {}  # (steps, lr) -> (model, losses, label): judged from the models that came back, at the end
    for steps, lr in ((7, 0.1), (5, 0.0), (5, 0.01), (5, 0.1)):
        result, what = train_with(ex, steps=7) if steps == 7 else train_with(ex, steps=steps, lr=lr)
        runs[steps, lr] = (*checked_training(result, what, steps=steps), what)
    _model, flat, what = runs[5, 0.0]
    if not max(flat) - min(flat) <= 1e-6:  # NaN-safe
        fail(
            _(
                "{what}: with lr=0.0 the loss still changed ({losses}); the optimizer must use lr.",
                what=what,
                losses=[round(v, 4) for v in flat],
            )
        )
    if runs[5, 0.01][1] == runs[5, 0.1][1]:
        fail(_("{a} and {b} gave identical losses: lr is not used.", a=runs[5, 0.01][2], b=runs[5, 0.1][2]))
    expect_steps_and_lr_in_the_weights(ex, runs)  # what the models say, not what the losses reported say


@pytest.mark.parametrize(("text", "hidden_size"), [("abcabd", 6)])
def test_text_and_hidden_size_are_used(ex, text, hidden_size):
    """train(text=..., hidden_size=...) learns that text, over its own vocabulary, with that hidden size"""
    result, what = train_with(ex, text=text, hidden_size=hidden_size, steps=TEXT_STEPS)
    model, _losses = checked_training(result, what, steps=None)  # the steps test judges how many it took
    vocab = list(dict.fromkeys(text))
    expect_trained_sizes(model, vocab, hidden_size, what)
    got = predicted_by(ex, model, text[:-1], vocab, what)
    if got == text[1:]:  # and on a text it never saw, predict says what the model's logits say
        expect_predict_follows_the_model(ex, model, rebuild(model, what), text[::-1], what, vocab)
    if got != text[1:]:
        fail(
            _(
                PREDICTED_WRONG,
                what=what,
                text=repr(text[:-1]),
                vocab=vocab,
                got=repr(got),
                want=repr(text[1:]),
            )
        )


@pytest.mark.worker_rules("meta_placeholders")  # .item() and the like of a meta tensor give placeholders
def test_device_is_honoured_on_meta(ex):
    """train(device=...) puts the model and the data on that device (PyTorch's meta device, on every machine)"""
    result, what = train_with(ex, steps=1, device=META)  # one step runs every part of the loop on the device
    model, _losses = checked_training(result, what, steps=1)
    expect_on_device(model, META, what)


@pytest.mark.worker_rules("meta_placeholders")  # .tolist() of meta logits gives placeholders
def test_predict_on_the_models_device_on_meta(ex):
    """predict builds its input on the model's device (PyTorch's meta device, on every machine)"""
    expect_predict_on_meta(ex, VOCAB)


# --- The documented algorithm: Adam at lr, CrossEntropyLoss (pinned by what training does) -----


def test_loss_is_cross_entropy(ex):
    """train reports, at every step, the CrossEntropyLoss of the model's logits for "hihell" -> "ihello\""""
    start = start_of_training(ex)
    result, what = train_with(ex, steps=PINNED_STEPS, lr=PINNED_LR)
    _model, losses = checked_training(result, what, steps=PINNED_STEPS)
    for step in range(PINNED_STEPS):
        model, model_what = model_at_step(ex, start, step)
        want = cross_entropy_of(model, model_what)
        if abs(losses[step] - want) <= 1e-4:
            continue
        advice = loss_advice(start, losses[0]) if step == 0 else ""  # a named cause replaces the general advice
        fail(
            _(
                "{what}: the loss of step {step} is {got:.4f}; the CrossEntropyLoss of the model that step starts "
                "from (the one {model_what} returns) on 'hihell' -> 'ihello' is {want:.4f}.",
                what=what,
                step=step,
                got=losses[step],
                model_what=model_what,
                want=want,
            )
            + " "
            + (
                advice
                or _(
                    "Use nn.CrossEntropyLoss() on logits reshaped to (N, vocab_size) and targets of shape (N,), and "
                    "append that step's loss.item()."
                )
            )
        )


@pytest.mark.shares("trained")  # make watch grades it beside the fixture whose CPU training it replays
def test_steps_are_adam_at_lr(ex):
    """train takes its steps with torch.optim.Adam at the lr given"""
    start = start_of_training(ex)
    _losses, want, grad = replay(start, PINNED_STEPS, PINNED_LR)
    runs = {}
    for steps in (1, PINNED_STEPS):
        result, what = train_with(ex, steps=steps, lr=PINNED_LR)
        model, _losses = checked_training(result, what, steps=steps)
        runs[steps] = (flat_parameters(model), what)
        if runs[steps][0].shape != want[0].shape:
            fail(_("{what} returned a model with other weights than the one it starts from.", what=what))
    wrong = [s for s in runs if (runs[s][0] - want[s - 1]).abs().max().item() > ADAM_ATOL]
    if not wrong:
        return expect_adam_to_the_end(ex, start)  # and the whole default training, where the judge repeats it
    steps = wrong[0]
    after, what = runs[PINNED_STEPS]
    fail(
        _(
            "{what}: after {steps} the weights are not where Adam at lr={lr} on CrossEntropyLoss puts them, "
            "starting from the same model.",
            what=runs[steps][1],
            steps=_("one step") if steps == 1 else _("{count} steps", count=steps),
            lr=PINNED_LR,
        )
        + " "
        + adam_advice(start, after, runs[1][0] if steps == 1 else None, grad)
    )


def test_device_none_means_the_cpu(ex):
    """train() without a device trains on the CPU, also where CUDA is available"""
    expect_cpu_when_device_is_none(ex.train, steps=1)  # one step runs every part of the loop
