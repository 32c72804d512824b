"""Grades every golden scenario once per session, two at a time, through the real CLI: all of
them in English, then in Korean the few whose results between them use every message template
(grader_tests/golden.py, korean_cover)."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from grader_tests.golden import SCENARIOS, Graded, korean_cover, run_scenario
from kata.i18n import catalog

pytest_plugins = ["pytester"]  # unit/test_plugin.py runs the kata's plugin in pytest's own test harness


def graded_in(lang: str, scenarios: list[Path], workdir: Path) -> dict[str, Graded]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda s: run_scenario(s, workdir, lang), scenarios))
    return {run.name: run for run in runs}


@pytest.fixture(scope="session")
def scenarios_workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("scenarios")


@pytest.fixture(scope="session")
def graded(scenarios_workdir: Path) -> dict[str, Graded]:
    """Every scenario, graded in English: the verdicts and messages of expected.json."""
    scenarios = sorted(p for p in SCENARIOS.iterdir() if (p / "expected.json").exists())
    return graded_in("en", scenarios, scenarios_workdir)


@pytest.fixture(scope="session")
def korean_chosen(graded: dict[str, Graded]) -> dict[str, set[str]]:
    """The scenarios to grade in Korean, each with the templates it was chosen for."""
    return korean_cover(graded, sorted(catalog("ko").get("messages", {})))[1]


@pytest.fixture(scope="session")
def graded_korean(korean_chosen: dict[str, set[str]], scenarios_workdir: Path) -> dict[str, Graded]:
    """The chosen scenarios, graded again in Korean."""
    return graded_in("ko", [SCENARIOS / name for name in korean_chosen], scenarios_workdir)


@pytest.fixture(scope="session", autouse=True)
def _state_elsewhere(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The learner-state folder (.kata/) of commands run by these tests goes to a temporary
    folder, so `make check` never touches a maintainer's own hints or progress."""
    os.environ["KATA_STATE_DIR"] = str(tmp_path_factory.mktemp("kata-state"))
