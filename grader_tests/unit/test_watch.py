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
    previous = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGHUP)}
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
