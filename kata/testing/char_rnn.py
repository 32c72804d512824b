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
NOT_THE_FORWARD = N_(
    "{what}: model(x) is not the head applied to the RNN's outputs: on a fresh input its logits differ from "
    "head(rnn(x)[0]) by {gap:.3g}. forward runs the rnn, then the head on its outputs, and returns those logits."
)


class Rebuilt(nn.Module):
    """head(rnn(x)[0]), with the learner's own children, in the learner's order (so that
    parameters() lists them as the learner's model does)."""

    def __init__(self, children: list[tuple[str, nn.Module]], rnn: str, head: str) -> None:
        super().__init__()
        for name, child in children:
            self.add_module(name, copy.deepcopy(child))
        self.rnn_name, self.head_name = rnn, head

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        outputs, _h = getattr(self, self.rnn_name)(x)
        return getattr(self, self.head_name)(outputs)


def _found(model: nn.Module) -> str:
    parts = [
        f"{type(c).__name__} {name}"
        if type(c).__module__.startswith("torch")
        else _(OWN_CLASS, kind=type(c).__name__, name=name)
        for name, c in model.named_children()
    ]
    parts += [_("parameter {name}", name=name) for name, _p in model.named_parameters(recurse=False)]
    return ", ".join(parts) or _("nothing")


def rebuild(model: nn.Module, what: str) -> Rebuilt:
    """The judge's own CharRNN with the learner's weights; fails when the learner's is not the
    documented architecture."""
    children = list(model.named_children())
    rnns = [name for name, c in children if type(c) is nn.RNN]
    heads = [name for name, c in children if type(c) is nn.Linear]
    others = [name for name, c in children if name not in rnns + heads and any(True for _p in c.parameters())]
    own = list(model.named_parameters(recurse=False))
    if len(rnns) != 1 or len(heads) != 1 or others or own:
        fail(_(NOT_THE_ARCHITECTURE, what=what, found=_found(model)))
    rnn, head = getattr(model, rnns[0]), getattr(model, heads[0])
    if not rnn.batch_first or rnn.hidden_size != head.in_features or rnn.input_size != head.out_features:
        fail(_(NOT_THE_ARCHITECTURE, what=what, found=_found(model)))
    return Rebuilt([(name, c) for name, c in children if name in (rnns[0], heads[0])], rnns[0], heads[0])


def expect_same_forward(model_logits: torch.Tensor, rebuilt: Rebuilt, x: torch.Tensor, what: str) -> None:
    """The learner's logits on x (computed in the worker) against the rebuild's (computed here)."""
    with torch.no_grad():
        want = rebuilt(x.to(next(rebuilt.parameters()).device))
    if not isinstance(model_logits, torch.Tensor) or model_logits.shape != want.shape:
        return  # the shape checks say so in their own words
    gap = (model_logits.detach().cpu().double() - want.cpu().double()).abs().max().item()
    if not gap <= 1e-4:
        fail(_(NOT_THE_FORWARD, what=what, gap=gap))


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
    The losses, the flat weights after each step, and the first gradient."""
    model = copy.deepcopy(start)
    vocab_size = model.get_submodule(model.head_name).out_features
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
    return losses, weights, first_grad
