"""Runs every golden scenario once per session, two at a time, through the real CLI."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from grader_tests.golden import SCENARIOS, Graded, run_scenario

pytest_plugins = ["pytester"]  # unit/test_plugin.py runs the kata's plugin in pytest's own test harness


@pytest.fixture(scope="session")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Graded]:
    workdir = tmp_path_factory.mktemp("scenarios")
    scenarios = sorted(p for p in SCENARIOS.iterdir() if (p / "expected.json").exists())
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda s: run_scenario(s, workdir), scenarios))
    return {run.name: run for run in runs}


@pytest.fixture(scope="session", autouse=True)
def _state_elsewhere(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The learner-state folder (.kata/) of commands run by these tests goes to a temporary
    folder, so `make check` never touches a maintainer's own hints or progress."""
    os.environ["KATA_STATE_DIR"] = str(tmp_path_factory.mktemp("kata-state"))
