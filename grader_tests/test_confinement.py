"""What the kernel enforces on a worker (kata.engine.confine), checked in a forked child that
confines itself the way a worker does: each claim of docs/grading.md's "kernel" column."""

from __future__ import annotations

import glob
import os
import socket
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kata import HIDDEN_DIR, ROOT, SOLUTIONS_DIR
from kata.engine import confine

pytestmark = pytest.mark.skipif(confine.abi() == 0, reason="this kernel has no Landlock")


def in_a_confined_child(probe: Callable[[str], str], before_confining: Callable[[], None] = lambda: None) -> str:
    """Fork; the child confines itself as a worker does (reads kata/ and its own folder, writes its
    own folder), after `before_confining()`, and reports what `probe(own_folder)` returned."""
    own = tempfile.mkdtemp(prefix="kata-confine-test-")
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            top = os.open(ROOT, os.O_RDONLY)  # a descriptor taken before: the kernel still decides
            os.environ["KATA_TEST_TOP_FD"] = str(top)
            before_confining()
            confine.confine([str(ROOT / "kata"), own], [own], [str(SOLUTIONS_DIR), str(HIDDEN_DIR)])
            answer = probe(own)
        except BaseException as error:  # noqa: BLE001 - reported to the test
            answer = f"probe failed: {type(error).__name__}: {error}"
        os.write(write_end, answer.encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        answer = pipe.read().decode()
    os.waitpid(pid, 0)
    return answer


def attempt(action: Callable[[], object]) -> str:
    try:
        action()
    except OSError as error:
        return f"refused {error.errno}"
    return "allowed"


def test_the_reference_and_hidden_tests_cannot_be_read_by_path_or_descriptor() -> None:
    def probe(_own: str) -> str:
        top = int(os.environ["KATA_TEST_TOP_FD"])
        return " ".join(
            [
                attempt(lambda: open(SOLUTIONS_DIR / "ex01_one_hot.py").read()),
                attempt(lambda: open(HIDDEN_DIR / "test_ex02_batch.py").read()),
                attempt(lambda: os.open("solutions/ex01_one_hot.py", os.O_RDONLY, dir_fd=top)),
                attempt(lambda: os.listdir(ROOT)),
                attempt(lambda: open(ROOT / "kata" / "__init__.py").read()),
            ]
        )

    assert in_a_confined_child(probe) == "refused 13 refused 13 refused 13 refused 13 allowed"


def test_writes_go_only_to_its_own_folder() -> None:
    def probe(own: str) -> str:
        return " ".join(
            [
                attempt(lambda: Path(own, "scratch.txt").write_text("ok")),
                attempt(lambda: Path(ROOT / "kata" / "planted.py").write_text("x")),
                attempt(lambda: Path(tempfile.gettempdir(), "kata-confine-planted").write_text("x")),
            ]
        )

    assert in_a_confined_child(probe) == "allowed refused 13 refused 13"
    assert not (ROOT / "kata" / "planted.py").exists()


def test_no_program_starts_and_no_outside_process_is_signalled() -> None:
    parent = os.getpid()

    def probe(_own: str) -> str:
        return " ".join(
            [
                attempt(lambda: subprocess.run(["true"], check=False)),  # no fork to start it in
                attempt(lambda: os.execv("/bin/true", ["true"])),  # nor exec in place
                attempt(lambda: os.kill(parent, 0)),
            ]
        )

    signals = "refused 1" if confine.abi() >= 6 else "allowed"
    assert in_a_confined_child(probe) == f"refused 1 refused 13 {signals}"


@pytest.mark.skipif(confine.abi() < 4, reason="TCP rules need Landlock ABI 4 (Linux 6.7)")
def test_no_tcp_connection_opens() -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    try:
        answer = in_a_confined_child(lambda _own: attempt(lambda: socket.create_connection(("127.0.0.1", port), 2)))
    finally:
        server.close()
    assert answer == "refused 13"


def test_torch_runs_confined() -> None:
    def probe(_own: str) -> str:
        import torch
        from torch import nn

        outputs, h_n = nn.RNN(4, 2, batch_first=True)(torch.zeros(3, 5, 4))
        return f"{tuple(outputs.shape)} {tuple(h_n.shape)}"

    assert in_a_confined_child(probe) == "(3, 5, 2) (1, 3, 2)"


def test_a_secret_folder_under_a_readable_one_leaves_files_unconfined_and_says_why() -> None:
    assert confine.overlap(["/srv"], ["/srv/kata/solutions"]) == "/srv holds /srv/kata/solutions"
    assert confine.overlap(["/srv/python"], ["/srv/kata/solutions"]) == ""
    answer = in_a_confined_child(lambda own: "; ".join(confine.confine([own], [own], [own]).off))
    assert "files (" in answer and "holds" in answer, answer


def test_limits_are_set_in_the_child() -> None:
    def probe(_own: str) -> str:
        import resource

        return str(resource.getrlimit(resource.RLIMIT_FSIZE)[0])

    assert in_a_confined_child(probe) == str(confine.LIMITS["RLIMIT_FSIZE"])


def test_no_new_process_or_socket_but_threads_run() -> None:
    def probe(_own: str) -> str:
        import threading

        ran: list[int] = []
        thread = threading.Thread(target=lambda: ran.append(1))
        thread.start()
        thread.join()
        return " ".join(
            [
                attempt(os.fork),
                attempt(lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM)),
                attempt(lambda: socket.socket(socket.AF_UNIX)),
                attempt(socket.socketpair),
                f"thread ran {len(ran)}",
            ]
        )

    assert in_a_confined_child(probe) == "refused 1 refused 13 refused 13 refused 13 thread ran 1"


@pytest.mark.skipif(os.uname().machine != "x86_64", reason="the cross-process list is x86_64's")
def test_no_limit_or_priority_of_another_process_is_changed() -> None:
    parent = os.getpid()

    def probe(_own: str) -> str:
        import resource

        return " ".join(
            [
                attempt(lambda: resource.prlimit(parent, resource.RLIMIT_CPU, (1, 1))),
                attempt(lambda: os.setpriority(os.PRIO_PROCESS, parent, 19)),
            ]
        )

    assert in_a_confined_child(probe) == "refused 1 refused 1"
    assert os.getpriority(os.PRIO_PROCESS, parent) == 0


@pytest.mark.skipif(os.uname().machine != "x86_64", reason="the cross-process list is x86_64's")
def test_no_other_process_is_rescheduled_but_its_own_threads_may_be() -> None:
    """sched_setscheduler, sched_setaffinity and sched_setattr act on any process of the same
    user: graded code run by an instructor without root set the grader, classmates' judges and the
    instructor's other programs to SCHED_IDLE on one core (attack 6, finding 1). Here a victim and
    the confined child share one uid (as root, an unused one, as the grader's leased accounts do);
    the child's own process (pid 0 or its own) stays its own to pin."""
    same = 65000 if os.geteuid() == 0 else None

    def as_same_user() -> None:
        if same is not None:
            os.setgroups([])
            os.setresgid(same, same, same)
            os.setresuid(same, same, same)

    victim = os.fork()
    if victim == 0:
        as_same_user()
        os.execv("/bin/sleep", ["sleep", "30"])
    try:
        before = (os.sched_getscheduler(victim), os.sched_getaffinity(victim))

        def probe(_own: str) -> str:
            return " ".join(
                [
                    attempt(lambda: os.sched_setscheduler(victim, os.SCHED_IDLE, os.sched_param(0))),
                    attempt(lambda: os.sched_setaffinity(victim, {0})),
                    attempt(lambda: os.sched_setparam(victim, os.sched_param(0))),
                    attempt(lambda: os.sched_setaffinity(0, os.sched_getaffinity(0))),
                    attempt(lambda: os.sched_setaffinity(os.getpid(), os.sched_getaffinity(0))),
                ]
            )

        answer = in_a_confined_child(probe, before_confining=as_same_user)
        assert answer == "refused 1 refused 1 refused 1 allowed allowed"
        assert (os.sched_getscheduler(victim), os.sched_getaffinity(victim)) == before
    finally:
        os.kill(victim, 9)
        os.waitpid(victim, 0)


@pytest.mark.skipif(bool(glob.glob("/dev/nvidia*")), reason="a GPU's driver may map shared memory: allowed there")
def test_no_memory_outside_the_memory_limit_on_a_machine_without_a_gpu() -> None:
    """RLIMIT_DATA counts private memory only: a worker mapped 256 MiB shared and anonymous past a
    64 MiB limit (attack 6, finding 3), and a memfd is shared memory too. Without a GPU neither is
    made; a private mapping and a shared mapping of its own file still work."""
    import mmap

    def probe(own: str) -> str:
        path = Path(own, "mapped")
        path.write_bytes(b"x" * 4096)

        def shared_file() -> None:
            with path.open("r+b") as file:
                mmap.mmap(file.fileno(), 4096, flags=mmap.MAP_SHARED).close()

        return " ".join(
            [
                attempt(lambda: mmap.mmap(-1, 1 << 20, flags=mmap.MAP_SHARED | mmap.MAP_ANONYMOUS)),
                attempt(lambda: os.memfd_create("kata-test")),
                attempt(lambda: mmap.mmap(-1, 1 << 20, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS).close()),
                attempt(shared_file),
            ]
        )

    assert in_a_confined_child(probe) == "refused 1 refused 1 allowed allowed"


@pytest.mark.skipif(os.uname().machine != "x86_64", reason="the cross-process list is x86_64's")
def test_no_system_v_memory_queue_or_semaphore_is_made() -> None:
    """System V shared memory, message queues and semaphores outlive the process that made them
    (no Landlock rule covers them, kill(-1) does not end them): a segment one student left was read
    by the next student graded under the same leased uid, and 768 MiB stayed held after the grader
    ended (attack 6, finding 2)."""
    import ctypes

    def probe(_own: str) -> str:
        libc = ctypes.CDLL(None, use_errno=True)
        ipc_rmid, answers = 0, []
        for make, remove in (
            (lambda: libc.shmget(0, 4096, 0o1600), lambda made: libc.shmctl(made, ipc_rmid, None)),  # IPC_PRIVATE
            (lambda: libc.msgget(0, 0o1600), lambda made: libc.msgctl(made, ipc_rmid, None)),
            (lambda: libc.semget(0, 1, 0o1600), lambda made: libc.semctl(made, 0, ipc_rmid)),
        ):
            ctypes.set_errno(0)
            made = make()
            answers.append("allowed" if made >= 0 else f"refused {ctypes.get_errno()}")
            if made >= 0:
                remove(made)  # not left behind on a kernel where the filter is off
        return " ".join(answers)

    assert in_a_confined_child(probe) == "refused 1 refused 1 refused 1"


def test_graded_code_cannot_lift_its_confinement() -> None:
    """A second, wider ruleset only adds itself: the first one still holds (no_new_privs, and no
    Landlock call removes a rule)."""

    def probe(_own: str) -> str:
        try:
            confine.landlock([str(ROOT)], [str(ROOT)], [], confine.abi())
        except OSError as error:
            return f"second ruleset refused {error.errno}"
        return attempt(lambda: open(SOLUTIONS_DIR / "ex01_one_hot.py").read())

    assert in_a_confined_child(probe) in ("refused 13", "second ruleset refused 1")


def test_no_io_uring_ring_is_made() -> None:
    """io_uring opens sockets without the socket call: a worker sent UDP and reached a unix socket
    by path through it, past the filter on socket (attack 11, finding 6). No ring is made."""
    import ctypes

    def probe(_own: str) -> str:
        libc = ctypes.CDLL(None, use_errno=True)
        params = ctypes.create_string_buffer(120)  # struct io_uring_params, zeroed
        ctypes.set_errno(0)
        ring = libc.syscall(425, 4, params)  # io_uring_setup(entries, params)
        if ring >= 0:
            os.close(ring)
        return "allowed" if ring >= 0 else f"refused {ctypes.get_errno()}"

    assert in_a_confined_child(probe) == "refused 1"
