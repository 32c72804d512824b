"""`make install` picks torch's index (kata/core/pip_index.py): the CPU build on Linux without a GPU,
the CUDA build with one, and a machine's own pip configuration left alone."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kata import ROOT
from kata.core.pip_index import CPU_INDEX, index_args, pip_configured

pytestmark = pytest.mark.timeout(120)
CPU = ["--extra-index-url", CPU_INDEX]


@pytest.mark.parametrize(
    ("platform", "gpu", "configured", "expected"),
    [
        ("linux", False, False, CPU),  # a fresh Linux machine without a GPU: the CPU build
        ("linux", True, False, []),  # PyPI's torch is the CUDA build
        ("linux", False, True, []),  # a pip with its own index (a local mirror) is left alone
        ("darwin", False, False, []),  # PyPI's macOS wheels are the CPU/MPS build already
        ("win32", False, False, []),
    ],
)
def test_auto_choice(platform: str, gpu: bool, configured: bool, expected: list[str]) -> None:
    assert index_args("auto", platform=platform, gpu=gpu, configured=configured) == expected


def test_the_switch_overrides_either_way() -> None:
    assert index_args("cpu", platform="linux", gpu=True, configured=True) == CPU
    assert index_args("cuda", platform="linux", gpu=False, configured=False) == []
    url = "https://mirror.example/torch"
    assert index_args(url, platform="linux", gpu=False, configured=True) == ["--extra-index-url", url]


def test_pip_configuration_is_read_from_files_and_environment() -> None:
    assert pip_configured({}, "global.extra-index-url='file:///opt/pypi/simple'")
    assert pip_configured({}, "global.index-url='https://mirror.example/simple'")
    assert pip_configured({}, ":env:.find-links='/opt/wheels'")
    assert pip_configured({"PIP_EXTRA_INDEX_URL": CPU_INDEX}, "")
    assert not pip_configured({}, "global.cert='/etc/ssl/certs/ca-certificates.crt'\nglobal.timeout='60'")


def test_this_machines_choice_follows_its_pip() -> None:
    """Run as make install runs it; here pip's config points at local wheels, so nothing is added."""
    config = subprocess.run([sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True).stdout
    env = {k: v for k, v in os.environ.items() if k != "TORCH_INDEX"}
    printed = subprocess.run(
        [sys.executable, "-m", "kata.core.pip_index", "auto"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if pip_configured(env, config):
        assert printed == []
    else:
        assert printed in ([], CPU)
