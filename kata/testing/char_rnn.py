"""ex07's model as the judge rebuilds it, and its training as the judge replays it.

The learner's CharRNN crosses from the worker as a description: its class name (never trusted),
its children, their parameters. The documented architecture is a batch-first nn.RNN and an
nn.Linear head, nothing else with parameters. The judge rebuilds exactly that from the
parameters reported, compares the learner's forward with its rebuild on fresh inputs, and then
replays the training itself: torch's own Adam and CrossEntropyLoss, here, where graded code
cannot rename them. No number the worker reports about training is taken on its word.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import torch
from torch import nn

from kata.i18n import N_, _
from kata.testing.outcomes import fail

NOT_THE_ARCHITECTURE = N_(
    "{what} is not the documented model: CharRNN holds one batch-first nn.RNN and one nn.Linear head that "
    "maps hidden_size features to vocab_size logits, and no other parameters (found: {found})."
)
OWN_CLASS = N_("{kind} {name}, a class that is not torch's own")
TIME_MAJOR = N_("{kind} {name} without batch_first=True")
SIZED = N_("{kind} {name} ({sizes})")
NOT_THE_FORWARD = N_(
    "{what}: model(x) is not the head applied to the RNN's outputs: on a fresh input its logits differ from "
    "head(rnn(x)[0]) by {gap:.3g}. forward runs the rnn, then the head on its outputs, and returns those logits."
)


class Rebuilt(nn.Module):
    """head(rnn(x)[0]) with copies of the learner's own nn.RNN and nn.Linear, registered in the
    order the learner's model lists their parameters (so flat weights line up with theirs)."""

    rnn: nn.RNN
    head: nn.Linear

    def __init__(self, rnn: nn.RNN, head: nn.Linear, rnn_first: bool) -> None:
        super().__init__()
        for name, part in (("rnn", rnn), ("head", head)) if rnn_first else (("head", head), ("rnn", rnn)):
            self.add_module(name, copy.deepcopy(part))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        outputs, _h = self.rnn(x)
        return self.head(outputs)


def _part(name: str, part: nn.Module, sizes_differ: bool) -> str:
    """One child as the message names it, with what keeps it from the documented model: an RNN
    read time-major, or (when the RNN's and the head's sizes do not meet) the sizes of both."""
    kind = type(part).__name__
    if not type(part).__module__.startswith("torch"):
        return _(OWN_CLASS, kind=kind, name=name)
    if isinstance(part, nn.RNN) and not part.batch_first:
        return _(TIME_MAJOR, kind=kind, name=name)
    if sizes_differ and isinstance(part, nn.RNN):
        return _(SIZED, kind=kind, name=name, sizes=f"input_size={part.input_size}, hidden_size={part.hidden_size}")
    if sizes_differ and isinstance(part, nn.Linear):
        return _(SIZED, kind=kind, name=name, sizes=f"in_features={part.in_features}, out_features={part.out_features}")
    return _("{kind} {name}", kind=kind, name=name)


def _rnn_and_head(model: nn.Module) -> tuple[nn.RNN, nn.Linear] | None:
    """The model's one nn.RNN and one nn.Linear, anywhere in it; None unless there is exactly one of each."""
    parts = [m for m in model.modules() if m is not model]
    rnns = [m for m in parts if type(m) is nn.RNN]
    heads = [m for m in parts if type(m) is nn.Linear]
    return (rnns[0], heads[0]) if len(rnns) == 1 and len(heads) == 1 else None


def _sizes_meet(rnn: nn.RNN, head: nn.Linear) -> bool:
    """The head maps the RNN's hidden_size features to its input_size (vocab_size) logits."""
    return rnn.hidden_size == head.in_features and rnn.input_size == head.out_features


def _found(model: nn.Module) -> str:
    pair = _rnn_and_head(model)
    differ = pair is not None and not _sizes_meet(*pair)
    parts = [_part(name, c, differ) for name, c in model.named_children()]
    parts += [_("parameter {name}", name=name) for name, _p in model.named_parameters(recurse=False)]
    return ", ".join(parts) or _("nothing")


def rebuilt_or_none(model: nn.Module) -> Rebuilt | None:
    """The judge's own CharRNN with the learner's weights, or None when the learner's model is not
    the documented architecture: exactly one nn.RNN (batch-first) and one nn.Linear anywhere in it
    (inside an nn.Sequential or nn.ModuleDict too), owning every parameter the model has."""
    pair = _rnn_and_head(model)
    if pair is None:
        return None
    rnn, head = pair
    theirs = {id(p) for p in [*rnn.parameters(), *head.parameters()]}
    everything = list(model.parameters())
    if any(id(p) not in theirs for p in everything) or not everything:
        return None
    if not rnn.batch_first or not _sizes_meet(rnn, head):
        return None
    return Rebuilt(rnn, head, rnn_first=id(everything[0]) in {id(p) for p in rnn.parameters()})


def rebuild(model: nn.Module, what: str) -> Rebuilt:
    """rebuilt_or_none, failing with what was found where the model is not the documented one."""
    rebuilt = rebuilt_or_none(model)
    if rebuilt is None:
        fail(_(NOT_THE_ARCHITECTURE, what=what, found=_found(model)))
    return rebuilt


def expect_same_forward(model_logits: torch.Tensor, rebuilt: Rebuilt, x: torch.Tensor, what: str) -> None:
    """The learner's logits on x (computed in the worker) against the rebuild's (computed here)."""
    with torch.no_grad():
        want = rebuilt(x.to(next(rebuilt.parameters()).device))
    if not isinstance(model_logits, torch.Tensor) or model_logits.shape != want.shape:
        return  # the shape checks say so in their own words
    gap = (model_logits.detach().cpu().double() - want.cpu().double()).abs().max().item()
    if not gap <= 1e-4:
        fail(_(NOT_THE_FORWARD, what=what, gap=gap))


# The replays kept (see replay_ahead): only of the documented training, Adam built once and
# zero_grad every step (replay's optimizer, fresh_each_step, zero_grad), never of a known slip.
DOCUMENTED = (torch.optim.Adam, False, True)
_replayed: dict[tuple, tuple[list[float], list[torch.Tensor], torch.Tensor | None]] = {}


def replay(
    start: Rebuilt,
    x: torch.Tensor,
    y: torch.Tensor,
    *,
    steps: int,
    lr: float,
    optimizer: Callable[..., torch.optim.Optimizer] = torch.optim.Adam,
    fresh_each_step: bool = False,
    zero_grad: bool = True,
) -> tuple[list[float], list[torch.Tensor], torch.Tensor | None]:
    """Training from `start` (a copy of it): `optimizer` at lr on CrossEntropyLoss, `steps` steps.
    The losses, the flat weights after each step, and the first gradient. The documented training
    (Adam) is kept by what it started from, to the bit: see replay_ahead."""
    key = _replay_key(start, x, y, steps, lr) if (optimizer, fresh_each_step, zero_grad) == DOCUMENTED else None
    if key is not None and key in _replayed:
        kept_losses, kept_weights, grad = _replayed[key]
        return list(kept_losses), [w.clone() for w in kept_weights], None if grad is None else grad.clone()
    model = copy.deepcopy(start)
    vocab_size = model.head.out_features
    make = lambda: optimizer(model.parameters(), lr=lr)  # noqa: E731 - built again for fresh_each_step
    chosen = make()
    cross_entropy = nn.CrossEntropyLoss()
    losses: list[float] = []
    weights: list[torch.Tensor] = []
    first_grad = None
    for _step in range(steps):
        if fresh_each_step:
            chosen = make()
        if zero_grad:
            chosen.zero_grad()
        loss = cross_entropy(model(x).reshape(-1, vocab_size), y.reshape(-1))
        loss.backward()
        if first_grad is None:
            first_grad = torch.cat([p.grad.reshape(-1).double() for p in model.parameters() if p.grad is not None])
        chosen.step()
        losses.append(loss.detach().item())
        weights.append(torch.cat([p.detach().reshape(-1).cpu().double() for p in model.parameters()]))
    if key is not None:
        _replayed[key] = (
            list(losses),
            [w.clone() for w in weights],
            None if first_grad is None else first_grad.clone(),
        )
    return losses, weights, first_grad


def _replay_key(start: Rebuilt, x: torch.Tensor, y: torch.Tensor, steps: int, lr: float) -> tuple | None:
    """What a replay of the documented training depends on, exactly: the modules' settings, every
    parameter's bytes, dtype, shape and requires_grad (a frozen one stays where it starts), the data,
    steps and lr. None off the CPU, and for a model with buffers, which the documented one has not."""
    tensors = [*start.parameters(), x, y]
    if any(t.device.type != "cpu" for t in tensors) or next(start.buffers(), None) is not None:
        return None
    parameters = tuple(
        (name, str(p.dtype), tuple(p.shape), p.requires_grad, p.detach().numpy().tobytes())
        for name, p in start.named_parameters()
    )
    data = tuple((str(t.dtype), tuple(t.shape), t.numpy().tobytes()) for t in (x, y))
    return repr(start), parameters, data, int(steps), float(lr)


def reference_start(vocab_size: int, hidden_size: int) -> Rebuilt:
    """The model the reference train() starts from: seed 0, the RNN built before the head. The
    global random state is left as it was."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        return Rebuilt(nn.RNN(vocab_size, hidden_size, batch_first=True), nn.Linear(hidden_size, vocab_size), True)


def replay_ahead(
    vocab_size: int, hidden_size: int, runs: list[tuple[int, float]], x: torch.Tensor, y: torch.Tensor
) -> None:
    """Replay the documented training once, in the grader before it forks its judges, from
    reference_start: a judge whose learner's model starts there, as most do, finds the result
    (about 0.1 s of CPU each) instead of training again. Any other start, or the slightest
    difference in a weight, is replayed as before."""
    start = reference_start(vocab_size, hidden_size)
    for steps, lr in runs:
        replay(start, x, y, steps=steps, lr=lr, optimizer=DOCUMENTED[0])
