"""Comparing a module with a frozen copy of itself: what the judge checks after a call, and what
the worker's watch checks during one."""

from __future__ import annotations

import torch

SETTINGS = ("batch_first", "num_layers", "hidden_size", "input_size", "nonlinearity", "bias")


def changed_setting(module: torch.nn.Module, before: torch.nn.Module) -> tuple[str, object, object] | None:
    """(name, was, now) of the first setting that differs from the frozen copy, or None."""
    for name in SETTINGS:
        was, now = getattr(before, name, None), getattr(module, name, None)
        if was != now:
            return name, was, now
    return None


def changed_parameter(module: torch.nn.Module, before: torch.nn.Module) -> str | None:
    """The name of the first parameter whose shape, device or values differ from the frozen copy
    (values are not compared on the meta device, which has none), or None."""
    kept = dict(before.named_parameters())
    for name, param in module.named_parameters():
        old = kept.get(name)
        if old is None or old.shape != param.shape or old.device != param.device:
            return name
        if param.device.type != "meta" and not torch.equal(old.detach(), param.detach()):
            return name
    return None
