"""What a test asks of the worker for the duration of a call (kata.testing.remote.worker_rules
and watching): rules that patch torch while the learner's code runs (no built-in RNN for ex06,
placeholders for meta tensors), what is done after a call (backprop_outputs), and the CallWatch
that sees every torch function the call makes. The worker loop (kata.engine.worker) applies them.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import torch
from torch import nn

from kata.i18n import N_, _
from kata.testing.modules import changed_parameter, changed_setting

FORBIDDEN_RNN = N_(
    "This exercise computes the RNN by hand: calling nn.RNN (or torch's built-in RNN kernels) is not allowed here."
)


# torch's recurrent kernels: a GRU or an LSTM gives the shapes an RNN gives (attack 12: ex04 worked its
# shapes out by running an nn.GRU on the meta device, which the watch did not count)
RNN_KERNELS = ("rnn_tanh", "rnn_relu", "rnn_tanh_cell", "rnn_relu_cell", "gru", "lstm", "gru_cell", "lstm_cell")


@contextmanager
def patched(patches: list[tuple[Any, str, Any]]) -> Iterator[None]:
    originals = [(owner, name, owner.__dict__.get(name, _MISSING)) for owner, name, _new in patches]
    try:
        for owner, name, new in patches:
            setattr(owner, name, new)
        yield
    finally:
        for owner, name, original in reversed(originals):
            if original is _MISSING:
                with suppress(AttributeError, TypeError):
                    delattr(owner, name)
            else:
                setattr(owner, name, original)


_MISSING = object()


REFUSED: list[str] = []  # what no_builtin_rnn refused during the current call


def _no_builtin_rnn() -> list[tuple[Any, str, Any]]:
    """Calling the RNN, its kernels or RNNCell fails: ex06 computes the RNN by hand. Each refusal
    is recorded, so code that catches it and works around it still fails."""

    def refusing(name: str) -> Callable:
        def refuse(*args: object, **kwargs: object) -> None:
            REFUSED.append(name)
            raise RuntimeError(_(FORBIDDEN_RNN))

        return refuse

    patches: list[tuple[Any, str, Any]] = []
    for owner in (torch._VF, torch):
        for name in RNN_KERNELS:
            if hasattr(owner, name):
                patches.append((owner, name, refusing(name)))
    return patches + [
        (nn.RNN, "forward", refusing("nn.RNN.forward")),
        (nn.RNNCell, "forward", refusing("nn.RNNCell.forward")),
    ]


def _kernel(func: Any) -> str:
    """'rnn_tanh' for torch._VF.rnn_tanh, torch.rnn_tanh and torch.ops.aten.rnn_tanh.input; else ''."""
    name = str(getattr(func, "__name__", "") or "").split(".")[0]
    return name if name in RNN_KERNELS else ""


def change_in(module: nn.Module, before: nn.Module, *, weights: bool = True) -> str:
    """The first difference between `module` now and its frozen copy `before`, in words, or ''."""
    setting = changed_setting(module, before)
    if setting is not None:
        name, was, now = setting
        return _("its {name} from {was} to {now}", name=name, was=repr(was), now=repr(now))
    parameter = changed_parameter(module, before) if weights else None
    return _("its weights ({name})", name=parameter) if parameter else ""


class CallWatch(torch.overrides.TorchFunctionMode):
    """Sees every torch function the learner's code calls while it is active (a torch function
    mode, so also calls through names saved at import, torch._VF and torch.ops.aten): whether an
    RNN kernel ran, and whether the watched module differed from its frozen copy at any moment of
    the call, not only at its end. With `refuse`, every RNN kernel fails with that message."""

    def __init__(self, module: nn.Module | None, refuse: str) -> None:
        super().__init__()
        self.module, self.refuse = module, refuse
        self.before = copy.deepcopy(module) if module is not None else None
        self.kernels: list[str] = []
        self.changed = ""

    def __torch_function__(self, func, types, args=(), kwargs=None):  # noqa: ANN001 - torch's signature
        kernel = _kernel(func)
        if kernel:
            self.kernels.append(kernel)
        if self.module is not None and self.before is not None and not self.changed:
            self.changed = change_in(self.module, self.before, weights=bool(kernel))
        if kernel and self.refuse:
            raise RuntimeError(self.refuse)
        return func(*args, **(kwargs or {}))


def _meta_placeholders() -> list[tuple[Any, str, Any]]:
    """Meta tensors have shapes but no values: .item(), float(), int(), indexing with one, .cpu(),
    .tolist() and .numpy() of a meta tensor give placeholders (zeros of its dtype) instead of
    failing, so a training loop and a predict can run on the meta device."""
    patches: list[tuple[Any, str, Any]] = []
    for name, placeholder in (
        ("item", lambda self: 0.0),
        ("__float__", lambda self: 0.0),
        ("cpu", lambda self, *a, **k: self),
        ("tolist", lambda self: torch.zeros(self.shape, dtype=self.dtype).tolist()),  # argmax's: ints
        ("__int__", lambda self: 0),  # vocab[int(i)] over a predict's meta indices
        ("__index__", lambda self: 0),  # vocab[i]
        ("numpy", lambda self, *a, **k: torch.zeros(self.shape, dtype=self.dtype).numpy()),
    ):
        original = getattr(torch.Tensor, name)

        def patched(self, *args, _original=original, _placeholder=placeholder, **kwargs):
            if self.device.type == "meta":
                return _placeholder(self, *args, **kwargs)
            return _original(self, *args, **kwargs)

        patches.append((torch.Tensor, name, patched))
    return patches


def _cuda_looks_available() -> list[tuple[Any, str, Any]]:
    """torch.cuda.is_available() says True (and device_count() at least 1) during the call, on any
    machine: code that reads device=None as "CUDA if there is one" tries CUDA and fails on a
    CPU-only grader too. The judge decides from what comes back (an error, or a result on CUDA)."""
    count = max(torch.cuda.device_count(), 1)
    return [(torch.cuda, "is_available", lambda: True), (torch.cuda, "device_count", lambda: count)]


RULES: dict[str, Callable[[], list[tuple[Any, str, Any]]]] = {
    "no_builtin_rnn": _no_builtin_rnn,
    "meta_placeholders": _meta_placeholders,
    "cuda_looks_available": _cuda_looks_available,
}
AFTER_CALL = ("backprop_outputs",)


def backprop_outputs(result: Any) -> None:
    """outputs.sum().backward() on the call's outputs, so the judge can read where gradients reach."""
    outputs = result[0] if isinstance(result, (tuple, list)) and result else result
    if isinstance(outputs, torch.Tensor) and outputs.grad_fn is not None:
        outputs.sum().backward()
