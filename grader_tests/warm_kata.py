"""`python -m kata ARGS` for the grader's own tests, forked from a warm interpreter.

A fresh `python -m kata grade` spends most of two seconds importing torch, pytest, Hypothesis
and sympy before it grades anything (and one that trains 1.5 s more on torch._dynamo), and the golden tier runs about seventy of them. A server
imports those libraries once (never the kata: its settings are read from the environment when it
is imported) and forks a process per command, which takes the command's environment, folder,
argv and standard streams, then runs the kata's `__main__` as `python -m kata` does: the same
code, output and exit code, without the interpreter's start. Tests of starting itself (a venv,
the Makefile, spawned children) still run real processes."""

from __future__ import annotations

import atexit
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
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

# The kata's and the graded tests' code, compiled once here: every grade forked from here imports
# them afresh (never the modules themselves, see above) and compiled them each time, about a
# seventh of a grade's CPU (profiled). A module's code is taken from here only for exactly the
# source it was compiled from; anything else (a learner's file) is compiled as usual.
import importlib.machinery, pathlib
_compile = importlib.machinery.SourceFileLoader.source_to_code
_compiled = {}
for folder in ("kata", "tests", "hidden_tests"):
    for path in sorted(pathlib.Path(sys.argv[1], folder).rglob("*.py")):
        source = path.read_bytes()
        _compiled[(str(path), source)] = compile(source, str(path), "exec", dont_inherit=True)

def source_to_code(self, data, path, *, _optimize=-1):
    code = _compiled.get((path, bytes(data))) if _optimize == -1 else None
    return code if code is not None else _compile(self, data, path, _optimize=_optimize)

importlib.machinery.SourceFileLoader.source_to_code = source_to_code

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

for line in sys.stdin:
    request = json.loads(line)
    pid = os.fork()
    if pid == 0:
        run(request)
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(json.dumps({"code": os.waitstatus_to_exitcode(status)}) + "\n")
    sys.stdout.flush()
"""

_idle: queue.SimpleQueue[subprocess.Popen] = queue.SimpleQueue()
_started: list[subprocess.Popen] = []
_inductor_cache: list[str] = []  # the folder torch._dynamo makes as the servers import it, removed as they end


def _server() -> subprocess.Popen:
    try:
        return _idle.get_nowait()
    except queue.Empty:
        pass
    if not _inductor_cache:
        _inductor_cache.append(tempfile.mkdtemp(prefix="warm-kata-inductor-"))
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(ROOT)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "TORCHINDUCTOR_CACHE_DIR": _inductor_cache[0]},
        text=True,
    )
    _started.append(server)
    return server


def run_kata(
    args: list[str], *, env: dict[str, str], cwd: Path = ROOT, timeout: float = 300
) -> subprocess.CompletedProcess:
    """What `subprocess.run([python, "-m", "kata", *args], env=env, cwd=cwd, capture_output=True,
    text=True)` gives, from a warm server (one per calling thread at a time)."""
    server = _server()
    with tempfile.TemporaryDirectory(prefix="warm-kata-") as folder:
        out, err = Path(folder, "stdout"), Path(folder, "stderr")
        request = {"args": args, "env": env, "cwd": str(cwd), "stdout": str(out), "stderr": str(err)}
        assert server.stdin is not None and server.stdout is not None
        server.stdin.write(json.dumps(request) + "\n")
        server.stdin.flush()
        reply = _read_line(server, timeout)
        if reply is None:
            server.kill()
            raise subprocess.TimeoutExpired([sys.executable, "-m", "kata", *args], timeout)
        _idle.put(server)
        code = json.loads(reply)["code"]
        return subprocess.CompletedProcess(
            [sys.executable, "-m", "kata", *args],
            code,
            out.read_text(encoding="utf-8", errors="replace"),
            err.read_text(encoding="utf-8", errors="replace"),
        )


def _read_line(server: subprocess.Popen, timeout: float) -> str | None:
    import selectors

    assert server.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(server.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            return None
    line = server.stdout.readline()
    return line or None


def stop_servers() -> None:
    """End every server (each exits when its input closes)."""
    for server in _started:
        if server.stdin is not None:
            server.stdin.close()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    _started.clear()
    for folder in _inductor_cache:
        shutil.rmtree(folder, ignore_errors=True)
    _inductor_cache.clear()


atexit.register(stop_servers)
