"""What a worker may not do that Landlock does not cover, refused by a seccomp filter: start a
process (threads still run), open a socket (UDP, unix sockets by path), reach another process
(prlimit, ptrace, setpriority, the scheduler's setters, signals outside itself, System V shared
memory, semaphores and queues) or the machine (mount, reboot, clocks, modules); and, as root,
every capability. Part of kata.engine.confine, which calls it.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kata.engine.confine import Confinement

_PR_SET_NO_NEW_PRIVS = 38

# seccomp, for what Landlock does not cover: new processes (RLIMIT_NPROC never holds root back)
# and new sockets (UDP, unix sockets by path). Threads stay: clone with CLONE_THREAD.
_ARCH = {
    "x86_64": (
        0xC000003E,
        {"clone": 56, "fork": 57, "vfork": 58, "socket": 41, "socketpair": 53, "prlimit64": 302}
        | {"kill": 62, "tkill": 200, "tgkill": 234, "rt_sigqueueinfo": 129, "rt_tgsigqueueinfo": 297}
        | {"sched_setparam": 142, "sched_setscheduler": 144, "sched_setaffinity": 203, "sched_setattr": 314}
        | {"mmap": 9, "memfd_create": 319},
    ),
    "aarch64": (
        0xC00000B7,
        {"clone": 220, "socket": 198, "socketpair": 199, "prlimit64": 261}
        | {"kill": 129, "tkill": 130, "tgkill": 131, "rt_sigqueueinfo": 138, "rt_tgsigqueueinfo": 240}
        | {"sched_setparam": 118, "sched_setscheduler": 119, "sched_setaffinity": 122, "sched_setattr": 274}
        | {"mmap": 222, "memfd_create": 279},
    ),
}
# What acts on any process of the same user by its pid, which a dropped uid does not stop where the
# grader's user runs graded code too (SCHED_IDLE on one core for the grader, classmates' judges and
# the instructor's other programs): allowed on this process only, as prlimit is.
_SELF_ONLY = ("sched_setparam", "sched_setscheduler", "sched_setaffinity", "sched_setattr")
# What reaches another process or the whole machine without a signal or a file, which neither
# Landlock nor a dropped uid stops where the grader's user runs graded code too (prlimit on the
# grader ended a whole grade-all): x86_64 numbers, from the kernel's syscall_64.tbl.
_CROSS_PROCESS = {
    "x86_64": {
        "ptrace": 101,
        "syslog": 103,
        "mknod": 133,
        "setpriority": 141,
        "pivot_root": 155,
        "adjtimex": 159,
        "chroot": 161,
        "acct": 163,
        "settimeofday": 164,
        "mount": 165,
        "umount2": 166,
        "swapon": 167,
        "swapoff": 168,
        "reboot": 169,
        "sethostname": 170,
        "setdomainname": 171,
        "iopl": 172,
        "ioperm": 173,
        "init_module": 175,
        "delete_module": 176,
        "quotactl": 179,
        "clock_settime": 227,
        "kexec_load": 246,
        "add_key": 248,
        "request_key": 249,
        "keyctl": 250,
        "ioprio_set": 251,
        "migrate_pages": 256,
        "mknodat": 259,
        "unshare": 272,
        "move_pages": 279,
        "perf_event_open": 298,
        "fanotify_init": 300,
        "name_to_handle_at": 303,
        "open_by_handle_at": 304,
        "clock_adjtime": 305,
        "setns": 308,
        "process_vm_readv": 310,
        "process_vm_writev": 311,
        "kcmp": 312,
        "finit_module": 313,
        "kexec_file_load": 320,
        "bpf": 321,
        "userfaultfd": 323,
        "pidfd_send_signal": 424,
        "pidfd_open": 434,
        "pidfd_getfd": 438,
        "process_madvise": 440,
        # System V shared memory, semaphores and message queues: no Landlock rule covers them and
        # they outlive the worker and its uid's kill(-1) (a segment one student left was read by the
        # next one graded under the same leased uid; 768 MiB stayed held after the grader ended).
        "shmget": 29,
        "shmat": 30,
        "shmctl": 31,
        "semget": 64,
        "semop": 65,
        "semctl": 66,
        "shmdt": 67,
        "msgget": 68,
        "msgsnd": 69,
        "msgrcv": 70,
        "msgctl": 71,
        "semtimedop": 220,
        # io_uring makes sockets (UDP, unix sockets by path) and more without the socket call:
        # a worker reached a listener by both (attack 11, finding 6). Same numbers on aarch64.
        "io_uring_setup": 425,
        "io_uring_enter": 426,
        "io_uring_register": 427,
    },
    "aarch64": {  # the System V calls and io_uring only (the others above are x86_64's numbers)
        "io_uring_setup": 425,
        "io_uring_enter": 426,
        "io_uring_register": 427,
        "msgget": 186,
        "msgctl": 187,
        "msgrcv": 188,
        "msgsnd": 189,
        "semget": 190,
        "semctl": 191,
        "semtimedop": 192,
        "semop": 193,
        "shmget": 194,
        "shmctl": 195,
        "shmat": 196,
        "shmdt": 197,
    },
}
_CLONE3, _CLONE_THREAD, _X32 = 435, 0x00010000, 0x40000000
_MAP_SHARED_ANONYMOUS = 0x01 | 0x20  # mmap's MAP_SHARED (MAP_SHARED_VALIDATE holds it too) and MAP_ANONYMOUS
_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 22, 2
_RET_ALLOW, _RET_ERRNO = 0x7FFF0000, 0x00050000


class _Instruction(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8), ("k", ctypes.c_uint32)]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Instruction))]


def _no_shared_memory(numbers: dict[str, int]) -> list[tuple[int | str, str | None, str | None, int]]:
    """seccomp_program's steps refusing memfd_create and an mmap both shared and anonymous: memory
    that RLIMIT_DATA does not count."""
    load, jeq, and_ = 0x20, 0x15, 0x54
    return [
        (jeq, "eperm", None, numbers["memfd_create"]),
        (jeq, None, "not mmap", numbers["mmap"]),
        (load, None, None, 40),  # mmap's flags: the low half of its fourth argument
        (and_, None, None, _MAP_SHARED_ANONYMOUS),
        (jeq, "eperm", "allow", _MAP_SHARED_ANONYMOUS),
        ("label", "not mmap", None, 0),
    ]


def seccomp_program(
    arch: int,
    numbers: dict[str, int],
    cross_process: set[int] | frozenset[int] = frozenset(),
    own: int = 0,
    shared_memory: bool = True,
) -> list[tuple[int, int, int, int]]:
    """A classic BPF filter: fork, vfork, a clone without CLONE_THREAD and the `cross_process`
    calls (prlimit, ptrace, setpriority, mount, reboot, ...) fail with EPERM, clone3 with ENOSYS
    (glibc then makes threads with clone), socket and socketpair with EACCES; another
    architecture's or x32's calls fail; prlimit, the scheduler's setters and the calls that send a
    signal work on this process only (`own`, its pid, or 0: Landlock scopes signals only from ABI 6).
    Without `shared_memory`, memfd_create and an anonymous shared mmap fail too: RLIMIT_DATA
    counts private memory only. Everything else is allowed."""
    load, jeq, jge, jset, ret = 0x20, 0x15, 0x35, 0x45, 0x06
    # (code, where to go if true, where to go if false, k): None is the next instruction.
    steps: list[tuple[int | str, str | None, str | None, int]] = [
        (load, None, None, 4),  # seccomp_data.arch
        (jeq, None, "eperm", arch),
        (load, None, None, 0),  # seccomp_data.nr
        (jge, "eperm", None, _X32),
        *[(jeq, "eperm", None, numbers[name]) for name in ("fork", "vfork") if name in numbers],
        *[(jeq, "eperm", None, number) for number in sorted(cross_process)],
        *[(jeq, "eacces", None, numbers[name]) for name in ("socket", "socketpair")],
        (jeq, "enosys", None, _CLONE3),
        *([] if shared_memory else _no_shared_memory(numbers)),
        (jeq, None, "not prlimit", numbers["prlimit64"]),
        (load, None, None, 16),  # prlimit's pid: 0 is this process (getrlimit and setrlimit use it)
        (jeq, "allow", "eperm", 0),
        ("label", "not prlimit", None, 0),
        *[(jeq, "signal", None, numbers[name]) for name in ("kill", "tkill", "tgkill")],
        *[(jeq, "signal", None, numbers[name]) for name in ("rt_sigqueueinfo", "rt_tgsigqueueinfo")],
        *[(jeq, "self", None, numbers[name]) for name in _SELF_ONLY if name in numbers],
        (jeq, None, "allow", numbers["clone"]),
        (load, None, None, 16),  # clone's flags: the low half of its first argument
        (jset, "allow", "eperm", _CLONE_THREAD),
        ("label", "signal", None, 0),
        (load, None, None, 16),  # the pid (or thread group) signalled: this process only
        (jeq, "allow", "eperm", own),
        ("label", "self", None, 0),
        (load, None, None, 16),  # the pid whose scheduling is set: 0 (the caller) or this process
        (jeq, "allow", None, 0),
        (jeq, "allow", "eperm", own),
    ]
    labels = {str(yes): index for index, (code, yes, _no, _k) in enumerate(steps) if code == "label"}
    steps = [step for step in steps if step[0] != "label"]  # a label marks the step after it
    labels = {name: index - sorted(labels.values()).index(index) for name, index in labels.items()}
    returns = {"allow": _RET_ALLOW, "eperm": _RET_ERRNO | errno.EPERM}
    returns |= {"eacces": _RET_ERRNO | errno.EACCES, "enosys": _RET_ERRNO | errno.ENOSYS}
    where = {label: len(steps) + index for index, label in enumerate(returns)} | labels

    def jump(index: int, label: str | None) -> int:
        return 0 if label is None else where[label] - index - 1

    program = [(int(code), jump(i, yes), jump(i, no), k) for i, (code, yes, no, k) in enumerate(steps)]
    return program + [(ret, 0, 0, value) for value in returns.values()]


def no_new_processes_or_sockets(report: Confinement, *, shared_memory: bool = True) -> None:
    """The filter, installed for good. `shared_memory=False` (a machine without a GPU, whose driver
    might map shared memory) also refuses memory its limit would not count."""
    libc = ctypes.CDLL(None, use_errno=True) if platform.system() == "Linux" else None
    arch = _ARCH.get(platform.machine())
    if libc is None or arch is None:
        report.off.append("processes and sockets (seccomp filter for this machine)")
        return
    cross = set(_CROSS_PROCESS.get(platform.machine(), {}).values())
    code = seccomp_program(*arch, cross, own=os.getpid(), shared_memory=shared_memory)
    instructions = (_Instruction * len(code))(*[_Instruction(*i) for i in code])
    program = _Program(len(code), instructions)
    if (
        libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0
        or libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(program), 0, 0) != 0
    ):
        report.off.append(f"processes and sockets (seccomp: {os.strerror(ctypes.get_errno())})")
        return
    report.on.append("no new processes or sockets, no reaching other processes (seccomp)")
    if not shared_memory:
        report.on.append("no shared memory past the memory limit (seccomp)")
    if getattr(os, "geteuid", lambda: -1)() == 0:  # (Windows has no geteuid: tests simulate it on Linux)
        drop_capabilities(libc, report)


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def drop_capabilities(libc: ctypes.CDLL, report: Confinement) -> None:
    """Root keeps its uid but loses every capability: no raw sockets, no clock, no reboot, no
    reading past file modes (the seccomp filter refuses the calls too; this is the second lock)."""
    header = _CapHeader(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3: two data words
    data = (_CapData * 2)()
    if libc.capset(ctypes.byref(header), data) != 0:
        report.off.append(f"capabilities ({os.strerror(ctypes.get_errno())})")
        return
    report.on.append("no capabilities")
