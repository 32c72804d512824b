"""Where `make install` and `python -m kata setup` get torch from: the pip arguments it adds, printed one per line.

A version pin alone brings torch's multi-GB CUDA build from PyPI on Linux. So on Linux without
an NVIDIA GPU, PyTorch's CPU index is added; with a GPU, PyPI's CUDA build stays. A pip that is
configured already (an index, extra index or find-links of its own, in pip's config files or
PIP_* variables, as on machines with a local mirror) is left alone: it knows where packages come
from, and an index it cannot reach would only slow the install down. TORCH_INDEX overrides the
choice: cpu, cuda (PyPI's default build) or an index URL. Standard library only: it runs before
anything is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

CPU_INDEX = "https://download.pytorch.org/whl/cpu"
PIP_SETTINGS = ("index-url", "extra-index-url", "find-links", "no-index")


def pip_configured(env: Mapping[str, str], pip_config: str) -> bool:
    """Whether pip already has a source of packages of its own."""
    if any(env.get("PIP_" + name.upper().replace("-", "_")) for name in PIP_SETTINGS):
        return True
    return any(f".{name}=" in line for line in pip_config.splitlines() for name in PIP_SETTINGS)


def has_nvidia_gpu() -> bool:
    return bool(shutil.which("nvidia-smi")) or Path("/proc/driver/nvidia/version").exists()


def index_args(choice: str, *, platform: str, gpu: bool, configured: bool) -> list[str]:
    """pip arguments for torch's index. choice: auto, cpu, cuda, or an index URL."""
    choice = (choice or "auto").strip()
    if choice == "cpu":
        return ["--extra-index-url", CPU_INDEX]
    if choice in ("cuda", "default"):
        return []
    if choice != "auto":
        return ["--extra-index-url", choice]
    if configured or not platform.startswith("linux") or gpu:
        return []
    return ["--extra-index-url", CPU_INDEX]


def args_for(python: str, choice: str = "") -> list[str]:
    """The index arguments for installing with `python -m pip` (a venv's or the kernel's own)."""
    choice = choice or os.environ.get("TORCH_INDEX", "auto")
    config = subprocess.run([python, "-m", "pip", "config", "list"], capture_output=True, text=True, check=False).stdout
    return index_args(
        choice, platform=sys.platform, gpu=has_nvidia_gpu(), configured=pip_configured(os.environ, config)
    )


def main() -> None:
    print("\n".join(args_for(sys.executable, sys.argv[1] if len(sys.argv) > 1 else "")))


if __name__ == "__main__":
    main()
