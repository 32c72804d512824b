"""`make watch`: one warm process that re-grades an exercise each time its file is saved.

torch and pytest stay imported in this process; each re-grade forks a child exactly as
`make test` does, so broken learner code is survived the same way. An exercise that imports
the saved one (ex02 uses ex01's encode_word) is re-graded right after it: its verdict may have
changed too.
"""

from __future__ import annotations

import ast
import errno
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from kata.core import launcher
from kata.core.manifest import Exercise
from kata.core.paths import display_path
from kata.core.results import Results, exercise_done
from kata.core.text import indent
from kata.engine.job import Job
from kata.engine.ready_judges import ReadyJudges
from kata.engine.scheduler import run_jobs
from kata.i18n import _
from kata.learner import state
from kata.render import scoreboard


def stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def imported_names(path: Path) -> set[str]:
    """Module names a file imports (`import x`, `from x import y`, importlib.import_module("x"))."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.partition(".")[0])
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names.add(node.value)  # importlib.import_module("ex01_one_hot"), __import__(...)
    return names


def dependents(saved: Exercise, exercises: list[Exercise], impl: Path) -> list[Exercise]:
    """The exercises that import the saved one, directly or through another exercise, in order."""
    imports = {e.name: imported_names(impl / e.filename) for e in exercises}
    affected = {saved.name}
    grew = True
    while grew:
        grew = False
        for exercise in exercises:
            if exercise.name not in affected and imports[exercise.name] & affected:
                affected.add(exercise.name)
                grew = True
    return [e for e in exercises if e.name in affected and e.name != saved.name]


def split_tests(tests: list[tuple], parallel: int) -> list[list[str]]:
    """The tests of one exercise, (node id, seconds it took last time[, fixtures it shares]),
    shared out between `parallel` judges so that they finish together: the longest first, each to
    the judge with the least work so far; each judge's tests in their own order. Tests that share
    a fixture set up once per judge (ex07's trained model) go to one judge together, or each judge
    would set it up again. One list, the whole file, where the last grade did not list them one by
    one (it could not collect them)."""
    nodeids = [test[0] for test in tests]
    if parallel < 2 or len(tests) < 2 or not all("::" in nodeid for nodeid in nodeids):
        return [nodeids]
    units = together([set(test[2]) if len(test) > 2 else set() for test in tests])
    seconds = [sum(tests[i][1] for i in unit) for unit in units]
    shares: list[list[int]] = [[] for _ in range(min(parallel, len(units)))]
    load = [0.0] * len(shares)
    for index in sorted(range(len(units)), key=lambda i: -seconds[i]):
        lightest = load.index(min(load))
        shares[lightest] += units[index]
        load[lightest] += seconds[index]
    return [[nodeids[i] for i in sorted(share)] for share in shares if share]


def together(fixtures: list[set[str]]) -> list[list[int]]:
    """Groups of test positions that must run in one judge: linked by a fixture they share, other
    than those every test uses (the exercise's module)."""
    everywhere = set.intersection(*fixtures) if fixtures else set()
    groups: list[tuple[set[str], list[int]]] = []
    for index, names in enumerate(fixtures):
        names = names - everywhere
        linked = [group for group in groups if names & group[0]]
        merged: tuple[set[str], list[int]] = (set(names), [index])
        for group in linked:
            merged[0].update(group[0])
            merged[1].extend(group[1])
            groups.remove(group)
        groups.append(merged)
    return [sorted(indices) for _names, indices in groups]


def verdict(
    exercise: Exercise, tests: list, impl: Path, because: Exercise | None = None, show_failures: int | None = 2
) -> str:
    passed = scoreboard.passed_count(tests)
    clock = time.strftime("%H:%M:%S")
    mark = _("PASS") if tests and passed == len(tests) else _("FAIL")
    line = f"[{clock}] {mark} " + _(
        "{name}: {passed}/{total} tests pass", name=exercise.name, passed=passed, total=len(tests)
    )
    if because is not None:
        line += " " + _("(it imports {saved}, so it was graded again)", saved=because.name)
    lines = [indent(line, "    ", first_prefix="")]  # wrapped between words, not by the terminal mid-word
    if passed < len(tests):
        lines += scoreboard.failure_details(exercise, tests, impl, show_failures=show_failures, watching=True)
    return "\n".join(lines)


def prepare_for_training() -> None:
    """torch.optim's first step imports torch._dynamo (about 1.5 s). Import it once here, before
    any child is forked, so no re-grade of a training exercise pays for it again; and replay
    ex07's documented training once, which every judge of its saves then reads."""
    from kata.engine.warm_start import import_dynamo_once, replay_training_ahead

    import_dynamo_once()
    replay_training_ahead()


class Stop:
    """Ctrl-C, SIGTERM or a closed terminal, remembered. The KeyboardInterrupt raised for it is lost when
    it lands in code whose exceptions Python ignores, such as the hooks that run as a process
    forks (seen: logging's, while watch forked its judges), so the loop also looks here."""

    asked = False
    held = False  # while judges start: the stop waits until they are where it finds them

    @classmethod
    def now(cls, _signum: int = 0, _frame: object = None) -> None:
        cls.asked = True
        if not cls.held:
            raise KeyboardInterrupt

    @classmethod
    def check(cls) -> None:
        if cls.asked:
            raise KeyboardInterrupt

    @classmethod
    @contextmanager
    def held_off(cls) -> Iterator[None]:
        """A stop asked for inside comes at its end: a judge forked but not yet among the ready
        ones would outlive watch, and its workers would write in the folder watch removes as it ends."""
        cls.held = True
        try:
            yield
        finally:
            cls.held = False
        cls.check()


def end_with_the_terminal() -> None:
    """Stop on Ctrl-C, on SIGTERM (an editor's stop button, `kill`) and when the terminal closes,
    each the way Ctrl-C stops it: what watch made is cleaned up (torch._dynamo's cache folder).
    make blocks SIGHUP while it waits for a recipe, and a child inherits that mask: unblock it, so
    a closed terminal (a killed tmux session) ends watch instead of leaving it running."""
    import signal

    Stop.asked = False
    signal.signal(signal.SIGINT, Stop.now)
    signal.signal(signal.SIGTERM, Stop.now)
    if not hasattr(signal, "SIGHUP"):  # Windows: closing the console ends the process
        return
    signal.signal(signal.SIGHUP, Stop.now)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGHUP})


def watch(
    exercises: list[Exercise], impl: Path, *, timeout: float, jobs: int, poll: float, subset: bool = False
) -> int:
    """Ctrl-C or a closed terminal ends it, at any moment, without a traceback."""
    end_with_the_terminal()
    try:
        return _watch(exercises, impl, timeout=timeout, jobs=jobs, poll=poll, subset=subset)
    except KeyboardInterrupt:
        with suppress(OSError):  # the terminal may be gone
            print()
        return 0
    except OSError as error:
        if error.errno in (errno.EIO, errno.EPIPE):  # writing to a terminal that has closed
            return 0
        raise


def content(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def complete(text: bytes | None) -> bool:
    """Whether a file's text looks whole: Python reads it. An editor that writes a save in parts
    leaves, in between, a text that stops mid-line (or an empty file)."""
    if not text:
        return False
    try:
        compile(text, "<saved>", "exec", dont_inherit=True, flags=ast.PyCF_ONLY_AST)
    except (SyntaxError, ValueError):
        return False
    return True


class Saves:
    """Which exercises were saved with a new text since they were last graded. A save is seen by
    the file's time and size (cheap, every look), then read: graded once it has stopped changing,
    and only when its text is not the one graded last (an editor's second write of one save, or
    a save that changed nothing, grades nothing and shows no verdict twice)."""

    INCOMPLETE_WAIT = 0.6  # seconds a text Python cannot read may still be a save in progress

    def __init__(self, exercises: list[Exercise], impl: Path, poll: float) -> None:
        self.exercises, self.impl, self.poll = exercises, impl, poll
        self.seen = {e.name: stamp(impl / e.filename) for e in exercises}
        self.graded = {e.name: content(impl / e.filename) for e in exercises}

    def changed(self) -> list[Exercise]:
        saved = []
        for exercise in self.exercises:
            path = self.impl / exercise.filename
            now = stamp(path)
            if now == self.seen[exercise.name]:
                continue
            text, self.seen[exercise.name] = self.settled(path)
            if text != self.graded[exercise.name]:
                self.graded[exercise.name] = text
                saved.append(exercise)
        return saved

    def settled(self, path: Path) -> tuple[bytes | None, tuple[int, int] | None]:
        """The file's text once it stopped changing: the same on two looks a poll apart, and
        readable by Python, or unchanged for INCOMPLETE_WAIT (a syntax error the learner saved);
        with the file's time and size noted before the last look, so a save that lands after it
        is a change at the next look."""
        text = content(path)
        since = time.monotonic()
        while True:
            time.sleep(self.poll)
            noted = stamp(path)
            again = content(path)
            if again != text:
                text, since = again, time.monotonic()
            elif complete(text) or time.monotonic() - since >= self.INCOMPLETE_WAIT:
                return text, noted


def _watch(exercises: list[Exercise], impl: Path, *, timeout: float, jobs: int, poll: float, subset: bool) -> int:
    saves = Saves(exercises, impl, poll)  # before grading: a save meanwhile counts
    launcher.set_watching()  # a message says "save again", not "run make test"
    prepare_for_training()
    watcher = Watcher(exercises, impl, timeout=timeout, jobs=jobs, subset=subset)
    try:
        watcher.grade(exercises, jobs)
        watcher.show_status()
        watcher.get_ready()
        while True:
            time.sleep(poll)
            Stop.check()
            for exercise in saves.changed():
                watcher.saved(exercise)
                watcher.get_ready()
    finally:
        watcher.ready.close()


class Watcher:
    """What `make watch` knows between saves: the latest results, and the judges that wait for
    the next save of the exercise being worked on (kata.engine.ready_judges.ReadyJudges)."""

    def __init__(self, exercises: list[Exercise], impl: Path, *, timeout: float, jobs: int, subset: bool) -> None:
        self.exercises, self.impl, self.timeout, self.jobs, self.subset = exercises, impl, timeout, jobs, subset
        self.results: Results = {}
        self.shown = None if len(exercises) == 1 else 2  # one exercise watched: every distinct failure
        self.ready = ReadyJudges(timeout)
        self.working_on: Exercise | None = None

    def grade(self, chosen: list[Exercise], parallel: int, on_done: Callable[[Job], None] | None = None) -> None:
        work = [Job([e], self.impl, slow=e.slow) for e in chosen]
        run_jobs(work, timeout=self.timeout, parallel=parallel, on_done=on_done)
        for job in work:
            self.results.update(job.results_by_exercise())
        state.record_progress({e.name: self.results[e.name] for e in chosen}, self.impl)

    def jobs_for(self, exercise: Exercise) -> list[Job]:
        """A saved exercise's tests, shared out between the judges that run at once."""
        halves = split_tests([(r.nodeid, r.seconds, r.shares) for r in self.results.get(exercise.name, [])], self.jobs)
        if len(halves) < 2:
            return [Job([exercise], self.impl, slow=exercise.slow)]
        return [Job([exercise], self.impl, slow=exercise.slow, pending=half) for half in halves]

    def get_ready(self) -> None:
        """Judges wait for the exercise saved last (at first, the first one not done)."""
        exercise = self.working_on or scoreboard.first_unfinished(self.exercises, self.results)
        if exercise is not None:
            with Stop.held_off():
                self.ready.prepare(self.jobs_for(exercise))

    def grade_saved(self, exercise: Exercise) -> None:
        known = [r.nodeid for r in self.results.get(exercise.name, [])]
        work = self.jobs_for(exercise)
        run_jobs(work, timeout=self.timeout, parallel=len(work), ready=self.ready)
        order = {nodeid: i for i, nodeid in enumerate(known)}
        tests = [r for job in work for r in job.results_by_exercise()[exercise.name]]
        self.results[exercise.name] = sorted(tests, key=lambda r: order.get(r.nodeid, len(order)))
        state.record_progress({exercise.name: self.results[exercise.name]}, self.impl)

    def saved(self, exercise: Exercise) -> None:
        """Re-grade a saved exercise (its verdict first), then the exercises that import it."""
        self.working_on = exercise
        self.grade_saved(exercise)
        impl = self.impl
        print("\n" + verdict(exercise, self.results[exercise.name], impl, show_failures=self.shown), flush=True)
        others = dependents(exercise, self.exercises, impl)
        if others:

            def show(job: Job) -> None:
                for name, tests in job.results_by_exercise().items():
                    print(verdict(job.exercise(name), tests, impl, because=exercise), flush=True)

            self.grade(others, self.jobs, on_done=show)
        done = sum(1 for e in self.exercises if exercise_done(self.results[e.name]))
        bar = scoreboard.progress_bar(done, len(self.exercises))
        progress = (
            _("Progress {bar} of the chosen exercises done", bar=bar)
            if self.subset
            else _("Progress {bar} exercises done", bar=bar)
        )
        nxt = scoreboard.first_unfinished(self.exercises, self.results)
        print("  " + progress + "\n" + scoreboard.next_line(nxt, impl, subset=self.subset), flush=True)

    def show_status(self) -> None:
        exercises, results, impl = self.exercises, self.results, self.impl
        print("\n".join(scoreboard.status_lines(exercises, results, subset=self.subset)))
        print(scoreboard.next_line(scoreboard.first_unfinished(exercises, results), impl, subset=self.subset))
        watching = _(
            "Watching {folder} for changes: save a file to re-grade it. Ctrl-C stops.", folder=display_path(impl)
        )
        print("\n" + indent(watching, "  ", first_prefix=""), flush=True)
