"""Graded tests for exercises/ex07_train_hihello.py."""

import math

import pytest
import torch
from torch import nn

from kata.i18n import N_, _
from kata.testing.calls import call
from kata.testing.char_rnn import Rebuilt, expect_same_forward, rebuild
from kata.testing.char_rnn import replay as replay_in_the_judge
from kata.testing.checks import expect_items, expect_on_device, expect_tensor, expect_type
from kata.testing.device import seed
from kata.testing.outcomes import fail
from kata.testing.remote import worker_rules
from kata.testing.values import label, short

TEXT = "hihello"
VOCAB = ["h", "i", "e", "l", "o"]
# Bounded tanh "logits" cannot push CrossEntropyLoss below ln(1 + 4 e^-2) on a 5-letter vocabulary.
TANH_FLOOR = math.log(1 + 4 * math.exp(-2))
META = torch.device("meta")
LOSSES_TYPE = N_("a list of Python floats, one per step")
LOSSES_WHY = N_(
    "Append loss.item(), not the loss tensor: a loss tensor keeps its whole autograd graph alive, so a list of "
    "them holds every step's graph in memory."
)
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
        _("CharRNN(5, 8)(x) for x of shape (3, 6, 5)"),
        shape=(3, 6, 5),
        axes=("batch", "seq_len", "vocab_size"),
        device=device,
        swap_hint="Build the RNN with batch_first=True.",
    )
    expect_reads_batch_first(model, x, "CharRNN(5, 8)")


def expect_reads_batch_first(model, x, what):
    """Each sequence of a batch is read on its own: its logits do not depend on the other rows."""
    if not reads_batch_first(model, x):
        fail(
            _(
                "{what}: the logits of a sequence change when other sequences share its batch, so the model reads "
                "the batch time-major (as seq_len, batch, features). Build its nn.RNN with batch_first=True.",
                what=what,
            )
        )


def reads_batch_first(model, x):
    """The last sequence of a batch gets the same logits alone as with the others before it (a
    time-major model would read the batch's rows as time steps, the last one after the rest)."""
    with torch.no_grad():
        together = call(model, x)
        alone = call(model, x[-1:])
    if isinstance(together, torch.Tensor) and isinstance(alone, torch.Tensor) and together.shape[1:] == alone.shape[1:]:
        return torch.allclose(together[-1:].float().cpu(), alone.float().cpu(), atol=1e-4)
    return True


@pytest.mark.parametrize(("vocab_size", "hidden_size"), [(4, 6), (7, 3)])
def test_char_rnn_uses_its_sizes(ex, vocab_size, hidden_size):
    """CharRNN(vocab_size, hidden_size) builds its RNN and head from both sizes"""
    model = call(ex.CharRNN, vocab_size, hidden_size)
    what = f"CharRNN({vocab_size}, {hidden_size})"
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
    what = label(ex.train, (TEXT, 8, 100, 0.1, 0, device))
    if not isinstance(result, tuple | list) or len(result) != 2:
        fail(
            _("{what} returned {short_result}; expected a pair (model, losses).", what=what, short_result=short(result))
        )
    model, losses = checked_training(result, what, steps=100)
    return model, losses, what


def checked_training(result, what, *, steps):
    """(model, losses) exactly as documented: a tuple, an nn.Module, a list of `steps` Python floats."""
    if not isinstance(result, tuple) or len(result) != 2:
        fail(
            _("{what} returned {short_result}; expected a pair (model, losses).", what=what, short_result=short(result))
        )
    model, losses = result
    if not isinstance(model, nn.Module):
        fail(
            _("{what} returned {short_model} as the model; expected your CharRNN.", what=what, short_model=short(model))
        )
    expect_type(losses, _("{what}'s losses", what=what), list, LOSSES_TYPE, LOSSES_WHY)
    expect_items(losses, _("{what}'s losses", what=what), float, LOSSES_TYPE, LOSSES_WHY)
    if len(losses) != steps:
        fail(
            _(
                "{what} returned {len_losses} losses; expected one per step: {steps}.",
                what=what,
                len_losses=len(losses),
                steps=steps,
            )
        )
    return model, losses


def test_training_predicts_ihello(ex, trained):
    """After training, "hihell" predicts "ihello\""""
    model, _losses, what = trained
    got = predicted(
        ex,
        model,
        "hihell",
        VOCAB,
        _("predict(<model from {what}>, {text}, {vocab})", what=what, text=repr("hihell"), vocab=VOCAB),
    )
    if got != "ihello":
        has_head = any(isinstance(m, nn.Linear) for m in model.modules())
        if got == "ilello" and not has_head:
            hint = " " + _("That is the course lab's result: add a Linear head after the RNN.")
        else:
            hint = " " + training_diagnosis(model)
        fail(
            _(
                "predict(<model from {what}>, 'hihell', {VOCAB}) returned {got}; expected 'ihello'.{hint}",
                what=what,
                VOCAB=VOCAB,
                got=repr(got),
                hint=hint,
            )
        )


HEAD_PRESENT = N_(
    "Your model has a Linear head, so its logits are not bounded: the cause is elsewhere, most likely in the "
    "training loop (optimizer over model.parameters(), at the lr given, zero_grad, backward and step every step)."
)


def training_diagnosis(model):
    """The most likely cause when a trained model falls short, found by looking at the model:
    no head, logits squashed after the head, a time-major RNN, else the training loop."""
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
    return _(HEAD_PRESENT)


def test_loss_falls_below_what_tanh_logits_allow(ex, trained):
    """The loss falls, below the 0.43 floor that tanh outputs fed to CrossEntropyLoss cannot cross"""
    model, losses, what = trained
    if not losses[-1] < losses[0] / 2:
        fail(
            _(
                "{what}: the loss went from {losses_0:.3f} to {losses_1:.3f}; it should fall. Call optimizer.zero_grad(), loss.backward() and optimizer.step() every step.",
                what=what,
                losses_0=losses[0],
                losses_1=losses[-1],
            )
            + " "
            + training_diagnosis(model)
        )
    if not losses[-1] < TANH_FLOOR:
        fail(
            _(
                "{what}: the final loss is {losses_1:.3f}, not below {TANH_FLOOR:.2f}.",
                what=what,
                losses_1=losses[-1],
                TANH_FLOOR=TANH_FLOOR,
            )
            + " "
            + training_diagnosis(model)
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


@pytest.mark.parametrize(("text", "expect"), [("hihell", "ihello"), ("hih", "ihe"), ("h", "i")])
def test_predict_any_prefix(ex, trained, text, expect):
    """predict gives one next character per input position"""
    model, _losses, what = trained
    got = predicted(
        ex,
        model,
        text,
        VOCAB,
        _("predict(<model from {what}>, {text}, {vocab})", what=what, text=repr(text), vocab=VOCAB),
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


def train_with(ex, **kwargs):
    """train(**kwargs), called with the documented parameter names."""
    return call(ex.train, **kwargs), label(ex.train, (), kwargs)


def test_defaults_are_the_documented_ones(ex, trained, device):
    """train() means text="hihello", hidden_size=8, steps=100, lr=0.1, seed=0, on the CPU"""
    result, what = train_with(ex)
    model, losses = checked_training(result, what, steps=100)
    expect_on_device(model, "cpu", what)
    if device.type == "cpu":  # the module's training run passed every documented default explicitly
        _model, explicit_losses, explicit_what = trained
    else:
        explicit, explicit_what = train_with(ex, text="hihello", hidden_size=8, steps=100, lr=0.1, seed=0)
        _model, explicit_losses = checked_training(explicit, explicit_what, steps=100)
    if any(abs(a - b) > 1e-6 for a, b in zip(losses, explicit_losses)):
        fail(
            _(
                "{what} and {explicit_what} gave different losses, so at least one default differs from the "
                'documented text="hihello", hidden_size=8, steps=100, lr=0.1, seed=0.',
                what=what,
                explicit_what=explicit_what,
            )
        )


def test_steps_and_lr_are_used(ex):
    """train(steps=n) takes n steps; lr=0 leaves the loss flat; another lr trains differently"""
    result, what = train_with(ex, steps=7)
    checked_training(result, what, steps=7)
    result, what = train_with(ex, steps=5, lr=0.0)
    _model, flat = checked_training(result, what, steps=5)
    if max(flat) - min(flat) > 1e-6:
        fail(
            _(
                "{what}: with lr=0.0 the loss still changed ({losses}); the optimizer must use lr.",
                what=what,
                losses=[round(v, 4) for v in flat],
            )
        )
    slow, slow_what = train_with(ex, steps=5, lr=0.01)
    _model, slow_losses = checked_training(slow, slow_what, steps=5)
    fast, fast_what = train_with(ex, steps=5, lr=0.1)
    _model, fast_losses = checked_training(fast, fast_what, steps=5)
    if slow_losses == fast_losses:
        fail(_("{a} and {b} gave identical losses: lr is not used.", a=slow_what, b=fast_what))


@pytest.mark.parametrize(("text", "hidden_size"), [("abcabd", 6)])
def test_text_and_hidden_size_are_used(ex, text, hidden_size):
    """train(text=..., hidden_size=...) learns that text, over its own vocabulary, with that hidden size"""
    result, what = train_with(ex, text=text, hidden_size=hidden_size)
    model, _losses = checked_training(result, what, steps=100)
    vocab = list(dict.fromkeys(text))
    rnns = [m for m in model.modules() if isinstance(m, nn.RNN)]
    if not rnns or rnns[0].hidden_size != hidden_size or rnns[0].input_size != len(vocab):
        fail(
            _(
                "{what}: the model's nn.RNN should read {vocab_size} inputs (one per character of {vocab}) into "
                "hidden_size={hidden_size}; it has {got}.",
                what=what,
                vocab_size=len(vocab),
                vocab=vocab,
                hidden_size=hidden_size,
                got=(f"input_size={rnns[0].input_size}, hidden_size={rnns[0].hidden_size}" if rnns else "no nn.RNN"),
            )
        )
    got = predicted(
        ex,
        model,
        text[:-1],
        vocab,
        _("predict(<model from {what}>, {text}, {vocab})", what=what, text=repr(text[:-1]), vocab=vocab),
    )
    if got != text[1:]:
        fail(
            _(
                "predict(<model from {what}>, {prefix}, {vocab}) returned {got}; expected {want}.",
                what=what,
                prefix=repr(text[:-1]),
                vocab=vocab,
                got=repr(got),
                want=repr(text[1:]),
            )
        )


@pytest.fixture
def meta_placeholders():
    """Meta tensors have shapes but no values: here .item(), float(), .cpu() and .tolist() of a meta tensor give
    placeholders instead of failing, so a training loop can run on the meta device (in the worker:
    kata.engine.worker.RULES)."""
    with worker_rules("meta_placeholders"):
        yield


def test_device_is_honoured_on_meta(ex, meta_placeholders):
    """train(device=...) puts the model and the data on that device (PyTorch's meta device, on every machine)"""
    result, what = train_with(ex, steps=2, device=META)
    model, _losses = checked_training(result, what, steps=2)
    expect_on_device(model, META, what)


# --- The documented algorithm: Adam at lr, CrossEntropyLoss (pinned by what training does) -----

PINNED_LR = 0.05  # not the default, so an optimizer that ignores lr shows too
PINNED_STEPS = 3  # Adam's second and third steps use its running averages: a fresh optimizer per step shows
ADAM_ATOL = 2e-5  # float32 rounding of one Adam step is about 1e-7; AdamW's default decay moves weights ~1e-4


def hihello_data(device="cpu"):
    """The documented data, built without the learner's code: one-hot "hihell" and the indices of "ihello"."""
    x = torch.eye(len(VOCAB))[[VOCAB.index(c) for c in TEXT[:-1]]].unsqueeze(0).to(device)
    y = torch.tensor([VOCAB.index(c) for c in TEXT[1:]], device=device)
    return x, y


def flat_parameters(model):
    return torch.cat([p.detach().reshape(-1).cpu().double() for p in model.parameters()])


def start_of_training(ex):
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
        _("the model of {what}, called on one-hot 'hihell' of shape (1, 6, 5)", what=what),
        shape=(1, 6, 5),
        axes=("batch", "seq_len", "vocab_size"),
        device="cpu",
    )
    # From here on the judge computes with its own rebuild of the model, once the learner's
    # forward is seen to be the documented one on the data and on a fresh input.
    rebuilt = rebuild(model, what)
    expect_same_forward(logits, rebuilt, x, what)
    fresh = torch.randn(2, 4, len(VOCAB), generator=torch.Generator().manual_seed(11))
    with torch.no_grad():
        expect_same_forward(call(model, fresh), rebuilt, fresh, what)
    return rebuilt


def replay(start, steps, lr, optimizer=torch.optim.Adam, *, fresh_each_step=False, zero_grad=True):
    """What training from `start` does: its losses, the weights after each step, and the first
    gradient. By default the documented training (Adam at lr on CrossEntropyLoss); the keywords
    give the known slips. It runs here, in the judge, on its rebuild of the learner's model."""
    x, y = hihello_data()
    return replay_in_the_judge(
        start, x, y, steps=steps, lr=lr, optimizer=optimizer, fresh_each_step=fresh_each_step, zero_grad=zero_grad
    )


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


def optimizer_mistakes(start, steps, lr):
    """The weights after each step for each known wrong optimizer or loop, with what to say about it."""
    found = []
    for name in ("AdamW", "Adamax", "NAdam", "RAdam"):
        _l, weights, _g = replay(start, steps, lr, getattr(torch.optim, name))
        found.append((weights, _(OTHER_OPTIMIZER, name=name)))
    _l, weights, _g = replay(start, steps, lr, fresh_each_step=True)
    found.append((weights, _(FRESH_OPTIMIZER)))
    _l, weights, _g = replay(start, steps, lr, zero_grad=False)
    found.append((weights, _(NO_ZERO_GRAD)))
    return found


def loss_mistakes(start):
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
    ]


def cross_entropy_of(model, what):
    """The loss of the judge's rebuild of `model` (a learner's model: rebuilt first)."""
    x, y = hihello_data()
    rebuilt = model if isinstance(model, Rebuilt) else rebuild(model, what)
    with torch.no_grad():
        logits = rebuilt(x)
    if not isinstance(logits, torch.Tensor) or logits.numel() != y.numel() * len(VOCAB):
        return float("nan")
    return nn.functional.cross_entropy(logits.reshape(-1, len(VOCAB)).double(), y).item()


def test_loss_is_cross_entropy(ex):
    """train reports, at every step, the CrossEntropyLoss of the model's logits for "hihell" -> "ihello\""""
    start = start_of_training(ex)
    result, what = train_with(ex, steps=PINNED_STEPS, lr=PINNED_LR)
    _model, losses = checked_training(result, what, steps=PINNED_STEPS)
    for step in range(PINNED_STEPS):
        # train(steps=step) is seeded, so its model is the one that step `step` of this run starts from
        if step == 0:
            model, model_what = start, label(ex.train, (), {"steps": 0, "lr": PINNED_LR})
        else:
            earlier, model_what = train_with(ex, steps=step, lr=PINNED_LR)
            model, _losses = checked_training(earlier, model_what, steps=step)
        want = cross_entropy_of(model, model_what)
        if abs(losses[step] - want) <= 1e-4:
            continue
        advice = ""
        if step == 0:
            advice = next((_(a) for value, a in loss_mistakes(start) if abs(losses[0] - value) <= 1e-4), "")
        fail(
            _(
                "{what}: the loss of step {step} is {got:.4f}; the CrossEntropyLoss of the model that step starts "
                "from (the model of {model_what}) on 'hihell' -> 'ihello' is {want:.4f}. Use nn.CrossEntropyLoss() "
                "on logits reshaped to (N, vocab_size) and targets of shape (N,), and append that step's "
                "loss.item().",
                what=what,
                step=step,
                got=losses[step],
                model_what=model_what,
                want=want,
            )
            + ((" " + advice) if advice else "")
        )


def first_step_advice(moved, grad, lr):
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
        return
    steps = wrong[0]
    after, what = runs[PINNED_STEPS]
    # Several optimizers agree on the first step (RAdam's is SGD's): the last step tells them apart.
    advice = next(
        (
            a
            for weights, a in optimizer_mistakes(start, PINNED_STEPS, PINNED_LR)
            if (after - weights[-1]).abs().max().item() <= ADAM_ATOL
        ),
        "",
    )
    if not advice and steps == 1:
        advice = first_step_advice(runs[1][0] - flat_parameters(start), grad, PINNED_LR)
    fail(
        _(
            "{what}: after step {steps} the weights are not where Adam at lr={lr} on CrossEntropyLoss puts them, "
            "starting from the same model.",
            what=runs[steps][1],
            steps=steps,
            lr=PINNED_LR,
        )
        + " "
        + (
            advice
            or _(
                "Build torch.optim.Adam(model.parameters(), lr=lr) once, before the loop, and each step call "
                "zero_grad, compute the loss, backward and step."
            )
        )
    )


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


def wrong_axes(model, text, vocab):
    """What predict gives when its argmax runs over another axis of the (1, seq_len, vocab) logits:
    a string, or IndexError where an index falls past the vocabulary; with what to say about it."""
    where = next(model.parameters()).device
    x = torch.eye(len(vocab))[[vocab.index(c) for c in text]].unsqueeze(0).to(where)
    with torch.no_grad():
        logits = call(model, x)
    if not isinstance(logits, torch.Tensor) or logits.dim() != 3:
        return "", []
    right = "".join(vocab[i] for i in logits.argmax(dim=-1)[0].tolist())
    found = []
    for dim in (1, 0):
        indices = logits.argmax(dim=dim)[0].tolist()
        if any(i >= len(vocab) for i in indices):
            found.append((IndexError, _(AXIS_TIME_INDEX, last=len(text) - 1, size=len(vocab))))
        else:
            found.append(("".join(vocab[i] for i in indices), _(AXIS_TIME if dim == 1 else AXIS_BATCH)))
    if found[0][0] == found[1][0]:  # one time step: both wrong axes give the same indices
        found = [(found[0][0], _(AXIS_EITHER))]
    return right, [(outcome, advice) for outcome, advice in found if outcome != right]


def predicted(ex, model, text, vocab, what):
    """predict(model, text, vocab) as a string of len(text) characters, or a failure that names the
    argmax axis when the result (or the error) is what another axis gives."""
    _right, mistakes = wrong_axes(model, text, vocab)
    try:
        got = call(ex.predict, model, text, vocab)
    except pytest.fail.Exception as failure:
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
