"""A warm pytest for `make mutants`: torch, torch._dynamo and pytest imported once, one fork per run.

A fresh `python -m pytest` pays about 2 s of imports before the first test (torch, and
torch._dynamo on the first optimizer step), several times what the tests of one exercise take.
This server imports all that once and forks a child per request, the way kata.engine.scheduler grades
(children forked from a warm parent). The exercise modules are never imported here, so every
child imports the mutated file fresh. mutation/forkclient.py is the test command cosmic-ray runs.

Single-threaded on purpose: forking a process with other threads running is unsafe.
"""

from __future__ import annotations

import gc
import json
import os
import selectors
import signal
import socket
import sys


def warm_up() -> None:
    import importlib

    import pytest  # noqa: F401
    import pytest_timeout  # noqa: F401
    import torch
    from _pytest.config import default_plugins

    import kata.engine.plugin  # noqa: F401

    try:  # property-based tests, where the graded tests use them
        import hypothesis  # noqa: F401
    except ImportError:
        pass
    for name in default_plugins:
        try:
            importlib.import_module(f"_pytest.{name}")
        except ImportError:
            pass
    # Two children run side by side on the cores there are: one thread each, as kata.engine.judge does.
    torch.set_num_threads(1)
    weight = torch.zeros(2, requires_grad=True)
    optimizer = torch.optim.Adam([weight], lr=0.1)  # its first step imports torch._dynamo
    weight.sum().backward()
    optimizer.step()
    sys.dont_write_bytecode = True
    gc.collect()
    gc.freeze()


def run_child(request: dict) -> None:
    """In the forked child: pytest on the request's arguments, output to the request's file."""
    os.setpgid(0, 0)
    out = os.open(request["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.chdir(request["cwd"])
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    import pytest

    code = 3
    try:
        code = int(pytest.main(request["args"]))
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def serve(path: str) -> None:
    warm_up()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(8)
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ)
    running: dict[int, socket.socket] = {}  # child pid -> the client waiting for it
    print("ready", flush=True)
    while True:
        for key, _ in selector.select(timeout=0.02):
            if key.fileobj is listener:
                conn, _ = listener.accept()
                request = json.loads(conn.makefile("r").readline())
                pid = os.fork()
                if pid == 0:
                    listener.close()
                    run_child(request)
                running[pid] = conn
                selector.register(conn, selectors.EVENT_READ, pid)
            else:  # the client went away (cosmic-ray's time limit killed it): stop its pytest too
                selector.unregister(key.fileobj)
                try:
                    os.killpg(key.data, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        while running:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            conn = running.pop(pid)
            if conn in [key.fileobj for key in selector.get_map().values()]:
                selector.unregister(conn)
            try:
                conn.sendall(f"{os.waitstatus_to_exitcode(status)}\n".encode())
            except OSError:
                pass
            conn.close()


if __name__ == "__main__":
    serve(sys.argv[1])
