"""The fast tier: everything here runs in this one process (no judge, no subprocess)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import torch

from kata.core.settings import settings
from kata.testing import activity, calls


@pytest.fixture(autouse=True)
def _english_and_fresh_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Messages in English whatever the maintainer's LANG, and settings read again for each test
    (they are read once per process) so a test may set KATA_* variables of its own."""
    monkeypatch.setenv("KATA_LANG", "en")
    monkeypatch.delenv("KATA_MODE", raising=False)
    settings.cache_clear()
    yield
    settings.cache_clear()
    activity.note("")


@pytest.fixture
def graded_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """graded_module(source) imports `source` as ex99_fake.py from a graded tree in tmp_path, as
    the learner fixture would, so failure messages point into it."""
    monkeypatch.setattr(calls, "_graded_root", tmp_path)

    def load(source: str, name: str = "ex99_fake") -> ModuleType:
        path = tmp_path / f"{name}.py"
        path.write_text(source, encoding="utf-8")
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        monkeypatch.setitem(sys.modules, name, module)
        spec.loader.exec_module(module)
        return module

    return load


@pytest.fixture
def fake(graded_module):
    """A fake learner's module (fake_learner.LEARNER: a stub, an exit, an error of each kind)."""
    from grader_tests.unit.fake_learner import LEARNER

    return graded_module(LEARNER)


# A small batch-first RNN and a batch for it, seeded: the checks of RNN outputs and the tables of
# slips (test_checking_rnn_outputs.py, test_rnn_slips.py) both grade against them.
@pytest.fixture
def rnn() -> torch.nn.RNN:
    torch.manual_seed(0)
    return torch.nn.RNN(4, 3, batch_first=True)


@pytest.fixture
def batch() -> torch.Tensor:
    torch.manual_seed(1)
    return torch.randn(2, 5, 4)
