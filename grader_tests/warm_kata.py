"""`python -m kata ARGS` for the grader's own tests, forked from a warm interpreter.

A fresh `python -m kata grade` spends most of two seconds importing torch, pytest, Hypothesis
and sympy before it grades anything (and one that trains 1.5 s more on torch._dynamo), and the golden tier runs about seventy of them. A server
imports those libraries once (never the kata: its settings are read from the environment when it
is imported) and forks a process per command, which takes the command's environment, folder,
argv and standard streams, then runs the kata's `__main__` as `python -m kata` does: the same
code, output and exit code, without the interpreter's start. One server serves the whole session:
the golden grades' threads and the tests run their commands in it side by side. Tests of starting itself (a venv,
the Makefile, spawned children) still run real processes."""

from __future__ import annotations

import atexit
import contextlib
import itertools
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from kata import ROOT

SERVER = r"""
import json, os, sys
import hypothesis, numpy, pytest, sympy, torch  # what every grading command imports before it grades
# What a grade that trains imports before it forks a judge (torch._dynamo, 1.5 s; its cache
# folder is the servers' own, as the kata's is a grader's own: import_dynamo_once), and the meta
# device's kernels, which every grade loads first (kata.engine.warm_start). A grade forked from here
# still runs both: it finds the work done.
import torch._dynamo
import importlib, numpy.random
from _pytest.config import default_plugins
for name in default_plugins:  # the pytest plugins every judge loads (kata.engine.warm_start.prepare_parent)
    try:
        importlib.import_module(f"_pytest.{name}")
    except ImportError:
        pass
with torch.no_grad():
    torch.nn.RNN(2, 3, batch_first=True, device="meta")(torch.zeros(1, 2, 2, device="meta"))

# The kata's and the tests' code is not compiled here: a grade forked from here installs the
# kata's own bytecode cache first (kata/core/bytecode.py), as every `python -m kata` does.

def run(request):
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
        os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    sys.path[0] = request["cwd"]
    import tempfile
    tempfile.tempdir = None
    sys.argv = ["kata", *request["args"]]
    code = 0
    try:
        import runpy
        runpy.run_module("kata", run_name="__main__", alter_sys=True)
    except SystemExit as exit:
        code = exit.code
    except BaseException:
        import traceback
        traceback.print_exc()
        code = 1
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    import atexit, threading
    threading._shutdown()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(code & 0xFF)

# Requests come one per line and run side by side, each in a child of its own: the reply
# {"id", "pid"} as it starts, {"id", "code"} as it ends. SIGCHLD wakes the loop (set_wakeup_fd).
import selectors, signal
wake_r, wake_w = os.pipe()
os.set_blocking(wake_w, False)
signal.signal(signal.SIGCHLD, lambda *_: None)
signal.set_wakeup_fd(wake_w)
loop = selectors.DefaultSelector()
loop.register(0, selectors.EVENT_READ)
loop.register(wake_r, selectors.EVENT_READ)
running, pending, reading = {}, b"", True

def reply(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()

while reading or running:
    for key, _ in loop.select():
        if key.fd == wake_r:
            os.read(wake_r, 4096)
            continue
        data = os.read(0, 1 << 16)
        if not data:
            reading = False
            loop.unregister(0)
        pending += data
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            request = json.loads(line)
            if "kill" in request:  # a command its caller gave up on (a pid not yet reaped is still its own)
                for pid, number in running.items():
                    if number == request["kill"]:
                        os.kill(pid, signal.SIGKILL)
                continue
            pid = os.fork()
            if pid == 0:
                signal.set_wakeup_fd(-1)
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                loop.close()
                os.close(wake_r)
                os.close(wake_w)
                run(request)
            running[pid] = request["id"]
            reply({"id": request["id"], "pid": pid})
    while running:
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            break
        if pid in running:
            reply({"id": running.pop(pid), "code": os.waitstatus_to_exitcode(status)})
"""


class _Server:
    """One warm interpreter for the whole session: every thread's commands run in it side by side."""

    def __init__(self, inductor_cache: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "TORCHINDUCTOR_CACHE_DIR": inductor_cache},
            text=True,
        )
        self.inductor_cache = inductor_cache
        self.writing = threading.Lock()
        self.ids = itertools.count()
        self.replies: dict[int, queue.SimpleQueue[dict | None]] = {}
        self.dead = False
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        try:
            for line in self.process.stdout:
                message = json.loads(line)
                waiting = self.replies.get(message["id"])
                if waiting is not None:
                    waiting.put(message)
        finally:  # the server ended (or wrote what is not a reply): nobody waits for ever
            self.dead = True
            for waiting in list(self.replies.values()):
                waiting.put(None)

    def run(self, request: dict, timeout: float) -> int | None:
        """The command's exit code; None when it ran past timeout (it is killed) or the server died."""
        number = next(self.ids)
        replies: queue.SimpleQueue[dict | None] = queue.SimpleQueue()
        self.replies[number] = replies
        deadline = time.monotonic() + timeout
        ended = False
        try:
            self._send({**request, "id": number})
            while not self.dead or not replies.empty():
                message = replies.get(timeout=max(deadline - time.monotonic(), 0))
                if message is None:
                    return None
                if "code" in message:
                    ended = True
                    return int(message["code"])
            return None
        except queue.Empty:
            return None
        finally:  # timed out, or the caller was stopped (pytest-timeout, Ctrl-C): the command goes too
            del self.replies[number]
            if not ended and not self.dead:
                with contextlib.suppress(OSError, ValueError):
                    self._send({"kill": number})

    def _send(self, message: dict) -> None:
        with self.writing:
            assert self.process.stdin is not None
            self.process.stdin.write(json.dumps(message) + "\n")
            self.process.stdin.flush()

    def stop(self) -> None:
        """Its input closed, it ends once the commands under way have."""
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.inductor_cache, ignore_errors=True)


_shared: list[_Server] = []
_starting = threading.Lock()


def _server() -> _Server:
    with _starting:
        if _shared and _shared[0].dead:  # it died: the next command gets a new one
            _shared.pop().stop()
        if not _shared:
            _shared.append(_Server(tempfile.mkdtemp(prefix="warm-kata-inductor-")))
        return _shared[0]


def run_kata(
    args: list[str], *, env: dict[str, str], cwd: Path = ROOT, timeout: float = 300
) -> subprocess.CompletedProcess:
    """What `subprocess.run([python, "-m", "kata", *args], env=env, cwd=cwd, capture_output=True,
    text=True)` gives, from the warm server (commands of several threads run side by side)."""
    with tempfile.TemporaryDirectory(prefix="warm-kata-") as folder:
        out, err = Path(folder, "stdout"), Path(folder, "stderr")
        request = {"args": args, "env": env, "cwd": str(cwd), "stdout": str(out), "stderr": str(err)}
        code = _server().run(request, timeout)
        if code is None:
            raise subprocess.TimeoutExpired([sys.executable, "-m", "kata", *args], timeout)
        return subprocess.CompletedProcess(
            [sys.executable, "-m", "kata", *args],
            code,
            out.read_text(encoding="utf-8", errors="replace"),
            err.read_text(encoding="utf-8", errors="replace"),
        )


def stop_servers() -> None:
    """End the server (it exits when its input closes)."""
    while _shared:
        _shared.pop().stop()


atexit.register(stop_servers)
