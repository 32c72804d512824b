"""What graded code may not change: root, files outside its folder, the grading files. (What it
may not read or run: kata.engine.guard.)

Three layers, because each alone has a gap:
- Where the grader runs as root (Gradescope, containers, CI), the worker drops to an
  unprivileged account before it imports any graded code: the grading files are root's and not
  writable by it, and the hidden tests, the reference solutions and the grader's own scenarios
  are root-only (mode 700).
- In every worker, an audit hook (PEP 578) refuses writes outside its temporary working folder:
  open for writing, rename, remove, chmod and the like.
- Code can go below the audit hook (ctypes, raw syscalls), so the parent hashes the grading
  files after every child (GradingFiles): a change is charged to the submission that made it,
  and the pristine bytes are written back before anyone else is graded.
"""

from __future__ import annotations

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
from kata.core.grading_files import grading_files
from kata.core.paths import display_path
from kata.core.settings import settings
from kata.i18n import N_, _

try:
    import pwd
except ModuleNotFoundError:  # Windows: no Unix accounts, so no privilege drop (unix_only_off says so)
    pwd = None
try:
    import resource
except ModuleNotFoundError:  # Windows: no resource limits
    resource = None

# Readable by root only while graded code runs unprivileged: they hold hidden or correct code.
ROOT_ONLY_DIRS = (HIDDEN_DIR, SOLUTIONS_DIR, ROOT / "grader_tests")
NO_WRITES = N_(
    "Writing files outside the grading's own temporary folder ({event} {path}) is not allowed while grading. "
    "An exercise returns its result; it never needs to write files."
)
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_WRITE_EVENTS = {  # event -> positions of the path arguments it changes
    "os.rename": (0, 1),
    "os.remove": (0,),
    "os.rmdir": (0,),
    "os.mkdir": (0,),
    "os.chmod": (0,),
    "os.chown": (0,),
    "os.link": (1,),
    "os.symlink": (1,),
    "os.truncate": (0,),
    "os.utime": (0,),
    "os.setxattr": (0,),
    "os.removexattr": (0,),
    "shutil.rmtree": (0,),
    "shutil.copyfile": (1,),
    "shutil.copymode": (1,),
    "shutil.copystat": (1,),
    "shutil.chown": (0,),
    "shutil.move": (0, 1),
}


class GradingFiles:
    """The bytes of every grading file, taken before grading starts: what `changed` compares
    against and what `restore` writes back."""

    def __init__(self, root: Path = ROOT) -> None:
        self.root = root
        self.pristine = {name: path.read_bytes() for name, path in self._current().items()}

    def _current(self) -> dict[str, Path]:
        return {str(path.relative_to(self.root)): path for path in grading_files(self.root)}

    def changed(self) -> list[str]:
        """Grading files added, removed or rewritten since the snapshot, by name."""
        current = self._current()
        names = set(current) | set(self.pristine)
        return sorted(
            name
            for name in names
            if name not in current or name not in self.pristine or current[name].read_bytes() != self.pristine[name]
        )

    def restore(self) -> None:
        """Write the pristine bytes back and remove files that were added."""
        for name in self.changed():
            path = self.root / name
            if name not in self.pristine:
                path.unlink(missing_ok=True)
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif path.is_symlink():
                path.unlink()
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(self.pristine[name])


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


def slot_account(base: Account, slot: int) -> Account:
    """Children that run side by side get distinct unused user ids next to the base account,
    so one cannot signal or read another (same uid would allow both)."""
    if slot == 0 or pwd is None:
        return base
    uid = base.uid - slot
    try:
        pwd.getpwuid(uid)
    except KeyError:
        return Account(uid, base.gid, f"{base.name}-{slot}")
    return base  # taken by a real user: share the base account instead


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
    """In the grading child: give up root for good (groups, gid, then uid)."""
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
    grader's own user. Decided once: a forked probe drops to the account and tries to read
    everything a child needs, because a checkout or interpreter under a private home folder
    (/root) is unreadable to any other user."""
    account = wanted_account()
    if account is None:
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            return None, "KATA_SANDBOX_USER is none or names no user"
        return None, ""
    folders = needed_folders()  # before the drop: finding them may import from the interpreter's library
    devices = sorted(glob.glob("/dev/nvidia*"))  # CUDA opens these: a GPU must stay usable after the drop
    temporary = tempfile.gettempdir()  # the child's working folder is made in here
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_fd)
            drop_privileges(account, "/")
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
        "limits (they need Unix's modules {modules}); the write guard and the hash check still apply.",
        modules=", ".join(missing),
    )


def fallback_note(reason: str) -> str:
    """What an instructor reads when graded code cannot run unprivileged as root."""
    return _(
        "kata: running as root, but graded code cannot run as an unprivileged user ({reason}); it runs "
        "as root with the write guard and the hash check only. Make the interpreter, the venv and the "
        "checkout readable by that user (see the README's instructor section).",
        reason=reason,
    )


def prepare_workdir(workdir: str, impl: Path, account: Account) -> Path:
    """For an unprivileged child: its working folder becomes its own, with a copy of the graded
    files in it (the submission's own folder may be private to root, as in the autograder)."""
    copy = Path(workdir) / "graded"
    copy.mkdir()
    for source in sorted(impl.glob("*.py")):
        if source.is_file():
            shutil.copyfile(source, copy / source.name)
    for path in [Path(workdir), copy, *copy.iterdir()]:
        os.chown(path, account.uid, account.gid)
    return copy


# -- the write guard ---------------------------------------------------------------------------


def refuse_writes_outside(workdir: str) -> None:
    """From now on, refuse every write outside workdir (and os.devnull) in this process (what
    graded code may not read or run: kata.engine.guard)."""
    allowed = os.path.realpath(workdir)

    def inside(target: object) -> bool:
        if isinstance(target, int):
            return False
        if not isinstance(target, (str, bytes, os.PathLike)):
            return True
        path = os.path.realpath(os.fsdecode(target))
        return path == os.devnull or path == allowed or path.startswith(allowed + os.sep)

    def hook(event: str, args: tuple) -> None:
        if event == "open":
            target, flags = args[0], args[2] if len(args) > 2 else 0
            if isinstance(target, int) or not isinstance(flags, int) or not flags & _WRITE_FLAGS:
                return
            if not inside(target):
                raise PermissionError(_(NO_WRITES, event="open", path=display_path(os.fsdecode(target))))
        elif event in _WRITE_EVENTS:
            for position in _WRITE_EVENTS[event]:
                if position < len(args) and not inside(args[position]):
                    shown = (
                        args[position] if isinstance(args[position], int) else display_path(os.fsdecode(args[position]))
                    )
                    raise PermissionError(_(NO_WRITES, event=event, path=shown))

    sys.addaudithook(hook)


def enter(workdir: str, account: Account | None) -> None:
    """In the grading child, after collection and before any graded code runs."""
    if account is not None:
        drop_privileges(account, workdir)
    refuse_writes_outside(workdir)
