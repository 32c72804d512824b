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
                _("KATA_DEVICE={wanted} is not one of {valid}.", wanted=repr(wanted), valid=", ".join(VALID))
            )
        if not available[wanted]:
            raise ValueError(
                f"KATA_DEVICE={wanted} was asked for, but torch {torch.__version__} sees no {wanted} device here."
            )
        return wanted
    return next(d for d in ("cuda", "mps", "cpu") if available[d])


def configure_numerics() -> None:
    """Turn TF32 off: with it on, a float32 RNN on an H200 is off by up to 1e-3 (measured; README, "Devices")."""
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False


def tolerance(device: str) -> float:
    """Absolute tolerance for float32 results against a float64 reference.

    Measured against a float64 reference: about 6e-8 on CPU, 8.6e-6 on an H200 with TF32 off.
    """
    return 1e-5 if device == "cpu" else 1e-4
