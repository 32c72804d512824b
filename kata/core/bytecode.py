"""The grader's own bytecode, kept out of the checkout: kata/, tests/, hidden_tests/ and
conftest.py are compiled once per version of their source, into a private cache.

Why: `make` turns bytecode writing off (PYTHONDONTWRITEBYTECODE), so that nothing lands in the
learner's folders, and a grade then compiled every module of the kata and every test file again
(about 0.3 s a grade). Why not Python's own cache: it sits beside the source, in the checkout,
where a planted `.pyc` whose header matches an unchanged `.py` is run in its place.

Here an entry is named by the hash of the source bytes (and the interpreter's bytecode version),
so it can only stand for exactly that source, whatever the files' times say; the cache sits in
the user's cache folder ($XDG_CACHE_HOME or ~/.cache), made readable by its owner only, out of
graded code's reach (kata.engine.confine). Learner files are never cached: workers import them
from their own copy with bytecode off. Where the cache cannot be written, or is not this user's
own, modules compile as before; grading other people's code unconfined drops it (distrust).

What it does not cover: the four modules Python loads before install() runs (kata, kata.__main__,
kata.core, kata.core.bytecode) are loaded as Python loads them, and so is everything in a judge
or worker that was spawned rather than forked (macOS, Windows, KATA_START=spawn).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.machinery
import importlib.util
import marshal
import os
import stat
import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING

from kata import HIDDEN_DIR, ROOT

if TYPE_CHECKING:
    from importlib.abc import PathEntryFinder  # importlib.abc imports importlib.resources: 8 ms

OWN_DIRS = (ROOT / "kata", ROOT / "tests", HIDDEN_DIR)  # and their sub-folders
OWN_FILES = (str(ROOT / "conftest.py"),)
_PREFIXES = tuple(f"{folder}{os.sep}" for folder in OWN_DIRS)  # strings: asked of every folder imported from


def cache_dir() -> Path | None:
    """The user's cache folder for the kata's bytecode, or None where there is no home."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    try:
        root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    except (RuntimeError, KeyError):  # no HOME and no entry in the password database
        return None
    if not root.is_absolute():  # HOME=. would name another folder wherever a process works
        return None
    return root / "kata" / f"bytecode-{sys.implementation.cache_tag}"


def private(folder: Path) -> bool:
    """`folder` and the kata's folder above it are real folders (no symbolic link), this user's,
    and writable by nobody else: an entry there is run as code, so nobody else may put one there
    (a shared XDG_CACHE_HOME, or root under sudo with the user's HOME)."""
    if not hasattr(os, "geteuid"):  # Windows: no owner to check, and no grading there (kata.cli.run)
        return False
    try:
        folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
        for level in (folder.parent, folder):
            info = os.lstat(level)
            if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o022:
                return False
    except OSError:
        return False
    return True


def is_own(path: str) -> bool:
    """A source file of the grader's own (never a learner's: exercises/ and solutions/ are not)."""
    return path in OWN_FILES or path.startswith(_PREFIXES)


class CachedSourceLoader(importlib.machinery.SourceFileLoader):
    """SourceFileLoader for the grader's own files: bytecode from the private cache only."""

    cache: Path | None = None

    def get_code(self, fullname: str) -> types.CodeType | None:
        path = self.get_filename(fullname)
        if self.cache is None or not is_own(path):
            return super().get_code(fullname)
        source = self.get_data(path)
        key = hashlib.sha256(importlib.util.MAGIC_NUMBER + bytes([sys.flags.optimize]) + source).hexdigest()
        entry = self.cache / f"{key[:40]}.bin"
        try:
            fd = os.open(entry, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, "rb") as file:
                code = marshal.loads(file.read())
        except (OSError, ValueError, EOFError, TypeError):
            code = None
        if isinstance(code, types.CodeType):
            return code if code.co_filename == path else placed(code, path)
        code = self.source_to_code(source, path)
        store(entry, marshal.dumps(code))
        return code


def placed(code: types.CodeType, path: str) -> types.CodeType:
    """The same code, compiled from the same bytes at another path (a release's pristine copy),
    as compiled at `path`: tracebacks name the file that was imported."""
    consts = tuple(placed(const, path) if isinstance(const, types.CodeType) else const for const in code.co_consts)
    return code.replace(co_filename=path, co_consts=consts)


def store(entry: Path, data: bytes) -> None:
    """Write atomically (a reader never sees half an entry); a cache that cannot be written is
    no cache, not an error."""
    import tempfile  # here: every run imports this module, few write an entry

    try:
        fd, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(temporary, entry)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def install() -> None:
    """Load the grader's own modules through CachedSourceLoader from now on, in this process and
    the processes it forks. Called first thing by `python -m kata`."""
    folder = cache_dir()
    if folder is not None and private(folder):
        CachedSourceLoader.cache = folder
        install_hook()


def distrust() -> None:
    """Grading other people's code unconfined (--unconfined): their code could write entries as
    this user. None is read from now on, and the folder is removed now and when this process ends."""
    import atexit
    import shutil

    folder, CachedSourceLoader.cache = cache_dir(), None
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        atexit.register(shutil.rmtree, folder, True)


def install_hook() -> None:
    """The path hook that gives the grader's folders CachedSourceLoader (once per process)."""
    if any(getattr(hook, "kata_bytecode", False) for hook in sys.path_hooks):
        return
    # Source files only: neither a bytecode file nor a compiled extension in these folders is run.
    finder = importlib.machinery.FileFinder.path_hook((CachedSourceLoader, importlib.machinery.SOURCE_SUFFIXES))

    def hook(path: str) -> PathEntryFinder:
        if not is_own_folder(path):
            raise ImportError("not the grader's own folder")
        return finder(path)

    hook.kata_bytecode = True  # type: ignore[attr-defined]
    sys.path_hooks.insert(0, hook)
    for path in list(sys.path_importer_cache):  # finders made before now would load as before
        if is_own_folder(path):
            del sys.path_importer_cache[path]


def is_own_folder(path: str) -> bool:
    """The checkout's top (conftest.py; its packages are looked at file by file) or one of OWN_DIRS."""
    folder = os.path.abspath(path or os.getcwd())
    return folder == str(ROOT) or f"{folder}{os.sep}".startswith(_PREFIXES)
