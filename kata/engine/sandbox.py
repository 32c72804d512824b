"""What graded code may not touch, and who enforces it (docs/grading.md has the whole model).

- The kernel (kata.engine.confine): each worker confines itself with Landlock before it imports
  graded code. It reads only Python, its packages, the kata's own package and its own copy of
  the graded files; writes only its own folder; starts no program; opens no TCP connection;
  cannot signal processes outside its domain; runs under resource limits.
- Where the grader runs as root (Gradescope, containers, CI), the worker also drops to an
  unprivileged account, and the hidden tests, the reference and the grader's own scenarios are
  root-only (mode 700).
- The parent checks the grading files after every judge (kata.engine.grading_files_check): where the
  kernel has no Landlock and someone grades their own code anyway, a change is still found, charged and undone.
"""

from __future__ import annotations

import errno
import glob
import os
import shutil
import signal
import sys
import sysconfig
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kata import HIDDEN_DIR, ROOT, SOLUTIONS_DIR
from kata.core import bytecode, launcher, refusals
from kata.core.manifest import load_manifest
from kata.core.paths import display_path, regular_file
from kata.core.settings import settings
from kata.i18n import N_, _

try:
    import pwd
except ModuleNotFoundError:  # Windows: no Unix accounts, so no privilege drop
    pwd = None  # type: ignore[assignment]  # mypy types an optional module only as the module; uses check for None
try:
    import resource
except ModuleNotFoundError:  # Windows: no resource limits
    resource = None  # type: ignore[assignment]  # as pwd above

# Readable by root only while graded code runs unprivileged: they hold hidden or correct code.
ROOT_ONLY_DIRS = (HIDDEN_DIR, SOLUTIONS_DIR, ROOT / "grader_tests")
UNCONFINED_REFUSED = N_(
    "kata: graded code cannot be confined here ({off}), and grading other people's code needs confinement. "
    "Grade on Linux 5.13 or later with Landlock, or pass --unconfined to grade anyway (the results say so)."
)
UNCONFINED_NOTE = N_(
    "kata: graded code runs unconfined here ({off}): it can read and write what you can. Grading your own "
    "code is fine; to grade other people's code use Linux 5.13 or later."
)
# The kata's refusals (kata.core.refusals), named here where the worker raises them.
REFERENCE_OFF_LIMITS, HIDDEN_OFF_LIMITS = refusals.REFERENCE_OFF_LIMITS, refusals.HIDDEN_OFF_LIMITS
CONFINED, NO_PROGRAMS = refusals.CONFINED, refusals.NO_PROGRAMS
# What a worker keeps of its environment: the learner's language and device; nothing that names a path.
KEPT_ENVIRONMENT = (
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "KATA_LANG",
    "KATA_LAUNCHER",
    "KATA_PYTHON",
    "KATA_MODE",
    "KATA_DEVICE",
)
KEPT_ENVIRONMENT_PREFIXES = ("CUDA_", "NVIDIA_")


def exercises_touched(files: list[str], exercises: list[str]) -> list[str]:
    """The exercises whose grade a changed file decides: a test file decides its exercise's,
    anything else (the grader, the manifest) every exercise's."""
    touched = set()
    for name in files:
        stem = Path(name).stem.removeprefix("test_")
        if name.startswith(("tests/", "hidden_tests/")) and stem in exercises:
            touched.add(stem)
        else:
            return list(exercises)
    return [e for e in exercises if e in touched]


# -- running graded code unprivileged --------------------------------------------------------


@dataclass(frozen=True)
class Account:
    """Who graded code runs as after the drop."""

    uid: int
    gid: int
    name: str


def wanted_account() -> Account | None:
    """The account to drop to: only when running as root; KATA_SANDBOX_USER names it
    (default nobody), KATA_SANDBOX_USER=none keeps root (not recommended)."""
    if pwd is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    name = settings().sandbox_user
    if name.lower() == "none":
        return None
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return None
    return Account(entry.pw_uid, entry.pw_gid, name)


def keep_out_of_reach() -> None:
    """Linux: no process of the same user may read this process's memory or descriptors through
    /proc or ptrace. The grader and its judges call it: where graded code runs as the grader's own
    user (a grader that is not root), it could otherwise open their pipes through /proc/PID/fd and
    write forged verdicts. Root reaches them anyway: graded code must not keep root."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4: /proc/<pid>/mem, fd and ptrace become root's only
    except (OSError, AttributeError):
        pass


def end_processes_of(account: Account) -> None:
    """Kill every process still running as `account` once its judge has ended: graded code can
    fork below the audit hook (ctypes) and leave a process behind that would meet the next
    submission graded under the same account. kill(-1) from a process of that account reaches all
    of its processes and no other."""
    if not hasattr(os, "fork"):
        return
    pid = os.fork()
    if pid == 0:
        try:
            os.setgroups([])
            os.setgid(account.gid)
            os.setuid(account.uid)
            os.kill(-1, signal.SIGKILL)
        except OSError:  # none left (ESRCH), or not allowed
            pass
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def drop_privileges(account: Account, home: str) -> None:
    """In a worker, before it confines itself: give up root for good (groups, gid, then uid)."""
    os.setgroups([])
    os.setgid(account.gid)
    os.setuid(account.uid)
    if os.getuid() != account.uid or os.geteuid() != account.uid:
        raise SystemExit("kata: could not drop privileges")
    os.environ["HOME"] = home


def needed_folders() -> list[str]:
    """What the unprivileged child must still read: the interpreter's library, every folder on
    sys.path (the venv's packages among them) and the grader."""
    folders = [sysconfig.get_path("stdlib"), sysconfig.get_path("platstdlib"), str(ROOT / "kata"), str(ROOT / "tests")]
    folders += [p for p in sys.path if p and os.path.isdir(p)]
    return list(dict.fromkeys(f for f in folders if f))


@cache
def drop_plan() -> tuple[Account | None, str]:
    """(account, "") when graded code will run unprivileged; (None, why not) when it runs as the
    grader's own user. Decided once: a forked probe drops to the first judge's id and tries to read
    everything a child needs, because a checkout or interpreter under a private home folder
    (/root) is unreadable to any other user."""
    account = wanted_account()
    if account is None:
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            return None, "KATA_SANDBOX_USER is none or names no user"
        return None, ""
    from kata.engine.accounts import slot_account  # it imports this module: here, not at the top

    probe = slot_account(account, 0)  # the id the first judge runs as: what it can read, others can
    folders = needed_folders()  # before the drop: finding them may import from the interpreter's library
    devices = sorted(glob.glob("/dev/nvidia*"))  # CUDA opens these: a GPU must stay usable after the drop
    temporary = tempfile.gettempdir()  # the child's working folder is made in here
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_fd)
            drop_privileges(probe, "/")
            blocked = next((f for f in folders if not os.access(f, os.R_OK | os.X_OK)), "")
            blocked = blocked or next((d for d in devices if not os.access(d, os.R_OK | os.W_OK)), "")
            blocked = blocked or ("" if os.access(temporary, os.X_OK) else temporary)
            os.write(write_fd, (blocked or "ok").encode())
        finally:
            os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as pipe:
        answer = pipe.read().decode(errors="replace")
    os.waitpid(pid, 0)
    if answer == "ok":
        for folder in ROOT_ONLY_DIRS:
            if folder.is_dir() and folder.stat().st_uid == os.geteuid():
                folder.chmod(0o700)
        return account, ""
    return None, f"user {account.name} cannot read {answer or 'what grading needs'}"


def unix_only_off() -> str:
    """What this system cannot do that Unix does ("" on Linux and macOS): said once per grade."""
    missing = [name for name, module in (("pwd", pwd), ("resource", resource)) if module is None]
    if not missing:
        return ""
    return _(
        "kata: on this system graded code runs as your own user, without a privilege drop or resource "
        "limits (they need Unix's modules {modules}); the hash check still applies.",
        modules=", ".join(missing),
    )


def fallback_note(reason: str) -> str:
    """What an instructor reads when graded code cannot run unprivileged as root."""
    return _(
        "kata: running as root, but graded code cannot run as an unprivileged user ({reason}); it runs "
        "as root, confined by the kernel where it can be, with the hash check. Make the interpreter, the venv and the "
        "checkout readable by that user (see docs/instructors.md).",
        reason=reason,
    )


def secret_folders(impl: Path) -> list[str]:
    """Folders no rule of a worker's may hold: the reference, the hidden tests (and the kata's
    bytecode cache, which holds them compiled), the grader's scenarios, and the graded folder's own
    parent (classmates' submissions sit beside it)."""
    folders = [*ROOT_ONLY_DIRS, impl.resolve()]
    if impl.resolve().parent != ROOT:
        folders.append(impl.resolve().parent)
    cache = bytecode.CachedSourceLoader.cache  # the grader's, not where a worker's cleared HOME points
    if cache is not None:
        folders.append(cache)
    return [str(folder) for folder in folders]


def own_folder(workdir: str, impl: Path, account: Account | None, modules: list[str] | None = None) -> Path:
    """A worker's own folder in `workdir`, all it may write, and beside it (graded_copy) a copy of
    the graded files, which it may read only: a module it wrote there at run time would be imported
    unread by the judge. The copy holds the exercise files the manifest names (or `modules`, the
    kata's own tests' stand-ins) and nothing else: a `pydoc.py` beside them would stand in for the
    standard library's when graded code calls help(). No bytecode cache; plain files only, no
    symbolic link followed."""
    own = Path(tempfile.mkdtemp(prefix="worker-", dir=workdir))
    copy = graded_copy(own)
    copy.mkdir()
    for source in (impl / f"{name}.py" for name in modules or [e.name for e in load_manifest()]):
        if regular_file(source):  # copied while still unconfined: never through a link
            shutil.copyfile(source, copy / source.name, follow_symlinks=False)
    if account is not None:
        for path in [Path(workdir), own, copy, *copy.iterdir()]:
            os.chown(path, account.uid, account.gid)
    return own


def graded_copy(own: Path) -> Path:
    """The read-only copy of the graded files beside a worker's own folder (own_folder)."""
    return own.with_name(own.name + ".graded")


def forget_the_grader(home: str) -> None:
    """Leave the worker nothing that names the grader's or the class's paths: its argv (sys.argv and
    the process's own argument and environment memory, /proc/self/cmdline) and its environment."""
    kept = {
        name: value
        for name, value in os.environ.items()
        if name in KEPT_ENVIRONMENT or name.startswith(KEPT_ENVIRONMENT_PREFIXES)
    }
    os.environ.clear()
    _wipe_arguments()
    os.environ.update(kept, HOME=home, TMPDIR=home, PATH="/usr/bin:/bin")
    sys.argv = ["kata-worker"]
    sys.orig_argv = ["kata-worker"]


def _wipe_arguments() -> None:
    """Zero the memory the kernel shows as /proc/self/cmdline and /proc/self/environ (Linux)."""
    try:
        with open("/proc/self/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        import ctypes

        for start, end in ((int(fields[45]), int(fields[46])), (int(fields[47]), int(fields[48]))):
            if 0 < start < end:
                ctypes.memset(start, 0, end - start)
    except (OSError, ValueError, IndexError, ImportError):
        pass  # not Linux: /proc/self/cmdline does not exist


def hint_for(error: BaseException) -> str:
    """The hint command of the exercise whose code did it (`make hint EX=ex02`): the innermost
    exercise file in the error's traceback; the current exercise's (`make hint`) where none is."""
    import re

    tb, name = error.__traceback__, ""
    while tb is not None:
        found = re.fullmatch(r"(ex\d\d_\w+)\.py", os.path.basename(tb.tb_frame.f_code.co_filename))
        name = found.group(1) if found else name
        tb = tb.tb_next
    return launcher.command("hint", name)


def confined_message(error: BaseException) -> str:
    """A refusal by the kernel, in words: what was refused and why ('' if `error` is none)."""
    if not isinstance(error, PermissionError):
        return ""
    filename = getattr(error, "filename", None)
    if not isinstance(filename, str):
        refused = getattr(error, "errno", None) in (errno.EPERM, errno.EACCES)
        return _(NO_PROGRAMS, event="fork, kill, socket") if refused else ""
    if os.sep not in filename and not os.path.exists(filename):  # subprocess names the program it could not start
        return _(NO_PROGRAMS, event=filename)
    real = os.path.realpath(filename)
    if real.startswith(str(SOLUTIONS_DIR) + os.sep) or real == str(SOLUTIONS_DIR):
        return _(REFERENCE_OFF_LIMITS, path=display_path(filename), command=hint_for(error))
    if real.startswith(str(HIDDEN_DIR) + os.sep) or real == str(HIDDEN_DIR):
        return _(HIDDEN_OFF_LIMITS, path=display_path(filename))
    return _(CONFINED, path=display_path(filename))
