"""A learner's call watched in the worker: the RNN kernels it ran (or was refused), and the first
change of a module it was given, at any moment of the call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch

from kata.core import refusals
from kata.testing.calls import call
from kata.testing.remote import watching


class RnnWatch:
    """What to watch during one call, and what was seen: the RNN kernels that ran (or were
    refused), and the first change of the watched module (an argument of the call) at any moment
    of the call, not only at its end. `refuse`: refuse every RNN kernel, with that message."""

    def __init__(
        self, module: torch.nn.Module | None = None, before: torch.nn.Module | None = None, refuse: str = ""
    ) -> None:
        self.module, self.before, self.refuse = module, before, refuse
        if refuse:
            refusals.register(refuse)
        self.kernels: list[str] = []
        self.changed = ""


def call_watched(watch: RnnWatch, fn: Callable, *args: Any, **kwargs: Any) -> Any:
    """call(fn, ...) with `watch` active in the worker during the learner's code, and only then."""
    position = next((i for i, arg in enumerate(args) if watch.module is not None and arg is watch.module), None)
    with watching({"refuse": watch.refuse, "module": position}) as seen:
        try:
            return call(fn, *args, **kwargs)
        finally:
            watch.kernels += [str(k) for k in seen.get("kernels") or []]
            watch.changed = str(seen.get("changed") or "")
