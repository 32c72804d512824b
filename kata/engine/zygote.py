"""Where workers come from: a clean, warm process that forks a fresh worker whenever the judge
asks for one.

The judge starts its zygote before pytest collects a single test, so the zygote (and every
worker forked from it) holds torch, numpy and the kata's worker code, but no graded test, no
hidden test and no reference: a worker forked from it finds none of them in its memory. Forking
from it costs milliseconds, so a worker that crashed, exited or hung is replaced for the next
test at once. Where fork is not available (macOS, Windows, KATA_START=spawn) workers start as
`python -m kata.engine.worker` instead (`Spawner`).

The judge and its zygote talk over a SOCK_SEQPACKET socket pair: one JSON message per packet,
the worker's socket and output descriptor passed along with a spawn request.

Under the grader (kata.engine.scheduler) a judge's zygote is not forked from the judge but from
the **clean zygote**, which the grader forks once, warm, before it has read a single grading file
or graded anyone: a worker then holds nothing the grader learnt later (the bytes of the hidden
tests it hashes, classmates' results in grade-all), whatever it digs out of its own memory.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from contextlib import suppress

from kata.core.settings import settings
from kata.engine.processes import close_all_but, fork_running, spawn_module


def fork_available() -> bool:
    """Fork where it is safe with torch: Linux. Elsewhere (macOS, Windows) spawn."""
    return sys.platform.startswith("linux") and settings().start == "fork"


class Zygote:
    """The judge's end: spawn a worker, learn how one ended."""

    def __init__(self, sock: socket.socket, pid: int) -> None:
        self.sock = sock
        self.pid = pid

    @classmethod
    def start(cls) -> Zygote:
        judge_end, zygote_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)

        def body() -> None:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the grader, which ends us
            _quiet()  # hold nothing of the judge's (its verdict pipe, its output): only our socket
            serve(zygote_end)

        pid = fork_running(body, keep=[zygote_end.fileno()])
        zygote_end.close()
        return cls(judge_end, pid)

    def _ask(self, request: dict, fds: list[int] | None = None) -> dict:
        data = json.dumps(request).encode()
        if fds:
            socket.send_fds(self.sock, [data], fds)
        else:
            self.sock.send(data)
        reply = self.sock.recv(1 << 16)
        if not reply:
            raise OSError("the zygote has gone")
        return json.loads(reply)

    def spawn(self, config: dict, out_fd: int) -> tuple[socket.socket, int]:
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            pid = int(self._ask({"op": "spawn", "config": config}, [theirs.fileno(), out_fd])["pid"])
        finally:
            theirs.close()
        return mine, pid

    def reap(self, pid: int) -> int:
        """Stop the worker if it still runs; its exit code (negative: the signal that ended it)."""
        return int(self._ask({"op": "reap", "pid": pid})["code"])

    def close(self) -> None:
        with suppress(OSError):
            self.sock.close()
        if self.pid:  # a zygote of the clean zygote's is its child, not ours: it ends when we close
            with suppress(ChildProcessError, OSError):
                os.waitpid(self.pid, 0)


def die_with_parent() -> None:
    """Linux: this process is killed when the process that forked it ends, at once, instead of
    noticing its closed socket a moment later (a timing tool saw it outlive the grader)."""
    with suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG


class CleanZygote:
    """The grader's end of the clean zygote: asks it for a fresh zygote for each judge."""

    def __init__(self, sock: socket.socket, pid: int) -> None:
        self.sock = sock
        self.pid = pid

    @classmethod
    def start(cls, first: Callable[[], None], warm: Callable[[], None]) -> CleanZygote:
        """Fork it now. `first` is what it runs at once, while the grader goes on preparing its
        judges (on a second core, at no cost to them): what every worker needs. `warm` is what
        it runs before a zygote for a judge that trains (ex07's torch._dynamo), so that such
        workers start warm too."""
        grader_end, zygote_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)

        def body() -> None:
            die_with_parent()
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the grader, which ends us
            signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the judges' zygotes it forks reap themselves
            _quiet()
            first()
            serve_clean(zygote_end, warm)

        pid = fork_running(body, keep=[zygote_end.fileno()])
        zygote_end.close()
        return cls(grader_end, pid)

    def zygote_for_judge(self, trains: bool) -> socket.socket:
        """A new zygote's socket, for a judge to take over (its end of kata.engine.zygote.Zygote).
        Not waited for: the judge has pytest to start and its tests to collect while the clean
        zygote forks (a process holding torch: milliseconds), and its first request waits on
        the socket until the zygote is there. A clean zygote that has gone fails the send here,
        or closes the socket unanswered: the judge's tests then fail, saying no worker starts."""
        judge_end, zygote_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            socket.send_fds(self.sock, [json.dumps({"op": "zygote", "trains": trains}).encode()], [zygote_end.fileno()])
        finally:
            zygote_end.close()
        return judge_end


def serve_clean(sock: socket.socket, warm: Callable[[], None]) -> None:
    """The clean zygote's loop: a zygote for each judge, until the grader closes its end."""
    warmed = False
    while True:
        try:
            data, fds, _flags, _address = socket.recv_fds(sock, 1 << 16, 1)
        except OSError:
            return
        if not data:
            return
        request = json.loads(data)
        if request.get("op") != "zygote" or len(fds) != 1:
            for fd in fds:
                os.close(fd)
            continue
        if request.get("trains") and not warmed:
            warm()
            warmed = True

        def body(channel: int = fds[0]) -> None:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # it waits for its workers
            serve(socket.socket(fileno=channel))

        fork_running(body, keep=[fds[0]])
        os.close(fds[0])


def serve(sock: socket.socket) -> None:
    """The zygote's loop: until the judge closes its end."""
    workers: set[int] = set()
    try:
        while True:
            try:
                data, fds, _flags, _address = socket.recv_fds(sock, 1 << 16, 4)
            except OSError:
                return
            if not data:
                return
            request = json.loads(data)
            if request.get("op") == "spawn" and len(fds) == 2:
                pid = fork_worker(fds[0], fds[1], request["config"], keep=sock.fileno())
                workers.add(pid)
                for fd in fds:
                    os.close(fd)
                sock.send(json.dumps({"pid": pid}).encode())
            elif request.get("op") == "reap":
                pid = int(request["pid"])
                code = reap(pid) if pid in workers else 0
                workers.discard(pid)
                sock.send(json.dumps({"code": code}).encode())
            else:
                for fd in fds:
                    os.close(fd)
                sock.send(b"{}")
    finally:
        for pid in workers:
            reap(pid)


def reap(pid: int) -> int:
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    try:
        _pid, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return 0
    return os.waitstatus_to_exitcode(status)


def fork_worker(channel: int, out_fd: int, config: dict, keep: int) -> int:
    """A worker forked from this zygote, its output to out_fd; nothing of the zygote's reaches it
    but its own socket."""

    def body() -> None:
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out_fd, 1)
        os.dup2(out_fd, 2)
        close_all_but([channel])
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        from kata.engine.worker import worker_main

        worker_main(socket.socket(fileno=channel), config)

    return fork_running(body, report=True)  # could not start: it says why where its output goes


def _quiet() -> None:
    """Standard input and output of a process that prints nothing: /dev/null."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    if null > 2:
        os.close(null)


class Spawner:
    """Workers as fresh interpreters, where fork is not available or not wanted."""

    def __init__(self) -> None:
        self.procs: dict[int, subprocess.Popen] = {}

    def spawn(self, config: dict, out_fd: int) -> tuple[socket.socket, int]:
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        proc = spawn_module("kata.engine.worker", [str(theirs.fileno()), json.dumps(config)], out_fd, [theirs.fileno()])
        theirs.close()
        self.procs[proc.pid] = proc
        return mine, proc.pid

    def reap(self, pid: int) -> int:
        proc = self.procs.pop(pid, None)
        if proc is None:
            return 0
        with suppress(ProcessLookupError):
            proc.kill()
        return proc.wait()

    def close(self) -> None:
        for pid in list(self.procs):
            self.reap(pid)
