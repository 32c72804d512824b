"""Grades every golden scenario once per session, three at a time, through the real CLI: all of
them in English, then in Korean the exercises whose English messages between them use every
message template with placeholders (grader_tests/golden.py, korean_cover).

The grades begin in the background as the session starts, and the tests that read them run
last: the other tests of the slow tier (real processes started one after another, leaving a
core idle much of the time) run meanwhile."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from grader_tests.golden import SCENARIOS, Graded, has_placeholders, korean_cover, run_scenario
from kata.i18n import catalog

pytest_plugins = [
    "pytester",  # unit/test_plugin.py runs the kata's plugin in pytest's own test harness
    "grader_tests.sandbox_grading",  # test_sandbox_*.py: checkout, readable_python, users_checkout
]

ENGLISH, KOREAN = "graded", ("korean_chosen", "graded_korean")  # the fixtures that read the golden grades


def graded_in(
    lang: str, scenarios: dict[Path, list[str] | None], workdir: Path, environ: dict[str, str], stop: threading.Event
) -> dict[str, Graded]:
    """Each scenario graded in lang (only the exercises named, where some are), three at a time: a
    grade keeps two cores busy only part of the time (measured: 68 s for two at a time, 63 s for
    three, 65 s for four), the slowest first so that none is left to run alone at the end. Once
    `stop` is set (the session ended early), no further grade begins."""
    slowest_first = sorted(scenarios.items(), key=lambda item: -expected_cost(item[0]))

    def run(item: tuple[Path, list[str] | None]) -> Graded:
        if stop.is_set():
            raise RuntimeError("the session ended before this scenario was graded")
        return run_scenario(item[0], workdir, lang, item[1], environ=environ)

    with ThreadPoolExecutor(max_workers=3) as pool:
        runs = list(pool.map(run, slowest_first))
    return {run.name: run for run in runs}


def expected_cost(scenario: Path) -> int:
    """How many time limits a scenario waits out (its expected.json's timed_out counts)."""
    expected = json.loads((scenario / "expected.json").read_text())
    return sum(int(want.get("timed_out", 0)) for want in expected["exercises"].values())


def reads(item: pytest.Item, *fixtures: str) -> bool:
    """Whether the test uses one of these fixtures, directly or through another."""
    return any(fixture in getattr(item, "fixturenames", ()) for fixture in fixtures)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests that read the golden grades go last (in their own order), so that the others run
    while the grades go on in the background."""
    items.sort(key=lambda item: reads(item, ENGLISH, *KOREAN))


def scenarios_read(session: pytest.Session) -> set[str] | None:
    """The scenarios the selected tests read, each named by its `name` parameter; None (all of
    them) when a selected test reads the English grades without naming one (the Korean cover
    is chosen from all of them)."""
    names: set[str] = set()
    for item in session.items:
        if not reads(item, ENGLISH):
            continue
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "name" not in params or reads(item, *KOREAN):
            return None
        names.add(str(params["name"]))
    return names


class GoldenGrades:
    """The session's golden grades, graded in a thread of their own: English first, then the
    Korean cover chosen from the English results. A fixture that reads them waits for them."""

    def __init__(self, english: dict[Path, list[str] | None], korean: bool, workdir: Path) -> None:
        self.workdir = workdir
        self.stop = threading.Event()
        # Tests change os.environ as they run (monkeypatch): every grade gets this copy instead.
        self.environ = {**os.environ, "KATA_STATE_DIR": str(workdir / "state")}
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="golden")
        self.english = self.pool.submit(graded_in, "en", english, workdir, self.environ, self.stop)
        self.chosen: Future[dict[str, dict[str, set[str]]]] | None = None
        self.korean: Future[dict[str, Graded]] | None = None
        if korean:
            self.chosen = self.pool.submit(self.choose_korean)
            self.korean = self.pool.submit(self.grade_korean)

    def choose_korean(self) -> dict[str, dict[str, set[str]]]:
        """The exercises of scenarios to grade in Korean, each with the templates it is chosen
        for: those with placeholders, whose Korean depends on what fills them (the particles
        fitted to the values); a text without any is the same wherever it is shown, and
        test_korean_texts.py checks every one of them as it is."""
        templates = sorted(catalog("ko").get("messages", {}))
        graded = self.english.result()
        return korean_cover(graded, templates, needed={t for t in templates if has_placeholders(t)})

    def grade_korean(self) -> dict[str, Graded]:
        """The chosen exercises of the chosen scenarios, graded again in Korean."""
        assert self.chosen is not None
        chosen = {SCENARIOS / name: sorted(exercises) for name, exercises in self.chosen.result().items()}
        return graded_in("ko", chosen, self.workdir, self.environ, self.stop)

    def close(self) -> None:
        """No further grade begins; one under way finishes (its process is not left running)."""
        self.stop.set()
        self.pool.shutdown(wait=False, cancel_futures=True)


@pytest.fixture(scope="session")
def scenarios_workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("scenarios")


@pytest.fixture(scope="session", autouse=True)
def _golden_in_the_background(request: pytest.FixtureRequest, _state_elsewhere: None) -> Iterator[GoldenGrades | None]:
    """Begins the golden grades the selected tests read, as the first test starts: every scenario
    in `make check`; only those named with `-k NAME`; none where no selected test reads one."""
    items = request.session.items
    if not any(reads(item, ENGLISH) for item in items):
        yield None
        return
    scenarios = sorted(p for p in SCENARIOS.iterdir() if (p / "expected.json").exists())
    wanted = scenarios_read(request.session)
    english = dict.fromkeys(s for s in scenarios if wanted is None or s.name in wanted)
    korean = any(reads(item, *KOREAN) for item in items)
    golden = GoldenGrades(english, korean, request.getfixturevalue("scenarios_workdir"))
    yield golden
    golden.close()


def golden_of(request: pytest.FixtureRequest) -> GoldenGrades:
    golden = request.getfixturevalue("_golden_in_the_background")
    assert golden is not None, "no selected test was found to read the golden grades"
    return golden


@pytest.fixture(scope="session")
def graded(request: pytest.FixtureRequest) -> dict[str, Graded]:
    """Every scenario the session's tests read, graded in English: the verdicts and messages of
    expected.json. All of them in `make check`; only the one named with `-k NAME`."""
    return golden_of(request).english.result()


@pytest.fixture(scope="session")
def korean_chosen(request: pytest.FixtureRequest, graded: dict[str, Graded]) -> dict[str, dict[str, set[str]]]:
    """The exercises of scenarios graded in Korean, each with the templates it is chosen for
    (GoldenGrades.choose_korean)."""
    chosen = golden_of(request).chosen
    assert chosen is not None, "no selected test was found to read the Korean grades"
    return chosen.result()


@pytest.fixture(scope="session")
def graded_korean(request: pytest.FixtureRequest, korean_chosen: dict[str, dict[str, set[str]]]) -> dict[str, Graded]:
    """The chosen exercises of the chosen scenarios, graded again in Korean."""
    korean = golden_of(request).korean
    assert korean is not None
    return korean.result()


@pytest.fixture(scope="session", autouse=True)
def _state_elsewhere(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The learner-state folder (.kata/) of commands run by these tests goes to a temporary
    folder, so `make check` never touches a maintainer's own hints or progress."""
    os.environ["KATA_STATE_DIR"] = str(tmp_path_factory.mktemp("kata-state"))
