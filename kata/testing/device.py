"""Which device the graded tests run on, and the numerics that make grading reproducible."""

from __future__ import annotations

import os

import torch

from kata.core.settings import settings
from kata.i18n import _

VALID = ("cpu", "cuda", "mps")


def pick_device() -> str:
    """KATA_DEVICE if set, else CUDA, then MPS, then CPU.

    The CUDA check goes through NVML so that a parent process can ask without initialising
    CUDA: children forked from it then initialise CUDA cleanly.
    """
    os.environ.setdefault("PYTORCH_NVML_BASED_CUDA_CHECK", "1")
    available = {
        "cpu": True,
        "cuda": torch.cuda.is_available(),
        "mps": bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()),
    }
    wanted = settings().device
    if wanted:
        if wanted not in VALID:
            raise ValueError(
                _(  # device strings are code, in backticks (GLOSSARY.md)
                    "`KATA_DEVICE={wanted}` is not one of {valid}.",
                    wanted=repr(wanted),
                    valid=", ".join(f"`{device}`" for device in VALID),
                )
            )
        if not available[wanted]:
            raise ValueError(
                f"KATA_DEVICE={wanted} was asked for, but torch {torch.__version__} sees no {wanted} device here."
            )
        return wanted
    return next(d for d in ("cuda", "mps", "cpu") if available[d])


def configure_numerics() -> None:
    """Turn TF32 off: with it on, a float32 RNN on an H200 is off by up to 1e-3 (measured; docs/grading.md, "Devices")."""
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False


def seed(value: int) -> None:
    """torch.manual_seed(value) for the generators a test can draw from, without its cost: while
    CUDA is not started, torch.manual_seed queues CUDA's seeding together with the caller's
    formatted stack (about 2 ms a call under pytest, and the queue only grows). CUDA's and MPS's
    generators are seeded only once they run; until then they hold their fixed default seed."""
    torch.default_generator.manual_seed(value)
    if torch.cuda.is_initialized():
        torch.cuda.manual_seed_all(value)
    if torch.backends.mps.is_available():
        torch.mps.manual_seed(value)


def tolerance(device: str) -> float:
    """Absolute tolerance for float32 results against a float64 reference.

    Measured against a float64 reference: about 6e-8 on CPU, 8.6e-6 on an H200 with TF32 off.
    """
    return 1e-5 if device == "cpu" else 1e-4


_walked: tuple[int, int] | None = None  # what meta_without_dynamo last walked: decompositions, modules loaded


def meta_without_dynamo() -> int:
    """Let PyTorch's meta device run without importing torch._dynamo (1.5 to 2.5 s, most of it
    sympy), which an RNN on the meta device otherwise imports on its first call, only to wrap
    torch's Python decompositions in a "do not trace this" guard (torch._compile._disable_dynamo).
    The kata never compiles, so that guard has nothing to do: each wrapped function is marked as
    already guarded by itself, the way the guard caches its own result. Returns how many were
    marked; a torch without this layout is left alone (0)."""
    import itertools
    import sys

    import torch._decomp  # noqa: F401 - the decompositions the meta device runs
    import torch._refs  # noqa: F401

    global _walked
    table, loaded = torch._decomp.decomposition_table, len(sys.modules)
    # Walked already, in this process or in the parent it was forked from: only modules loaded
    # since (the newest, last in sys.modules) are looked at. In a forked worker or judge each
    # object touched is a page copied: the whole walk cost a worker 13 ms.
    if _walked is not None and _walked[0] == len(table):
        names = list(itertools.islice(reversed(sys.modules), max(loaded - _walked[1], 0)))
        roots: list = []
    else:
        names, roots = list(sys.modules), list(table.values())
    _walked = (len(table), loaded)
    for name in names:
        module = sys.modules.get(name)
        if name.startswith(("torch._refs", "torch._decomp", "torch._prims")) and module is not None:
            roots += [value for value in vars(module).values() if callable(value)]
    marked, seen, stack = 0, set(), roots
    while stack:
        function = stack.pop()
        if id(function) in seen:
            continue
        seen.add(id(function))
        code = getattr(function, "__code__", None)
        closure = getattr(function, "__closure__", None) or ()
        if (
            code is not None
            and code.co_name == "inner"
            and "fn" in code.co_freevars
            and "_disable_dynamo" in getattr(code, "co_qualname", "_disable_dynamo")
        ):
            guarded = closure[code.co_freevars.index("fn")].cell_contents
            if not hasattr(guarded, "__dynamo_disable"):
                guarded.__dynamo_disable = guarded
                marked += 1
        wrapped = getattr(function, "__wrapped__", None)
        if wrapped is not None:
            stack.append(wrapped)
        for cell in closure:
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            if callable(value):
                stack.append(value)
    return marked
