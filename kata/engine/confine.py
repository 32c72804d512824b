"""Confinement the kernel enforces on a worker: Landlock rules, no_new_privs, resource limits.

A worker calls `confine` once, after its own copy of the graded files is made and before it
imports any of them. From then on the kernel, not Python, decides what it may touch: it reads
only the interpreter, its libraries, the kata's own package and its copy; it writes only its own
folder; it starts no program (no execute right anywhere), opens no TCP connection, and cannot
signal or reach through abstract sockets any process outside its domain (Landlock ABI 6). No
Python code in the worker can undo it: Landlock has no call that lifts a rule.

Written over the three Landlock system calls with ctypes instead of a PyPI binding: `landlock`
(1.0.0.dev5) and `landlockpy` (0.2.0) are pre-releases with few users, and the calls are three
(kernel documentation: Documentation/userspace-api/landlock.rst).

On systems without Landlock (macOS, Windows, kernels before 5.13, containers whose host lacks
it) `confine` confines what it can (limits) and says what is off; whoever grades other people's
code refuses to run then (kata.cli.common.confinement).
"""

from __future__ import annotations

import ctypes
import errno
import glob
import os
import platform
import sys
import sysconfig
from dataclasses import dataclass, field

from kata.engine import seccomp

try:
    import resource
except ModuleNotFoundError:  # Windows
    resource = None  # type: ignore[assignment]

# System call numbers: the same in the generic table (aarch64, riscv) and on x86_64.
_SYSCALLS = {"create_ruleset": 444, "add_rule": 445, "restrict_self": 446}
_CREATE_RULESET_VERSION = 1 << 0
_RULE_PATH_BENEATH, _RULE_NET_PORT = 1, 2
_PR_SET_NO_NEW_PRIVS = 38

# Filesystem rights, by the ABI that introduced them.
EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
REMOVE_DIR, REMOVE_FILE, MAKE_CHAR, MAKE_DIR = 1 << 4, 1 << 5, 1 << 6, 1 << 7
MAKE_REG, MAKE_SOCK, MAKE_FIFO, MAKE_BLOCK, MAKE_SYM = 1 << 8, 1 << 9, 1 << 10, 1 << 11, 1 << 12
REFER, TRUNCATE, IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15
_FS_BY_ABI = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 5: (1 << 16) - 1}
_NET_BIND_TCP, _NET_CONNECT_TCP = 1 << 0, 1 << 1
_SCOPE_ABSTRACT_UNIX_SOCKET, _SCOPE_SIGNAL = 1 << 0, 1 << 1

READ = READ_FILE | READ_DIR
FILE_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV  # all a non-directory accepts
WRITE = READ | WRITE_FILE | REMOVE_DIR | REMOVE_FILE | MAKE_DIR | MAKE_REG | MAKE_SYM | REFER | TRUNCATE

# What a worker needs of the system, read only, where it exists. The kernel's own views (/proc of
# this process, /sys) and the dynamic loader's files; CUDA's when a GPU is there.
SYSTEM_READ = (
    "/usr/lib",
    "/usr/lib64",
    "/usr/local/lib",
    "/usr/share/zoneinfo",
    "/lib",
    "/lib64",
    "/etc/ld.so.cache",
    "/etc/localtime",
    "/etc/passwd",
    "/etc/group",
    "/proc/self",
    "/proc/cpuinfo",
    "/proc/meminfo",
    "/proc/driver/nvidia",
    "/sys",
    "/dev/urandom",
)
LIMITS = {  # resource -> soft and hard limit; a worker's work is seven small exercises
    "RLIMIT_DATA": 8 << 30,  # memory: not RLIMIT_AS, which CUDA's address reservations exceed
    "RLIMIT_FSIZE": 16 << 20,  # no file over 16 MiB (the total is not capped: a filesystem quota does that)
    "RLIMIT_NOFILE": 256,
    "RLIMIT_CPU": 120,  # seconds of CPU: a worker grades one exercise in a few; this ends threads left spinning
    "RLIMIT_CORE": 0,
}


@dataclass
class Confinement:
    """What a worker got: `on` names what the kernel enforces, `off` what it could not, and why."""

    abi: int = 0
    on: list[str] = field(default_factory=list)
    off: list[str] = field(default_factory=list)

    @property
    def files(self) -> bool:
        """Files confined: the kernel refuses reads and writes outside the rules."""
        return self.abi >= 1


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def abi() -> int:
    """The kernel's Landlock ABI version, 0 where there is none (or not Linux)."""
    libc = _libc()
    if libc is None or platform.machine() not in ("x86_64", "aarch64", "riscv64"):
        return 0
    version = libc.syscall(_SYSCALLS["create_ruleset"], None, ctypes.c_size_t(0), _CREATE_RULESET_VERSION)
    return max(int(version), 0)


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("fs", ctypes.c_uint64), ("net", ctypes.c_uint64), ("scoped", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _fs_rights(version: int) -> int:
    return _FS_BY_ABI[max(v for v in _FS_BY_ABI if v <= version)]


def landlock(read: list[str], write: list[str], devices: list[str], version: int) -> None:
    """Restrict this process and every process it starts: read beneath `read`, read and write
    beneath `write`, read, write and ioctl on the `devices` files; no execute, no TCP, no signals
    or abstract sockets outside. Raises OSError when the kernel refuses."""
    libc = _libc()
    assert libc is not None
    handled = _fs_rights(version)
    attr = _RulesetAttr(handled, _NET_BIND_TCP | _NET_CONNECT_TCP if version >= 4 else 0, 0)
    if version >= 6:
        attr.scoped = _SCOPE_ABSTRACT_UNIX_SOCKET | _SCOPE_SIGNAL
    size = 24 if version >= 6 else 16 if version >= 4 else 8
    ruleset = libc.syscall(_SYSCALLS["create_ruleset"], ctypes.byref(attr), ctypes.c_size_t(size), 0)
    if ruleset < 0:
        raise OSError(ctypes.get_errno(), "landlock_create_ruleset: " + os.strerror(ctypes.get_errno()))
    try:
        for paths, rights in ((read, READ), (write, WRITE), (devices, READ_FILE | WRITE_FILE | IOCTL_DEV)):
            for path in paths:
                _allow(libc, ruleset, path, rights & handled)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS)")
        if libc.syscall(_SYSCALLS["restrict_self"], ruleset, 0) != 0:
            raise OSError(ctypes.get_errno(), "landlock_restrict_self: " + os.strerror(ctypes.get_errno()))
    finally:
        os.close(ruleset)


def _allow(libc: ctypes.CDLL, ruleset: int, path: str, rights: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return  # not on this system: nothing to allow
    try:
        if not os.path.isdir(f"/proc/self/fd/{fd}"):
            rights &= FILE_RIGHTS  # a file takes file rights only (EINVAL otherwise)
        rule = _PathBeneath(rights, fd)
        if libc.syscall(_SYSCALLS["add_rule"], ruleset, _RULE_PATH_BENEATH, ctypes.byref(rule), 0) != 0:
            code = ctypes.get_errno()
            raise OSError(code, f"landlock_add_rule({path}): {os.strerror(code)}")
    finally:
        os.close(fd)


def python_paths() -> list[str]:
    """Where the interpreter, its standard library and installed packages live."""
    names = ("stdlib", "platstdlib", "purelib", "platlib")
    found = [sysconfig.get_path(name) for name in names]
    found += [sys.prefix, sys.exec_prefix, sys.base_prefix, sys.base_exec_prefix]
    found += [p for p in sys.path if p.endswith(("site-packages", "dist-packages"))]
    return sorted({os.path.realpath(p) for p in found if p and os.path.isdir(p)})


def overlap(allowed: list[str], secret: list[str]) -> str:
    """A secret folder that an allowed one holds (or that holds it), else ''."""
    for folder in secret:
        real = os.path.realpath(folder)
        for path in allowed:
            if real == path or real.startswith(path.rstrip(os.sep) + os.sep):
                return f"{path} holds {real}"
    return ""


def set_limits(report: Confinement) -> None:
    if resource is None:
        report.off.append("limits (no resource module)")
        return
    for name, value in LIMITS.items():
        kind = getattr(resource, name, None)
        if kind is None:
            continue
        try:
            soft, hard = resource.getrlimit(kind)
            value = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(kind, (value, value))
        except (ValueError, OSError) as error:
            report.off.append(f"{name} ({error})")
            continue
        report.on.append(name)


def why_not(read: list[str], secret: list[str], *, files: bool = True) -> str:
    """'' when a worker can confine its files; else why not, in a few words (said before grading)."""
    if not files:
        return "KATA_CONFINE=none"
    if abi() == 0:
        return "no Landlock in this kernel" if _libc() else "Landlock is Linux only"
    readable = sorted({os.path.realpath(p) for p in [*python_paths(), *read] if os.path.exists(p)})
    return overlap(readable, secret)


def confine(read: list[str], write: list[str], secret: list[str], *, files: bool = True) -> Confinement:
    """Confine this process for good: limits, then Landlock over `read` (with the interpreter's
    and the system's paths) and `write`. `secret`: folders no rule may hold (the reference, the
    hidden tests, other submissions): if one would, files stay unconfined and `off` says why.
    `files=False` (KATA_CONFINE=none) leaves files, network and signals as on a system without
    Landlock: how the kata's own tests check what still holds there."""
    report = Confinement()
    set_limits(report)
    if not files:
        report.off.append("files, network and signals (KATA_CONFINE=none)")
        return report
    version = abi()
    if version == 0:
        report.off.append(
            "files, network and signals (no Landlock in this kernel)" if _libc() else "Landlock (Linux only)"
        )
        return report
    readable = sorted({os.path.realpath(p) for p in [*python_paths(), *read] if os.path.exists(p)})
    clash = overlap(readable, secret)
    if clash:
        report.off.append(f"files ({clash})")
        return report
    system = [p for p in SYSTEM_READ if os.path.exists(p)]
    gpus = sorted(glob.glob("/dev/nvidia*"))
    devices = gpus + ["/dev/null"]
    try:
        landlock([*system, *readable], write, devices, version)
    except OSError as error:
        if error.errno in (errno.ENOSYS, errno.EOPNOTSUPP):
            report.off.append("files (Landlock is off in this kernel)")
            return report
        raise
    report.abi = version
    seccomp.no_new_processes_or_sockets(report, shared_memory=bool(gpus))  # CUDA's driver may map shared memory
    report.on.append(f"files (Landlock ABI {version})")
    report.on.append("network: TCP" if version >= 4 else "")
    report.on.append("signals and abstract sockets" if version >= 6 else "")
    report.on = [item for item in report.on if item]
    if version < 4:
        report.off.append("network (Landlock ABI 4, Linux 6.7)")
    if version < 6:
        report.off.append("signals (Landlock ABI 6, Linux 6.12)")
    return report
