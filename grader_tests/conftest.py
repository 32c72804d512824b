"""Grades every golden scenario once per session, three at a time, through the real CLI: all of
them in English, then in Korean the exercises whose English messages between them use every
message template with placeholders (grader_tests/golden.py, korean_cover)."""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from grader_tests.golden import SCENARIOS, Graded, has_placeholders, korean_cover, run_scenario
from kata.i18n import catalog

pytest_plugins = ["pytester"]  # unit/test_plugin.py runs the kata's plugin in pytest's own test harness


def graded_in(lang: str, scenarios: dict[Path, list[str] | None], workdir: Path) -> dict[str, Graded]:
    """Each scenario graded in lang (only the exercises named, where some are), three at a time: a
    grade keeps two cores busy only part of the time (measured: 68 s for two at a time, 63 s for
    three, 65 s for four), the slowest first so that none is left to run alone at the end."""
    slowest_first = sorted(scenarios.items(), key=lambda item: -expected_cost(item[0]))
    with ThreadPoolExecutor(max_workers=3) as pool:
        runs = list(pool.map(lambda item: run_scenario(item[0], workdir, lang, item[1]), slowest_first))
    return {run.name: run for run in runs}


def expected_cost(scenario: Path) -> int:
    """How many time limits a scenario waits out (its expected.json's timed_out counts)."""
    expected = json.loads((scenario / "expected.json").read_text())
    return sum(int(want.get("timed_out", 0)) for want in expected["exercises"].values())


@pytest.fixture(scope="session")
def scenarios_workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("scenarios")


@pytest.fixture(scope="session")
def graded(request: pytest.FixtureRequest, scenarios_workdir: Path) -> dict[str, Graded]:
    """Every scenario the session's tests read, graded in English: the verdicts and messages of
    expected.json. All of them in `make check`; only the one named with `-k NAME`."""
    scenarios = sorted(p for p in SCENARIOS.iterdir() if (p / "expected.json").exists())
    wanted = scenarios_read(request.session)
    return graded_in("en", dict.fromkeys(s for s in scenarios if wanted is None or s.name in wanted), scenarios_workdir)


def scenarios_read(session: pytest.Session) -> set[str] | None:
    """The scenarios the selected tests read, each named by its `name` parameter; None (all of
    them) when a selected test reads the English grades without naming one (the Korean cover
    is chosen from all of them)."""
    names: set[str] = set()
    for item in session.items:
        if "graded" not in getattr(item, "fixturenames", ()):
            continue
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "name" not in params or "graded_korean" in item.fixturenames:
            return None
        names.add(str(params["name"]))
    return names


@pytest.fixture(scope="session")
def korean_chosen(graded: dict[str, Graded]) -> dict[str, dict[str, set[str]]]:
    """The exercises of scenarios to grade in Korean, each with the templates it is chosen for:
    those with placeholders, whose Korean depends on what fills them (the particles fitted to
    the values); a text without any is the same wherever it is shown, and test_korean.py checks
    every one of them as it is."""
    templates = sorted(catalog("ko").get("messages", {}))
    return korean_cover(graded, templates, needed={t for t in templates if has_placeholders(t)})


@pytest.fixture(scope="session")
def graded_korean(korean_chosen: dict[str, dict[str, set[str]]], scenarios_workdir: Path) -> dict[str, Graded]:
    """The chosen exercises of the chosen scenarios, graded again in Korean."""
    chosen = {SCENARIOS / name: sorted(exercises) for name, exercises in korean_chosen.items()}
    return graded_in("ko", chosen, scenarios_workdir)


@pytest.fixture(scope="session", autouse=True)
def _state_elsewhere(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The learner-state folder (.kata/) of commands run by these tests goes to a temporary
    folder, so `make check` never touches a maintainer's own hints or progress."""
    os.environ["KATA_STATE_DIR"] = str(tmp_path_factory.mktemp("kata-state"))
