"""How `make watch` stops: on Ctrl-C and when its terminal closes, whatever it was doing."""

from __future__ import annotations

import os
import signal
import time

import pytest

from kata.learner.watch import Stop, end_with_the_terminal


@pytest.mark.skipif(not hasattr(os, "register_at_fork"), reason="no fork here")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the ignored interrupt, as expected
def test_a_hang_up_whose_interrupt_python_ignored_still_stops_watch() -> None:
    """A SIGHUP that lands in a hook run as the process forks (watch forks its judges right after
    it prints "Watching") raises there, and Python ignores exceptions of such hooks: watch's loop
    still stops at its next look."""
    previous = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM)}
    armed = [True]

    def hang_up_while_forking() -> None:
        if armed:
            armed.clear()
            os.kill(os.getpid(), signal.SIGHUP)
            time.sleep(0.05)  # the handler runs here, inside the hook

    try:
        end_with_the_terminal()
        os.register_at_fork(after_in_parent=hang_up_while_forking)
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        os.waitpid(pid, 0)  # reached: the KeyboardInterrupt did not get out of the hook
        with pytest.raises(KeyboardInterrupt):
            Stop.check()
    finally:
        armed.clear()
        Stop.asked = False
        for number, handler in previous.items():
            signal.signal(number, handler)


def saves_in(tmp_path, text: str = "x = 1\n"):
    from kata.core.manifest import load_manifest
    from kata.learner.watch import Saves

    exercise = load_manifest()[0]
    path = tmp_path / exercise.filename
    path.write_text(text)
    return Saves([exercise], tmp_path, poll=0.01), exercise, path


def test_a_save_that_changes_nothing_is_not_graded_again(tmp_path) -> None:
    """Editors often write a file twice for one save (its text, then again, or only its time):
    the same text is never graded, and its verdict never shown, a second time."""
    saves, exercise, path = saves_in(tmp_path)
    assert saves.changed() == []
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))  # touched: same text
    assert saves.changed() == []
    path.write_text("x = 2\n")
    assert saves.changed() == [exercise]
    path.write_text("x = 2\n")  # the same text written again
    assert saves.changed() == []


def test_a_save_in_two_writes_is_graded_once_complete(tmp_path) -> None:
    """A save written in two parts 0.3 s apart: the first part alone does not parse, so watch
    waits for the file to stop changing and grades only the whole text."""
    import threading

    saves, exercise, path = saves_in(tmp_path)
    whole = "def build_vocab(words):\n    return sorted(set(''.join(words)))\n"
    path.write_text(whole[: whole.index("(set") + 5])  # stops inside a call: Python cannot read it
    later = threading.Timer(0.3, lambda: path.write_text(whole))
    later.start()
    try:
        assert saves.changed() == [exercise]
        assert saves.graded[exercise.name] == whole.encode()
    finally:
        later.join()
    assert saves.changed() == []


def test_a_save_that_lands_just_after_the_last_look_is_graded_too(tmp_path, monkeypatch) -> None:
    """A second save written between watch's last look at the text and its note of the file's
    time is not taken as seen: it is graded at the next look, not lost until the save after it."""
    from kata.learner import watch

    saves, exercise, path = saves_in(tmp_path)
    read = watch.content
    looks = []

    def content(file):
        text = read(file)
        looks.append(text)
        if len(looks) == 2:  # settled's second look agreed with the first: a save lands now
            path.write_text("x = 3\n")
            os.utime(path, ns=(time.time_ns(), time.time_ns() + 3 * 10**9))
        return text

    path.write_text("x = 2\n")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 2 * 10**9))
    monkeypatch.setattr(watch, "content", content)
    assert saves.changed() == [exercise] and saves.graded[exercise.name] == b"x = 2\n"
    monkeypatch.setattr(watch, "content", read)
    assert saves.changed() == [exercise] and saves.graded[exercise.name] == b"x = 3\n"
